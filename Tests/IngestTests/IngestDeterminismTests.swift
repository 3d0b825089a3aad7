import Foundation
import XCTest

/// Two runs of the `dateline` executable on the same sources write the same rows in the same order.
///
/// Separate processes, because Swift seeds its hashing per process: anything that follows the order
/// of a dictionary or set shows up only across processes, never within one test run.
final class IngestDeterminismTests: XCTestCase {
    private let tables = ["sources", "pages", "posts", "post_pages", "post_sources", "page_sources",
                          "entities", "entity_aliases", "mentions", "post_entities", "quotes"]

    func testTwoProcessesWriteTheSameRows() throws {
        let binary = try TestSupport.datelineBinary()
        var folders = [TestSupport.samples]
        if FileManager.default.fileExists(atPath: TestSupport.seeds) { folders.append(TestSupport.seeds) }
        for folder in folders {
            let work = try TestSupport.temporaryFolder()
            let databases = try (1...2).map { run in
                let database = work + "/run\(run).sqlite"
                let process = try TestSupport.startIngest(binary, sources: folder, database: database, in: work)
                process.waitUntilExit()
                XCTAssertEqual(process.terminationStatus, 0, "ingest of \(folder) failed")
                return database
            }
            for table in tables {
                let rows = try databases.map { try TestSupport.rows($0, "SELECT * FROM \(table)") }
                XCTAssertFalse(rows[0].isEmpty, "\(table) of \(folder) is empty")
                XCTAssertEqual(rows[0], rows[1], "\(table) differs between two runs on \(folder)")
            }
        }
    }
}
