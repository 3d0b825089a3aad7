import Dispatch
import Glibc

extension HTTPServer {
    /// Routes `signals` to `handler` through DispatchSource signal sources on `queue`, replacing the
    /// signals' default actions (so SIGTERM no longer kills the process outright). Typical use:
    /// SIGTERM/SIGINT → `shutdown(gracePeriod:)` then exit; SIGHUP → `replaceHandler(_:)`.
    ///
    /// Keep the returned sources alive for as long as the signals should be handled. libdispatch
    /// registers the sources asynchronously, so a signal arriving within the first instants after
    /// this call is ignored rather than handled.
    public static func installSignalHandlers(_ signals: [Int32] = [SIGTERM, SIGINT, SIGHUP],
                                             queue: DispatchQueue = DispatchQueue(label: "http-server.signals"),
                                             handler: @escaping @Sendable (Int32) -> Void) -> [any DispatchSourceSignal] {
        signals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { handler(number) }
            source.resume()
            return source
        }
    }
}
