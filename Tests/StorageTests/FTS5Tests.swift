import Storage
import XCTest

/// The system SQLite must have FTS5, with bm25() ranking and snippet().
final class FTS5Tests: XCTestCase {
    func testFTS5MatchWithBM25AndSnippet() throws {
        let db = try Database(path: try makeTemporaryDirectory() + "/db.sqlite")
        try db.execute("CREATE VIRTUAL TABLE posts USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2')")
        let insert = try db.prepare("INSERT INTO posts(rowid, title, body) VALUES (?, ?, ?)")
        try insert.run(1, "Markets", "Shares fell sharply as the central bank raised rates again.")
        try insert.run(2, "Rates", "Rates, rates, rates: the bank raised rates for a fourth time.")
        try insert.run(3, "Weather", "Storms in Zürich closed the airport.")

        var hits: [(id: Int, rank: Double, snippet: String)] = []
        try db.prepare("""
            SELECT rowid, bm25(posts), snippet(posts, 1, '[', ']', '…', 6)
            FROM posts WHERE posts MATCH ? ORDER BY bm25(posts)
            """).forEachRow("rates") { row in
            hits.append((row.int(0), row.double(1), row.text(2)))
        }
        XCTAssertEqual(hits.map(\.id), [2, 1])
        XCTAssertLessThan(hits[0].rank, hits[1].rank) // bm25: more negative is better
        XCTAssertTrue(hits[1].snippet.contains("[rates]"), hits[1].snippet)

        // Diacritics are folded by the tokenizer.
        var zurich: [Int] = []
        try db.prepare("SELECT rowid FROM posts WHERE posts MATCH ?").forEachRow("zurich") { zurich.append($0.int(0)) }
        XCTAssertEqual(zurich, [3])
    }
}
