import TestHelpers
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

    /// FIPS 180-4 / NIST example messages, through both compressions.
    func testSHA256KnownVectors() {
        let vectors: [(message: [UInt8], digest: String)] = [
            ([], "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            (Array("abc".utf8), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            (Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8),
             "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
            (Array(("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
                    + "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu").utf8),
             "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
            ([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000),
             "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"),
        ]
        for (message, digest) in vectors {
            XCTAssertEqual(SHA256.hex(message), digest, "\(message.count) bytes")
            XCTAssertEqual(SHA256.hex(message, portable: true), digest, "\(message.count) bytes, portable")
        }
    }

    /// The SHA instructions and the portable compression agree on every length around the block
    /// and padding boundaries (0…300 bytes) and on a few large inputs.
    func testSHA256HardwareAndPortableAgree() {
        var random = SplitMix64(seed: 0x5EED_0256)
        let lengths = Array(0...300) + [4095, 4096, 65_536 + 55, 1 << 20, 3_000_017]
        for length in lengths {
            let message = (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            XCTAssertEqual(SHA256.hex(message), SHA256.hex(message, portable: true), "\(length) bytes")
        }
    }

    /// The CPUID check agrees with the kernel's view of the CPU (Linux only: /proc/cpuinfo).
    func testSHA256HardwareDetectionMatchesCPUInfo() throws {
        guard let cpuinfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else {
            throw XCTSkip("no /proc/cpuinfo")
        }
        let flags = cpuinfo.split(separator: "\n").first { $0.hasPrefix("flags") }?.split(separator: " ") ?? []
        #if arch(x86_64)
        XCTAssertEqual(SHA256.hardwareAvailable, flags.contains("sha_ni") && flags.contains("sse4_1"))
        #else
        XCTAssertFalse(SHA256.hardwareAvailable)
        #endif
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
