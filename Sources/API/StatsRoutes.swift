import HTTPServer
import Storage

/// `/api/stats`, `/api/sources`, `/healthz` and `/readyz`.
enum StatsRoutes {
    static func stats(_ request: Request, _ parameters: PathParameters, _ archive: ArchiveReader) throws -> [UInt8] {
        _ = try QueryParameters(request, allowed: [])
        var json = JSONWriter()
        json.raw("{\"pages\":"); json.int(try count("SELECT count(*) FROM pages", archive))
        json.raw(",\"posts\":"); json.int(try count("SELECT count(*) FROM posts", archive))
        json.raw(",\"entities\":"); json.int(try count("SELECT count(*) FROM entities", archive))
        json.raw(",\"entity_types\":")
        try writeCounts(of: "entities", by: "type", values: EntityRoutes.types, archive, to: &json)
        json.raw(",\"quotes\":"); json.int(try count("SELECT count(*) FROM quotes", archive))
        json.raw(",\"sources\":")
        try writeCounts(of: "sources", by: "status", values: ["ok", "skipped", "duplicate"], archive, to: &json)
        json.raw(",\"merged_duplicates\":")
        json.int(try count("SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'merged_duplicates'", archive))
        json.raw(",\"time_precision\":")
        try writeCounts(of: "posts", by: "time_precision", values: ["minute", "day", "unknown"], archive, to: &json)
        for (field, order) in [("first_published_at", "ASC"), ("last_published_at", "DESC")] {
            json.raw(",")
            json.string(field)
            json.raw(":")
            let statement = try archive.statement(
                "SELECT published_at FROM posts WHERE published_at IS NOT NULL ORDER BY timeline_rank \(order) LIMIT 1")
            json.string(try statement.step() ? statement.row.optionalText(0) : nil)
        }
        json.raw(",\"schema_version\":"); json.int(archive.info.schemaVersion)
        json.raw(",\"source_digest\":"); json.string(archive.info.sourceDigest)
        json.raw("}")
        return json.bytes
    }

    private static let source = RowObject([
        "path": .text, "sha256": .text, "bytes": .integer, "layout": .text, "status": .text, "reason": .text,
        "page_id": .text, "post_count": .integer, "warnings": .json,
    ])

    static func sources(_ request: Request, _ parameters: PathParameters, _ archive: ArchiveReader) throws -> [UInt8] {
        _ = try QueryParameters(request, allowed: [])
        var json = JSONWriter()
        json.raw("{\"items\":[")
        var index = 0
        try archive.statement("""
            SELECT path, sha256, bytes, layout, status, reason, page_id, post_count, warnings_json
            FROM sources ORDER BY path
            """).forEachRow { row in
            json.separator(index)
            source.write(row, to: &json)
            index += 1
        }
        json.raw("],\"next_cursor\":null}")
        return json.bytes
    }

    /// The process is up and answering; says nothing about the archive (see `/readyz`).
    static func health(_ request: Request, _ parameters: PathParameters) -> Response {
        ArchiveAPI.healthResponse
    }

    /// An archive is open and answers a query.
    static func ready(_ request: Request, _ parameters: PathParameters, _ archive: ArchiveReader) throws -> [UInt8] {
        var json = JSONWriter()
        json.raw("{\"status\":\"ready\",\"posts\":")
        json.int(try count("SELECT count(*) FROM posts", archive))
        json.raw(",\"version\":")
        json.string(archive.version)
        json.raw("}")
        return json.bytes
    }

    /// `{"value": rows with that value, …}` for one column of a table.
    private static func writeCounts(of table: String, by column: String, values: [String], _ archive: ArchiveReader,
                                    to json: inout JSONWriter) throws {
        json.raw("{")
        for (index, value) in values.enumerated() {
            json.separator(index)
            json.string(value)
            json.raw(":")
            json.int(try count("SELECT count(*) FROM \(table) WHERE \(column) = '\(value)'", archive))
        }
        json.raw("}")
    }

    private static func count(_ sql: String, _ archive: ArchiveReader) throws -> Int {
        let statement = try archive.statement(sql)
        try statement.bind()
        return try statement.step() ? statement.row.int(0) : 0
    }
}
