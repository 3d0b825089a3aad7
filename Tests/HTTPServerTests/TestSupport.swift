import ZlibCodec
import Glibc
import HTTPServer
import Synchronization
import XCTest

/// A raw TCP client on Glibc sockets, so tests can send exactly the bytes they mean (malformed ones
/// included) and see exactly what comes back.
final class RawClient {
    let fd: Int32
    private var pending: [UInt8] = []

    /// Connects to 127.0.0.1:`port`; reads give up after `timeout` seconds so a test never hangs.
    init(port: Int, timeout: Double = 5) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard connectToLoopback(fd, port: port) else {
            let code = errno
            close(fd)
            throw ClientError.connect(code)
        }
        var interval = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - Double(Int(timeout))) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &interval, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(fd) }

    enum ClientError: Error, Equatable {
        case connect(Int32)
        case closedEarly
        case timedOut
        case malformed(String)
    }

    func send(_ text: String) { send(Array(text.utf8)) }

    func send(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL)) }
            guard count > 0 else { return }
            offset += count
        }
    }

    /// Reads one response. `bodyless` is for answers to HEAD, which carry Content-Length but no body.
    func readResponse(bodyless: Bool = false) throws -> RawResponse {
        let headEnd = try fill { buffer in Self.find([13, 10, 13, 10], in: buffer) }
        let head = String(decoding: pending[..<headEnd], as: UTF8.self)
        pending.removeFirst(headEnd + 4)
        var lines = head.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ", maxSplits: 2)
        guard statusLine.count >= 2, statusLine[0] == "HTTP/1.1", let status = Int(statusLine[1]) else {
            throw ClientError.malformed(head)
        }
        let headers = try lines.map { line -> (String, String) in
            guard let colon = line.firstIndex(of: ":") else { throw ClientError.malformed(line) }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        var response = RawResponse(status: status, headers: headers, body: [])
        if bodyless || status == 304 || status == 204 { return response }
        if let length = response.header("Content-Length").flatMap(Int.init) {
            _ = try fill { $0.count >= length ? length : nil }
            response.body = Array(pending[..<length])
            pending.removeFirst(length)
        } else {
            response.body = readToEnd()
        }
        return response
    }

    /// Everything until the server closes the connection (or the read timeout).
    func readToEnd() -> [UInt8] {
        while receiveMore() {}
        defer { pending = [] }
        return pending
    }

    /// True when the server has closed the connection and sent nothing more.
    func isClosedByServer() -> Bool {
        pending.isEmpty && !receiveMore() && pending.isEmpty && lastReceiveWasEOF
    }

    private var lastReceiveWasEOF = false

    /// Receives until `complete` returns a value.
    private func fill<T>(_ complete: ([UInt8]) -> T?) throws -> T {
        while true {
            if let value = complete(pending) { return value }
            guard receiveMore() else { throw lastReceiveWasEOF ? ClientError.closedEarly : ClientError.timedOut }
        }
    }

    private func receiveMore() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        lastReceiveWasEOF = count == 0
        guard count > 0 else { return false }
        pending.append(contentsOf: chunk[..<count])
        return true
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start..<start + needle.count].elementsEqual(needle) {
            return start
        }
        return nil
    }
}

/// One parsed response.
struct RawResponse {
    var status: Int
    var headers: [(String, String)]
    var body: [UInt8]

    func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    func headerValues(_ name: String) -> [String] {
        headers.filter { $0.0.lowercased() == name.lowercased() }.map(\.1)
    }

    var text: String { String(decoding: body, as: UTF8.self) }

    /// The body as a JSON object (for problem+json checks).
    var json: [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any]
    }
}

/// Collects access-log entries across worker threads.
final class LogCollector: Sendable {
    private let entries = Mutex<[AccessLogEntry]>([])

    var sink: AccessLogSink { { entry in self.entries.withLock { $0.append(entry) } } }

    var all: [AccessLogEntry] { entries.withLock { $0 } }
}

/// Decompresses one gzip body (nil when it is not valid gzip).
func gunzip(_ compressed: [UInt8]) -> [UInt8]? {
    try? Gunzip.decompress(compressed, limit: 1 << 28)
}

extension XCTestCase {
    /// A started server on an ephemeral port, shut down when the test ends.
    func startServer(_ configure: (inout ServerConfiguration) -> Void = { _ in },
                     handler: @escaping Handler = TestHandlers.standard) throws -> HTTPServer {
        var configuration = ServerConfiguration(port: 0, workerThreads: 2, accessLog: nil)
        configure(&configuration)
        let server = HTTPServer(configuration: configuration, handler: handler)
        try server.start()
        addTeardownBlock { server.shutdown(gracePeriod: 1) }
        return server
    }

    /// One request on a fresh connection.
    func fetch(_ server: HTTPServer, _ request: String, bodyless: Bool = false) throws -> RawResponse {
        let client = try RawClient(port: server.port)
        client.send(request)
        return try client.readResponse(bodyless: bodyless)
    }
}

/// Handlers shared by the end-to-end tests.
enum TestHandlers {
    /// 2 KiB of JSON: compressible and over the default gzip threshold.
    static let bigJSON: [UInt8] = Array(("[" + (0..<100).map { "{\"n\":\($0),\"t\":\"item\"}" }.joined(separator: ",") + "]").utf8)

    static let standard: Handler = { request in
        switch request.path {
        case "/hello":
            return .text("hello world")
        case "/big":
            return .json(bigJSON)
        case "/big-precompressed":
            return Response.json(bigJSON).precompressed()
        case "/big-gzip-only":
            var response = Response.json(bigJSON).precompressed()
            response.body = []
            return response
        case "/damaged-gzip-only":
            var response = Response.json(bigJSON).precompressed()
            response.body = []
            response.gzippedBody?[20] ^= 0xFF
            return response
        case "/etag":
            return Response(status: .ok, headers: ["Content-Type": "text/plain", "ETag": "\"v1\"",
                                                   "Cache-Control": "max-age=60"], body: Array("versioned".utf8))
        case "/slow":
            usleep(300_000)
            return .text("slow done")
        default:
            let query = request.queryItems.map { "\($0.name)=\($0.value)" }.joined(separator: "&")
            return .text("\(request.method.rawValue) \(request.path) \(query)")
        }
    }
}
