import Glibc

/// One worker thread's event loop: a `poll(2)` over the thread's own connections, the shared
/// listening socket and the thread's wake-up pipe.
///
/// Threading model. The server runs `workerThreads` of these loops. Each loop accepts connections
/// itself (all loops poll the non-blocking listener; whichever is free takes the connection, so busy
/// loops naturally take fewer) and then owns them for their lifetime: it reads, parses, calls the
/// handler, and writes on that same thread. That means no hand-off between threads per request, no
/// locks on connection state, and keep-alive plus pipelining cost one poll, one recv and one send per
/// batch of requests. Timeouts are deadlines checked by the owning loop, so there is no timer thread.
///
/// Why not the alternatives: Glibc's Swift module does not expose `<sys/epoll.h>` and this target may
/// not add a C shim, so epoll is out; a DispatchSource per connection routes every readiness event
/// through libdispatch's event thread and a queue hop before any work happens. poll costs
/// O(connections per thread) per wake-up, which is small for the hundreds of keep-alive clients this
/// server expects. The trade-off is that a slow handler delays the other connections of its thread;
/// more worker threads than cores (the default is two per core) keeps that in check.
final class EventLoop {
    private let listener: Listener
    private let state: ServerState
    private let responder: Responder
    private let wakeFD: Int32
    private let limits: ConnectionLimits
    private let worker: WorkerContext
    private var connections: [Connection] = []
    private var pollSet: [pollfd] = []
    /// After EMFILE and friends, accepting pauses briefly instead of spinning on a readable listener.
    private var acceptingPausedUntil: UInt64 = 0
    private static let acceptPause: UInt64 = 100_000_000
    private static let acceptsPerWakeUp = 8

    init(index: Int, listener: Listener, state: ServerState, responder: Responder, wakeFD: Int32) {
        self.listener = listener
        self.state = state
        self.responder = responder
        self.wakeFD = wakeFD
        limits = ConnectionLimits(responder.configuration)
        worker = WorkerContext(index: index, requestIDPrefix: responder.requestIDPrefix)
    }

    /// Serves until the server stops, or until it drains and this loop has no connections left.
    func run() {
        while true {
            switch state.phase {
            case .running:
                break
            case .draining:
                for connection in connections where connection.interest == .readable { connection.close() }
                removeClosedConnections()
                if connections.isEmpty { return }
            case .stopped:
                for connection in connections { connection.close() }
                removeClosedConnections()
                return
            }
            let now = MonotonicClock.nanoseconds()
            let accepting = state.phase == .running && now >= acceptingPausedUntil
            preparePollSet(accepting: accepting)
            let ready = poll(&pollSet, nfds_t(pollSet.count), pollTimeout(now: now))
            if ready < 0 {
                if errno != EINTR { usleep(10_000) }  // ENOMEM: back off rather than spin
                continue
            }
            handleEvents(accepting: accepting)
        }
    }

    /// Slot 0 is the wake pipe, slot 1 the listener when accepting, then one slot per connection.
    private func preparePollSet(accepting: Bool) {
        pollSet.removeAll(keepingCapacity: true)
        pollSet.append(pollfd(fd: wakeFD, events: Int16(POLLIN), revents: 0))
        if accepting { pollSet.append(pollfd(fd: listener.fd, events: Int16(POLLIN), revents: 0)) }
        for connection in connections {
            let events = connection.interest == .readable ? POLLIN : POLLOUT
            pollSet.append(pollfd(fd: connection.fd, events: Int16(events), revents: 0))
        }
    }

    /// Milliseconds until the nearest deadline (rounded up), or -1 to wait for events only.
    private func pollTimeout(now: UInt64) -> Int32 {
        var nearest = now < acceptingPausedUntil ? acceptingPausedUntil : UInt64.max
        for connection in connections where connection.deadline < nearest { nearest = connection.deadline }
        guard nearest != .max else { return -1 }
        guard nearest > now else { return 0 }
        return Int32(clamping: (nearest - now + 999_999) / 1_000_000)
    }

    private func handleEvents(accepting: Bool) {
        let now = MonotonicClock.nanoseconds()
        let phase = state.phase
        if pollSet[0].revents != 0 { drainWakePipe() }
        let firstConnectionSlot = accepting ? 2 : 1
        for (offset, connection) in connections.enumerated() {
            if pollSet[firstConnectionSlot + offset].revents != 0 {
                connection.service(worker: worker, responder: responder, now: now)
            } else if connection.deadline <= now {
                connection.expire(worker: worker, responder: responder)
            }
        }
        if accepting && phase == .running && pollSet[1].revents != 0 { acceptConnections(now: now) }
        removeClosedConnections()
    }

    private func acceptConnections(now: UInt64) {
        for _ in 0..<Self.acceptsPerWakeUp {
            switch listener.accept() {
            case .connection(let fd, let remoteAddress):
                guard state.admit() else {
                    refuseOverCapacity(fd, remoteAddress: remoteAddress)
                    continue
                }
                connections.append(Connection(fd: fd, remoteAddress: remoteAddress, limits: limits, now: now))
            case .wouldBlock:
                return
            case .exhausted:
                acceptingPausedUntil = now + Self.acceptPause
                return
            }
        }
    }

    /// `503` with `Connection: close` for a connection over `maxConnections`.
    private func refuseOverCapacity(_ fd: Int32, remoteAddress: String) {
        var response: [UInt8] = []
        responder.respondWithoutRequest(status: .serviceUnavailable,
                                        detail: "The server is at its connection limit; try again shortly.",
                                        remoteAddress: remoteAddress, worker: worker, into: &response)
        _ = response.withUnsafeBytes { SocketIO.send(fd, $0) }
        SocketIO.closeGracefully(fd)
    }

    private func removeClosedConnections() {
        let before = connections.count
        connections.removeAll { $0.isClosed }
        if connections.count < before { state.release(before - connections.count) }
    }

    private func drainWakePipe() {
        var scratch: UInt64 = 0
        while read(wakeFD, &scratch, MemoryLayout<UInt64>.size) > 0 {}
    }
}
