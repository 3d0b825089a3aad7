@testable import API
import HTTPServer
import XCTest
import ZlibCodec

final class ResponseCacheTests: XCTestCase {
    private func response(_ size: Int) -> Response {
        // A type the cache does not gzip, so the cached size is the body's.
        Response(headers: ["Content-Type": "application/octet-stream"], body: [UInt8](repeating: 7, count: size))
    }

    func testStaysWithinCapacityAndKeepsEntriesThatAreAskedForAgain() {
        let cache = ResponseCache(capacity: 100_000)
        for key in 0..<8 { _ = cache.store(response(10_000), for: "hot\(key)", gzip: false) }
        for round in 0..<200 {
            for key in 0..<8 { XCTAssertNotNil(cache.response(for: "hot\(key)"), "round \(round): hot\(key) was evicted") }
            _ = cache.store(response(10_000), for: "cold\(round)", gzip: false)
        }
        XCTAssertLessThanOrEqual((0..<200).filter { cache.response(for: "cold\($0)") != nil }.count, 1,
                                 "100 kB hold the 8 hot entries and one other")
    }

    func testANewWorkingSetReplacesAnOldOne() {
        let cache = ResponseCache(capacity: 100_000)
        for key in 0..<9 { _ = cache.store(response(10_000), for: "old\(key)", gzip: false) }
        for key in 0..<9 { _ = cache.response(for: "old\(key)") }
        for _ in 0..<3 {
            for key in 0..<9 where cache.response(for: "new\(key)") == nil {
                _ = cache.store(response(10_000), for: "new\(key)", gzip: false)
            }
        }
        XCTAssertEqual((0..<9).filter { cache.response(for: "new\($0)") != nil }.count, 9)
    }

    func testJSONIsKeptOnlyCompressed() throws {
        let cache = ResponseCache(capacity: 100_000)
        let json = Response.json(Array(String(repeating: "{\"a\":\"same text\"},", count: 600).utf8))
        XCTAssertEqual(cache.store(json, for: "k", gzip: false).body, json.body, "the identity client of a miss gets the JSON itself")
        XCTAssertEqual(cache.store(json, for: "z", gzip: true).gzippedBody.map { try? Gunzip.decompress($0, limit: 1 << 20) }, json.body)
        let stored = try XCTUnwrap(cache.response(for: "k"))
        XCTAssertEqual(stored.body, [], "the server inflates it for identity clients")
        XCTAssertEqual(try Gunzip.decompress(try XCTUnwrap(stored.gzippedBody), limit: 1 << 20), json.body)
        XCTAssertEqual(try stored.content, json.body)
        XCTAssertEqual(stored.headers["Content-Type"], "application/json")
        // 12 kB of repetitive JSON compresses to a few hundred bytes: 30 copies fit in 100 kB.
        for key in 0..<30 { _ = cache.store(json, for: "copy\(key)", gzip: true) }
        XCTAssertEqual((0..<30).filter { cache.response(for: "copy\($0)") != nil }.count, 30)
    }

    func testTooLargeOrDisabledIsNotStoredButStillAnswered() {
        let small = ResponseCache(capacity: 10_000)
        XCTAssertEqual(small.store(response(5_000), for: "big", gzip: false).body.count, 5_000)
        XCTAssertNil(small.response(for: "big"))
        let off = ResponseCache(capacity: 0)
        _ = off.store(response(10), for: "x", gzip: true)
        XCTAssertNil(off.response(for: "x"))
    }
}
