import Foundation
import Glibc
import HTTPServer
import XCTest

/// Blocking connect(2) of `fd` to 127.0.0.1:`port`; false with errno set when it fails.
func connectToLoopback(_ fd: Int32, port: Int) -> Bool {
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = UInt16(port).bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    return withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    } == 0
}

/// A loopback client for the hardening suites: every wait is bounded by a deadline (poll), sends
/// survive the server closing mid-stream, and the end of a connection is told apart as a clean close,
/// a reset or a timeout.
final class WireClient {
    let fd: Int32
    private var buffer: [UInt8] = []
    private var consumed = 0
    private var scratch = [UInt8](repeating: 0, count: 65536)
    /// How the server ended the connection, once it has.
    private(set) var ending: Ending?

    enum Ending: Equatable {
        /// A FIN: orderly close.
        case closed
        /// ECONNRESET or another socket error.
        case reset
    }

    enum Failure: Error, Equatable {
        case connect(Int32)
        case timedOut
        case malformed(String)
    }

    /// A TCP socket to connect later with ``init(port:socket:)``, for tests that must create their
    /// descriptors before the process runs out of them.
    static func makeSocket() -> Int32 {
        socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
    }

    /// Connects to 127.0.0.1:`port` (blocking connect, then non-blocking I/O), on `presetSocket` when
    /// given. Retries briefly when the kernel is out of ephemeral ports, which churn tests can provoke.
    init(port: Int, socket presetSocket: Int32? = nil) throws {
        var attempts = 0
        while true {
            let socketFD = presetSocket ?? Self.makeSocket()
            guard socketFD >= 0 else { throw Failure.connect(errno) }
            if connectToLoopback(socketFD, port: port) {
                fd = socketFD
                break
            }
            let code = errno
            close(socketFD)
            attempts += 1
            guard presetSocket == nil, code == EADDRNOTAVAIL || code == EAGAIN, attempts < 200 else { throw Failure.connect(code) }
            usleep(10_000)
        }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
    }

    /// Once the server has closed first, the client's close is abortive: the RST removes the
    /// server's socket at once instead of leaving it in TIME_WAIT. Thousands of server-side TIME_WAIT
    /// entries make the kernel answer a later SYN from a reused client port with a stale ACK, and that
    /// connect then waits a one-second SYN retransmit.
    deinit {
        if ending != nil { reset() }
        close(fd)
    }

    /// Sends all of `bytes` unless the server stops reading or goes away first; returns how many
    /// bytes went out. Gives up after `timeout` seconds without progress.
    @discardableResult
    func send(_ bytes: [UInt8], timeout: Double = 5) -> Int {
        Self.send(bytes, to: fd, timeout: timeout)
    }

