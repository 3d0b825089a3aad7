import HTTPServer

/// Every route the API serves; the handlers live in one file per resource.
enum Routes {
    static func register(in router: inout Router, context: ArchiveContext) {
        router.get("/api/pages", context.json(PageRoutes.list))
        router.get("/api/pages/{id}", context.json(PageRoutes.detail))
        router.get("/api/pages/{id}/posts", context.json(PageRoutes.posts))
        router.get("/api/posts", context.json(PostRoutes.list))
        router.get("/api/posts/{id}", context.json(PostRoutes.detail))
        router.get("/api/search", context.json(SearchRoute.search))
        router.get("/api/timeline", context.json(TimelineRoute.timeline))
        router.get("/api/entities", context.json(EntityRoutes.list))
        router.get("/api/entities/{id}", context.json(EntityRoutes.detail))
        router.get("/api/entities/{id}/posts", context.json(EntityRoutes.posts))
        router.get("/api/entities/{id}/quotes", context.json(EntityRoutes.quotes))
        router.get("/api/entities/{id}/timeline", context.json(EntityRoutes.timeline))
        router.get("/api/quotes", context.json(QuoteRoutes.list))
        router.get("/api/stats", context.json(StatsRoutes.stats))
        router.get("/api/sources", context.json(StatsRoutes.sources))
        router.get("/healthz", StatsRoutes.health)
        router.get("/readyz", context.json(cacheControl: "no-store", StatsRoutes.ready))
        router.get("/openapi.json", OpenAPIDocument.route)
    }
}

extension ArchiveAPI {
    private static let resources: Set<String> = ["pages", "posts", "search", "timeline", "stats", "sources",
                                                 "entities", "quotes"]
    private static let subresources: Set<String> = ["posts", "quotes", "timeline"]
    private static let topLevel: Set<String> = ["/healthz", "/readyz", "/openapi.json", "/metrics"]

    /// The route pattern a request path falls under (`/api/posts/{id}`), for metrics: ids become
    /// `{id}`, and anything unknown is `/api/other` or `static`, so labels stay few whatever clients send.
    public static func routeLabel(forPath path: String, segments: [String]) -> String {
        if topLevel.contains(path) { return path }
        guard segments.first == "api" else { return "static" }
        guard segments.count >= 2, segments.count <= 4, resources.contains(segments[1]) else { return "/api/other" }
        var label = "/api/" + segments[1]
        if segments.count >= 3 { label += "/{id}" }
        if segments.count == 4 {
            guard subresources.contains(segments[3]) else { return "/api/other" }
            label += "/" + segments[3]
        }
        return label
    }
}
