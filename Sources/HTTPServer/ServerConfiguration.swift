import Glibc

/// Everything that tunes an ``HTTPServer``. All limits are enforced per request or per connection.
public struct ServerConfiguration: Sendable {
    /// Address to bind: an IPv4/IPv6 literal or a host name (`0.0.0.0` or `::` for all interfaces).
    public var host: String
    /// TCP port; 0 binds an ephemeral port, readable from ``HTTPServer/port`` after `start()`.
    public var port: Int
    /// listen(2) backlog.
    public var backlog: Int
    /// Open connections allowed at once; one more is answered `503` with `Connection: close`.
    public var maxConnections: Int
    /// Longest request line accepted (excluding CRLF); longer → `414`.
    public var maxRequestLineBytes: Int
    /// Largest header section accepted (including its final CRLF); larger → `431`.
    public var maxHeaderBytes: Int
    /// Largest request content accepted and discarded (handlers never see content: this server routes
    /// only GET and HEAD). The default 0 answers any request with content, and any Transfer-Encoding,
    /// with `413` and closes the connection.
    public var maxBodyBytes: Int
    /// Seconds a client has to send a complete request head, from its first byte (or from accepting
    /// the connection); otherwise `408` and the socket is closed. The slowloris defence.
    public var headerTimeout: Double
    /// Seconds an idle keep-alive connection is kept before it is closed silently.
    public var keepAliveTimeout: Double
    /// Seconds a client may stall reading a response before the connection is dropped.
    public var writeTimeout: Double
    /// Seconds a connection the server ends (an error, the request limit, shutdown) stays half-closed
    /// while input the client still sends is discarded, so that a client still uploading or pipelining
    /// reads the final response instead of a reset (RFC 9112 §9.6). Ends early when the client closes.
    public var lingerTimeout: Double
    /// Requests served on one connection before the server answers with `Connection: close`.
    public var maxRequestsPerConnection: Int
    /// Worker threads; each runs its own poll loop and its handlers, so this bounds handler concurrency.
    public var workerThreads: Int
    /// Whether compressible responses are gzip-encoded for clients that accept it.
    public var gzip: Bool
    /// Smallest body worth compressing, in bytes.
    public var gzipMinimumBytes: Int
    /// `Access-Control-Allow-Origin` value (`*` or an origin); nil disables CORS and OPTIONS preflights.
    public var corsAllowedOrigin: String?
    /// Where access-log entries go; nil disables access logging.
    public var accessLog: AccessLogSink?

    /// A configuration; every parameter has a production default.
    public init(host: String = "127.0.0.1",
                port: Int = 8080,
                backlog: Int = 1024,
                maxConnections: Int = 4096,
                maxRequestLineBytes: Int = 8192,
                maxHeaderBytes: Int = 16384,
                maxBodyBytes: Int = 0,
                headerTimeout: Double = 10,
                keepAliveTimeout: Double = 5,
                writeTimeout: Double = 30,
                lingerTimeout: Double = 2,
                maxRequestsPerConnection: Int = 10_000,
                workerThreads: Int = ServerConfiguration.defaultWorkerThreads,
                gzip: Bool = true,
                gzipMinimumBytes: Int = 1024,
                corsAllowedOrigin: String? = nil,
                accessLog: AccessLogSink? = AccessLog.standardError) {
        self.host = host
        self.port = port
        self.backlog = backlog
        self.maxConnections = maxConnections
        self.maxRequestLineBytes = maxRequestLineBytes
        self.maxHeaderBytes = maxHeaderBytes
        self.maxBodyBytes = maxBodyBytes
        self.headerTimeout = headerTimeout
        self.keepAliveTimeout = keepAliveTimeout
        self.writeTimeout = writeTimeout
        self.lingerTimeout = lingerTimeout
        self.maxRequestsPerConnection = maxRequestsPerConnection
        self.workerThreads = workerThreads
        self.gzip = gzip
        self.gzipMinimumBytes = gzipMinimumBytes
        self.corsAllowedOrigin = corsAllowedOrigin
        self.accessLog = accessLog
    }

    /// Two workers per online CPU (at least two), so one slow handler does not idle a core.
    public static var defaultWorkerThreads: Int {
        max(2, 2 * Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }
}
