import XCTest

final class PageRoutesTests: XCTestCase {
    func testPagesMatchTheSamplesGroundTruth() throws {
        let reply = try get("/api/pages")
        XCTAssertEqual(reply.status, 200)
        let pages = try reply.items
        XCTAssertEqual(pages.compactMap { $0["date"] as? String }, ["2023-11-16", "2023-11-15", "2023-03-15", "2023-03-14"])
        XCTAssertEqual(pages.map { $0["post_count"] as? Int }, [8, 8, 6, 12])
        XCTAssertEqual(pages.map { $0["declared_posts"] as? Int }, [8, 8, nil, 12])
        let merged = try XCTUnwrap(pages.last)
        let files = try XCTUnwrap(merged["sources"] as? [[String: Any]]).compactMap { $0["path"] as? String }
        XCTAssertEqual(files, ["001_timestamped.txt", "002_headlined.txt"], "two scrapes, one page")
        XCTAssertEqual((merged["summary"] as? [String])?.isEmpty, false)
        XCTAssertNil(try reply.object["next_cursor"] as? String)
    }

    func testOnePageAndItsPostsInPageOrder() throws {
        let page = try XCTUnwrap(try get("/api/pages").items.first)
        let id = try XCTUnwrap(page["id"] as? String)
        XCTAssertEqual(try get("/api/pages/\(id)").object["title"] as? String, page["title"] as? String)
        let ids = try walk("/api/pages/\(id)/posts?limit=3")
        XCTAssertEqual(ids.count, 8)
        let seqs = try get("/api/pages/\(id)/posts?limit=100").items.compactMap { $0["page_seq"] as? Int }
        XCTAssertEqual(seqs, Array(1...8))
        // Page order is newest first on a timestamped page.
        let times = try get("/api/pages/\(id)/posts?limit=100").items.compactMap { $0["published_at"] as? String }
        XCTAssertEqual(times, times.sorted(by: >))
    }

    func testUnknownPagesAre404Problems() throws {
        for target in ["/api/pages/nope", "/api/pages/nope/posts"] {
            let reply = try get(target)
            XCTAssertEqual(reply.status, 404, target)
            XCTAssertTrue(reply.detail.contains("nope"))
        }
    }

    func testSourcesListEveryFileWithItsStatus() throws {
        let sources = try get("/api/sources").items
        XCTAssertEqual(sources.count, 5)
        XCTAssertTrue(sources.allSatisfy { $0["status"] as? String == "ok" })
        XCTAssertEqual(sources.compactMap { $0["post_count"] as? Int }.reduce(0, +), 42, "post occurrences before merging")
        XCTAssertEqual(sources.first { $0["path"] as? String == "005_later_page.txt.gz" }?["layout"] as? String, "timestamped")
    }
}
