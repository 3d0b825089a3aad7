/// Values captured by the `{name}` segments of a route pattern, decoded.
public struct PathParameters: Sendable {
    private var values: [(name: String, value: String)]

    init(names: [String], values: [String]) {
        self.values = zip(names, values).map { (name: $0, value: $1) }
    }

    /// The value captured for `{name}`, or nil.
    public subscript(name: String) -> String? {
        values.first { $0.name == name }?.value
    }
}

/// Maps method + path pattern to handlers; patterns are literal segments and `{param}` segments,
/// e.g. `/api/posts/{id}`.
///
/// Matching walks a small segment tree over ``Request/pathSegments`` (so an encoded `%2F` never
/// splits a segment): a literal beats a parameter at the same position, parameters never match an
/// empty segment, and a trailing slash is significant. HEAD uses the GET route unless one is
/// registered for HEAD. A path whose routes are all for other methods gets `405` with `Allow`;
/// anything else goes to ``fallback`` (a `404` problem unless replaced, e.g. by ``StaticFiles``).
public struct Router: Sendable {
    /// A route handler: the request and its captured path parameters.
    public typealias RouteHandler = @Sendable (Request, PathParameters) -> Response

    /// Answers requests no route matches.
    public var fallback: Handler

    private var nodes = [Node()]

    private struct Node: Sendable {
        var literals: [String: Int] = [:]
        var parameter: Int?
        var routes: [HTTPMethod: Route] = [:]
    }

    private struct Route: Sendable {
        let parameterNames: [String]
        let handler: RouteHandler
    }

    /// An empty router whose unmatched requests go to `fallback`.
    public init(fallback: @escaping Handler = { _ in .problem(status: .notFound) }) {
        self.fallback = fallback
    }

    /// Registers `handler` for GET (and so HEAD) requests matching `pattern`.
    public mutating func get(_ pattern: String, _ handler: @escaping RouteHandler) {
        add(.get, pattern, handler)
    }

    /// Registers `handler` for `method` requests matching `pattern` (which must start with `/`).
    /// Registering the same method and pattern twice replaces the earlier handler.
    public mutating func add(_ method: HTTPMethod, _ pattern: String, _ handler: @escaping RouteHandler) {
        precondition(pattern.hasPrefix("/"), "route patterns start with /: \(pattern)")
        var node = 0
        var parameterNames: [String] = []
        for segment in Self.segments(of: pattern) {
            if segment.hasPrefix("{") && segment.hasSuffix("}") && segment.count > 2 {
                parameterNames.append(String(segment.dropFirst().dropLast()))
                node = child(of: node, parameter: true, literal: "")
            } else {
                node = child(of: node, parameter: false, literal: String(segment))
            }
        }
        nodes[node].routes[method] = Route(parameterNames: parameterNames, handler: handler)
    }

    /// Routes one request.
    public func handle(_ request: Request) -> Response {
        var captured: [String] = []
        guard let node = match(request.pathSegments, from: 0, depth: 0, captured: &captured) else {
            return fallback(request)
        }
        let routes = nodes[node].routes
        let route = routes[request.method] ?? (request.method == .head ? routes[.get] : nil)
        guard let route else {
            var allowed = Set(routes.keys)
            if allowed.contains(.get) { allowed.insert(.head) }
            let allow = HTTPMethod.allCases.filter(allowed.contains).map(\.rawValue).joined(separator: ", ")
            var response = Response.problem(status: .methodNotAllowed,
                                            detail: "This resource only supports \(allow).")
            response.headers["Allow"] = allow
            return response
        }
        return route.handler(request, PathParameters(names: route.parameterNames, values: captured))
    }

    /// This router as a server ``Handler``.
    public var handler: Handler {
        let router = self
        return { router.handle($0) }
    }

    private static func segments(of pattern: String) -> [Substring] {
        pattern == "/" ? [] : pattern.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
    }

    private mutating func child(of node: Int, parameter: Bool, literal: String) -> Int {
        if let existing = parameter ? nodes[node].parameter : nodes[node].literals[literal] { return existing }
        nodes.append(Node())
        let index = nodes.count - 1
        if parameter {
            nodes[node].parameter = index
        } else {
            nodes[node].literals[literal] = index
        }
        return index
    }

    /// Depth-first match, literals first; returns the node holding routes for the whole path.
    private func match(_ segments: [String], from node: Int, depth: Int, captured: inout [String]) -> Int? {
        if depth == segments.count { return nodes[node].routes.isEmpty ? nil : node }
        let segment = segments[depth]
        if let next = nodes[node].literals[segment],
           let found = match(segments, from: next, depth: depth + 1, captured: &captured) {
            return found
        }
        if let next = nodes[node].parameter, !segment.isEmpty {
            captured.append(segment)
            if let found = match(segments, from: next, depth: depth + 1, captured: &captured) { return found }
            captured.removeLast()
        }
        return nil
    }
}
