import Foundation
import TestHelpers
import XCTest
@testable import Ingest

/// `kill -9` in the middle of an ingest leaves the previous database byte for byte, and the next run
/// clears what the killed one left behind.
///
/// Runs the built `dateline` executable (found next to the test bundle; the test is skipped when it
/// is absent) on a generated 8 MB corpus (`bench/gen_corpus.py`, skipped without python3), and kills
/// it twice: while it is still reading and parsing, and once its temporary database has data in it.
final class IngestCrashTests: XCTestCase {
    func testKill9MidIngestLeavesThePreviousDatabaseIntact() throws {
        let binary = try TestSupport.datelineBinary()
        let work = try TestSupport.temporaryFolder()
        let corpus = work + "/corpus"
        try Corpus.generate(into: corpus, megabytes: 8)
        let database = work + "/db.sqlite"
        _ = try IngestJob.run(IngestOptions(sourceFolders: [TestSupport.samples], databasePath: database))
        let previous = try Data(contentsOf: URL(fileURLWithPath: database))

        var leftovers: [String] = []
        for waitForTheWrite in [false, true] {
            let process = try TestSupport.startIngest(binary, sources: corpus, database: database, in: work)
            let temporary = database + ".building-\(process.processIdentifier)"
            if waitForTheWrite {
                // Bounded: a debug build reaches the write within seconds.
                let deadline = Date().addingTimeInterval(120)
                while Corpus.size(of: temporary) == 0 && process.isRunning && deadline.timeIntervalSinceNow > 0 { usleep(5_000) }
                XCTAssertGreaterThan(Corpus.size(of: temporary), 0, "never caught the ingest while it was writing its temporary database")
            } else {
                usleep(300_000)
                XCTAssertEqual(Corpus.size(of: temporary), 0, "already writing after 0.3 s; the reading-phase kill tests nothing")
            }
            XCTAssertTrue(process.isRunning, "the ingest finished before it could be killed")
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            XCTAssertEqual(process.terminationReason, .uncaughtSignal)
            XCTAssertEqual(process.terminationStatus, SIGKILL)

            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: database)), previous,
                           "the previous database changed (killed while \(waitForTheWrite ? "writing" : "reading"))")
            XCTAssertEqual(try TestSupport.scalar(database, "PRAGMA integrity_check"), "ok")
            XCTAssertEqual(try TestSupport.scalar(database, "SELECT count(*) FROM posts"), "33")
            if FileManager.default.fileExists(atPath: temporary) { leftovers.append(temporary) }
        }
        XCTAssertFalse(leftovers.isEmpty, "the kill during the write should leave a temporary file behind")

        // The next run finds nothing to rebuild and still removes what the killed runs left.
        let report = try IngestJob.run(IngestOptions(sourceFolders: [TestSupport.samples], databasePath: database))
        XCTAssertTrue(report.upToDate)
        for leftover in leftovers {
            XCTAssertFalse(FileManager.default.fileExists(atPath: leftover), "\(leftover) was not cleared")
        }
        // Nor is anything else a killed build made (its search index file) left.
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: work).filter { $0.contains(".building-") }, [])
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: database)), previous)
    }
}
