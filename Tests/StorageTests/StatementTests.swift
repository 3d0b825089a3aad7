import Storage
import XCTest

final class StatementTests: XCTestCase {
    private var db: Database!

    override func setUpWithError() throws {
        db = try Database(path: try makeTemporaryDirectory() + "/db.sqlite")
    }

    override func tearDown() {
        db = nil
    }

    func testEveryValueKindRoundTrips() throws {
        // A column without affinity stores values exactly as bound.
        try db.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, v)")
        let values: [SQLValue] = [
            .null,
            .integer(Int64.max),
            .integer(-7),
            .real(3.25),
            .text("Zürich — 東京 🚀 «live»"),
            .text(""),
            .blob([0, 1, 0x7F, 0xFF]),
            .blob([]),
        ]
        let insert = try db.prepare("INSERT INTO t(v) VALUES (?)")
        for value in values {
            try insert.bind([value])
            XCTAssertFalse(try insert.step())
        }
        var read: [SQLValue] = []
        try db.prepare("SELECT v FROM t ORDER BY id").forEachRow { read.append($0.value(0)) }
        XCTAssertEqual(read, values)
    }

    func testEmptyStringIsNotNull() throws {
        try db.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, s TEXT)")
        try db.prepare("INSERT INTO t(s) VALUES (?), (?)").run("", nil as String?)
        var rows: [(isNull: Bool, text: String, optional: String?, type: SQLValue)] = []
        try db.prepare("SELECT s, typeof(s) FROM t ORDER BY id").forEachRow { row in
            rows.append((row.isNull(0), row.text(0), row.optionalText(0), row.value(1)))
        }
        XCTAssertEqual(rows.count, 2)
        XCTAssertEqual(rows[0].isNull, false)
        XCTAssertEqual(rows[0].text, "")
        XCTAssertEqual(rows[0].optional, "")
        XCTAssertEqual(rows[0].type, .text("text"))
        XCTAssertEqual(rows[1].isNull, true)
        XCTAssertEqual(rows[1].text, "")
        XCTAssertNil(rows[1].optional)
        XCTAssertEqual(rows[1].type, .text("null"))
    }

    func testBindableConveniences() throws {
        try db.execute("CREATE TABLE t(a, b, c, d, e, f, g, h)")
        try db.prepare("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
            .run("a", 3, nil as String?, true, 2.5, Int64(-9), [UInt8]([1, 2]), SQLValue.text("é"))
        XCTAssertEqual(db.changes, 1)
        XCTAssertEqual(db.lastInsertRowID, 1)
        var read: [SQLValue] = []
        try db.prepare("SELECT * FROM t").forEachRow { row in
            read = (0..<8).map { row.value($0) }
        }
        XCTAssertEqual(read, [.text("a"), .integer(3), .null, .integer(1), .real(2.5), .integer(-9), .blob([1, 2]), .text("é")])
    }

    func testTypedColumnReaders() throws {
        let stmt = try db.prepare("SELECT 42, 9007199254740993, 1.5, 'naïve', NULL")
        XCTAssertTrue(try stmt.step())
        let row = stmt.row
        XCTAssertEqual(row.int(0), 42)
        XCTAssertEqual(row.int64(1), 9_007_199_254_740_993)
        XCTAssertEqual(row.double(2), 1.5)
        XCTAssertEqual(row.text(3), "naïve")
        XCTAssertEqual(row.optionalText(4), nil)
        XCTAssertEqual(row.int(4), 0)
        XCTAssertFalse(try stmt.step())
    }

    func testWithUTF8GivesTheStoredBytes() throws {
        let text = "Kyiv — Київ, 北京"
        var bytes: [UInt8] = []
        var nullBytes: Int = -1
        try db.prepare("SELECT ?, NULL").forEachRow(text) { row in
            bytes = row.withUTF8(0) { Array($0) }
            nullBytes = row.withUTF8(1) { $0.count }
        }
        XCTAssertEqual(bytes, Array(text.utf8))
        XCTAssertEqual(nullBytes, 0)
    }

    func testColumnNames() throws {
        let stmt = try db.prepare("SELECT 1 AS id, 'x' AS title")
        XCTAssertEqual(stmt.columnCount, 2)
        XCTAssertEqual(stmt.columnName(0), "id")
        XCTAssertEqual(stmt.columnName(1), "title")
        XCTAssertEqual(stmt.sql, "SELECT 1 AS id, 'x' AS title")
    }

    func testPrepareErrorNamesTheSQL() throws {
        let sql = "SELEC id FROM posts"
        XCTAssertThrowsError(try db.prepare(sql)) { error in
            let error = error as! SQLiteError
            XCTAssertEqual(error.primaryCode, 1) // SQLITE_ERROR
            XCTAssertEqual(error.sql, sql)
            XCTAssertTrue(error.message.contains("syntax error"), error.message)
            XCTAssertTrue(error.description.contains(sql), error.description)
        }
    }

    func testPrepareTakesExactlyOneStatement() throws {
        XCTAssertNoThrow(try db.prepare("SELECT 1; -- trailing comment\n", persistent: true))
        XCTAssertThrowsError(try db.prepare("SELECT 1; SELECT 2"))
        XCTAssertThrowsError(try db.prepare("  -- only a comment"))
    }

    func testArgumentCountMustMatch() throws {
        let stmt = try db.prepare("SELECT ?, ?")
        XCTAssertThrowsError(try stmt.run(1)) { error in
            XCTAssertEqual((error as! SQLiteError).primaryCode, 25) // SQLITE_RANGE
        }
        XCTAssertThrowsError(try stmt.bind([.integer(1), .integer(2), .integer(3)]))
        XCTAssertNoThrow(try stmt.run(1, 2))
    }

    func testRowsIteratesAndTheStatementCanBeReused() throws {
        try db.execute("CREATE TABLE t(x INTEGER)")
        let insert = try db.prepare("INSERT INTO t VALUES (?)", persistent: true)
        for x in 1...10 { try insert.run(x) }
        let select = try db.prepare("SELECT x FROM t WHERE x > ? ORDER BY x")
        for (bound, expected) in [(7, [8, 9, 10]), (8, [9, 10]), (10, [])] {
            let rows = try select.rows(bound)
            XCTAssertEqual(rows.map { $0.int(0) }, expected)
            XCTAssertNil(rows.error)
        }
    }

    func testIterationErrorIsSurfaced() throws {
        try db.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, x INTEGER)")
        let insert = try db.prepare("INSERT INTO t(x) VALUES (?)")
        for x in [1, 2, Int64.min, 4] { try insert.run(x) }
        // abs(Int64.min) fails at run time, on the third row.
        let select = try db.prepare("SELECT abs(x) FROM t ORDER BY id")

        let rows = try select.rows()
        var seen: [Int] = []
        for row in rows { seen.append(row.int(0)) }
        XCTAssertEqual(seen, [1, 2])
        XCTAssertEqual(rows.error?.message, "integer overflow")
        XCTAssertEqual(rows.error?.sql, select.sql)

        seen = []
        XCTAssertThrowsError(try select.forEachRow { seen.append($0.int(0)) }) { error in
            XCTAssertEqual((error as! SQLiteError).message, "integer overflow")
        }
        XCTAssertEqual(seen, [1, 2])

        XCTAssertThrowsError(try select.run())
        // The statement still works once the data is fixed.
        try db.execute("DELETE FROM t WHERE x < 0")
        XCTAssertEqual(try select.rows().map { $0.int(0) }, [1, 2, 4])
    }

    func testManualStepAndReset() throws {
        let stmt = try db.prepare("SELECT value FROM json_each('[10, 20]')")
        XCTAssertTrue(try stmt.step())
        stmt.reset()
        var values: [Int] = []
        while try stmt.step() { values.append(stmt.row.int(0)) }
        XCTAssertEqual(values, [10, 20])
    }
}
