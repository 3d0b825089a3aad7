import Extraction
import HTTPServer
import Storage

/// `/api/entities` and `/api/entities/{id}` with its posts, quotes and timeline.
enum EntityRoutes {
    static let columns = """
        e.id, e.name, e.type, e.aliases_json, e.titles_json, e.mention_count, e.post_count, e.first_seen,
        e.last_seen, e.rank
        """
    private static let entity = RowObject([
        "id": .text, "name": .text, "type": .text, "aliases": .json, "titles": .json, "mention_count": .integer,
        "post_count": .integer, "first_seen": .text, "last_seen": .text,
    ])
    private static let related = RowObject(["id": .text, "name": .text, "type": .text, "count": .integer])
    static let types = ["person", "organization", "place"]

    static func list(_ request: Request, _ parameters: PathParameters, _ archive: ArchiveReader) throws -> [UInt8] {
        let query = try QueryParameters(request, allowed: ["type", "q", "sort", "limit", "cursor"])
        let byName = try query.choice("sort", ["mentions", "name"]) == "name"
        var conditions: [String] = []
        var values: [SQLValue] = []
        if let type = query.string("type") {
            guard types.contains(type) else {
                throw APIProblem.badRequest("type must be one of \(types.joined(separator: ", ")), not \"\(type)\".")
            }
            conditions.append("e.type = ?")
            values.append(.text(type))
        }
        if let text = query.string("q") {
            let key = EntityExtractor.searchKey(text)
            guard !key.isEmpty, key.utf8.count <= 200 else {
                throw APIProblem.badRequest("q must hold letters or digits of a name (at most 200).")
            }
            conditions.append("e.id IN (SELECT entity_id FROM entity_aliases WHERE folded >= ? AND folded < ?)")
            values += [.text(key), .text(key + "\u{FFFF}")]
        }
        let kind = byName ? "entities-name" : "entities"
        var list = ListPage(limit: try query.limit(), cursorKind: kind, version: archive.version)
        let cursor = try query.string("cursor").map { try Cursor($0, kind: kind, version: archive.version).position } ?? 0
        if !byName {
            conditions.append("e.rank > ?")
            values.append(.integer(Int64(cursor)))
        }
        values.append(.integer(Int64(list.limit + 1)))
        if byName { values.append(.integer(Int64(cursor))) }
        let statement = try archive.statement("""
            SELECT \(columns) FROM entities e
            \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "))
            ORDER BY \(byName ? "e.name COLLATE NOCASE, e.id LIMIT ? OFFSET ?" : "e.rank LIMIT ?")
            """)
        try statement.bind(values)
        var position = cursor
        while try statement.step() {
            let row = statement.row
            position += 1
            list.add(position: byName ? position : row.int(9)) { entity.write(row, to: &$0) }
        }
        return list.finish()
    }

    static func detail(_ request: Request, _ parameters: PathParameters, _ archive: ArchiveReader) throws -> [UInt8] {
        _ = try QueryParameters(request, allowed: [])
        let id = parameters["id"] ?? ""
        let statement = try archive.statement("SELECT \(columns) FROM entities e WHERE e.id = ?")
        try statement.bind(id)
        guard try statement.step() else { throw notFound(id) }
        var json = JSONWriter()
        json.raw("{")
        entity.writeFields(statement.row, to: &json)
        json.raw(",\"related\":[")
        var index = 0
        try archive.statement("""
            SELECT e.id, e.name, e.type, count(*) AS together FROM mentions a
            JOIN mentions b ON b.post_rowid = a.post_rowid AND b.entity_rank <> a.entity_rank
            JOIN entities e ON e.rank = b.entity_rank
            WHERE a.entity_rank = (SELECT rank FROM entities WHERE id = ?)
            GROUP BY b.entity_rank ORDER BY together DESC, e.rank LIMIT 12
            """).forEachRow(id) { row in
            json.separator(index)
            related.write(row, to: &json)
            index += 1
        }
        json.raw("]}")
        return json.bytes
    }

    static func posts(_ request: Request, _ parameters: PathParameters, _ archive: ArchiveReader) throws -> [UInt8] {
        try PostRoutes.list(request, archive, entity: try requireExists(parameters, archive))
    }

    static func timeline(_ request: Request, _ parameters: PathParameters, _ archive: ArchiveReader) throws -> [UInt8] {
        try TimelineRoute.timeline(request, archive, entity: try requireExists(parameters, archive))
    }

    static func quotes(_ request: Request, _ parameters: PathParameters, _ archive: ArchiveReader) throws -> [UInt8] {
        try QuoteRoutes.list(request, archive, speaker: try requireExists(parameters, archive))
    }

    /// The `{id}` of the path, after checking an entity has it.
    static func requireExists(_ parameters: PathParameters, _ archive: ArchiveReader) throws -> String {
        let id = parameters["id"] ?? ""
        try requireExists(id, archive)
        return id
    }

    /// Throws a 404 unless an entity has this id.
    static func requireExists(_ id: String, _ archive: ArchiveReader) throws {
        let statement = try archive.statement("SELECT 1 FROM entities WHERE id = ?")
        try statement.bind(id)
        guard try statement.step() else { throw notFound(id) }
    }

    private static func notFound(_ id: String) -> APIProblem {
        .notFound("No entity has the id \"\(id)\"; GET /api/entities?q=… finds them.")
    }
}
