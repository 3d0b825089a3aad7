import Dispatch

/// Wall-clock seconds of each step of an ingest (read, parse, merge, write), for the report.
struct PhaseClock {
    private var last = DispatchTime.now().uptimeNanoseconds
    /// Finished steps in order, with their seconds.
    private(set) var laps: [(name: String, seconds: Double)] = []

    /// Ends the current step under `name` and starts the next one.
    mutating func lap(_ name: String) {
        let now = DispatchTime.now().uptimeNanoseconds
        laps.append((name, Double(now - last) / 1e9))
        last = now
    }
}
