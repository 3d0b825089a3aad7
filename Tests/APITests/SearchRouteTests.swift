@testable import API
import XCTest

final class SearchRouteTests: XCTestCase {
    private func hits(_ query: String) throws -> [[String: Any]] {
        let encoded = query.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        let reply = try get("/api/search?limit=100&q=" + encoded)
        XCTAssertEqual(reply.status, 200, "\(query): \(reply.text)")
        return try reply.items
    }

    func testWordsPhrasesPrefixesAndBooleansMatch() throws {
        let flood = try hits("flood")
        XCTAssertFalse(flood.isEmpty)
        let prefix = try hits("flood*")
        XCTAssertGreaterThanOrEqual(prefix.count, flood.count, "flood* also matches floods, flooded…")
        let both = try hits("flood AND Dunmere")
        let either = try hits("flood OR Dunmere")
        XCTAssertLessThanOrEqual(both.count, flood.count)
        XCTAssertGreaterThanOrEqual(either.count, flood.count)
        let without = try hits("flood NOT Dunmere")
        XCTAssertEqual(without.count + both.count, flood.count)
        let phrase = try hits("\"flood warnings\"")
        XCTAssertFalse(phrase.isEmpty)
        for hit in phrase {
            let snippet = try XCTUnwrap(hit["snippet"] as? String).lowercased()
            XCTAssertTrue(snippet.contains("<mark>flood warnings</mark>"), snippet)
        }
        XCTAssertTrue(try hits("zzyzxqq").isEmpty)
    }

    func testScoresDescendAndPagesDoNotRepeat() throws {
        let scores = try hits("flood*").compactMap { $0["score"] as? Double }
        XCTAssertEqual(scores, scores.sorted(by: >))
        let walked = try walk("/api/search?q=flood*&limit=3")
        XCTAssertEqual(walked, try hits("flood*").compactMap { $0["id"] as? String })
    }

    func testMalformedQueriesAre400NotServerErrors() throws {
        for query in ["\"open quote", "AND", "flood AND", "(flood", "nocolumn:flood", "*", "NEAR(", "flood)"] {
            let encoded = query.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let reply = try get("/api/search?q=" + encoded)
            XCTAssertEqual(reply.status, 400, "\(query): \(reply.text)")
            XCTAssertFalse(reply.detail.isEmpty)
        }
        XCTAssertEqual(try get("/api/search").status, 400)
        XCTAssertEqual(try get("/api/search?q=%20%20").status, 400)
        XCTAssertEqual(try get("/api/search?q=" + String(repeating: "a", count: 600)).status, 400)
    }

    func testSnippetsEscapeHTMLAndMarkMatches() {
        let raw: [UInt8] = Array("a <b>&\"".utf8) + [1] + Array("flood".utf8) + [2] + [3]
        let html = raw.withUnsafeBytes { SearchRoute.htmlSnippet($0) }
        XCTAssertEqual(html, "a &lt;b&gt;&amp;&quot;<mark>flood</mark>…")
    }
}
