import XCTest

final class EntityRoutesTests: XCTestCase {
    func testEntitiesComeMostMentionedFirstAndWalkingReturnsEachOnce() throws {
        let total = try XCTUnwrap(try get("/api/stats").object["entities"] as? Int)
        XCTAssertGreaterThan(total, 10)
        let items = try get("/api/entities?limit=100").items
        let counts = items.compactMap { $0["mention_count"] as? Int }
        XCTAssertEqual(counts, counts.sorted(by: >))
        XCTAssertEqual(try walk("/api/entities?limit=7").count, total)
        let byName = try walk("/api/entities?sort=name&limit=9")
        XCTAssertEqual(Set(byName).count, total)
        let names = try get("/api/entities?sort=name&limit=100").items.compactMap { ($0["name"] as? String)?.lowercased() }
        XCTAssertEqual(names, names.sorted())
        for type in ["person", "organization", "place"] {
            let typed = try get("/api/entities?type=\(type)&limit=100").items
            XCTAssertFalse(typed.isEmpty, type)
            XCTAssertTrue(typed.allSatisfy { $0["type"] as? String == type })
        }
    }

    func testNamePrefixSearchFindsAnEntityByAnyOfItsNames() throws {
        let person = try XCTUnwrap(try get("/api/entities?type=person&limit=100").items.first { ($0["aliases"] as? [String])?.isEmpty == false })
        let id = try XCTUnwrap(person["id"] as? String)
        let alias = try XCTUnwrap((person["aliases"] as? [String])?.first)
        for query in [String(alias.prefix(3)).uppercased(), String((person["name"] as? String ?? "").prefix(4))] {
            let encoded = query.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let found = try get("/api/entities?q=" + encoded).items.compactMap { $0["id"] as? String }
            XCTAssertTrue(found.contains(id), "\(query) → \(found)")
        }
        XCTAssertTrue(try get("/api/entities?q=zzzqqq").items.isEmpty)
        XCTAssertEqual(try get("/api/entities?q=%2A%2A").status, 400, "no letters to match")
    }

    func testAnEntitysPostsTimelineAndRelatedAgreeWithItsCounts() throws {
        let entity = try XCTUnwrap(try get("/api/entities?limit=1").items.first)
        let id = try XCTUnwrap(entity["id"] as? String)
        let postCount = try XCTUnwrap(entity["post_count"] as? Int)
        let posts = try walk("/api/entities/\(id)/posts?limit=5")
        XCTAssertEqual(posts.count, postCount)
        XCTAssertEqual(try walk("/api/posts?entity=\(id)&limit=5"), posts)
        for post in try get("/api/entities/\(id)/posts?limit=100").items {
            let chips = try XCTUnwrap(post["entities"] as? [[String: Any]]).compactMap { $0["id"] as? String }
            XCTAssertTrue(chips.contains(id), "a post listed for \(id) names it among its entities")
        }
        let buckets = try XCTUnwrap(try get("/api/entities/\(id)/timeline").object["items"] as? [[String: Any]])
        XCTAssertEqual(buckets.compactMap { $0["count"] as? Int }.reduce(0, +), postCount)
        let detail = try get("/api/entities/\(id)").object
        let related = try XCTUnwrap(detail["related"] as? [[String: Any]])
        XCTAssertFalse(related.isEmpty)
        XCTAssertFalse(related.contains { $0["id"] as? String == id }, "an entity is not related to itself")
        let together = related.compactMap { $0["count"] as? Int }
        XCTAssertEqual(together, together.sorted(by: >))
        XCTAssertLessThanOrEqual(together.first ?? 0, postCount)
        XCTAssertEqual(try get("/api/entities/nope").status, 404)
        XCTAssertEqual(try get("/api/entities/nope/timeline").status, 404)
        XCTAssertEqual(try get("/api/posts?entity=nope").status, 404)
    }

    func testRelatedEntitiesCountTheirSharedPostsMostSharedFirst() throws {
        let entity = try XCTUnwrap(try get("/api/entities?limit=1").items.first)
        let id = try XCTUnwrap(entity["id"] as? String)
        // Counted here from the full entity list of each of the entity's posts.
        var shared: [String: Int] = [:]
        var names: [String: String] = [:]
        for post in try walk("/api/entities/\(id)/posts?limit=50") {
            for other in try XCTUnwrap(try get("/api/posts/\(post)").object["entities"] as? [[String: Any]]) {
                let otherID = try XCTUnwrap(other["id"] as? String)
                names[otherID] = other["name"] as? String
                if otherID != id { shared[otherID, default: 0] += 1 }
            }
        }
        let related = try XCTUnwrap(try get("/api/entities/\(id)").object["related"] as? [[String: Any]])
        XCTAssertEqual(related.count, min(12, shared.count))
        for item in related {
            let otherID = try XCTUnwrap(item["id"] as? String)
            XCTAssertEqual(item["count"] as? Int, shared[otherID], otherID)
            XCTAssertEqual(item["name"] as? String, names[otherID])
        }
        let fewest = related.compactMap { $0["count"] as? Int }.min() ?? 0
        let listed = Set(related.compactMap { $0["id"] as? String })
        XCTAssertFalse(shared.contains { $0.value > fewest && !listed.contains($0.key) },
                       "no entity left out shares more posts than one listed")
    }

    func testQuotesBySpeakerAndTextAndInTheirPost() throws {
        let quotes = try get("/api/quotes?limit=100").items
        XCTAssertFalse(quotes.isEmpty)
        let spoken = try XCTUnwrap(quotes.first { $0["speaker"] is [String: Any] })
        let speaker = try XCTUnwrap((spoken["speaker"] as? [String: Any])?["id"] as? String)
        let bySpeaker = try get("/api/entities/\(speaker)/quotes?limit=100").items
        XCTAssertFalse(bySpeaker.isEmpty)
        XCTAssertTrue(bySpeaker.allSatisfy { ($0["speaker"] as? [String: Any])?["id"] as? String == speaker })
        XCTAssertEqual(try get("/api/quotes?speaker=\(speaker)&limit=100").items.count, bySpeaker.count)
        let text = try XCTUnwrap(spoken["text"] as? String)
        let word = try XCTUnwrap(text.split(separator: " ").max { $0.count < $1.count }).lowercased()
        let matching = try get("/api/quotes?limit=100&q=" + word.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!).items
        XCTAssertTrue(matching.contains { $0["text"] as? String == text })
        XCTAssertTrue(matching.allSatisfy { ($0["text"] as? String)?.lowercased().contains(word) == true })
        XCTAssertTrue(try get("/api/quotes?q=%25%25%25_").items.isEmpty, "LIKE wildcards are literal")
        let post = try get("/api/posts/\(try XCTUnwrap(spoken["post_id"] as? String))").object
        XCTAssertTrue(try XCTUnwrap(post["quotes"] as? [[String: Any]]).contains { $0["text"] as? String == text })
        XCTAssertEqual(try get("/api/quotes?speaker=nope").status, 404)
    }
}
