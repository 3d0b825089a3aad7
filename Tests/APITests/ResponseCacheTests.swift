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
            for key in 0..<8 { XCTAssertNotNil(cache.response(for: "hot\(key)", gzip: true), "round \(round): hot\(key) was evicted") }
            _ = cache.store(response(10_000), for: "cold\(round)", gzip: false)
        }
        XCTAssertLessThanOrEqual((0..<200).filter { cache.response(for: "cold\($0)", gzip: true) != nil }.count, 1,
                                 "100 kB hold the 8 hot entries and one other")
    }

    func testANewWorkingSetReplacesAnOldOne() {
        let cache = ResponseCache(capacity: 100_000)
        for key in 0..<9 { _ = cache.store(response(10_000), for: "old\(key)", gzip: false) }
        for key in 0..<9 { _ = cache.response(for: "old\(key)", gzip: true) }
        for _ in 0..<3 {
            for key in 0..<9 where cache.response(for: "new\(key)", gzip: true) == nil {
                _ = cache.store(response(10_000), for: "new\(key)", gzip: false)
            }
        }
        XCTAssertEqual((0..<9).filter { cache.response(for: "new\($0)", gzip: true) != nil }.count, 9)
    }

    func testJSONIsKeptOnlyCompressed() throws {
        let cache = ResponseCache(capacity: 100_000)
        let json = Response.json(Array(String(repeating: "{\"a\":\"same text\"},", count: 600).utf8))
        XCTAssertEqual(cache.store(json, for: "k", gzip: false).body, json.body, "the identity client of a miss gets the JSON itself")
        XCTAssertEqual(cache.store(json, for: "z", gzip: true).gzippedBody.map { try? Gunzip.decompress($0, limit: 1 << 20) }, json.body)
        let stored = try XCTUnwrap(cache.response(for: "k", gzip: true))
        XCTAssertEqual(stored.body, [], "the server inflates it for identity clients")
        XCTAssertEqual(try Gunzip.decompress(try XCTUnwrap(stored.gzippedBody), limit: 1 << 20), json.body)
        XCTAssertEqual(try stored.content, json.body)
        XCTAssertEqual(stored.headers["Content-Type"], "application/json")
        // 12 kB of repetitive JSON compresses to a few hundred bytes: 30 copies fit in 100 kB.
        for key in 0..<30 { _ = cache.store(json, for: "copy\(key)", gzip: true) }
        XCTAssertEqual((0..<30).filter { cache.response(for: "copy\($0)", gzip: true) != nil }.count, 30)
    }

    /// Whether two responses share their bodies' storage (a kept copy rather than a new inflate).
    private func sameStorage(_ a: Response?, _ b: Response?) -> Bool {
        guard let a, let b, !a.body.isEmpty else { return false }
        return a.body.withUnsafeBufferPointer { x in b.body.withUnsafeBufferPointer { $0.baseAddress == x.baseAddress } }
    }

    private func largeJSON(_ key: Int) -> Response {
        .json(Array(("[" + (0..<700).map { "{\"k\":\(key),\"n\":\($0)}" }.joined(separator: ",") + "]").utf8))
    }

    func testLargeEntriesKeepTheirContentForIdentityClientsWhileAQuarterOfTheBudgetLasts() throws {
        let cache = ResponseCache(capacity: 400_000)
        let size = largeJSON(0).body.count
        XCTAssertGreaterThanOrEqual(size, ResponseCache.identityMinimumBytes)
        for key in 0..<20 { _ = cache.store(largeJSON(key), for: "e\(key)", gzip: true) }
        var first: [Response] = []  // held, so no storage address is reused
        for key in 0..<20 {
            first.append(try XCTUnwrap(cache.response(for: "e\(key)", gzip: false)))
            XCTAssertTrue(try first[key].content == largeJSON(key).body, "an identity client gets the JSON")
            XCTAssertNotNil(first[key].gzippedBody, "and a gzip client the stored bytes")
        }
        let withCopy = (0..<20).filter { !first[$0].body.isEmpty }
        XCTAssertEqual(withCopy, Array(0..<(100_000 / size)), "copies while 100 kB last, for the first asked")
        for key in withCopy {
            XCTAssertTrue(sameStorage(first[key], cache.response(for: "e\(key)", gzip: false)), "kept, not inflated again")
        }
        XCTAssertEqual(cache.response(for: "e19", gzip: false)?.body, [], "the others are inflated by the server")
        XCTAssertEqual(cache.response(for: "e0", gzip: true)?.body, [], "gzip clients get the stored bytes")

        let small = Response.json(Array(String(repeating: "{\"a\":1},", count: 300).utf8))
        let other = ResponseCache(capacity: 400_000)
        _ = other.store(small, for: "s", gzip: true)
        let a = other.response(for: "s", gzip: false)
        XCTAssertEqual(a?.body ?? [], [], "small content is inflated by the server per request")
        XCTAssertTrue(try a?.content == small.body)
    }

    func testAnEvictedEntryGivesBackItsCopysBudget() throws {
        let cache = ResponseCache(capacity: 400_000)
        let size = largeJSON(0).body.count
        XCTAssertLessThan(100_000 / size, 20, "the old copies fill the budget")
        for key in 0..<20 { _ = cache.store(largeJSON(key), for: "old\(key)", gzip: true) }
        for key in 0..<20 { _ = cache.response(for: "old\(key)", gzip: false) }
        // Incompressible filler pushes every old entry out (each is spared once by the clock).
        for key in 0..<200 {
            let noise = (0..<20_000).map { UInt8(truncatingIfNeeded: ($0 &* 2_654_435_761) >> 13 ^ key) }
            _ = cache.store(Response(headers: ["Content-Type": "application/octet-stream"], body: noise), for: "fill\(key)", gzip: true)
        }
        XCTAssertTrue((0..<20).allSatisfy { cache.response(for: "old\($0)", gzip: true) == nil })
        _ = cache.store(largeJSON(99), for: "new", gzip: true)
        XCTAssertTrue(cache.response(for: "new", gzip: false)?.body == largeJSON(99).body, "room again for a copy (\(size) bytes)")
    }

    func testTooLargeOrDisabledIsNotStoredButStillAnswered() {
        let small = ResponseCache(capacity: 10_000)
        XCTAssertEqual(small.store(response(5_000), for: "big", gzip: false).body.count, 5_000)
        XCTAssertNil(small.response(for: "big", gzip: true))
        let off = ResponseCache(capacity: 0)
        _ = off.store(response(10), for: "x", gzip: true)
        XCTAssertNil(off.response(for: "x", gzip: false))
    }
}
