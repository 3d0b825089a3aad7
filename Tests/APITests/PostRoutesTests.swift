import XCTest

final class PostRoutesTests: XCTestCase {
    func testWalkingEveryPageOfPostsReturnsEachPostOnceInBothOrders() throws {
        let total = try XCTUnwrap(try get("/api/stats").object["posts"] as? Int)
        XCTAssertEqual(total, 33)
        for limit in [1, 5, 7, 100] {
            let newest = try walk("/api/posts?limit=\(limit)")
            XCTAssertEqual(newest.count, total, "limit \(limit)")
            XCTAssertEqual(Set(newest).count, total, "limit \(limit): a post repeated")
            let oldest = try walk("/api/posts?order=asc&limit=\(limit)")
            XCTAssertEqual(oldest, newest.reversed(), "limit \(limit)")
        }
    }

    func testNewestFirstFollowsTimesAndKeepsDayOnlyPostsInTheirDay() throws {
        let items = try get("/api/posts?limit=100").items
        let days = items.compactMap { $0["day"] as? String }
        XCTAssertEqual(days, days.sorted(by: >), "days must never go up when newest comes first")
        let timed = items.compactMap { $0["time_precision"] as? String == "minute" ? $0["published_at"] as? String : nil }
        XCTAssertEqual(timed.first, "2023-11-16T18:45:00-05:00")
        for item in items where item["time_precision"] as? String == "day" {
            XCTAssertEqual(item["published_at"] as? String, item["day"] as? String, "a day-only post shows its day, no minute")
        }
    }

    func testPageFilterKeepsOnlyThatPagesPostsAndUnknownPageIs404() throws {
        let pages = try get("/api/pages").items
        let merged = try XCTUnwrap(pages.first { ($0["date"] as? String) == "2023-03-14" })
        let id = try XCTUnwrap(merged["id"] as? String)
        let ids = try walk("/api/posts?page=\(id)&limit=5")
        XCTAssertEqual(ids.count, merged["post_count"] as? Int)
        XCTAssertEqual(ids.count, 12)
        XCTAssertEqual(try get("/api/posts?page=no-such-page").status, 404)
    }

    func testSinceAndUntilBoundDaysAndMinutes() throws {
        let march = try walk("/api/posts?since=2023-03-01&until=2023-03-31&limit=50")
        XCTAssertEqual(march.count, 18, "12 posts on the 14th and 6 on the 15th")
        let evening = try get("/api/posts?since=2023-11-16T17:00:00-05:00&limit=100").items
        XCTAssertFalse(evening.isEmpty)
        for item in evening {
            let published = try XCTUnwrap(item["published_at"] as? String)
            XCTAssertTrue(published >= "2023-11-16T17:00", published)
        }
        // The same instant written in UTC selects the same posts.
        let utc = try get("/api/posts?since=2023-11-16T22:00:00Z&limit=100").items
        XCTAssertEqual(utc.map { $0["id"] as? String }, evening.map { $0["id"] as? String })
    }

    func testBadParametersAre400WithADetailThatNamesTheProblem() throws {
        let cases: [(String, String)] = [
            ("/api/posts?limit=0", "limit"), ("/api/posts?limit=101", "limit"), ("/api/posts?limit=ten", "limit"),
            ("/api/posts?order=sideways", "order"), ("/api/posts?since=2023-02-30", "since"),
            ("/api/posts?until=yesterday", "until"), ("/api/posts?since=2023-11-16T25:00:00Z", "since"),
            ("/api/posts?limt=5", "limt"), ("/api/posts?limit=5&limit=6", "more than once"),
            ("/api/posts?cursor=%21%21", "cursor"), ("/api/posts?since=2023-12-01&until=2023-11-01", "since"),
            ("/api/posts/dcc4de905ff0?x=1", "x"),
        ]
        for (target, word) in cases {
            let reply = try get(target)
            XCTAssertEqual(reply.status, 400, target)
            XCTAssertEqual(reply.response.headers["Content-Type"], "application/problem+json", target)
            XCTAssertTrue(reply.detail.contains(word), "\(target): \(reply.detail)")
        }
    }

