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

    func testOnlyWhatMustBeEscapedIs() {
        XCTAssertEqual(JSONText.string("a\"b\\c\nd\u{2}é"), #""a\"b\\c\nd\u0002é""#)
        XCTAssertEqual(JSONText.object(["k": nil, "v": "x"]), #"{"k":null,"v":"x"}"#)
    }
}
