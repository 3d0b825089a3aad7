import XCTest
@testable import Extraction

/// The byte-level string helpers give the answers of their Character-based counterparts.
final class UTF8SearchTests: XCTestCase {
    func testFirstByteOffset() {
        XCTAssertEqual("Ana and Tomas contributed reporting.".firstByteOffset(of: " contributed"), 13)
        XCTAssertEqual("“Café” from the port".firstByteOffset(of: " from "), 11)
        XCTAssertNil("contributed".firstByteOffset(of: " contributed"))
        XCTAssertNil("abc".firstByteOffset(of: ""))
        // Text with a NUL byte is searched past it.
        XCTAssertEqual("a\u{0}b from c".firstByteOffset(of: " from "), 3)
    }

    func testBytePrefixAgreesWithHasPrefix() {
        let cases: [(String, StaticString)] = [
            ("From MNN's Ana Varston", "From "), ("From", "From "), ("Fromage", "From "), ("", "From "),
            ("From \u{301}Ana", "From "), // the space and the combining mark are one character
            ("• Rivers rose", "•"), ("•\u{301} x", "•"), ("◦ x", "•"), ("Érik", "E"), ("E\u{301}rik", "E"),
            ("Related article Flood maps", "Related article "), ("Updated 8:08 p.m. ET", "Updated "),
        ]
        for (text, prefix) in cases {
            XCTAssertEqual(text.hasBytePrefix(prefix), text.hasPrefix(prefix.description), "\(text) / \(prefix)")
        }
    }

    func testFirstByteRangeAgreesWithFirstRange() {
        let cases: [(String, StaticString)] = [
            ("Ana and Tomas contributed reporting.", " contributed "), ("Ana contributed.", " contributed."),
            ("Ana contributed", " contributed "), ("", " by "), ("Reporting by Ana; Editing by Bo", " by "),
            ("Ana \u{301}contributed \u{301}x", " contributed "), // a combining mark joins the first space
            ("Ana é contributed x", " contributed "), ("Riverbanks gave way. (Lena Fisk/MNN)", ". ("),
            ("“We stay.” (Lena Fisk)", ".” ("), ("“We stay.”\u{301} (Lena Fisk)", ".” ("), ("Café. (Ana)", ". ("),
        ]
        for (text, needle) in cases {
            XCTAssertEqual(text.firstByteRange(of: needle), text.firstRange(of: needle.description), "\(text) / \(needle)")
        }
    }

    func testSplitOnSpacesAgreesWithSplit() {
        let cases = ["From MNN's Ana Varston", "  two  spaces  ", "", " ", "one", "“Café” from the port",
                     "a \u{301}b c", "é b", "a é", "36 Posts", "by Ana - Reuters"]
        for text in cases {
            XCTAssertEqual(text.splitOnSpaces(), text.split(separator: " "), text)
            let sub = text.dropFirst()
            XCTAssertEqual(sub.splitOnSpaces(), sub.split(separator: " "), text)
        }
    }

    func testSpaceSeparatedWordCount() {
        let cases = ["", " ", "one", "  two  words  ", "Sandbags along Quay Street held overnight.",
                     "eightchr ninechars", "1234567 ", " 1234567", "a b c d e f g h i j k l m n o p",
                     "“Café” from the port, said Ana Varston\u{A0}today", String(repeating: "ab ", count: 40)]
        for text in cases {
            XCTAssertEqual(text.spaceSeparatedWordCount, text.utf8.split(separator: 0x20).count, text)
        }
    }

    func testTrimmingSpaces() {
        XCTAssertEqual("  Ana Varston  ".trimmingSpaces, "Ana Varston")
        XCTAssertEqual("   ".trimmingSpaces, "")
        XCTAssertEqual("é ".trimmingSpaces, "é")
        // A space with a combining mark is not a space character.
        XCTAssertEqual(" \u{301}a ".trimmingSpaces, " \u{301}a")
    }
}
