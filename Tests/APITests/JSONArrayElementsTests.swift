@testable import API
import XCTest

final class JSONArrayElementsTests: XCTestCase {
    private func elements(_ json: String, upTo limit: Int = .max) -> [String] {
        let bytes = Array(json.utf8)
        var found: [String] = []
        bytes.withUnsafeBytes { buffer in
            JSONArrayElements.forEach(in: buffer) { range in
                found.append(String(decoding: buffer[range], as: UTF8.self))
                return found.count < limit
            }
        }
        return found
    }

    func testSplitsTopLevelElementsRespectingStringsAndNesting() {
        XCTAssertEqual(elements(#"[{"id":"a","name":"A, b]"},{"id":"c","n":[1,{"x":"}"}]}]"#),
                       [#"{"id":"a","name":"A, b]"}"#, #"{"id":"c","n":[1,{"x":"}"}]}"#])
        XCTAssertEqual(elements(#"[ "q\"u,o]te" , 12 ,null,[ ] ,{}]"#), [#""q\"u,o]te""#, "12", "null", "[ ]", "{}"])
        XCTAssertEqual(elements(#"["\\",1]"#), [#""\\""#, "1"], "an escaped backslash ends before the quote")
        XCTAssertEqual(elements(" [ 1 ] "), ["1"])
    }

    func testStopsWhenAskedAndReportsNothingForOtherValues() {
        XCTAssertEqual(elements("[1,2,3,4]", upTo: 2), ["1", "2"])
        XCTAssertEqual(elements("[]"), [])
        XCTAssertEqual(elements(" [ ] "), [])
        XCTAssertEqual(elements(#"{"a":[1,2]}"#), [])
        XCTAssertEqual(elements(""), [])
        XCTAssertEqual(elements("[1,2"), ["1"], "an unclosed array gives its complete elements")
    }
}
