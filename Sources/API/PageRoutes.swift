import HTTPServer
import Storage

/// `/api/pages`, `/api/pages/{id}` and `/api/pages/{id}/posts`.
enum PageRoutes {
    private static let columns = "id, title, date, declared_posts, post_count, layout, summary_json, status_line"

    static func list(_ request: Request, _ parameters: PathParameters, _ archive: ArchiveReader) throws -> [UInt8] {
        _ = try QueryParameters(request, allowed: [])
        var json = JSONWriter()
        json.raw("{\"items\":[")
        var index = 0
        let pages = try archive.statement("SELECT \(columns) FROM pages ORDER BY date DESC, id")
        let sources = try archive.statement(sourcesSQL)
        try pages.forEachRow { row in
            json.separator(index)
            try write(row, sources: sources, to: &json)
            index += 1
        }
        json.raw("],\"next_cursor\":null}")
        return json.bytes
    }

    static func detail(_ request: Request, _ parameters: PathParameters, _ archive: ArchiveReader) throws -> [UInt8] {
        _ = try QueryParameters(request, allowed: [])
        let id = parameters["id"] ?? ""
        var json = JSONWriter()
        var found = false
        let sources = try archive.statement(sourcesSQL)
        try archive.statement("SELECT \(columns) FROM pages WHERE id = ?").forEachRow(id) { row in
            try write(row, sources: sources, to: &json)
            found = true
        }
        guard found else { throw APIProblem.notFound("No page has the id \"\(id)\"; GET /api/pages lists them.") }
        return json.bytes
    }

    static func posts(_ request: Request, _ parameters: PathParameters, _ archive: ArchiveReader) throws -> [UInt8] {
        let query = try QueryParameters(request, allowed: ["limit", "cursor"])
        let id = parameters["id"] ?? ""
        try requireExists(id, archive)
        let version = archive.version
        var list = ListPage(limit: try query.limit(), cursorKind: "page-posts", version: version)
        let after = try query.string("cursor").map { try Cursor($0, kind: "page-posts", version: version).position } ?? 0
        let statement = try archive.statement(pagePostsSQL)
        try statement.forEachRow(id, after, list.limit + 1) { row in
            list.add(position: row.int(14)) { PostJSON.writeSummary(row, chips: archive.chips, to: &$0) }
        }
        return list.finish()
    }

    /// Throws a 404 unless a page has this id.
    static func requireExists(_ id: String, _ archive: ArchiveReader) throws {
        let statement = try archive.statement("SELECT 1 FROM pages WHERE id = ?")
        try statement.bind(id)
        guard try statement.step() else {
            throw APIProblem.notFound("No page has the id \"\(id)\"; GET /api/pages lists them.")
        }
    }

    private static let pagePostsSQL = """
        SELECT \(PostJSON.summaryColumns(page: "pp.page_id", seq: "pp.seq")), pp.seq
        FROM post_pages pp JOIN posts p ON p.id = pp.post_id
        WHERE pp.page_id = ? AND pp.seq > ? ORDER BY pp.seq LIMIT ?
        """

    private static let sourcesSQL = """
        SELECT s.path, s.sha256, s.status FROM page_sources ps JOIN sources s ON s.id = ps.source_id
        WHERE ps.page_id = ? ORDER BY s.path
        """

    private static let page = RowObject([
        "id": .text, "title": .text, "date": .text, "declared_posts": .integer, "post_count": .integer,
        "layout": .text, "summary": .json, "status_line": .text,
    ])
    private static let source = RowObject(["path": .text, "sha256": .text, "status": .text])

    private static func write(_ row: Row, sources: Statement, to json: inout JSONWriter) throws {
        json.raw("{")
        page.writeFields(row, to: &json)
        json.raw(",\"sources\":[")
        var index = 0
        try sources.forEachRow(row.text(0)) { row in
            json.separator(index)
            source.write(row, to: &json)
            index += 1
        }
        json.raw("]}")
    }
}
