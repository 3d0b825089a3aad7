/// The request methods this server recognises.
///
/// Only GET and HEAD reach handlers. OPTIONS is answered by the server as a CORS preflight
/// when CORS is configured; every other known method gets 405, and unknown tokens get 501.
public enum HTTPMethod: String, Sendable, Hashable, CaseIterable {
    case get = "GET"
    case head = "HEAD"
    case post = "POST"
    case put = "PUT"
    case delete = "DELETE"
    case patch = "PATCH"
    case options = "OPTIONS"
    case connect = "CONNECT"
    case trace = "TRACE"

    /// Recognises a method token (methods are case-sensitive, RFC 9110 §9.1); nil for unknown tokens.
    init?(token: UnsafeRawBufferPointer) {
        guard let first = token.first else { return nil }
        let candidate: HTTPMethod
        switch first {
        case 0x47: candidate = .get
        case 0x48: candidate = .head
        case 0x50: candidate = token.count == 3 ? .put : (token.count == 4 ? .post : .patch)
        case 0x44: candidate = .delete
        case 0x4F: candidate = .options
        case 0x43: candidate = .connect
        case 0x54: candidate = .trace
        default: return nil
        }
        guard token.elementsEqual(candidate.rawValue.utf8) else { return nil }
        self = candidate
    }
}
