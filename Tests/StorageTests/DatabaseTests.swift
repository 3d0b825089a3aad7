import Foundation
import Storage
import XCTest

final class DatabaseTests: XCTestCase {
    func testReadWriteModeCreatesTheFile() throws {
        let path = try makeTemporaryDirectory() + "/new.sqlite"
        let db = try Database(path: path)
        try db.execute("CREATE TABLE t(x); INSERT INTO t VALUES (1), (2);")
        XCTAssertEqual(db.path, path)
        XCTAssertTrue(FileManager.default.fileExists(atPath: path))
        XCTAssertEqual(try count(db, "t"), 2)
    }

    func testExecuteErrorNamesTheSQL() throws {
        let db = try Database(path: try makeTemporaryDirectory() + "/db.sqlite")
        let sql = "CREATE TABLE t(x); INSERT INTO missing VALUES (1);"
        XCTAssertThrowsError(try db.execute(sql)) { error in
            let error = error as! SQLiteError
            XCTAssertEqual(error.primaryCode, 1) // SQLITE_ERROR
            XCTAssertEqual(error.sql, sql)
            XCTAssertTrue(error.message.contains("no such table: missing"), error.message)
        }
    }

    func testReadOnlyModeRefusesWrites() throws {
        let path = try makeTemporaryDirectory() + "/db.sqlite"
        try makeFile(path, rows: 3)
        let db = try Database(path: path, mode: .readOnly)
        XCTAssertEqual(try count(db, "t"), 3)
        XCTAssertThrowsError(try db.prepare("INSERT INTO t VALUES (?)").run(4)) { error in
            XCTAssertEqual((error as! SQLiteError).primaryCode, 8) // SQLITE_READONLY
        }
        XCTAssertThrowsError(try db.execute("CREATE TABLE u(y)")) { error in
            XCTAssertEqual((error as! SQLiteError).primaryCode, 8) // SQLITE_READONLY
        }
        XCTAssertEqual(try count(db, "t"), 3)
    }

    func testReadOnlyModeDoesNotCreateAMissingFile() throws {
        let path = try makeTemporaryDirectory() + "/missing.sqlite"
        XCTAssertThrowsError(try Database(path: path, mode: .readOnly)) { error in
            let error = error as! SQLiteError
            XCTAssertEqual(error.primaryCode, 14) // SQLITE_CANTOPEN
            XCTAssertTrue(error.message.contains(path), error.message)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: path))
    }

    func testImmutableModeReadsAFileWhosePathNeedsURIEscaping() throws {
        let path = try makeTemporaryDirectory("odd dir #1 ?50%") + "/db.sqlite"
        try makeFile(path, rows: 5)
        let db = try Database(path: path, mode: .immutable)
        XCTAssertEqual(try count(db, "t"), 5)
        var sum = 0
        try db.prepare("SELECT x FROM t").forEachRow { sum += $0.int(0) }
        XCTAssertEqual(sum, 1 + 2 + 3 + 4 + 5)
        XCTAssertThrowsError(try db.execute("DELETE FROM t")) { error in
            XCTAssertEqual((error as! SQLiteError).primaryCode, 8) // SQLITE_READONLY
        }
    }

    func testUserVersionRoundTrip() throws {
        let path = try makeTemporaryDirectory() + "/db.sqlite"
        do {
            let db = try Database(path: path)
            XCTAssertEqual(try db.userVersion, 0)
            try db.setUserVersion(42)
            XCTAssertEqual(try db.userVersion, 42)
        }
        XCTAssertEqual(try Database(path: path, mode: .readOnly).userVersion, 42)
    }

    func testCloseIsIdempotentAndLaterUseThrows() throws {
        let db = try Database(path: try makeTemporaryDirectory() + "/db.sqlite")
        try db.execute("CREATE TABLE t(x)")
        let insert = try db.prepare("INSERT INTO t VALUES (?)")
        db.close()
        db.close()
        XCTAssertThrowsError(try db.execute("SELECT 1")) { error in
            XCTAssertEqual((error as! SQLiteError).code, 21) // SQLITE_MISUSE
        }
        XCTAssertThrowsError(try insert.run(1)) { error in
            XCTAssertEqual((error as! SQLiteError).code, 21) // SQLITE_MISUSE
        }
    }

    func testBulkWritePreset() throws {
        let db = try Database(path: try makeTemporaryDirectory() + "/db.sqlite")
        try db.configureForBulkWrite()
        XCTAssertEqual(try scalar(db, "PRAGMA journal_mode"), .text("memory"))
        XCTAssertEqual(try scalar(db, "PRAGMA synchronous"), .integer(0))
        XCTAssertEqual(try scalar(db, "PRAGMA temp_store"), .integer(2)) // MEMORY
        XCTAssertEqual(try scalar(db, "PRAGMA cache_size"), .integer(-16384))
        XCTAssertEqual(try scalar(db, "PRAGMA page_size"), .integer(16384))
        XCTAssertEqual(try scalar(db, "PRAGMA locking_mode"), .text("exclusive"))
        // Rollback still works with an in-memory journal.
        try db.execute("CREATE TABLE t(x)")
        _ = try? db.transaction { try db.execute("INSERT INTO t VALUES (1)"); throw CancellationError() }
        XCTAssertEqual(try count(db, "t"), 0)
    }

    func testReadingPreset() throws {
        let path = try makeTemporaryDirectory() + "/db.sqlite"
        try makeFile(path, rows: 1)
        let db = try Database(path: path)
        try db.configureForReading()
        XCTAssertEqual(try scalar(db, "PRAGMA query_only"), .integer(1))
        XCTAssertEqual(try scalar(db, "PRAGMA mmap_size"), .integer(0))
        XCTAssertEqual(try scalar(db, "PRAGMA cache_size"), .integer(-512))
        XCTAssertEqual(try count(db, "t"), 1)
        XCTAssertThrowsError(try db.execute("DELETE FROM t")) { error in
            XCTAssertEqual((error as! SQLiteError).primaryCode, 8) // SQLITE_READONLY
        }
    }

    // MARK: Helpers

    private func makeFile(_ path: String, rows: Int) throws {
        let db = try Database(path: path)
        try db.execute("CREATE TABLE t(x INTEGER)")
        let insert = try db.prepare("INSERT INTO t VALUES (?)")
        for x in 1...rows { try insert.run(x) }
        db.close()
    }
}
