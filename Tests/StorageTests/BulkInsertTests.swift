import Storage
import XCTest

final class BulkInsertTests: XCTestCase {
    /// Rows of every kind of value, more than one batch of them, arrive as they were appended.
    func testRowsOfEveryKindArriveInOrderAcrossBatches() throws {
        let db = try Database(path: try makeTemporaryDirectory() + "/db.sqlite")
        try db.execute("CREATE TABLE t(n INTEGER, name TEXT, note TEXT)")
        var rows = RowBuffer(columns: 3)
        for n in 0..<250 {
            rows.append(n)
            rows.append(n % 7 == 0 ? "" : "name \(n) é")
            rows.append(n % 3 == 0 ? nil : "note \(n)")
        }
        XCTAssertEqual(rows.rowCount, 250)
        var insert = BulkInsert(db, into: "t(n, name, note)", columns: 3)
        try insert.insert(rows)

        var seen = 0
        try db.prepare("SELECT n, name, note, typeof(name) FROM t ORDER BY rowid").forEachRow { row in
            XCTAssertEqual(row.int(0), seen)
            XCTAssertEqual(row.text(1), seen % 7 == 0 ? "" : "name \(seen) é")
            XCTAssertEqual(row.text(3), "text", "an empty value is text, not NULL")
            XCTAssertEqual(row.optionalText(2), seen % 3 == 0 ? nil : "note \(seen)")
            seen += 1
        }
        XCTAssertEqual(seen, 250)
    }

    /// Text written straight into the buffer keeps its own bytes, and buffers inserted in turn
    /// through one insert (statements reused, bindings cleared) each arrive whole.
    func testWrittenTextAndBuffersInsertedInTurnKeepTheirBytes() throws {
        let db = try Database(path: try makeTemporaryDirectory() + "/db.sqlite")
        try db.execute("CREATE TABLE t(k INTEGER, v TEXT)")
        var first = RowBuffer(columns: 2)
        first.append(1)
        first.appendText { $0 += "[1,2]".utf8 }
        var second = RowBuffer(columns: 2)
        second.append(2)
        second.appendText { $0 += "[3]".utf8 }
        second.append(3)
        second.appendText { _ in }
        XCTAssertEqual(second.rowCount, 2)
        var insert = BulkInsert(db, into: "t(k, v)", columns: 2)
        try insert.insert(first)
        try insert.insert(second)

        var values: [String] = []
        try db.prepare("SELECT k || ':' || v FROM t ORDER BY k").forEachRow { values.append($0.text(0)) }
        XCTAssertEqual(values, ["1:[1,2]", "2:[3]", "3:"])
    }

    /// A failing insert is reported, not swallowed.
    func testAConstraintFailureIsThrown() throws {
        let db = try Database(path: try makeTemporaryDirectory() + "/db.sqlite")
        try db.execute("CREATE TABLE t(k INTEGER PRIMARY KEY)")
        var rows = RowBuffer(columns: 1)
        rows.append(1)
        rows.append(1)
        var insert = BulkInsert(db, into: "t(k)", columns: 1)
        XCTAssertThrowsError(try insert.insert(rows)) { error in
            XCTAssertEqual((error as? SQLiteError)?.primaryCode, 19) // SQLITE_CONSTRAINT
        }
    }
}
