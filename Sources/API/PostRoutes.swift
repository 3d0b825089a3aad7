import HTTPServer
import Storage

/// `/api/posts` (filtered, cursor-paginated, in time order) and `/api/posts/{id}`.
enum PostRoutes {
    static func list(_ request: Request, _ parameters: PathParameters, _ archive: ArchiveReader) throws -> [UInt8] {
        try list(request, archive, entity: nil)
    }

    /// The post list; `pathEntity` is the entity of `/api/entities/{id}/posts` (else the `entity`
    /// parameter may name one).
    static func list(_ request: Request, _ archive: ArchiveReader, entity pathEntity: String?) throws -> [UInt8] {
        let query = try QueryParameters(request, allowed: ["page", "since", "until", "order", "limit", "cursor"]
                                                          + (pathEntity == nil ? ["entity"] : []))
        let newestFirst = try query.choice("order", ["desc", "asc"]) == "desc"
        let filter = try PostFilter(query, archive, entity: pathEntity)
        let kind = newestFirst ? "posts-desc" : "posts-asc"
        var list = ListPage(limit: try query.limit(), cursorKind: kind, version: archive.version)
        var conditions = filter.conditions
        var values = filter.values
        if let cursor = try query.string("cursor").map({ try Cursor($0, kind: kind, version: archive.version) }) {
            conditions.append(newestFirst ? "p.timeline_rank < ?" : "p.timeline_rank > ?")
            values.append(.integer(Int64(cursor.position)))
        }
        values.append(.integer(Int64(list.limit + 1)))
        let statement = try archive.statement("""
            SELECT \(PostJSON.summaryColumns) FROM posts p
            \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "))
            ORDER BY p.timeline_rank \(newestFirst ? "DESC" : "ASC") LIMIT ?
            """)
        try statement.bind(values)
        while try statement.step() {
            let row = statement.row
            list.add(position: row.int(PostJSON.rankColumn)) { PostJSON.writeSummary(row, entity: filter.entityRank, chips: archive.chips, to: &$0) }
        }
        return list.finish()
    }

    private static let pageReference = RowObject(["id": .text, "title": .text, "seq": .integer])
    private static let sourceReference = RowObject(["path": .text, "sha256": .text])
    private static let detailSQL = "SELECT \(PostJSON.detailColumns) FROM posts p WHERE p.id = ?"

    static func detail(_ request: Request, _ parameters: PathParameters, _ archive: ArchiveReader) throws -> [UInt8] {
        _ = try QueryParameters(request, allowed: [])
        let id = parameters["id"] ?? ""
        let statement = try archive.statement(detailSQL)
        try statement.bind(id)
        guard try statement.step() else {
            throw APIProblem.notFound("No post has the id \"\(id)\"; GET /api/posts or /api/search lists them.")
        }
        var json = JSONWriter(capacity: 8192)
        json.raw("{")
        PostJSON.writeSummaryFields(statement.row, entities: .all, chips: archive.chips, to: &json)
        PostJSON.writeContentFields(statement.row, to: &json)
        json.raw(",\"pages\":[")
        var index = 0
        try archive.statement("""
            SELECT pp.page_id, pg.title, pp.seq FROM post_pages pp JOIN pages pg ON pg.id = pp.page_id
            WHERE pp.post_id = ?1 ORDER BY pp.page_id <> (SELECT page_id FROM posts WHERE id = ?1), pg.date, pg.id
            """).forEachRow(id) { row in
            json.separator(index)
            pageReference.write(row, to: &json)
            index += 1
        }
        json.raw("],\"sources\":[")
        index = 0
        try archive.statement("""
            SELECT s.path, s.sha256 FROM post_sources ps JOIN sources s ON s.id = ps.source_id
            WHERE ps.post_id = ? ORDER BY s.path
            """).forEachRow(id) { row in
            json.separator(index)
            sourceReference.write(row, to: &json)
            index += 1
        }
        json.raw("],\"quotes\":")
        try QuoteRoutes.writeQuotes(ofPost: id, archive, to: &json)
        json.raw("}")
        return json.bytes
    }
}

/// The `page`, `entity`, `since` and `until` filters shared by post lists and the timeline, as SQL
/// conditions on `posts p`.
///
/// A date bound compares days. A date-and-time bound compares minutes for posts with a time, and
/// days for posts known only to the day (such a post is kept when its day is the bound's day: it
/// may lie on either side). Posts with no date never match a bound.
struct PostFilter {
    private(set) var conditions: [String] = []
    private(set) var values: [SQLValue] = []
    /// The rank of the entity the posts must mention, if any.
    private(set) var entityRank: Int?

    init(_ query: QueryParameters, _ archive: ArchiveReader, entity pathEntity: String? = nil) throws {
        if let page = query.string("page") {
            try PageRoutes.requireExists(page, archive)
            conditions.append("p.id IN (SELECT post_id FROM post_pages WHERE page_id = ?)")
            values.append(.text(page))
        }
        if let entity = pathEntity ?? query.string("entity") {
            let rank = try EntityRoutes.rank(of: entity, archive)
            entityRank = rank
            conditions.append("p.rowid IN (SELECT post_rowid FROM mentions WHERE entity_rank = ?)")
            values.append(.integer(Int64(rank)))
        }
        let since = try query.timeBound("since")
        let until = try query.timeBound("until")
        if let since { add(since, comparison: ">=") }
        if let until { add(until, comparison: "<=") }
        if let since, let until, since.day > until.day || (since.epochMinute ?? .min) > (until.epochMinute ?? .max) {
            throw APIProblem.badRequest("since is after until.")
        }
    }

    private mutating func add(_ bound: TimeBound, comparison: String) {
        if let minute = bound.epochMinute {
            conditions.append("(p.sort_minute \(comparison) ? OR (p.sort_minute IS NULL AND p.published_day \(comparison) ?))")
            values.append(.integer(Int64(minute)))
        } else {
            conditions.append("p.published_day \(comparison) ?")
        }
        values.append(.text(bound.day.description))
    }
}
