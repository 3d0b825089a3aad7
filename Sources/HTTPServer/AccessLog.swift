import Glibc

/// One access-log record, produced for every response the server writes.
public struct AccessLogEntry: Sendable, Equatable {
    /// The request method token, or `-` when the request could not be parsed.
    public var method: String
    /// The request target as received (percent-encoded path and query), or `-`.
    public var path: String
    /// The status code sent.
    public var status: Int
    /// Content bytes sent (0 for HEAD and 304; headers not counted).
    public var bytes: Int
    /// Time from a complete request to its serialised response, in microseconds.
    public var microseconds: Int
    /// The request id, as echoed in `X-Request-Id`.
    public var requestID: String
    /// The client's address, `ip:port`.
    public var remoteAddress: String
    /// When the response was written, as Unix time in seconds.
    public var timestamp: Double

    /// A record with every field given.
    public init(method: String, path: String, status: Int, bytes: Int, microseconds: Int,
                requestID: String, remoteAddress: String, timestamp: Double) {
        self.method = method
        self.path = path
        self.status = status
        self.bytes = bytes
        self.microseconds = microseconds
        self.requestID = requestID
        self.remoteAddress = remoteAddress
        self.timestamp = timestamp
    }

    /// `127.0.0.1:51234 GET /api/posts?page=2 200 1532B 87us id=0k3c9f000000001`
    public var humanLine: String {
        "\(remoteAddress) \(method) \(path) \(status) \(bytes)B \(microseconds)us id=\(requestID)"
    }

    /// One JSON object on one line (JSON Lines), keys in a fixed order.
    public var jsonLine: String {
        "{\"ts\":\(timestamp),\"method\":\(JSONText.quoted(method)),\"path\":\(JSONText.quoted(path)),"
            + "\"status\":\(status),\"bytes\":\(bytes),\"us\":\(microseconds),"
            + "\"id\":\(JSONText.quoted(requestID)),\"remote\":\(JSONText.quoted(remoteAddress))}"
    }
}

/// Receives one entry per response. Called on the worker thread that served the request, so it
/// should be quick and must be thread-safe.
public typealias AccessLogSink = @Sendable (AccessLogEntry) -> Void

/// Ready-made access-log sinks.
public enum AccessLog {
    /// Human-readable lines on standard error (the default).
    public static let standardError: AccessLogSink = { entry in writeLine(entry.humanLine, to: STDERR_FILENO) }

    /// JSON Lines on the given file descriptor (standard error by default).
    public static func jsonLines(fileDescriptor: Int32 = STDERR_FILENO) -> AccessLogSink {
        { entry in writeLine(entry.jsonLine, to: fileDescriptor) }
    }

    /// Writes `line` plus a newline with a single write(2), so concurrent lines do not interleave.
    private static func writeLine(_ line: String, to fileDescriptor: Int32) {
        var text = line + "\n"
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(fileDescriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written > 0 {
                    offset += written
                } else if written < 0 && errno == EINTR {
                    continue
                } else {
                    return
                }
            }
        }
    }
}
