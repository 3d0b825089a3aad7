/// An HTTP request as handlers see it: decoded target, headers and identity.
public struct Request: Sendable {
    /// GET or HEAD when the server calls a handler.
    public let method: HTTPMethod
    /// The path as received, still percent-encoded, without the query.
    public let rawPath: String
    /// The query string as received (without `?`), or nil when the target has none.
    public let rawQuery: String?
    /// The percent-decoded path.
    public let path: String
    /// The path split on `/` and decoded per segment, so an encoded `%2F` stays inside its segment.
    /// `/` has no segments; `/a/b/` has `["a", "b", ""]`.
    public let pathSegments: [String]
    /// Query pairs in order, decoded (`+` is a space).
    public let queryItems: [QueryItem]
    /// Request headers (case-insensitive lookup).
    public let headers: HTTPHeaders
    /// Short unique id for this request; also sent back as `X-Request-Id`.
    public let requestID: String
    /// The client's address, `ip:port` (`[ip]:port` for IPv6).
    public let remoteAddress: String

    /// Builds a request from a raw request-target such as `/api/posts?page=2`.
    ///
    /// The server uses the same decoding; this initialiser lets API tests build requests without sockets.
    public init(method: HTTPMethod = .get, target: String, headers: HTTPHeaders = HTTPHeaders(),
                requestID: String = "test", remoteAddress: String = "127.0.0.1:0") throws(RequestTargetError) {
        var target = target
        let parsed = target.withUTF8 { bytes in
            Result { () throws(RequestTargetError) in try RequestTarget.parse(UnsafeRawBufferPointer(bytes)) }
        }
        self.init(method: method, target: try parsed.get(), headers: headers, requestID: requestID,
                  remoteAddress: remoteAddress)
    }

    init(method: HTTPMethod, target: RequestTarget, headers: HTTPHeaders, requestID: String, remoteAddress: String) {
        self.method = method
        self.rawPath = target.rawPath
        self.rawQuery = target.rawQuery
        self.path = target.path
        self.pathSegments = target.pathSegments
        self.queryItems = target.queryItems
        self.headers = headers
        self.requestID = requestID
        self.remoteAddress = remoteAddress
    }

    /// Whether `Accept-Encoding` allows gzip (by name or `*`, with a non-zero q-value).
    public var acceptsGzip: Bool {
        guard var value = headers["Accept-Encoding"] else { return false }
        return value.withUTF8 { HeaderValues.acceptsGzip(UnsafeRawBufferPointer($0)) }
    }

    /// The first value of query parameter `name`, or nil.
    public func query(_ name: String) -> String? {
        queryItems.first { $0.name == name }?.value
    }

    /// Every value of query parameter `name`, in order (`?tag=a&tag=b`).
    public func queryValues(_ name: String) -> [String] {
        queryItems.filter { $0.name == name }.map(\.value)
    }
}
