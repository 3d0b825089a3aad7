import Glibc

/// A request handler, called on a worker thread for every GET and HEAD request.
public typealias Handler = @Sendable (Request) -> Response

/// Turns parsed requests into response bytes: the method policy (GET/HEAD to the handler, CORS
/// preflight, 405, 501), the handler call, and the access log.
///
/// Shared by all worker threads. Its only mutable state is the handler, kept behind a read-write lock so
/// ``HTTPServer/replaceHandler(_:)`` can swap it atomically while requests are in flight.
final class Responder: Sendable {
    let configuration: ServerConfiguration
    /// Consulted after each handler call: once the server drains, every response closes its connection.
    let state: ServerState
    /// Random per server instance; the prefix of generated request ids.
    let requestIDPrefix = UInt64.random(in: 0..<(1 << 30))
    private let handler: HandlerSlot

    init(configuration: ServerConfiguration, state: ServerState, handler: @escaping Handler) {
        self.configuration = configuration
        self.state = state
        self.handler = HandlerSlot(handler)
    }

    func replaceHandler(_ newHandler: @escaping Handler) {
        handler.replace(with: newHandler)
    }

    private var allowedMethods: String {
        configuration.corsAllowedOrigin == nil ? "GET, HEAD" : "GET, HEAD, OPTIONS"
    }

    /// Answers the complete request described by `head`; returns whether the connection stays open.
    /// `mayKeepAlive` is the connection's own verdict (false once it reached its request limit).
    func respond(to head: RequestHead, in buffer: UnsafeRawBufferPointer, remoteAddress: String,
                 mayKeepAlive: Bool, worker: WorkerContext, into out: inout [UInt8]) -> Bool {
        let started = MonotonicClock.nanoseconds()
        let requestID: String
        if let range = head.requestID, RequestIDGenerator.isAcceptable(buffer.slice(range)) {
            requestID = String(decoding: buffer.slice(range), as: UTF8.self)
        } else {
            requestID = worker.requestIDs.next()
        }

        var response: Response
        switch head.method {
        case let method? where method == .get || method == .head:
            do {
                let target = try RequestTarget.parse(buffer.slice(head.target))
                let request = Request(method: method, target: target,
                                      headers: headers(of: head, in: buffer),
                                      requestID: requestID, remoteAddress: remoteAddress)
                response = handler.current(request)
            } catch {
                response = .problem(status: .badRequest, detail: error.description)
            }
        case .options? where configuration.corsAllowedOrigin != nil:
            response = preflight(head, in: buffer)
        case nil:
            response = .problem(status: .notImplemented, detail: "This server does not implement the method.")
        case .some:
            response = .problem(status: .methodNotAllowed, detail: "This resource only supports \(allowedMethods).")
            response.headers["Allow"] = allowedMethods
        }

        let keepAlive = mayKeepAlive && head.wantsKeepAlive && state.phase == .running
        let context = ResponseContext(
            isHead: head.method == .head,
            acceptsGzip: head.acceptEncoding.map { HeaderValues.acceptsGzip(buffer.slice($0)) } ?? false,
            ifNoneMatch: head.ifNoneMatch.map { buffer.slice($0) },
            keepAlive: keepAlive, isHTTP10: head.isHTTP10, requestID: requestID)
        let sent = ResponseWriter.write(response, context: context, configuration: configuration,
                                        worker: worker, into: &out)
        log(method: head.method?.rawValue ?? String(decoding: buffer.slice(head.methodToken), as: UTF8.self),
            path: String(decoding: buffer.slice(head.target), as: UTF8.self),
            sent: sent, started: started, requestID: requestID, remoteAddress: remoteAddress)
        return keepAlive
    }

    /// Answers a request the server could not or would not read (malformed, over a limit, timed out,
    /// over capacity) with a problem response and `Connection: close`.
    func respondWithoutRequest(status: HTTPStatus, detail: String, remoteAddress: String,
                               worker: WorkerContext, into out: inout [UInt8]) {
        let started = MonotonicClock.nanoseconds()
        let requestID = worker.requestIDs.next()
        let context = ResponseContext(isHead: false, acceptsGzip: false, ifNoneMatch: nil,
                                      keepAlive: false, isHTTP10: false, requestID: requestID)
        let sent = ResponseWriter.write(.problem(status: status, detail: detail), context: context,
                                        configuration: configuration, worker: worker, into: &out)
        log(method: "-", path: "-", sent: sent, started: started, requestID: requestID, remoteAddress: remoteAddress)
    }

    /// Hands one entry to the access-log sink; the strings are only built when a sink is configured.
    private func log(method: @autoclosure () -> String, path: @autoclosure () -> String,
                     sent: (status: Int, bodyBytes: Int), started: UInt64, requestID: String, remoteAddress: String) {
        guard let accessLog = configuration.accessLog else { return }
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        accessLog(AccessLogEntry(
            method: method(), path: path(), status: sent.status, bytes: sent.bodyBytes,
            microseconds: Int((MonotonicClock.nanoseconds() &- started) / 1000),
            requestID: requestID, remoteAddress: remoteAddress,
            timestamp: Double(now.tv_sec) + Double(now.tv_nsec / 1_000_000) / 1000))
    }

    /// The request headers as Strings, in order and with their original spelling.
    private func headers(of head: RequestHead, in buffer: UnsafeRawBufferPointer) -> HTTPHeaders {
        var headers = HTTPHeaders()
        headers.reserveCapacity(head.fields.count)
        for field in head.fields {
            headers.add(String(decoding: buffer.slice(field.name), as: UTF8.self),
                        String(decoding: buffer.slice(field.value), as: UTF8.self))
        }
        return headers
    }

    /// `204` with the CORS preflight headers; the allowed origin itself is added to every response.
    private func preflight(_ head: RequestHead, in buffer: UnsafeRawBufferPointer) -> Response {
        var response = Response(status: .noContent)
        response.headers["Allow"] = allowedMethods
        response.headers["Access-Control-Allow-Methods"] = allowedMethods
        response.headers["Access-Control-Max-Age"] = "86400"
        if let range = head.accessControlRequestHeaders {
            let requested = buffer.slice(range)
            if requested.allSatisfy({ ASCII.isTokenChar($0) || $0 == ASCII.comma || $0 == ASCII.space }) {
                response.headers["Access-Control-Allow-Headers"] = String(decoding: requested, as: UTF8.self)
            }
        }
        return response
    }
}

/// The current handler behind a read-write lock: every request reads it, a reload replaces it.
///
/// A pthread lock rather than `Synchronization.Mutex`: ThreadSanitizer intercepts pthread locks, so
/// it sees the new handler (and the archive it captures) published to the worker threads; it cannot
/// see Mutex's uninstrumented slow path and reported every reload as a data race.
private final class HandlerSlot: @unchecked Sendable {
    /// Allocated, not a stored property: a pthread lock must not move.
    private let lock = UnsafeMutablePointer<pthread_rwlock_t>.allocate(capacity: 1)
    private var handler: Handler

    init(_ handler: @escaping Handler) {
        self.handler = handler
        lock.initialize(to: pthread_rwlock_t())
        pthread_rwlock_init(lock, nil)
    }

    deinit {
        pthread_rwlock_destroy(lock)
        lock.deallocate()
    }

    var current: Handler {
        pthread_rwlock_rdlock(lock)
        defer { pthread_rwlock_unlock(lock) }
        return handler
    }

    func replace(with newHandler: @escaping Handler) {
        pthread_rwlock_wrlock(lock)
        handler = newHandler
        pthread_rwlock_unlock(lock)
    }
}
