import ArgumentParser
import Glibc

/// `dateline healthcheck`: exits 0 when the local server answers `/readyz` with 200. For container
/// HEALTHCHECKs on images without curl; reads host and port from the same config as `serve`.
struct HealthcheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "healthcheck",
        abstract: "Exit 0 when the server answers /readyz (or --path) with 200 within the timeout.")

    @OptionGroup var common: CommonOptions

    @Option(name: .long, help: "Port to ask (default from config).")
    var port: Int?

    @Option(name: .long, help: "Path to ask.")
    var path = "/readyz"

    @Option(name: .long, help: "Seconds to wait for the answer.")
    var timeout = 3.0

    func run() throws {
        let config = try common.load()
        let host = ["0.0.0.0", "::", ""].contains(config.host) ? "127.0.0.1" : config.host
        let status = HealthProbe.status(host: host, port: port ?? config.port, path: path, timeout: timeout)
        guard status == 200 else {
            printError("dateline healthcheck: \(status.map { "HTTP \($0)" } ?? "no answer") from http://\(host):\(port ?? config.port)\(path)")
            throw ExitCode.failure
        }
    }
}

/// One `GET` over a plain socket, reading only the status line.
enum HealthProbe {
    /// The response status, or nil when there was no well-formed answer in time.
    static func status(host: String, port: Int, path: String, timeout: Double) -> Int? {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &list) == 0, let first = list else { return nil }
        defer { freeaddrinfo(list) }
        let fd = socket(first.pointee.ai_family, first.pointee.ai_socktype, first.pointee.ai_protocol)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var interval = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - Double(Int(timeout))) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &interval, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &interval, socklen_t(MemoryLayout<timeval>.size))
        guard connect(fd, first.pointee.ai_addr, first.pointee.ai_addrlen) == 0 else { return nil }
        let request = Array("GET \(path) HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\n\r\n".utf8)
        guard request.withUnsafeBytes({ send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }) == request.count else { return nil }
        var buffer = [UInt8](repeating: 0, count: 64)
        var filled = 0
        while filled < 12 {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress! + filled, $0.count - filled, 0) }
            guard count > 0 else { return nil }
            filled += count
        }
        // "HTTP/1.1 200 …"
        guard buffer.starts(with: Array("HTTP/1.".utf8)) else { return nil }
        return Int(String(decoding: buffer[9..<12], as: UTF8.self))
    }
}
