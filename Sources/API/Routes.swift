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
        router.get("/api/stats", context.json(StatsRoutes.stats))
        router.get("/api/sources", context.json(StatsRoutes.sources))
        router.get("/healthz", StatsRoutes.health)
        router.get("/readyz", context.json(cacheControl: "no-store", StatsRoutes.ready))
        router.get("/openapi.json", OpenAPIDocument.route)
    }
}