    /// ``send(_:timeout:)`` on a bare descriptor, for a writer thread beside the reading one.
    @discardableResult
    static func send(_ bytes: [UInt8], to fd: Int32, timeout: Double) -> Int {
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeBytes {
                Glibc.send(fd, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
            }
            if count > 0 {
                offset += count
                continue
            }
            if count < 0 && errno == EINTR { continue }
            guard count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK),
                  wait(on: fd, for: Int16(POLLOUT), timeout: timeout) else { return offset }
        }
        return offset
    }

    func send(_ text: String) { send(Array(text.utf8)) }

    /// Half-closes: the server sees end of input after what was sent.
    func finishSending() { shutdown(fd, Int32(SHUT_WR)) }

    /// Aborts with a RST instead of a FIN (SO_LINGER 0).
    func reset() {
        var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
    }

    /// Unread bytes received so far.
    var pending: ArraySlice<UInt8> { buffer[consumed...] }

    /// Receives once, waiting up to `timeout`; false at the end of the connection or on timeout.
    @discardableResult
    func receive(timeout: Double) -> Bool {
        guard ending == nil else { return false }
        if consumed > 0 && consumed == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            consumed = 0
        }
        while true {
            let count = scratch.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                buffer.append(contentsOf: scratch[..<count])
                return true
            }
            if count == 0 {
                ending = .closed
                return false
            }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK:
                guard wait(for: Int16(POLLIN), timeout: timeout) else { return false }
            default:
                ending = .reset
                return false
            }
        }
    }

    /// Reads until the server closes or resets the connection, or `timeout` passes (then throws).
    func readUntilEnd(timeout: Double = 5) throws -> [UInt8] {
        let deadline = Date().addingTimeInterval(timeout)
        while ending == nil {
            let left = deadline.timeIntervalSinceNow
            guard left > 0 else { throw Failure.timedOut }
            receive(timeout: left)
        }
        defer { consumed = buffer.count }
        return Array(buffer[consumed...])
    }

    /// The next complete response; nil when the connection ended first. `bodyless` is true for an
    /// answer to HEAD, nil to detect it (see ``WireResponse/parse(_:bodyless:atEnd:)``).
    func readResponse(bodyless: Bool? = false, timeout: Double = 5) throws -> WireResponse? {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            switch try WireResponse.parse(buffer[consumed...], bodyless: bodyless, atEnd: ending != nil) {
            case .complete(let response, let length):
                consumed += length
                return response
            case .needMore:
                if ending != nil { return nil }
                let left = deadline.timeIntervalSinceNow
                guard left > 0 else { throw Failure.timedOut }
                receive(timeout: left)
            }
        }
    }

    /// Whether the server ends the connection (FIN or RST) within `timeout` without sending more bytes.
    func endsWithoutMoreBytes(timeout: Double = 5) -> Bool {
        let before = pending.count
        let deadline = Date().addingTimeInterval(timeout)
        while ending == nil && deadline.timeIntervalSinceNow > 0 {
            receive(timeout: deadline.timeIntervalSinceNow)
        }
        return ending != nil && pending.count == before
    }

    private func wait(for events: Int16, timeout: Double) -> Bool {
        Self.wait(on: fd, for: events, timeout: timeout)
    }

    private static func wait(on fd: Int32, for events: Int16, timeout: Double) -> Bool {
        var entry = pollfd(fd: fd, events: events, revents: 0)
        let milliseconds = Int32(clamping: Int(max(0, timeout) * 1000))
        while true {
            let ready = poll(&entry, 1, milliseconds)
            if ready < 0 && errno == EINTR { continue }
            return ready > 0
        }
    }
}

/// One response read off the wire, strictly framed: HTTP/1.1 status line, CRLF headers, and exactly
/// `Content-Length` body bytes unless the status or method forbids a body.
struct WireResponse {
    var status: Int
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    var closes: Bool { header("Connection")?.lowercased() == "close" }
    var text: String { String(decoding: body, as: UTF8.self) }
    var json: [String: Any]? { (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] }

    enum ParseOutcome {
        case complete(WireResponse, length: Int)
        case needMore
    }

