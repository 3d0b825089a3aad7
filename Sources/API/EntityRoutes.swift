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
        try writeRelated(rank: statement.row.int(9), archive, to: &json)
        json.raw("]}")
        return json.bytes
    }

    /// How many related entities an entity lists.
    static let relatedCount = 12

    /// Writes the ``relatedCount`` entities that share the most posts with the entity ranked `rank`,
    /// each with the number of posts they share (`count`); ties in rank order. Counted from the
    /// entity lists of its posts: one read of a short row per post.
    private static func writeRelated(rank: Int, _ archive: ArchiveReader, to json: inout JSONWriter) throws {
        var together: [Int: Int] = [:]
        try archive.statement("""
            SELECT pe.entities_json FROM mentions m JOIN post_entities pe ON pe.post_rowid = m.post_rowid
            WHERE m.entity_rank = ?
            """).forEachRow(rank) { row in
            row.withUTF8(0) { stored in
                RankedEntities.forEach(in: stored) { other, _ in
                    if other != rank { together[other, default: 0] += 1 }
                    return true
                }
            }
        }
        let top = together.filter { archive.chips.contains(rank: $0.key) }
            .sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(relatedCount)
        for (index, (other, count)) in top.enumerated() {
            json.separator(index)
            archive.chips.write(rank: other, count: count, to: &json)
        }
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
        _ = try rank(of: id, archive)
    }

    /// The rank of the entity with this id; a 404 when there is none.
    static func rank(of id: String, _ archive: ArchiveReader) throws -> Int {
        let statement = try archive.statement("SELECT rank FROM entities WHERE id = ?")
        try statement.bind(id)
        guard try statement.step() else { throw notFound(id) }
        return statement.row.int(0)
    }

    private static func notFound(_ id: String) -> APIProblem {
        .notFound("No entity has the id \"\(id)\"; GET /api/entities?q=… finds them.")
    }
}
