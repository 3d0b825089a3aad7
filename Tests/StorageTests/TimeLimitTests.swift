import Storage
import XCTest

/// `Database.withTimeLimit` stops a statement that would otherwise never finish, and leaves the
/// connection as it was.
final class TimeLimitTests: XCTestCase {
    /// Counts without end: only the time limit can stop it.
    private let endless = "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT count(*) FROM n"

    func testAnEndlessQueryIsInterruptedAndTheConnectionStillWorks() throws {
        let db = try Database(path: ":memory:")
        for seconds in [0, 0.2] {
            let statement = try db.prepare(endless)
            XCTAssertThrowsError(try db.withTimeLimit(seconds: seconds) { try statement.step() }) { error in
                XCTAssertEqual((error as? SQLiteError)?.primaryCode, 9, "SQLITE_INTERRUPT: \(error)")
            }
        }
        XCTAssertEqual(try scalar(db, "SELECT count(*) FROM (WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 100000) SELECT x FROM n)"),
                       .integer(100_000), "no limit outside withTimeLimit")
    }

    func testWorkWithinTheLimitIsUntouched() throws {
        let db = try Database(path: ":memory:")
        let total = try db.withTimeLimit(seconds: 60) {
            try scalar(db, "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 1000) SELECT sum(x) FROM n")
        }
        XCTAssertEqual(total, .integer(500_500))
    }
}
