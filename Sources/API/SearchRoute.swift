import HTTPServer
import Storage

/// `/api/search?q=`: FTS5 full-text search over headlines and bodies, best match first (bm25,
/// headline matches weigh four times as much as body matches), with an HTML-safe snippet.
///
/// Ranking goes through FTS5's `rank` column so FTS5 itself returns rows best first: SQLite then
/// needs no sorter, and `snippet()` runs only for the rows returned, not for every match.
///
/// The cost of a query grows with its terms times their occurrences (ranking and snippets visit
/// every occurrence of every term, and a prefix stands for every word it begins): 170 one-letter
/// prefixes fit in 512 bytes and kept a worker busy for minutes on a 10 MB archive. So a query has
/// at most ``maxWords`` words, ``maxPrefixes`` of them prefixes, and runs under the archive's time
/// limit; past either is a 400 that says to narrow the query.
enum SearchRoute {
    /// Longest query accepted, in bytes.
    static let maxQueryBytes = 512
    /// Deepest offset a cursor may reach: relevance past a thousand hits is noise, and a deep
    /// offset costs as much as all the hits before it.
    static let maxOffset = 1000
    /// Most words a query may have (those of quoted phrases included; AND, OR, NOT, NEAR excluded).
    static let maxWords = 16
    /// Most prefix terms (`word*`) a query may have.
    static let maxPrefixes = 4

    private static let hit = RowObject([
        "id": .text, "headline": .text, "published_at": .text, "time_precision": .text, "day": .text, "page_id": .text,
    ])

    static func search(_ request: Request, _ parameters: PathParameters, _ archive: ArchiveReader) throws -> [UInt8] {
        let query = try QueryParameters(request, allowed: ["q", "limit", "cursor"])
        guard let text = query.string("q"), text.contains(where: { !$0.isWhitespace }) else {
            throw APIProblem.badRequest("q is required: words, \"a phrase\", a prefix* or AND / OR / NOT.")
        }
        guard text.utf8.count <= maxQueryBytes else {
            throw APIProblem.badRequest("q is longer than \(maxQueryBytes) bytes.")
        }
        let (words, prefixes) = termCounts(text)
        guard words <= maxWords, prefixes <= maxPrefixes else {
            throw APIProblem.badRequest("q has \(words) words and \(prefixes) prefixes; a search takes at most "
                                        + "\(maxWords) words, \(maxPrefixes) of them prefixes.")
        }
        var list = ListPage(limit: try query.limit(), cursorKind: "search", version: archive.version)
        let offset = try query.string("cursor").map { try Cursor($0, kind: "search", version: archive.version).position } ?? 0
        guard offset <= maxOffset else { throw APIProblem.badRequest("cursor goes past the first \(maxOffset) hits.") }
        let statement = try archive.statement("""
            SELECT p.id, p.headline, p.published_at, p.time_precision, p.published_day, p.page_id,
                   snippet(posts_fts, -1, char(1), char(2), char(3), 24), posts_fts.rank
            FROM posts_fts JOIN posts p ON p.rowid = posts_fts.rowid
            WHERE posts_fts MATCH ? AND posts_fts.rank MATCH 'bm25(4.0, 1.0)'
            ORDER BY posts_fts.rank LIMIT ? OFFSET ?
            """)
        do {
            try statement.bind(text, list.limit + 1, offset)
            try archive.connection.database.withTimeLimit(seconds: archive.searchTimeLimit) {
                var position = offset
                while try statement.step() {
                    let row = statement.row
                    position += 1
                    list.add(position: position) { json in
                        json.raw("{")
                        hit.writeFields(row, to: &json)
                        json.raw(",\"snippet\":"); row.withUTF8(6) { json.string(htmlSnippet($0)) }
                        json.raw(",\"score\":"); json.rawJSON(score(row.double(7)))
                        json.raw("}")
                    }
                }
            }
        } catch let error as SQLiteError where error.primaryCode == 1 {
            // SQLITE_ERROR while matching is FTS5 rejecting the query text: the client's to fix.
            statement.reset()
            throw APIProblem.badRequest("q is not a valid search: \(error.message). Quote words with "
                                        + "special characters, e.g. \"covid-19\".")
        } catch let error as SQLiteError where error.primaryCode == 9 {
            // SQLITE_INTERRUPT: the time limit stopped it.
            statement.reset()
            throw APIProblem.badRequest("q matches too much to rank within \(archive.searchTimeLimit) s; "
                                        + "use fewer terms, or prefixes of more letters.")
        }
        return list.finish()
    }

    /// The words and the prefix stars of an FTS5 query, counted on its bytes: a word is a run of
    /// letters, digits, `_` or non-ASCII bytes, except the operators AND, OR, NOT and NEAR outside
    /// quotes; a star outside quotes is a prefix. Errs on the side of counting more (a column name or
    /// a NEAR distance counts as a word); FTS5 itself judges the syntax.
    static func termCounts(_ query: String) -> (words: Int, prefixes: Int) {
        var words = 0
        var prefixes = 0
        var quoted = false
        let bytes = Array(query.utf8)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            guard isWordByte(byte) else {
                if byte == UInt8(ascii: "\"") { quoted.toggle() }
                if byte == UInt8(ascii: "*"), !quoted { prefixes += 1 }
                index += 1
                continue
            }
            let start = index
            while index < bytes.count, isWordByte(bytes[index]) { index += 1 }
            if quoted || !operators.contains(where: { $0.elementsEqual(bytes[start..<index]) }) { words += 1 }
        }
        return (words, prefixes)
    }

    private static let operators = ["AND", "OR", "NOT", "NEAR"].map { Array($0.utf8) }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        byte >= 0x80 || byte == UInt8(ascii: "_") || (byte >= 0x30 && byte <= 0x39) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A)
    }

    /// FTS5's snippet with its marker bytes (1 = start of match, 2 = end, 3 = cut) turned into
    /// `<mark>`, `</mark>` and `…`, and everything else HTML-escaped.
    static func htmlSnippet(_ bytes: UnsafeRawBufferPointer) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 32)
        for byte in bytes {
            switch byte {
            case 1: out.append(contentsOf: "<mark>".utf8)
            case 2: out.append(contentsOf: "</mark>".utf8)
            case 3: out.append(contentsOf: "…".utf8)
            case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "\""): out.append(contentsOf: "&quot;".utf8)
            case 0x0A, 0x09: out.append(0x20)
            case 0..<0x20: continue
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// bm25 is lower-is-better and negative; clients get a positive, higher-is-better score.
    private static func score(_ bm25: Double) -> String {
        let value = (-bm25 * 1000).rounded() / 1000
        return value.isFinite ? String(value) : "0"
    }
}
