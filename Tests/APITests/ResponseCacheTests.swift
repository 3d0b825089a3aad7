@testable import API
import HTTPServer
import XCTest

final class ResponseCacheTests: XCTestCase {
    private func response(_ size: Int) -> Response {
        // A type the cache does not gzip, so the cached size is the body's.
        Response(headers: ["Content-Type": "application/octet-stream"], body: [UInt8](repeating: 7, count: size))
    }

    func testStaysWithinCapacityAndKeepsEntriesThatAreAskedForAgain() {
        let cache = ResponseCache(capacity: 100_000)
        for key in 0..<8 { _ = cache.store(response(10_000), for: "hot\(key)", gzip: false) }
        for round in 0..<200 {
            for key in 0..<8 { XCTAssertNotNil(cache.response(for: "hot\(key)", gzip: false), "round \(round): hot\(key) was evicted") }
            _ = cache.store(response(10_000), for: "cold\(round)", gzip: false)
        }
        XCTAssertLessThanOrEqual((0..<200).filter { cache.response(for: "cold\($0)", gzip: false) != nil }.count, 1,
                                 "100 kB hold the 8 hot entries and one other")
    }

    func testANewWorkingSetReplacesAnOldOne() {
        let cache = ResponseCache(capacity: 100_000)
        for key in 0..<9 { _ = cache.store(response(10_000), for: "old\(key)", gzip: false) }
        for key in 0..<9 { _ = cache.response(for: "old\(key)", gzip: false) }
        for _ in 0..<3 {
            for key in 0..<9 where cache.response(for: "new\(key)", gzip: false) == nil {
                _ = cache.store(response(10_000), for: "new\(key)", gzip: false)
            }
        }
        XCTAssertEqual((0..<9).filter { cache.response(for: "new\($0)", gzip: false) != nil }.count, 9)
    }

    func testGzipIsComputedOnceForTheFirstClientThatAcceptsIt() {
        let cache = ResponseCache(capacity: 100_000)
        let json = Response.json(Array(String(repeating: "{\"a\":\"same text\"},", count: 200).utf8))
        let plain = cache.store(json, for: "k", gzip: false)
        XCTAssertNil(plain.gzippedBody, "an identity client costs no compression")
        XCTAssertNil(cache.response(for: "k", gzip: false)?.gzippedBody)
        let encoded = cache.response(for: "k", gzip: true)?.gzippedBody
        XCTAssertNotNil(encoded)
        XCTAssertEqual(cache.response(for: "k", gzip: true)?.gzippedBody, encoded, "kept, not recomputed")
        XCTAssertEqual(cache.store(json, for: "g", gzip: true).gzippedBody?.isEmpty, false)
    }

    func testTooLargeOrDisabledIsNotStoredButStillAnswered() {
        let small = ResponseCache(capacity: 10_000)
        XCTAssertEqual(small.store(response(5_000), for: "big", gzip: false).body.count, 5_000)
        XCTAssertNil(small.response(for: "big", gzip: false))
        let off = ResponseCache(capacity: 0)
        _ = off.store(response(10), for: "x", gzip: true)
        XCTAssertNil(off.response(for: "x", gzip: true))
    }
}
