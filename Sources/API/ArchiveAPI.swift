import HTTPServer
import Storage

/// The JSON API over one archive file: routes, validation, caching and errors.
///
/// The archive is immutable while served (ingest renames a new file into place and the server swaps
/// in a new `ArchiveAPI`), so every successful response is cached with its gzip encoding and carries
/// an `ETag` derived from the archive's source digest: a revalidating client gets a `304`.
public final class ArchiveAPI: Sendable {
    /// What the archive's `meta` table says about it.
    public let info: ArchiveInfo
    private let context: ArchiveContext
    private let cache: ResponseCache
    private let router: Router
    private let serverSendsGzip: Bool

    /// Opens `databasePath` read-only. Throws when it is missing, not a Dateline archive, or was
    /// written by another schema version (re-run the ingest then). A search that runs longer than
    /// `searchTimeLimit` seconds is stopped and answered 400. `gzip` says whether the server sends
    /// gzip at all (``ServerConfiguration/gzip``): cached responses are kept compressed, and handed
    /// out that way only to clients that will get them so.
    public init(databasePath: String, responseCacheBytes: Int = 16 << 20, searchTimeLimit: Double = 2,
                gzip: Bool = true,
                fallback: @escaping Handler = { _ in .problem(status: .notFound) }) throws {
        let pool: ConnectionPool
        do { pool = try ConnectionPool(path: databasePath) } catch let error as SQLiteError where error.primaryCode == 26 {
            throw ArchiveError.notAnArchive(databasePath) // SQLITE_NOTADB
        }
        let (info, chips) = try pool.withConnection { (try ArchiveInfo(connection: $0), try EntityChips(connection: $0)) }
        self.info = info
        context = ArchiveContext(pool: pool, info: info, chips: chips, searchTimeLimit: searchTimeLimit)
        cache = ResponseCache(capacity: responseCacheBytes)
        serverSendsGzip = gzip
        var router = Router(fallback: fallback)
        Routes.register(in: &router, context: context)
        self.router = router
    }

    /// Answers one request: from the cache when this target was answered before.
    public func handle(_ request: Request) -> Response {
        guard request.path.hasPrefix("/api/") || request.path == "/openapi.json" else {
            return router.handle(request)
        }
        let key = request.rawQuery.map { request.rawPath + "?" + $0 } ?? request.rawPath
        let gzip = serverSendsGzip && request.acceptsGzip
        if let cached = cache.response(for: key, gzip: gzip) { return cached }
        let response = router.handle(request)
        return response.status == .ok ? cache.store(response, for: key, gzip: gzip) : response
    }

    /// The answer to `/healthz`: the process is up (it says nothing about the archive), also while
    /// no archive is open yet.
    public static let healthResponse = Response.json(Array("{\"status\":\"ok\"}".utf8), headers: ["Cache-Control": "no-store"])

    /// The OpenAPI 3.1 document served at `/openapi.json`.
    public static var openAPIDocument: String { OpenAPIDocument.text }

    /// This API as a server handler.
    public var handler: Handler {
        { [self] request in handle(request) }
    }
}

/// What every route needs: connections, the archive's identity and its entities' chips.
struct ArchiveContext: Sendable {
    let pool: ConnectionPool
    let info: ArchiveInfo
    let chips: EntityChips
    let searchTimeLimit: Double

    /// The `ETag` of every response from this archive.
    var entityTag: String { "\"" + info.version + "\"" }

    /// A route body that returns JSON bytes, wrapped into a handler: connection borrowing, headers,
    /// and problems for client mistakes. Anything else thrown is a bug: a logged 500.
    func json(cacheControl: String = "public, max-age=60",
              _ body: @escaping @Sendable (Request, PathParameters, ArchiveReader) throws -> [UInt8]) -> Router.RouteHandler {
        let context = self
        return { request, parameters in
            do {
                let bytes = try context.pool.withConnection {
                    try body(request, parameters, ArchiveReader(connection: $0, info: context.info, chips: context.chips,
                                      searchTimeLimit: context.searchTimeLimit))
                }
                return .json(bytes, headers: ["ETag": context.entityTag, "Cache-Control": cacheControl])
            } catch let problem as APIProblem {
                return problem.response
            } catch {
                return .problem(status: .internalServerError, detail: "The server failed on this request (\(request.requestID)).")
            }
        }
    }
}

/// The archive's identity, from its `meta` table.
public struct ArchiveInfo: Sendable {
    /// Digest of the sources the archive was built from (hex).
    public let sourceDigest: String
    public let schemaVersion: Int
    public let pages: Int
    public let posts: Int
    public let entities: Int
    /// Short tag naming this build: used in `ETag`s and cursors.
    public var version: String { String(sourceDigest.prefix(16)) + "-" + String(schemaVersion) }

    init(connection: ReadConnection) throws {
        var meta: [String: String] = [:]
        do {
            try connection.statement("SELECT key, value FROM meta").forEachRow { meta[$0.text(0)] = $0.text(1) }
        } catch {
            throw ArchiveError.notAnArchive(connection.database.path)
        }
        guard let version = meta["schema_version"].flatMap(Int.init), let digest = meta["source_digest"] else {
            throw ArchiveError.notAnArchive(connection.database.path)
        }
        guard version == Schema.version else {
            throw ArchiveError.schemaMismatch(path: connection.database.path, found: version)
        }
        sourceDigest = digest
        schemaVersion = version
        pages = meta["pages"].flatMap(Int.init) ?? 0
        posts = meta["posts"].flatMap(Int.init) ?? 0
        let count = try connection.statement("SELECT count(*) FROM entities")
        try count.bind()
        entities = try count.step() ? count.row.int(0) : 0
    }
}

/// Why an archive file cannot be served.
public enum ArchiveError: Error, CustomStringConvertible {
    case notAnArchive(String)
    case schemaMismatch(path: String, found: Int)

    public var description: String {
        switch self {
        case .notAnArchive(let path):
            return "\(path) is not a Dateline archive (no meta table); build it with `dateline ingest`"
        case .schemaMismatch(let path, let found):
            return "\(path) has schema version \(found), this build reads \(Schema.version); re-run `dateline ingest --force`"
        }
    }
}
