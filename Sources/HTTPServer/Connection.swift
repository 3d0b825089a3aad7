import Glibc

/// Per-connection limits, converted once from the configuration.
struct ConnectionLimits {
    let headerTimeout: UInt64
    let keepAliveTimeout: UInt64
    let writeTimeout: UInt64
    let lingerTimeout: UInt64
    let maxRequests: Int
    let maxRequestLineBytes: Int
    let maxHeaderBytes: Int
    let maxBodyBytes: Int

    init(_ configuration: ServerConfiguration) {
        headerTimeout = MonotonicClock.nanoseconds(fromSeconds: configuration.headerTimeout)
        keepAliveTimeout = MonotonicClock.nanoseconds(fromSeconds: configuration.keepAliveTimeout)
        writeTimeout = MonotonicClock.nanoseconds(fromSeconds: configuration.writeTimeout)
        lingerTimeout = MonotonicClock.nanoseconds(fromSeconds: configuration.lingerTimeout)
        maxRequests = max(1, configuration.maxRequestsPerConnection)
        maxRequestLineBytes = max(16, configuration.maxRequestLineBytes)
        maxHeaderBytes = max(2, configuration.maxHeaderBytes)
        maxBodyBytes = max(0, configuration.maxBodyBytes)
    }
}

/// One client connection. It belongs to the worker thread that accepted it for its whole life, so
/// nothing here is shared or locked.
///
/// `service` does all the work the socket allows right now: flush pending output, answer every complete
/// request already buffered (pipelined requests in order, into one output buffer), read more, and so on
/// until the socket would block. The caller then polls for ``interest`` until ``deadline``.
final class Connection {
    enum Interest {
        case readable
        case writable
    }

    let fd: Int32
    let remoteAddress: String
    /// What the event loop should poll for.
    private(set) var interest = Interest.readable
    /// When the current wait times out (monotonic nanoseconds); see ``expire(worker:responder:)``.
    private(set) var deadline: UInt64
    private(set) var isClosed = false

    private let limits: ConnectionLimits
    private var parser: RequestParser
    /// Input bytes live in `input[inputStart..<inputEnd]`; allocated on the first read, grown on demand
    /// up to the size at which the parser must reach a verdict.
    private var input: UnsafeMutableRawPointer?
    private var inputCapacity = 0
    private var inputStart = 0
    private var inputEnd = 0
    /// Whether the last read filled the buffer (so more may be waiting without a poll).
    private var inputMayBePending = true
    private var output: [UInt8] = []
    private var outputSent = 0
    private var requestsServed = 0
    /// When the request currently being received began: accept time for the first request, the arrival
    /// of its first byte afterwards. The header timeout runs from here.
    private var requestStarted: UInt64
    private var closeAfterFlush = false
    /// Whether the close was the client's wish (`Connection: close`, HTTP/1.0 without keep-alive).
    private var clientAskedToClose = false
    private var peerClosed = false
    /// Half-closed after the last response; input is discarded until the client closes (see ``finish(now:)``).
    private var lingering = false

    /// Output is flushed before answering more pipelined requests once it reaches this size.
    private static let flushThreshold = 1 << 16
    private static let initialInputCapacity = 4096

    init(fd: Int32, remoteAddress: String, limits: ConnectionLimits, now: UInt64) {
        self.fd = fd
        self.remoteAddress = remoteAddress
        self.limits = limits
        parser = RequestParser(maxRequestLineBytes: limits.maxRequestLineBytes,
                               maxHeaderBytes: limits.maxHeaderBytes, maxBodyBytes: limits.maxBodyBytes)
        requestStarted = now
        deadline = now &+ limits.headerTimeout
    }

    deinit {
        free(input)
    }

    /// Makes all the progress the socket allows.
    func service(worker: WorkerContext, responder: Responder, now: UInt64) {
        if lingering {
            if SocketIO.discardInput(fd) == .ended { close() }
            return
        }
        while !isClosed {
            if outputSent < output.count {
                switch flush() {
                case .sent:
                    break
                case .wouldBlock:
                    interest = .writable
                    deadline = now &+ limits.writeTimeout
                    return
                case .failed:
                    close()
                    return
                }
            }
            if closeAfterFlush {
                finish(now: now)
                return
            }
            if answerBufferedRequests(worker: worker, responder: responder, now: now) { continue }
            if peerClosed {
                close()
                return
            }
            if !inputMayBePending {
                waitForInput(now: now)
                return
            }
            switch receive(now: now) {
            case .received:
                continue
            case .wouldBlock:
                waitForInput(now: now)
                return
            case .closed:
                peerClosed = true
            case .failed:
                close()
                return
            }
        }
    }

