import Foundation
import Storage
import XCTest
@testable import Ingest

/// Tables built beside the archive arrive whole, with their index entries, and their file goes.
final class SideDatabaseTests: XCTestCase {
    private let table = """
        CREATE TABLE notes(id INTEGER PRIMARY KEY, topic TEXT NOT NULL, text TEXT NOT NULL);
        CREATE INDEX notes_by_topic ON notes(topic);
        """

    /// A new archive at `path` holding the empty table.
    private func openArchive(_ path: String) throws -> Database {
        let archive = try Database(path: path)
        try archive.execute(table)
        return archive
    }

    func testTablesAndTheirIndexesAreCopiedInAndTheFileRemoved() throws {
        let folder = try TestSupport.temporaryFolder()
        let path = folder + "/archive.sqlite"
        let archive = try openArchive(path)
        defer { archive.close() }
        let side = SideDatabase(path: folder + "/archive.sqlite-notes") { [table] database in
            try database.execute(table)
            try database.transaction {
                let insert = try database.prepare("INSERT INTO notes(topic, text) VALUES (?, ?)")
                for n in 0..<500 { try insert.run(n % 3 == 0 ? "ferries" : "bridges", "Note \(n) on the harbour.") }
            }
        }
        try side.copy(["notes"], into: archive)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder), ["archive.sqlite"])
        XCTAssertEqual(try TestSupport.scalar(path, "SELECT count(*) FROM notes"), "500")
        XCTAssertEqual(try TestSupport.scalar(path, "SELECT count(*) FROM notes INDEXED BY notes_by_topic WHERE topic = 'ferries'"), "167")
        XCTAssertEqual(try TestSupport.scalar(path, "SELECT text FROM notes WHERE id = 42"), "Note 41 on the harbour.")
        XCTAssertEqual(try TestSupport.scalar(path, "PRAGMA integrity_check"), "ok")
    }

    func testAFailedBuildIsThrownByCopyAndLeavesNoFile() throws {
        let folder = try TestSupport.temporaryFolder()
        let path = folder + "/archive.sqlite"
        let archive = try openArchive(path)
        defer { archive.close() }
        let side = SideDatabase(path: folder + "/archive.sqlite-notes") { database in
            try database.execute("CREATE TABLE notes(id INTEGER PRIMARY KEY); INSERT INTO missing VALUES (1)")
        }
        XCTAssertThrowsError(try side.copy(["notes"], into: archive))
        side.discard()
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder), ["archive.sqlite"])
        XCTAssertEqual(try TestSupport.scalar(path, "SELECT count(*) FROM notes"), "0")
    }
}
