import Storage
import XCTest

/// The archive schema itself, as SQLite's own checker sees it.
final class SchemaTests: XCTestCase {
    /// Regression: post_pages declared post_id before its primary key (page_id, seq), and the SQLite
    /// on Debian 12 (3.40.1) then reported "NULL value in post_pages.post_id" for every row of a
    /// healthy database from PRAGMA integrity_check.
    func testIntegrityCheckPassesOnAFilledSchema() throws {
        let db = try Database(path: try makeTemporaryDirectory() + "/schema.sqlite")
        try db.execute(Schema.create)
        try db.execute("""
        INSERT INTO meta VALUES ('schema', '2');
        INSERT INTO post_pages(post_id, page_id, seq) VALUES ('p1', 'page', 0), ('p2', 'page', 1);
        INSERT INTO post_sources(post_id, source_id) VALUES ('p1', 1);
        INSERT INTO page_sources(page_id, source_id) VALUES ('page', 1);
        """)
        try db.execute(Schema.indexes)
        XCTAssertEqual(try scalar(db, "PRAGMA integrity_check"), .text("ok"))
        XCTAssertEqual(try scalar(db, "PRAGMA quick_check"), .text("ok"))
    }
}
