import Synchronization

/// The lifecycle phase and the open-connection count, shared by ``HTTPServer`` and its worker threads.
/// Lock-free: both are atomics read on every loop iteration and accept.
final class ServerState: Sendable {
    enum Phase: UInt8 {
        /// Accepting and serving.
        case running
        /// Not accepting; finish in-flight work, answer with `Connection: close`, drop idle connections.
        case draining
        /// Close everything now and exit.
        case stopped
    }

    let maxConnections: Int
    private let phaseValue = Atomic<UInt8>(Phase.running.rawValue)
    private let open = Atomic<Int>(0)

    init(maxConnections: Int) {
        self.maxConnections = maxConnections
    }

    var phase: Phase {
        Phase(rawValue: phaseValue.load(ordering: .acquiring)) ?? .stopped
    }

    func enter(_ phase: Phase) {
        phaseValue.store(phase.rawValue, ordering: .releasing)
    }

    var openConnections: Int { open.load(ordering: .relaxed) }

    /// Reserves a connection slot; false when the server is at `maxConnections`.
    func admit() -> Bool {
        if open.wrappingAdd(1, ordering: .relaxed).newValue <= maxConnections { return true }
        open.wrappingSubtract(1, ordering: .relaxed)
        return false
    }

    /// Returns `count` slots taken by `admit()`.
    func release(_ count: Int) {
        open.wrappingSubtract(count, ordering: .relaxed)
    }
}
