import Foundation
import XCTest
@testable import Ingest

/// Bad sources are reported and skipped while the rest is ingested; the database is never half-written.
final class IngestFaultTests: XCTestCase {
    func testBrokenFilesAreReportedAndTheRestIsIngested() throws {
        let folder = try TestSupport.copySamples()
        let fm = FileManager.default
        _ = fm.createFile(atPath: folder + "/empty.txt", contents: Data())
        _ = fm.createFile(atPath: folder + "/binary.txt", contents: Data([0x41, 0x00, 0x42, 0x0A]))
        _ = fm.createFile(atPath: folder + "/latin1.txt", contents: Data([0x43, 0x61, 0x66, 0xE9, 0x20, 0x6F, 0x6B, 0x0A])) // "Café ok" in Latin-1
        let gz = try TestSupport.gzip(Array(repeating: 0x41, count: 4 << 20))
        _ = fm.createFile(atPath: folder + "/bomb.txt.gz", contents: Data(gz))
        let small = try TestSupport.gzip(Array(String(repeating: "A line of text.\n", count: 500).utf8))
        _ = fm.createFile(atPath: folder + "/truncated.txt.gz", contents: Data(small.prefix(small.count / 2)))
        _ = fm.createFile(atPath: folder + "/noposts.txt", contents: Data("\n\n   \n".utf8))
        try fm.copyItem(atPath: folder + "/003_link_separated.txt", toPath: folder + "/copy_of_003.txt")
        try fm.createDirectory(atPath: folder + "/loop", withIntermediateDirectories: true)
        try fm.createSymbolicLink(atPath: folder + "/loop/again", withDestinationPath: folder)

        let database = try TestSupport.temporaryFolder() + "/db.sqlite"
        let report = try IngestJob.run(IngestOptions(sourceFolders: [folder], databasePath: database, maxSourceBytes: 1 << 20))
        let reasons = Dictionary(uniqueKeysWithValues: report.problems.map { ($0.path, $0.reason) })
        XCTAssertEqual(reasons["empty.txt"], "empty file")
        XCTAssertEqual(reasons["binary.txt"], "binary data, not text")
        XCTAssertEqual(reasons["latin1.txt"], "not valid UTF-8 (first bad byte at offset 3)")
        XCTAssertEqual(reasons["bomb.txt.gz"], "larger than the limit of 1048576 bytes")
        XCTAssertEqual(reasons["truncated.txt.gz"], "broken gzip data: truncated")
        XCTAssertEqual(reasons["noposts.txt"], "empty file")
        XCTAssertEqual(report.duplicateFiles, 1)
        XCTAssertEqual(try TestSupport.scalar(database, "SELECT count(*) FROM posts"), "33")
        XCTAssertEqual(try TestSupport.scalar(database, "SELECT reason FROM sources WHERE path = 'copy_of_003.txt'"),
                       "same content as 003_link_separated.txt")
        XCTAssertEqual(try TestSupport.scalar(database, "SELECT count(*) FROM sources WHERE status = 'skipped'"), "\(reasons.count)")
    }

    func testNoUsableSourceFailsAndLeavesTheOldDatabase() throws {
        let database = try TestSupport.temporaryFolder() + "/db.sqlite"
        _ = try IngestJob.run(IngestOptions(sourceFolders: [TestSupport.samples], databasePath: database))
        let before = try Data(contentsOf: URL(fileURLWithPath: database))
        let bad = try TestSupport.temporaryFolder()
        _ = FileManager.default.createFile(atPath: bad + "/empty.txt", contents: Data())
        XCTAssertThrowsError(try IngestJob.run(IngestOptions(sourceFolders: [bad], databasePath: database))) { error in
            guard case IngestError.noUsableSources = error else { return XCTFail("\(error)") }
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: database)), before)
    }

    func testStrictFailsOnAnyUnusableSource() throws {
        let folder = try TestSupport.copySamples()
        _ = FileManager.default.createFile(atPath: folder + "/empty.txt", contents: Data())
        let database = try TestSupport.temporaryFolder() + "/db.sqlite"
        XCTAssertThrowsError(try IngestJob.run(IngestOptions(sourceFolders: [folder], databasePath: database, strict: true)))
        XCTAssertFalse(FileManager.default.fileExists(atPath: database))
    }

    func testAFailedBuildLeavesThePreviousFileAndNoTemporaryFile() throws {
        let folder = try TestSupport.temporaryFolder()
        let path = folder + "/db.sqlite"
        _ = FileManager.default.createFile(atPath: path, contents: Data("previous".utf8))
        struct Boom: Error {}
        XCTAssertThrowsError(try AtomicFile.replace(path) { temporary in
            _ = FileManager.default.createFile(atPath: temporary, contents: Data("half".utf8))
            throw Boom()
        })
        XCTAssertEqual(FileManager.default.contents(atPath: path), Data("previous".utf8))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder), ["db.sqlite"])
    }

    func testMissingSourceFolderIsAClearError() {
        XCTAssertThrowsError(try IngestJob.run(IngestOptions(sourceFolders: ["/nonexistent/folder"], databasePath: "/tmp/x.sqlite"))) { error in
            XCTAssertTrue("\(error)".contains("/nonexistent/folder"))
        }
    }
}