    func testCursorsFromAnotherListOrTamperedAreRefused() throws {
        let ascending = try XCTUnwrap(try get("/api/posts?order=asc&limit=2").nextCursor)
        XCTAssertEqual(try get("/api/posts?cursor=\(ascending)").status, 400, "an asc cursor on the desc list")
        let search = try XCTUnwrap(try get("/api/search?q=flood&limit=1").nextCursor)
        XCTAssertEqual(try get("/api/posts?cursor=\(search)").status, 400)
        var tampered = Array(ascending)
        tampered[tampered.count / 2] = tampered[tampered.count / 2] == "A" ? "B" : "A"
        XCTAssertEqual(try get("/api/posts?order=asc&cursor=\(String(tampered))").status, 400)
    }

    func testAWholePostHasItsContentPagesAndSources() throws {
        let items = try get("/api/posts?limit=100").items
        // A post seen in two scrapes (001 and 002) lists both files.
        let sharedPost = try XCTUnwrap(items.first { ($0["headline"] as? String)?.isEmpty == false && ($0["day"] as? String) == "2023-03-14" })
        let post = try get("/api/posts/\(try XCTUnwrap(sharedPost["id"] as? String))").object
        XCTAssertEqual(post["id"] as? String, sharedPost["id"] as? String)
        let body = try XCTUnwrap(post["body"] as? [String])
        XCTAssertFalse(body.isEmpty)
        XCTAssertTrue((post["excerpt"] as? String).map { body[0].hasPrefix($0.replacingOccurrences(of: "…", with: "")) } ?? false)
        let pages = try XCTUnwrap(post["pages"] as? [[String: Any]])
        XCTAssertEqual(pages.first?["id"] as? String, post["page_id"] as? String, "the home page comes first")
        let sources = try XCTUnwrap(post["sources"] as? [[String: Any]]).compactMap { $0["path"] as? String }
        XCTAssertTrue(sources.contains("001_timestamped.txt") || sources.contains("002_headlined.txt"), "\(sources)")
        XCTAssertNotNil(post["images"] as? [[String: Any]])
        XCTAssertNotNil(post["contributors"] as? [String])
        XCTAssertEqual(try get("/api/posts/000000000000").status, 404)
    }

    func testListsCarryTheMostMentionedEntitiesAndTheWholePostAllOfThem() throws {
        var checked = 0
        for summary in try get("/api/posts?limit=100").items {
            let id = try XCTUnwrap(summary["id"] as? String)
            let listed = try XCTUnwrap(summary["entities"] as? [[String: Any]]).compactMap { $0["id"] as? String }
            let post = try get("/api/posts/\(id)").object
            let all = try XCTUnwrap(post["entities"] as? [[String: Any]]).compactMap { $0["id"] as? String }
            XCTAssertEqual(summary["entity_count"] as? Int, all.count, id)
            XCTAssertEqual(post["entity_count"] as? Int, all.count, id)
            XCTAssertEqual(listed, Array(all.prefix(3)), "the three most mentioned, in order (\(id))")
            if all.count > 3 { checked += 1 }
        }
        XCTAssertGreaterThan(checked, 0, "the samples have posts with more than three entities")
    }

    func testAListFilteredByAnEntityShowsItEvenWhenItRanksLower() throws {
        var checked = 0
        for summary in try get("/api/posts?limit=100").items where (summary["entity_count"] as? Int ?? 0) > 3 {
            let id = try XCTUnwrap(summary["id"] as? String)
            let all = try XCTUnwrap(try get("/api/posts/\(id)").object["entities"] as? [[String: Any]])
            let lower = try XCTUnwrap(all.last?["id"] as? String)
            for target in ["/api/posts?entity=\(lower)&limit=100", "/api/entities/\(lower)/posts?limit=100"] {
                let item = try XCTUnwrap(try get(target).items.first { $0["id"] as? String == id }, target)
                let listed = try XCTUnwrap(item["entities"] as? [[String: Any]]).compactMap { $0["id"] as? String }
                let expected = all.prefix(3).compactMap { $0["id"] as? String } + [lower]
                XCTAssertEqual(listed, expected, target)
                XCTAssertEqual(item["entity_count"] as? Int, all.count, target)
            }
            checked += 1
        }
        XCTAssertGreaterThan(checked, 0)
    }

    func testMergedPostsListBothScrapes() throws {
        var twoSources = 0
        for id in try walk("/api/posts?limit=100") {
            let sources = try XCTUnwrap(try get("/api/posts/\(id)").object["sources"] as? [[String: Any]])
            if sources.count == 2 { twoSources += 1 }
        }
        XCTAssertEqual(twoSources, 9, "8 posts of 001 are also in 002, one post of 005 is also in 003")
    }
}
