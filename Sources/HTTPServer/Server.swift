import Dispatch
import Foundation
import Glibc
import Synchronization

/// A small HTTP/1.1 server on BSD sockets: GET and HEAD go to a ``Handler``; the server itself
/// handles framing, limits, timeouts, keep-alive, pipelining, gzip, conditional GET, CORS and the
/// access log.
///
/// Threading: `workerThreads` threads each run an ``EventLoop`` (a poll loop that accepts, reads,
/// calls the handler and writes for the connections it owns); see ``EventLoop`` for why.
/// The server object itself is thread-safe: start, shutdown and handler replacement may be called
/// from any thread, e.g. from signal sources.
public final class HTTPServer: Sendable {
    /// The configuration the server was created with.
    public let configuration: ServerConfiguration
    private let state: ServerState
    private let responder: Responder
    private let lifecycle = Mutex(Lifecycle.idle)
    private let boundPort = Atomic<Int>(0)

    private enum Lifecycle {
        case idle
        case running(Workers)
        case stopped
    }

    /// What `start()` created and `shutdown` tears down.
    private struct Workers {
        let listener: Listener
        /// One pipe per loop: writing a byte wakes the loop so it notices a phase change.
        let wakePipes: [(read: Int32, write: Int32)]
        let finished: DispatchGroup

        func wakeAll() {
            var byte: UInt8 = 1
            for pipe in wakePipes { _ = write(pipe.write, &byte, 1) }
        }

        func closeDescriptors() {
            listener.close()
            for pipe in wakePipes {
                close(pipe.read)
                close(pipe.write)
            }
        }
    }

    /// A server that will answer GET and HEAD requests with `handler` once started.
    public init(configuration: ServerConfiguration = ServerConfiguration(), handler: @escaping Handler) {
        self.configuration = configuration
        state = ServerState(maxConnections: max(1, configuration.maxConnections))
        responder = Responder(configuration: configuration, state: state, handler: handler)
    }

    /// The bound port: the kernel's choice after `start()` when the configuration asked for port 0.
    public var port: Int {
        let bound = boundPort.load(ordering: .acquiring)
        return bound != 0 ? bound : configuration.port
    }

    /// Connections currently open.
    public var openConnections: Int { state.openConnections }

    /// Binds, listens and starts the worker threads. Throws ``HTTPServerError`` (e.g. `port 8080 is in
    /// use`). Ignores SIGPIPE process-wide; sends also use MSG_NOSIGNAL.
    public func start() throws {
        try lifecycle.withLock { (lifecycle: inout Lifecycle) throws(HTTPServerError) in
            guard case .idle = lifecycle else { throw .alreadyStarted }
            signal(SIGPIPE, SIG_IGN)
            let threadCount = max(1, configuration.workerThreads)
            Self.raiseDescriptorLimit(to: configuration.maxConnections + 2 * threadCount + 64)
            let listener = try Listener(host: configuration.host, port: configuration.port,
                                        backlog: configuration.backlog)
            var wakePipes: [(read: Int32, write: Int32)] = []
            for _ in 0..<threadCount {
                var ends: [Int32] = [0, 0]
                guard pipe(&ends) == 0 else {
                    let code = errno
                    Workers(listener: listener, wakePipes: wakePipes, finished: DispatchGroup()).closeDescriptors()
                    throw .systemCall("pipe", errno: code)
                }
                for end in ends { _ = fcntl(end, F_SETFL, O_NONBLOCK) }
                wakePipes.append((read: ends[0], write: ends[1]))
            }

            let finished = DispatchGroup()
            for (index, pipe) in wakePipes.enumerated() {
                finished.enter()
                let (state, responder) = (self.state, self.responder)
                let thread = Thread {
                    EventLoop(index: index, listener: listener, state: state, responder: responder,
                              wakeFD: pipe.read).run()
                    finished.leave()
                }
                thread.name = "http-worker-\(index)"
                thread.start()
            }
            boundPort.store(listener.port, ordering: .releasing)
            lifecycle = .running(Workers(listener: listener, wakePipes: wakePipes, finished: finished))
        }
    }

    /// Swaps the handler atomically: requests already in a handler finish with the old one, every
    /// later request uses the new one. Use it to switch to a new database on SIGHUP.
    public func replaceHandler(_ handler: @escaping Handler) {
        responder.replaceHandler(handler)
    }

    /// Stops accepting at once, lets in-flight requests finish (their responses carry
    /// `Connection: close`), closes idle keep-alive connections, and returns when every worker has
    /// finished or `gracePeriod` seconds have passed. After the grace period remaining connections
    /// are closed; a handler that is still running cannot be interrupted, and its thread is left to
    /// finish on its own. Safe to call more than once.
    public func shutdown(gracePeriod: Double = 10) {
        let running = lifecycle.withLock { (lifecycle: inout Lifecycle) -> Workers? in
            guard case .running(let workers) = lifecycle else {
                lifecycle = .stopped
                return nil
            }
            lifecycle = .stopped
            return workers
        }
        guard let running else { return }
        state.enter(.draining)
        running.listener.stopAccepting()
        running.wakeAll()
        if running.finished.wait(timeout: .now() + max(0, gracePeriod)) == .timedOut {
            state.enter(.stopped)
            running.wakeAll()
            // Loops not stuck in a handler exit promptly; a stuck one keeps the descriptors it polls.
            guard running.finished.wait(timeout: .now() + .milliseconds(500)) == .success else { return }
        }
        running.closeDescriptors()
    }

    /// Raises the soft RLIMIT_NOFILE towards `needed` (never above the hard limit), so
    /// `maxConnections` is not silently capped by the common 1024 default.
    private static func raiseDescriptorLimit(to needed: Int) {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur < rlim_t(needed) else { return }
        limit.rlim_cur = min(limit.rlim_max, rlim_t(needed))
        setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
    }
}
