import Foundation
import Storage
import XCTest

final class JSONTextTests: XCTestCase {
    /// Whatever the text, the output parses back to the same string.
    func testEscapedStringsRoundTripThroughAJSONParser() throws {
        let samples = ["", "plain", "quote \" and backslash \\", "line\nbreak\r\ttab", "\u{0}\u{1}\u{1F}",
                       "“curly” — dash, NBSP\u{A0}, emoji 🌊", "\\\"", String(repeating: "run ", count: 500) + "\"end"]
        for text in samples {
            let json = JSONText.array([text])
            let parsed = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String])
            XCTAssertEqual(parsed, [text], json)
        }
    }

    /// Escapes are found wherever they sit in the eight-byte blocks the scan reads, next to
    /// multi-byte characters (whose bytes are all 0x80 or more) too.
    func testEveryPositionAndMixOfEscapesRoundTrips() throws {
        let pieces = ["a", "Z", " ", "\"", "\\", "\n", "\u{1}", "\u{1F}", "é", "—", "🌊", "\u{7F}", "~", "!", "#", "]"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let text = (0..<Int.random(in: 0...40, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let json = JSONText.string(text)
            let parsed = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8), options: .fragmentsAllowed) as? String)
            XCTAssertEqual(parsed, text, json)
            // Nothing but what must be escaped is: the escaped form is as long as counted by hand.
            let expected = 2 + text.utf8.reduce(0) { $0 + ($1 == 0x22 || $1 == 0x5C || $1 == 0x0A ? 2 : $1 < 0x20 ? 6 : 1) }
            XCTAssertEqual(json.utf8.count, expected, json)
        }
    }

    func testOnlyWhatMustBeEscapedIs() {
        XCTAssertEqual(JSONText.string("a\"b\\c\nd\u{2}é"), #""a\"b\\c\nd\u0002é""#)
        XCTAssertEqual(JSONText.object(["k": nil, "v": "x"]), #"{"k":null,"v":"x"}"#)
    }
}
