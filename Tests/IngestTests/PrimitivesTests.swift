import Dispatch
import Foundation
import ZlibCodec
import XCTest
@testable import Ingest

final class PrimitivesTests: XCTestCase {
    func testFingerprintKeysAreEqualByTheirBytes() {
        let a = FingerprintKey(Array("h:kestria floods".utf8))
        let b = FingerprintKey(Array("h:kestria floods".utf8))
        let c = FingerprintKey(Array("h:kestria flood".utf8))
        XCTAssertEqual(a, b)
        XCTAssertEqual(a.hashValue, b.hashValue)
        XCTAssertNotEqual(a, c)
        XCTAssertEqual(Set([a, b, c]).count, 2)
        XCTAssertEqual([a: 1, c: 2][b], 1)
    }

    func testBackgroundReleaseFreesWhatItIsHandedOffTheCallingThread() {
        let probe = ReleaseProbe()
        BackgroundRelease.hand([Tracked(probe)])
        XCTAssertEqual(probe.freed.wait(timeout: .now() + 10), .success)
        XCTAssertEqual(probe.onCallingThread, false)
    }

    func testSHA256KnownVectors() {
        XCTAssertEqual(SHA256.hex([]), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(SHA256.hex(Array("abc".utf8)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    func testGunzipRoundTripAndLimits() throws {
        let text = Array(String(repeating: "Ships wait outside the harbour. ", count: 1000).utf8)
        let gz = try TestSupport.gzip(text)
        XCTAssertTrue(Gunzip.isGzip(gz))
        XCTAssertEqual(try Gunzip.decompress(gz, limit: 1 << 20), text)
        XCTAssertThrowsError(try Gunzip.decompress(gz, limit: 1000)) { XCTAssertEqual($0 as? Gunzip.Failure, .tooLarge(limit: 1000)) }
        XCTAssertThrowsError(try Gunzip.decompress(Array(gz.prefix(20)), limit: 1 << 20)) { XCTAssertEqual($0 as? Gunzip.Failure, .truncated) }
        var corrupt = gz
        corrupt[12] ^= 0xFF
        corrupt[13] ^= 0xFF
        XCTAssertThrowsError(try Gunzip.decompress(corrupt, limit: 1 << 20))
    }

    func testUTF8Validation() {
        XCTAssertNil(SourceLoader.firstInvalidUTF8(Array("héllo “world”".utf8)))
        XCTAssertEqual(SourceLoader.firstInvalidUTF8([0x61, 0xC0, 0x80]), 1) // overlong
        XCTAssertEqual(SourceLoader.firstInvalidUTF8([0x61, 0xED, 0xA0, 0x80]), 1) // surrogate
        XCTAssertEqual(SourceLoader.firstInvalidUTF8([0xE2, 0x80]), 0) // truncated
        // Long ASCII runs are skipped in blocks; the offset is still the bad byte's.
        let ascii = Array("Sandbags along Quay Street held overnight. ".utf8)
        XCTAssertNil(SourceLoader.firstInvalidUTF8(ascii + Array("“é”".utf8) + ascii))
        for cut in [0, 1, 7, 8, 9, 17] {
            XCTAssertEqual(SourceLoader.firstInvalidUTF8(Array(ascii.prefix(cut)) + [0xFF] + ascii), cut)
            XCTAssertEqual(SourceLoader.firstInvalidUTF8(ascii + Array("é".utf8) + Array(ascii.prefix(cut)) + [0xC3]), ascii.count + 2 + cut)
        }
    }

    func testExcerptCutsAtAWordWithinTheLimitInCharacters() {
        func excerpt(_ first: String) -> String {
            ArchivePost(id: "x", headline: nil, byline: nil, authors: [], time: nil, day: nil, precision: .unknown,
                        body: [first, "Second paragraph."], images: [], contributors: [], pageIDs: [], sourceIndices: []).excerpt
        }
        let exact = "“" + String(repeating: "ab ", count: 79) + "ab" // 240 characters, 242 bytes
        XCTAssertEqual(excerpt(exact), exact)
        XCTAssertEqual(excerpt("“" + String(repeating: "ab ", count: 80)), "“" + String(repeating: "ab ", count: 78) + "ab…")
        XCTAssertEqual(excerpt(String(repeating: "é, ", count: 100)), String(repeating: "é, ", count: 78) + "é…")
        XCTAssertEqual(excerpt(String(repeating: "a", count: 300)), String(repeating: "a", count: 239) + "…")
    }

    func testBinaryAndEmptyText() {
        XCTAssertEqual(SourceLoader.check(Array(" \n\t ".utf8)), .empty)
        XCTAssertEqual(SourceLoader.check(Array("Rivers rose.".utf8) + [0] + Array("x".utf8)), .binary)
        XCTAssertNil(SourceLoader.check(Array("Rivers rose.\n".utf8)))
    }
}

/// Tells when a ``Tracked`` value was freed, and on which thread.
private final class ReleaseProbe: @unchecked Sendable {
    let freed = DispatchSemaphore(value: 0)
    let callingThread = Thread.current
    /// Written before `freed` is signalled, read after waiting on it.
    var onCallingThread: Bool?
}

private final class Tracked: Sendable {
    let probe: ReleaseProbe

    init(_ probe: ReleaseProbe) { self.probe = probe }

    deinit {
        probe.onCallingThread = Thread.current == probe.callingThread
        probe.freed.signal()
    }
}