    /// The deadline passed: a client that has not completed its request head gets `408` and the
    /// socket is closed (the slowloris defence); an idle keep-alive connection, a stalled reader or
    /// a lingering connection is closed silently.
    func expire(worker: WorkerContext, responder: Responder) {
        if !lingering && interest == .readable && (inputStart < inputEnd || requestsServed == 0) {
            output.removeAll(keepingCapacity: true)
            outputSent = 0
            responder.respondWithoutRequest(status: .requestTimeout,
                                            detail: "The request head was not received in time.",
                                            remoteAddress: remoteAddress, worker: worker, into: &output)
            _ = flush()
        }
        close()
    }

    /// Closes the socket (with a FIN, see ``SocketIO/closeGracefully(_:)``).
    func close() {
        guard !isClosed else { return }
        isClosed = true
        SocketIO.closeGracefully(fd)
    }

    /// Ends the connection once its last response is with the kernel.
    ///
    /// Closing a socket that still has unread input makes the kernel answer with a reset and drop the
    /// responses the client has not received yet: a client pipelining past the request limit, or still
    /// uploading a request the server refused, would lose answers already sent. So unless the client
    /// asked for the close and has nothing more in flight, the server shuts down its sending side (the
    /// FIN follows the data) and discards input until the client closes or `lingerTimeout` passes.
    private func finish(now: UInt64) {
        if peerClosed || (clientAskedToClose && inputStart == inputEnd && !SocketIO.hasPendingInput(fd)) {
            close()
            return
        }
        shutdown(fd, Int32(SHUT_WR))
        lingering = true
        interest = .readable
        deadline = now &+ limits.lingerTimeout
        free(input)
        input = nil
        (inputCapacity, inputStart, inputEnd) = (0, 0, 0)
        output = []
        if SocketIO.discardInput(fd) == .ended { close() }
    }

    private func waitForInput(now: UInt64) {
        inputMayBePending = true
        interest = .readable
        let idle = inputStart == inputEnd && requestsServed > 0
        deadline = idle ? now &+ limits.keepAliveTimeout : requestStarted &+ limits.headerTimeout
    }

    /// Parses and answers every complete request in the buffer; true if any output was produced.
    private func answerBufferedRequests(worker: WorkerContext, responder: Responder, now: UInt64) -> Bool {
        var answered = false
        while !closeAfterFlush && inputStart < inputEnd && output.count < Self.flushThreshold {
            let buffer = UnsafeRawBufferPointer(start: input! + inputStart, count: inputEnd - inputStart)
            switch parser.parse(buffer) {
            case .incomplete:
                return answered
            case .invalid(let status, let detail):
                responder.respondWithoutRequest(status: status, detail: detail, remoteAddress: remoteAddress,
                                                worker: worker, into: &output)
                closeAfterFlush = true
                inputStart = inputEnd
            case .complete:
                let keepAlive = responder.respond(to: parser.head, in: buffer, remoteAddress: remoteAddress,
                                                  mayKeepAlive: requestsServed + 1 < limits.maxRequests,
                                                  worker: worker, into: &output)
                requestsServed += 1
                inputStart += parser.head.length
                requestStarted = now
                closeAfterFlush = !keepAlive
                clientAskedToClose = !parser.head.wantsKeepAlive
            }
            answered = true
        }
        if inputStart == inputEnd {
            inputStart = 0
            inputEnd = 0
        }
        return answered
    }

    /// One recv into the free end of the input buffer, compacting or growing it first when full.
    private func receive(now: UInt64) -> SocketIO.ReceiveResult {
        if inputEnd == inputCapacity {
            if inputStart > 0 {
                memmove(input!, input! + inputStart, inputEnd - inputStart)
                inputEnd -= inputStart
                inputStart = 0
            } else {
                let limit = parser.requiredBufferCapacity
                // A full buffer of `limit` bytes always parses to a verdict, so it is never full here.
                guard inputCapacity < limit else { return .failed }
                inputCapacity = inputCapacity == 0 ? min(Self.initialInputCapacity, limit) : min(inputCapacity * 2, limit)
                guard let grown = realloc(input, inputCapacity) else { return .failed }
                input = grown
            }
        }
        let free = inputCapacity - inputEnd
        let result = SocketIO.receive(fd, into: UnsafeMutableRawBufferPointer(start: input! + inputEnd, count: free))
        if case .received(let count) = result {
            if inputStart == inputEnd && requestsServed > 0 { requestStarted = now }
            inputEnd += count
            inputMayBePending = count == free
        }
        return result
    }

    /// Sends pending output; `.sent` once all of it is out, otherwise why it stopped.
    private func flush() -> SocketIO.SendResult {
        while outputSent < output.count {
            let result = output.withUnsafeBytes { bytes in
                SocketIO.send(fd, UnsafeRawBufferPointer(rebasing: bytes[outputSent...]))
            }
            guard case .sent(let count) = result else { return result }
            outputSent += count
        }
        // Keep a modest buffer for the next response; let a huge one go.
        if output.capacity > 1 << 18 {
            output = []
        } else {
            output.removeAll(keepingCapacity: true)
        }
        outputSent = 0
        return .sent(0)
    }
}