    /// Parses one response at the start of `bytes`. With `bodyless == nil` the body is detected:
    /// a HEAD answer carries Content-Length but no body, which shows as the next status line (or the
    /// end of the connection) right after the head; bodies in these tests never start with `HTTP/`.
    static func parse(_ bytes: ArraySlice<UInt8>, bodyless: Bool?, atEnd: Bool) throws -> ParseOutcome {
        guard let headEnd = findHeadEnd(in: bytes) else {
            if bytes.count > 65536 { throw WireClient.Failure.malformed("head longer than 64 KiB") }
            return .needMore
        }
        let head = String(decoding: bytes[bytes.startIndex..<headEnd], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst()
        let parts = statusLine.split(separator: " ", maxSplits: 2)
        guard parts.count == 3, parts[0] == "HTTP/1.1", parts[1].count == 3, let status = Int(parts[1]) else {
            throw WireClient.Failure.malformed("status line \(statusLine.debugDescription)")
        }
        var headers: [(name: String, value: String)] = []
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { throw WireClient.Failure.malformed("header \(line.debugDescription)") }
            headers.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        var response = WireResponse(status: status, headers: headers, body: [])
        let bodyStart = headEnd + 4
        let available = bytes.endIndex - bodyStart
        let declared = response.header("Content-Length").map { Int($0) }
        if status == 204 || status == 304 || status < 200 {
            guard declared == nil else { throw WireClient.Failure.malformed("Content-Length on a \(status)") }
            return .complete(response, length: bodyStart - bytes.startIndex)
        }
        guard let length = declared.flatMap({ $0 }), length >= 0 else {
            throw WireClient.Failure.malformed("missing or invalid Content-Length on a \(status)")
        }
        var skipBody = bodyless ?? false
        if bodyless == nil && length > 0 {
            let probe = min(5, length)
            if available < probe && !atEnd { return .needMore }
            skipBody = available < probe || bytes[bodyStart..<bodyStart + probe].elementsEqual("HTTP/".utf8.prefix(probe))
        }
        if skipBody { return .complete(response, length: bodyStart - bytes.startIndex) }
        guard available >= length else { return .needMore }
        response.body = Array(bytes[bodyStart..<bodyStart + length])
        return .complete(response, length: bodyStart + length - bytes.startIndex)
    }

    /// Index of the first CRLFCRLF, found with memchr (Glibc's module has no memmem).
    private static func findHeadEnd(in haystack: ArraySlice<UInt8>) -> Int? {
        haystack.withUnsafeBytes { bytes -> Int? in
            guard let base = bytes.baseAddress, bytes.count >= 4 else { return nil }
            var offset = 0
            while offset <= bytes.count - 4, let hit = memchr(base + offset, 13, bytes.count - 3 - offset) {
                let at = base.distance(to: UnsafeRawPointer(hit))
                if bytes[at + 1] == 10 && bytes[at + 2] == 13 && bytes[at + 3] == 10 { return haystack.startIndex + at }
                offset = at + 1
            }
            return nil
        }
    }
}

/// The open file descriptors of this process (server and test clients alike), read from /proc:
/// sockets, pipes and files. `anon_inode` descriptors (timerfd, eventfd, epoll) are left out: the
/// server creates none, and libdispatch opens them lazily the first time some timer needs one.
struct DescriptorSnapshot {
    /// Descriptor number → what it points at (`socket:[…]`, `pipe:[…]`, a path).
    let targets: [Int: String]

    init() {
        var targets: [Int: String] = [:]
        let folder = "/proc/self/fd"
        // The listing's own descriptor shows up in it but is closed by the time the count is used.
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
            guard let number = Int(name),
                  let target = try? FileManager.default.destinationOfSymbolicLink(atPath: folder + "/" + name),
                  !target.hasPrefix("anon_inode:") else { continue }
            targets[number] = target
        }
        self.targets = targets
    }

    var count: Int { targets.count }

    /// Descriptors open now that were not open in `earlier` (or point elsewhere now).
    func added(since earlier: DescriptorSnapshot) -> [String] {
        targets.filter { earlier.targets[$0.key] != $0.value }.sorted { $0.key < $1.key }.map { "\($0.key) -> \($0.value)" }
    }
}

extension XCTestCase {
    /// Polls `condition` every 10 ms for at most `timeout` seconds; returns its last value.
    @discardableResult
    func eventually(timeout: Double = 5, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while !condition() {
            guard deadline.timeIntervalSinceNow > 0 else { return false }
            usleep(10_000)
        }
        return true
    }

    /// Waits up to 5 s for the process to hold no more than `extra` descriptors beyond `before`, and
    /// fails naming the new ones if it never does. Returns the count at the end.
    @discardableResult
    func assertNoDescriptorLeak(since before: DescriptorSnapshot, extra: Int = 0,
                                file: StaticString = #filePath, line: UInt = #line) -> Int {
        var now = DescriptorSnapshot()
        _ = eventually {
            now = DescriptorSnapshot()
            return now.count <= before.count + extra
        }
        XCTAssertLessThanOrEqual(now.count, before.count + extra,
                                 "descriptors leaked: \(now.added(since: before))", file: file, line: line)
        return now.count
    }

    /// A valid request on a new connection gets the standard handler's `hello world`: the server survived.
    func assertStillServes(_ server: HTTPServer, _ message: @autoclosure () -> String = "",
                           file: StaticString = #filePath, line: UInt = #line) {
        do {
            let client = try WireClient(port: server.port)
            client.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
            let response = try client.readResponse()
            XCTAssertEqual(response?.status, 200, message(), file: file, line: line)
            XCTAssertEqual(response?.text, "hello world", message(), file: file, line: line)
        } catch {
            XCTFail("server no longer answers (\(error)) \(message())", file: file, line: line)
        }
    }
}
