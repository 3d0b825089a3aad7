/// An HTTP status code with its standard reason phrase.
public struct HTTPStatus: Sendable, Hashable, ExpressibleByIntegerLiteral, CustomStringConvertible {
    /// The numeric code, e.g. 404.
    public let code: Int

    /// A status with the given code.
    public init(_ code: Int) { self.code = code }

    /// Lets call sites write `200` where an `HTTPStatus` is expected.
    public init(integerLiteral code: Int) { self.code = code }

    /// `200 OK`
    public static let ok: HTTPStatus = 200
    /// `204 No Content`
    public static let noContent: HTTPStatus = 204
    /// `301 Moved Permanently`
    public static let movedPermanently: HTTPStatus = 301
    /// `302 Found`
    public static let found: HTTPStatus = 302
    /// `304 Not Modified`
    public static let notModified: HTTPStatus = 304
    /// `400 Bad Request`
    public static let badRequest: HTTPStatus = 400
    /// `403 Forbidden`
    public static let forbidden: HTTPStatus = 403
    /// `404 Not Found`
    public static let notFound: HTTPStatus = 404
    /// `405 Method Not Allowed`
    public static let methodNotAllowed: HTTPStatus = 405
    /// `408 Request Timeout`
    public static let requestTimeout: HTTPStatus = 408
    /// `413 Content Too Large`
    public static let contentTooLarge: HTTPStatus = 413
    /// `414 URI Too Long`
    public static let uriTooLong: HTTPStatus = 414
    /// `422 Unprocessable Content`
    public static let unprocessableContent: HTTPStatus = 422
    /// `429 Too Many Requests`
    public static let tooManyRequests: HTTPStatus = 429
    /// `431 Request Header Fields Too Large`
    public static let requestHeaderFieldsTooLarge: HTTPStatus = 431
    /// `500 Internal Server Error`
    public static let internalServerError: HTTPStatus = 500
    /// `501 Not Implemented`
    public static let notImplemented: HTTPStatus = 501
    /// `503 Service Unavailable`
    public static let serviceUnavailable: HTTPStatus = 503
    /// `505 HTTP Version Not Supported`
    public static let httpVersionNotSupported: HTTPStatus = 505

    /// The RFC 9110 reason phrase, or "Unknown" for codes this table does not list.
    public var reasonPhrase: String {
        switch code {
        case 100: return "Continue"
        case 200: return "OK"
        case 201: return "Created"
        case 202: return "Accepted"
        case 204: return "No Content"
        case 206: return "Partial Content"
        case 301: return "Moved Permanently"
        case 302: return "Found"
        case 303: return "See Other"
        case 304: return "Not Modified"
        case 307: return "Temporary Redirect"
        case 308: return "Permanent Redirect"
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 406: return "Not Acceptable"
        case 408: return "Request Timeout"
        case 409: return "Conflict"
        case 410: return "Gone"
        case 412: return "Precondition Failed"
        case 413: return "Content Too Large"
        case 414: return "URI Too Long"
        case 415: return "Unsupported Media Type"
        case 422: return "Unprocessable Content"
        case 429: return "Too Many Requests"
        case 431: return "Request Header Fields Too Large"
        case 500: return "Internal Server Error"
        case 501: return "Not Implemented"
        case 502: return "Bad Gateway"
        case 503: return "Service Unavailable"
        case 504: return "Gateway Timeout"
        case 505: return "HTTP Version Not Supported"
        default: return "Unknown"
        }
    }

    /// Whether a response with this status never carries content (1xx, 204, 304; RFC 9110 §6.4.1).
    var forbidsContent: Bool { code < 200 || code == 204 || code == 304 }

    /// `404 Not Found`.
    public var description: String { "\(code) \(reasonPhrase)" }
}
