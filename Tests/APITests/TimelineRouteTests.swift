import XCTest

final class TimelineRouteTests: XCTestCase {
    func testDayBucketsCountEveryPostOnceInDayOrder() throws {
        let timeline = try get("/api/timeline").object
        XCTAssertEqual(timeline["granularity"] as? String, "day")
        let buckets = try XCTUnwrap(timeline["items"] as? [[String: Any]])
        XCTAssertEqual(buckets.compactMap { $0["key"] as? String }, ["2023-03-14", "2023-03-15", "2023-11-15", "2023-11-16"])
        XCTAssertEqual(buckets.compactMap { $0["count"] as? Int }, [12, 6, 8, 7])
        let undated = try XCTUnwrap(timeline["undated"] as? [String: Any])
        XCTAssertEqual(undated["count"] as? Int, 0)
        let listed = buckets.flatMap { ($0["posts"] as? [[String: Any]]) ?? [] }.compactMap { $0["id"] as? String }
        XCTAssertEqual(Set(listed).count, 33)
    }

    func testHourBucketsNeverInventAnHourForDayOnlyPosts() throws {
        let buckets = try XCTUnwrap(try get("/api/timeline?granularity=hour").object["items"] as? [[String: Any]])
        var seen = 0
        for bucket in buckets {
            let posts = try XCTUnwrap(bucket["posts"] as? [[String: Any]])
            seen += posts.count
            let key = try XCTUnwrap(bucket["key"] as? String)
            for post in posts {
                let precision = post["time_precision"] as? String
                if bucket["precision"] as? String == "hour" {
                    XCTAssertEqual(precision, "minute")
                    XCTAssertTrue((post["published_at"] as? String)?.hasPrefix(key) == true)
                } else {
                    XCTAssertEqual(precision, "day", "a timed post belongs in an hour bucket")
                }
            }
        }
        XCTAssertEqual(seen, 33)
        let keys = buckets.compactMap { $0["key"] as? String }
        XCTAssertEqual(keys, keys.sorted(), "buckets run oldest first, a day before its hours")
        XCTAssertTrue(keys.contains("2023-11-16T18"))
    }

    func testFiltersAndPerBucketLimit() throws {
        let page = try XCTUnwrap(try get("/api/pages").items.first?["id"] as? String)
        let buckets = try XCTUnwrap(try get("/api/timeline?page=\(page)&per_bucket=2").object["items"] as? [[String: Any]])
        XCTAssertEqual(buckets.compactMap { $0["count"] as? Int }.reduce(0, +), 8, "the page's 8 posts")
        XCTAssertTrue(buckets.allSatisfy { ($0["posts"] as? [Any])?.count ?? 99 <= 2 })
        XCTAssertEqual(try get("/api/timeline?granularity=week").status, 400)
        XCTAssertEqual(try get("/api/timeline?per_bucket=-1").status, 400)
        let november = try XCTUnwrap(try get("/api/timeline?since=2023-11-01").object["items"] as? [[String: Any]])
        XCTAssertEqual(november.compactMap { $0["key"] as? String }, ["2023-11-15", "2023-11-16"])
    }
}
