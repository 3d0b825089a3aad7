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
        for key in 0..<8 { _ = cache.store(response(10_000), for: "hot\(key)") }
        for round in 0..<200 {
            for key in 0..<8 { XCTAssertNotNil(cache.response(for: "hot\(key)"), "round \(round): hot\(key) was evicted") }
            _ = cache.store(response(10_000), for: "cold\(round)")
        }
        XCTAssertLessThanOrEqual((0..<200).filter { cache.response(for: "cold\($0)") != nil }.count, 1,
                                 "100 kB hold the 8 hot entries and one other")
    }

    func testANewWorkingSetReplacesAnOldOne() {
        let cache = ResponseCache(capacity: 100_000)
        for key in 0..<9 { _ = cache.store(response(10_000), for: "old\(key)") }
        for key in 0..<9 { _ = cache.response(for: "old\(key)") }
        for _ in 0..<3 {
            for key in 0..<9 where cache.response(for: "new\(key)") == nil {
                _ = cache.store(response(10_000), for: "new\(key)")
            }
        }
        XCTAssertEqual((0..<9).filter { cache.response(for: "new\($0)") != nil }.count, 9)
    }

    func testTooLargeOrDisabledIsNotStoredButStillAnswered() {
        let small = ResponseCache(capacity: 10_000)
        XCTAssertEqual(small.store(response(5_000), for: "big").body.count, 5_000)
        XCTAssertNil(small.response(for: "big"))
        let off = ResponseCache(capacity: 0)
        _ = off.store(response(10), for: "x")
        XCTAssertNil(off.response(for: "x"))
    }
}
