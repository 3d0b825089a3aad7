import Foundation
import XCTest
@testable import Ingest

/// Same sources in any order give the same ids and rows; unchanged sources are not rebuilt.
final class DeterminismTests: XCTestCase {
    private let tables = [
        "SELECT * FROM pages ORDER BY id",
        "SELECT * FROM posts ORDER BY id",
        "SELECT * FROM post_pages ORDER BY page_id, seq",
        "SELECT headline, body FROM posts_fts ORDER BY rowid",
    ]

    func testFileOrderDoesNotChangeTheDatabase() throws {
        let forward = try TestSupport.copySamples()
        // Reversed names reverse the order the folder is read in.
        let reversed = try TestSupport.copySamples { "z" + String(999 - Int($0.prefix(3))!) + "_" + $0 }
        let a = try TestSupport.temporaryFolder() + "/a.sqlite"
        let b = try TestSupport.temporaryFolder() + "/b.sqlite"
        _ = try IngestJob.run(IngestOptions(sourceFolders: [forward], databasePath: a))
        _ = try IngestJob.run(IngestOptions(sourceFolders: [reversed], databasePath: b))
        for sql in tables {
            XCTAssertEqual(try TestSupport.rows(a, sql), try TestSupport.rows(b, sql), sql)
        }
    }

    func testUnchangedSourcesAreUpToDate() throws {
        let folder = try TestSupport.copySamples()
        let database = try TestSupport.temporaryFolder() + "/db.sqlite"
        XCTAssertFalse(try IngestJob.run(IngestOptions(sourceFolders: [folder], databasePath: database)).upToDate)
        let inode = try FileManager.default.attributesOfItem(atPath: database)[.systemFileNumber] as? Int
        XCTAssertTrue(try IngestJob.run(IngestOptions(sourceFolders: [folder], databasePath: database)).upToDate)
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: database)[.systemFileNumber] as? Int, inode)
        XCTAssertFalse(try IngestJob.run(IngestOptions(sourceFolders: [folder], databasePath: database, force: true)).upToDate)

        try FileManager.default.removeItem(atPath: folder + "/004_headless.txt")
        let report = try IngestJob.run(IngestOptions(sourceFolders: [folder], databasePath: database))
        XCTAssertFalse(report.upToDate)
        XCTAssertEqual(report.pages, 3)
    }
}
