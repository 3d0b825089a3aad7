import Extraction
import Foundation
import XCTest
@testable import Ingest

/// Ingests the real scrapes in `../shared/seeds` when they are there (CI has them).
///
/// No seed text is copied here: headlines are checked against the seed files themselves.
final class SeedsIngestTests: XCTestCase {
    private var database = ""

    override func setUpWithError() throws {
        guard FileManager.default.fileExists(atPath: TestSupport.seeds) else { throw XCTSkip("no ../shared/seeds") }
        database = try TestSupport.temporaryFolder() + "/seeds.sqlite"
        let report = try IngestJob.run(IngestOptions(sourceFolders: [TestSupport.seeds], databasePath: database))
        XCTAssertEqual(report.usableFiles, 5)
        XCTAssertTrue(report.warnings.isEmpty, "\(report.warnings)")
    }

    func testEveryDeclaredCountIsMet() throws {
        let pages = try TestSupport.rows(database, "SELECT declared_posts, post_count FROM pages WHERE declared_posts IS NOT NULL ORDER BY declared_posts")
        XCTAssertEqual(pages, [["19", "19"], ["36", "36"], ["58", "58"]])
        XCTAssertEqual(try TestSupport.scalar(database, "SELECT count(*) FROM pages"), "4")
    }

    /// Each stored headline is one line of its source file (modulo debris), in the file's order.
    func testHeadlinesAreExactLinesInPageOrder() throws {
        let files = try TestSupport.rows(database, "SELECT id, path, page_id FROM sources WHERE status = 'ok'")
        for file in files {
            let raw = try String(contentsOfFile: TestSupport.seeds + "/" + file[1], encoding: .utf8)
            let lineKeys = raw.split(separator: "\n").map { Fingerprint.comparable(String($0)) }
            let headlines = try TestSupport.rows(database, """
                SELECT p.headline FROM post_pages pp JOIN posts p ON p.id = pp.post_id
                JOIN post_sources ps ON ps.post_id = p.id AND ps.source_id = ?
                WHERE pp.page_id = ? AND p.headline IS NOT NULL ORDER BY pp.seq
                """, Int(file[0])!, file[2]).map { $0[0] }
            var cursor = 0
            for headline in headlines {
                let key = Fingerprint.comparable(headline)
                guard let found = lineKeys[cursor...].firstIndex(of: key) else {
                    return XCTFail("\(file[1]): a headline is not a line of the file after line \(cursor): \(headline.prefix(40))")
                }
                cursor = found + 1
                XCTAssertFalse(headline.hasSuffix(" "), "headline keeps trailing space")
            }
        }
    }

    /// 000 and 001 are one page: every post of 000 merges with its twin and keeps every paragraph.
    func testTwoScrapesOfOnePageMerge() throws {
        let shared = try TestSupport.rows(database, "SELECT page_id, count(*) FROM sources GROUP BY page_id HAVING count(*) = 2")
        XCTAssertEqual(shared.count, 1)
        let page = shared[0][0]
        let sources = try TestSupport.rows(database, "SELECT id, path, post_count FROM sources WHERE page_id = ? ORDER BY post_count", page)
        let smaller = sources[0]
        let bothSources = try TestSupport.scalar(database, """
            SELECT count(*) FROM post_sources a JOIN post_sources b ON a.post_id = b.post_id AND a.source_id < b.source_id
            """)
        XCTAssertEqual(bothSources, smaller[2], "every post of the smaller scrape lists both files")
        // The merged post has at least as many paragraphs as either variant.
        for path in sources.map({ $0[1] }) {
            let parsed = PageParser.parse([UInt8](FileManager.default.contents(atPath: TestSupport.seeds + "/" + path)!))
            for post in parsed.posts {
                guard let headline = post.headline else { continue }
                let key = Fingerprint.comparable(headline)
                let stored = try TestSupport.rows(database, "SELECT headline, json_array_length(body_json) FROM posts WHERE headline IS NOT NULL")
                    .first { Fingerprint.comparable($0[0]) == key }
                XCTAssertNotNil(stored)
                XCTAssertGreaterThanOrEqual(Int(stored?[1] ?? "0")!, post.body.count)
            }
        }
        // Timed posts keep the minute; the others take the page's day, never a made-up minute.
        let precision = try TestSupport.rows(database, """
            SELECT p.time_precision, count(*) FROM post_pages pp JOIN posts p ON p.id = pp.post_id
            WHERE pp.page_id = ? GROUP BY p.time_precision ORDER BY 1
            """, page)
        XCTAssertEqual(precision.map { $0[0] }, ["day", "minute"])
        XCTAssertEqual(precision.last?[1], smaller[2])
    }

    func testNoChromeInPosts() throws {
        XCTAssertEqual(try TestSupport.scalar(database, """
            SELECT count(*) FROM posts, json_each(posts.body_json) AS paragraph
            WHERE paragraph.value LIKE 'Link Copied%' OR paragraph.value LIKE '%data-%="%' OR paragraph.value LIKE '%:__ - Source:%'
               OR paragraph.value LIKE '%contributed reporting to this post.' OR lower(paragraph.value) = 'go deeper'
            """), "0")
        XCTAssertEqual(try TestSupport.scalar(database, "SELECT count(*) FROM pages WHERE date IS NULL"), "0")
    }
}
