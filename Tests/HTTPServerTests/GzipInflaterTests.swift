import XCTest
import ZlibCodec

/// The inflate stream the server uses for content it keeps only gzip-encoded.
final class GzipInflaterTests: XCTestCase {
    func testAppendsTheContentAndIsReusable() throws {
        let inflater = GzipInflater()
        var output = Array("before|".utf8)
        for text in ["first {\"a\":1}", String(repeating: "second, longer and repeated ", count: 300), "é ü ß"] {
            let gzip = Gzip.compress(Array(text.utf8))
            let size = try XCTUnwrap(GzipInflater.inflatedSize(of: gzip))
            XCTAssertEqual(size, text.utf8.count)
            let start = output.count
            XCTAssertTrue(inflater.inflate(gzip, size: size, appendingTo: &output))
            XCTAssertEqual(Array(output[start...]), Array(text.utf8))
        }
        XCTAssertTrue(output.starts(with: Array("before|".utf8)))
    }

    func testRefusesWhatIsNotOneMemberOfThatSizeAndLeavesTheOutputAlone() {
        let inflater = GzipInflater()
        let gzip = Gzip.compress(Array(String(repeating: "abc", count: 100).utf8))
        var output = Array("kept".utf8)
        XCTAssertFalse(inflater.inflate(gzip, size: 299, appendingTo: &output), "a wrong size")
        XCTAssertFalse(inflater.inflate(gzip, size: 301, appendingTo: &output), "a wrong size")
        XCTAssertFalse(inflater.inflate(Array(gzip.prefix(gzip.count - 9)), size: 300, appendingTo: &output), "truncated")
        XCTAssertFalse(inflater.inflate(gzip, size: 1 << 30, appendingTo: &output), "more than deflate can expand to")
        XCTAssertFalse(inflater.inflate(Array("not gzip at all, not at all".utf8), size: 10, appendingTo: &output))
        XCTAssertNil(GzipInflater.inflatedSize(of: [0x1F, 0x8B]))
        XCTAssertEqual(output, Array("kept".utf8))
        XCTAssertTrue(inflater.inflate(gzip, size: 300, appendingTo: &output), "still usable after failures")
    }
}
