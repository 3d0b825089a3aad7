import HTTPServer
import Storage

/// `/api/quotes` and the quotes of one post or speaker: newest post first, in post order.
enum QuoteRoutes {
    /// Columns of a quote row joined with its post and speaker.
    static let columns = "q.post_id, q.speaker_id, s.name, q.speaker_text, q.text, p.published_at"
    private static let from = """
        FROM quotes q JOIN posts p ON p.id = q.post_id LEFT JOIN entities s ON s.id = q.speaker_id
        """

    static func list(_ request: Request, _ parameters: PathParameters, _ archive: ArchiveReader) throws -> [UInt8] {
        try list(request, archive, speaker: nil)
    }

    /// Quotes filtered by `speaker` (an entity id; from the path, or the `speaker` parameter) and `q`.
    static func list(_ request: Request, _ archive: ArchiveReader, speaker pathSpeaker: String?) throws -> [UInt8] {
        let query = try QueryParameters(request, allowed: pathSpeaker == nil ? ["speaker", "q", "limit", "cursor"]
                                                                              : ["q", "limit", "cursor"])
        var conditions: [String] = []
        var values: [SQLValue] = []
        if let speaker = pathSpeaker ?? query.string("speaker") {
            if pathSpeaker == nil { try EntityRoutes.requireExists(speaker, archive) }
            conditions.append("q.speaker_id = ?")
            values.append(.text(speaker))
        }
        if let text = query.string("q") {
            guard text.utf8.count <= 200 else { throw APIProblem.badRequest("q is longer than 200 bytes.") }
            conditions.append("q.text LIKE ? ESCAPE '\\'")
            values.append(.text("%" + escapeLike(text) + "%"))
        }
        var list = ListPage(limit: try query.limit(), cursorKind: "quotes", version: archive.version)
        let offset = try query.string("cursor").map { try Cursor($0, kind: "quotes", version: archive.version).position } ?? 0
        values += [.integer(Int64(list.limit + 1)), .integer(Int64(offset))]
        let statement = try archive.statement("""
            SELECT \(columns) \(from)
            \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "))
            ORDER BY p.timeline_rank DESC, q.seq LIMIT ? OFFSET ?
            """)
        try statement.bind(values)
        var position = offset
        while try statement.step() {
            let row = statement.row
            position += 1
            list.add(position: position) { write(row, to: &$0) }
        }
        return list.finish()
    }

    /// The quotes of one post as a JSON array, in the post's order.
    static func writeQuotes(ofPost id: String, _ archive: ArchiveReader, to json: inout JSONWriter) throws {
        json.raw("[")
        var index = 0
        try archive.statement("SELECT \(columns) \(from) WHERE q.post_id = ? ORDER BY q.seq").forEachRow(id) { row in
            json.separator(index)
            write(row, to: &json)
            index += 1
        }
        json.raw("]")
    }

    /// `{"post_id","speaker":{"id","name"}|null,"speaker_text","text","published_at"}`.
    static func write(_ row: Row, to json: inout JSONWriter) {
        json.raw("{\"post_id\":"); json.text(row, 0)
        json.raw(",\"speaker\":")
        if row.isNull(1) {
            json.raw("null")
        } else {
            json.raw("{\"id\":"); json.text(row, 1)
            json.raw(",\"name\":"); json.text(row, 2)
            json.raw("}")
        }
        json.raw(",\"speaker_text\":"); json.text(row, 3)
        json.raw(",\"text\":"); json.text(row, 4)
        json.raw(",\"published_at\":"); json.text(row, 5)
        json.raw("}")
    }

    /// `text` with LIKE's wildcards escaped by `\`.
    private static func escapeLike(_ text: String) -> String {
        var out = ""
        for character in text {
            if character == "%" || character == "_" || character == "\\" { out.append("\\") }
            out.append(character)
        }
        return out
    }
}
