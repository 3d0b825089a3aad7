import ZlibCodec
/// What a handler returns: status, headers and body bytes.
///
/// The server adds `Date`, `Server`, `Content-Length`, `Connection` and `X-Request-Id` itself (handler
/// values for those are ignored), applies conditional GET (`ETag` + `If-None-Match` → 304), gzip and
/// HEAD. Bodies are `[UInt8]`, which is copy-on-write: a cached response is shared, never copied.
///
/// A response may carry its content only gzip-encoded (``body`` empty, ``gzippedBody`` set, e.g. a
/// cache that keeps compressed copies): the server then inflates it straight into the output for a
/// client that does not accept gzip.
public struct Response: Sendable {
    /// The status to send (a 200 may become a 304 under conditional GET).
    public var status: HTTPStatus
    /// Headers to send; `Content-Type`, `ETag` and `Cache-Control` are the usual ones.
    public var headers: HTTPHeaders
    /// The content, unencoded; empty when the content is only in ``gzippedBody``.
    public var body: [UInt8]
    /// The gzip encoding of the content, computed ahead of time (see ``precompressed()``). When present
    /// the server sends it to clients that accept gzip instead of compressing per request.
    public var gzippedBody: [UInt8]?

    /// The content unencoded: ``body``, or ``gzippedBody`` inflated when it is the only copy.
    public var content: [UInt8] {
        get throws(Gunzip.Failure) {
            guard body.isEmpty, let gzippedBody else { return body }
            return try Gunzip.decompress(gzippedBody, limit: Int.max)
        }
    }

    /// A response with the given parts.
    public init(status: HTTPStatus = .ok, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = [],
                gzippedBody: [UInt8]? = nil) {
        self.status = status
        self.headers = headers
        self.body = body
        self.gzippedBody = gzippedBody
    }

    /// JSON bytes with `Content-Type: application/json`.
    public static func json(_ body: [UInt8], status: HTTPStatus = .ok, headers: HTTPHeaders = HTTPHeaders()) -> Response {
        var headers = headers
        headers["Content-Type"] = "application/json"
        return Response(status: status, headers: headers, body: body)
    }

    /// UTF-8 text with `Content-Type: text/plain; charset=utf-8`.
    public static func text(_ text: String, status: HTTPStatus = .ok) -> Response {
        Response(status: status, headers: ["Content-Type": "text/plain; charset=utf-8"], body: Array(text.utf8))
    }

    /// An RFC 9457 problem: `{"type":"about:blank","title":…,"status":…,"detail":…}` served as
    /// `application/problem+json`. `title` defaults to the reason phrase; `detail` is omitted when nil.
    public static func problem(status: HTTPStatus, title: String? = nil, detail: String? = nil) -> Response {
        var json = "{\"type\":\"about:blank\",\"title\":" + JSONText.quoted(title ?? status.reasonPhrase)
            + ",\"status\":" + String(status.code)
        if let detail { json += ",\"detail\":" + JSONText.quoted(detail) }
        json += "}"
        return Response(status: status, headers: ["Content-Type": "application/problem+json"], body: Array(json.utf8))
    }

    /// This response with ``gzippedBody`` filled in when its content type is compressible and gzip
    /// actually makes it smaller, so a cached response is compressed once rather than per request.
    public func precompressed() -> Response {
        guard gzippedBody == nil, !body.isEmpty, MediaType.isCompressible(headers["Content-Type"]) else { return self }
        let compressed = Gzip.compress(body)
        guard compressed.count < body.count else { return self }
        var copy = self
        copy.gzippedBody = compressed
        return copy
    }
}
