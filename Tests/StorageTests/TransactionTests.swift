import Storage
import XCTest

final class TransactionTests: XCTestCase {
    private struct Abort: Error, Equatable {}

    private var db: Database!

    override func setUpWithError() throws {
        db = try Database(path: try makeTemporaryDirectory() + "/db.sqlite")
        try db.execute("CREATE TABLE t(x INTEGER)")
    }

    override func tearDown() {
        db = nil
    }

    func testCommitKeepsRowsAndReturnsTheResult() throws {
        let insert = try db.prepare("INSERT INTO t VALUES (?)")
        let result = try db.transaction {
            for x in 1...3 { try insert.run(x) }
            return "done"
        }
        XCTAssertEqual(result, "done")
        XCTAssertEqual(try count(db, "t"), 3)
    }

    func testThrownErrorRollsBackAndIsRethrown() throws {
        try db.execute("INSERT INTO t VALUES (0)")
        let insert = try db.prepare("INSERT INTO t VALUES (?)")
        XCTAssertThrowsError(try db.transaction {
            for x in 1...3 { try insert.run(x) }
            throw Abort()
        }) { error in
            XCTAssertEqual(error as? Abort, Abort())
        }
        XCTAssertEqual(try count(db, "t"), 1)
        // The connection is out of the transaction and can start another.
        try db.transaction { try insert.run(9) }
        XCTAssertEqual(try count(db, "t"), 2)
    }

    func testSQLiteErrorInsideRollsBack() throws {
        try db.execute("CREATE UNIQUE INDEX one_x ON t(x)")
        let insert = try db.prepare("INSERT INTO t VALUES (?)")
        XCTAssertThrowsError(try db.transaction {
            try insert.run(1)
            try insert.run(1)
        }) { error in
            XCTAssertEqual((error as! SQLiteError).code, 2067) // SQLITE_CONSTRAINT_UNIQUE
        }
        XCTAssertEqual(try count(db, "t"), 0)
    }
}
