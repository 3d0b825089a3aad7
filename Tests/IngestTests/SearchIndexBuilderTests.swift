import Foundation
import Storage
import XCTest
@testable import Ingest

/// The full-text index built beside the archive ends up in the archive, and its file never stays.
final class SearchIndexBuilderTests: XCTestCase {
    /// Rows numbered from `first`.
    private func rows(_ texts: [(headline: String, body: [String])], from first: Int = 1) -> [PostRow] {
        texts.enumerated().map { index, text in
            let post = ArchivePost(id: "post\(first + index)", headline: text.headline, byline: nil, authors: [], time: nil,
                                   day: nil, precision: .unknown, body: text.body, images: [], contributors: [],
                                   pageIDs: ["page"], sourceIndices: [0])
            return PostRow(post, rowid: first + index, pageSeq: first + index, timelineRank: first + index)
        }
    }

    private func archive(in folder: String) throws -> Database {
        let database = try Database(path: folder + "/archive.sqlite")
        try database.execute(Schema.create)
        return database
    }

    func testTheIndexIsCopiedIntoTheArchiveAndItsFileRemoved() throws {
        let folder = try TestSupport.temporaryFolder()
        let database = try archive(in: folder)
        defer { database.close() }
        let search = SearchIndexBuilder(path: folder + "/archive.sqlite-search")
        search.add(rows([("Ferry lines reopen", ["The harbour ferries run again.", "Queues were short."]),
                         ("Bridge stays shut", ["Inspectors found cracks in the pillars."])]))
        search.add(rows([("Third post", ["Ferries and trains."])], from: 3))
        search.seal()
        try search.copy(into: database)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder), ["archive.sqlite"])
        let match = try database.prepare("SELECT rowid FROM posts_fts WHERE posts_fts MATCH ? ORDER BY rowid")
        var found: [Int] = []
        try match.forEachRow("ferries") { found.append($0.int(0)) }
        XCTAssertEqual(found, [1, 3])
        found = []
        try match.forEachRow("headline:bridge") { found.append($0.int(0)) }
        XCTAssertEqual(found, [2])
        try database.execute("INSERT INTO posts_fts(posts_fts) VALUES ('integrity-check')")
    }

    func testDiscardStopsTheBuildAndRemovesItsFile() throws {
        let folder = try TestSupport.temporaryFolder()
        let search = SearchIndexBuilder(path: folder + "/archive.sqlite-search")
        search.add(rows([("A headline", ["A paragraph."])]))
        search.discard()
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder), [])
    }

    func testAnIndexThatCannotBeBuiltIsAnError() throws {
        let folder = try TestSupport.temporaryFolder()
        let database = try archive(in: folder)
        defer { database.close() }
        let search = SearchIndexBuilder(path: folder + "/missing/archive.sqlite-search")
        search.add(rows([("A headline", ["A paragraph."])]))
        search.seal()
        XCTAssertThrowsError(try search.copy(into: database))
        search.discard()
    }
}
