import Glibc

/// Why ``HTTPServer/start()`` failed.
public enum HTTPServerError: Error, Equatable, CustomStringConvertible {
    /// Another socket is bound to the port.
    case addressInUse(host: String, port: Int)
    /// Binding needs privileges this process lacks (ports below 1024).
    case permissionDenied(host: String, port: Int)
    /// The host is neither an address literal nor a resolvable name.
    case cannotResolve(host: String, reason: String)
    /// `start()` was called on a server that is running or was shut down.
    case alreadyStarted
    /// Another system call failed.
    case systemCall(String, errno: Int32)

    /// A sentence for the operator, e.g. `port 8080 is in use`.
    public var description: String {
        switch self {
        case .addressInUse(let host, let port): return "port \(port) is in use (on \(host))"
        case .permissionDenied(let host, let port): return "permission denied binding \(host):\(port)"
        case .cannotResolve(let host, let reason): return "cannot resolve host \(host): \(reason)"
        case .alreadyStarted: return "the server was already started"
        case .systemCall(let call, let code): return "\(call) failed: \(String(cString: strerror(code)))"
        }
    }
}
