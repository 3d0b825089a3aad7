import Foundation
import XCTest
@testable import Ingest
import Storage

/// Ingests `Samples/` and checks it against the ground truth in `Samples/README.md`.
final class SamplesIngestTests: XCTestCase {
    private var database = ""

    override func setUpWithError() throws {
        database = try TestSupport.temporaryFolder() + "/samples.sqlite"
        let report = try IngestJob.run(IngestOptions(sourceFolders: [TestSupport.samples], databasePath: database))
        XCTAssertFalse(report.upToDate)
        XCTAssertEqual(report.files, 5)
        XCTAssertTrue(report.problems.isEmpty, "\(report.problems)")
    }

    func testPagesAndDeclaredCounts() throws {
        let pages = try TestSupport.rows(database, "SELECT date, declared_posts, post_count, layout FROM pages ORDER BY date")
        XCTAssertEqual(pages, [["2023-03-14", "12", "12", "headlined"],
                               ["2023-03-15", "∅", "6", "headless"],
                               ["2023-11-15", "8", "8", "link-separated"],
                               ["2023-11-16", "8", "8", "timestamped"]])
        XCTAssertEqual(try TestSupport.scalar(database, "SELECT count(*) FROM posts"), "33")
    }

    /// The full-text index is built apart and copied in: it must agree with the posts it indexes.
    func testTheSearchIndexMatchesThePosts() throws {
        let db = try Database(path: database)
        defer { db.close() }
        try db.execute("INSERT INTO posts_fts(posts_fts) VALUES ('integrity-check')")
        XCTAssertEqual(try TestSupport.scalar(database, "PRAGMA integrity_check"), "ok")
        // The file it was built in is gone.
        let folder = URL(fileURLWithPath: database).deletingLastPathComponent().path
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder), ["samples.sqlite"])
        // Every post's headline finds the post itself.
        let headlines = try TestSupport.rows(database, "SELECT rowid, headline FROM posts WHERE headline IS NOT NULL")
        XCTAssertGreaterThan(headlines.count, 20)
        for row in headlines {
            let phrase = "\"" + row[1].replacingOccurrences(of: "\"", with: "\"\"") + "\""
            let found = try TestSupport.rows(database, "SELECT rowid FROM posts_fts WHERE posts_fts MATCH ?", "headline:" + phrase).map { $0[0] }
            XCTAssertTrue(found.contains(row[0]), "\(row[1]) → \(found)")
        }
    }

    func testTwoScrapesOfOnePageMergeIntoOnePage() throws {
        let page = try TestSupport.scalar(database, "SELECT page_id FROM sources WHERE path = '001_timestamped.txt'")
        XCTAssertEqual(try TestSupport.scalar(database, "SELECT page_id FROM sources WHERE path = '002_headlined.txt'"), page)
        // The eight posts of 001 each list both files; the four posts only 002 has list one.
        let counts = try TestSupport.rows(database, """
            SELECT count(ps.source_id) FROM post_pages pp JOIN post_sources ps ON ps.post_id = pp.post_id
            WHERE pp.page_id = ? GROUP BY pp.post_id ORDER BY pp.seq
            """, page).map { $0[0] }
        XCTAssertEqual(counts.filter { $0 == "2" }.count, 8)
        XCTAssertEqual(counts.filter { $0 == "1" }.count, 4)
        // Merged posts keep the paragraphs either scrape lost (README: posts 3 and 5 have 6 and 4).
        let paragraphs = try TestSupport.rows(database, """
            SELECT json_array_length(p.body_json) FROM post_pages pp JOIN posts p ON p.id = pp.post_id
            WHERE pp.page_id = ? ORDER BY pp.seq
            """, page).map { $0[0] }
        XCTAssertEqual(paragraphs[2], "6")
        XCTAssertEqual(paragraphs[4], "4")
    }

    func testTimesKeepTheirPrecision() throws {
        let first = try TestSupport.rows(database, """
            SELECT p.published_at, p.time_precision FROM post_pages pp JOIN posts p ON p.id = pp.post_id
            JOIN pages g ON g.id = pp.page_id WHERE g.date = '2023-03-14' ORDER BY pp.seq LIMIT 1
            """)
        XCTAssertEqual(first, [["2023-03-14T21:47:00-04:00", "minute"]])
        let headless = try TestSupport.rows(database, """
            SELECT DISTINCT p.published_at, p.time_precision, p.headline FROM post_pages pp JOIN posts p ON p.id = pp.post_id
            JOIN pages g ON g.id = pp.page_id WHERE g.layout = 'headless'
            """)
        XCTAssertEqual(headless, [["2023-03-15", "day", "∅"]])
        let later = try TestSupport.scalar(database, "SELECT published_at FROM posts WHERE published_at LIKE '2023-11-16T%' LIMIT 1")
        XCTAssertTrue(later.hasSuffix("-05:00"), "November after DST ends is EST: \(later)")
    }

    func testAPostThatALaterPageRepeatsIsOnePostOnBothPages() throws {
        let shared = try TestSupport.rows(database, "SELECT post_id, count(*) FROM post_pages GROUP BY post_id HAVING count(*) > 1")
        XCTAssertEqual(shared.count, 1)
        XCTAssertEqual(shared.first?[1], "2")
    }

    func testImagesAndContributorsAreNotBodyParagraphs() throws {
        let leaks = try TestSupport.scalar(database, """
            SELECT count(*) FROM posts, json_each(posts.body_json) AS paragraph
            WHERE paragraph.value LIKE '%contributed reporting%' OR paragraph.value LIKE 'Link Copied%'
               OR paragraph.value LIKE '(%)' OR paragraph.value LIKE '%data-%="%'
            """)
        XCTAssertEqual(leaks, "0")
        XCTAssertEqual(try TestSupport.scalar(database, """
            SELECT contributors_json FROM posts WHERE body_json LIKE '%The walls are not the weak point%'
            """), #"["Soraya Lind","Tobias Wren"]"#)
        XCTAssertEqual(try TestSupport.scalar(database, """
            SELECT count(*) FROM posts, json_each(posts.images_json) AS image
            WHERE json_extract(image.value, '$.credit') = 'Jonas Berke/Kestria Press Agency'
              AND json_extract(image.value, '$.caption') LIKE 'Residents wade through floodwater on Quay Street%'
            """), "1")
    }
}
