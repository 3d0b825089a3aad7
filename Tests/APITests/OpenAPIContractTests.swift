@testable import API
import Foundation
import XCTest

/// The constraints `openapi.json` puts on parameters agree with what the server accepts, so a client
/// (or `scripts/contract.sh`) generating values from the document is not misled.
final class OpenAPIContractTests: XCTestCase {
    private func parameter(_ name: String) throws -> [String: Any] {
        let document = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(ArchiveAPI.openAPIDocument.utf8)) as? [String: Any])
        let components = try XCTUnwrap((document["components"] as? [String: Any])?["parameters"] as? [String: Any])
        return try XCTUnwrap(components[name] as? [String: Any], name)
    }

    private func pattern(_ name: String) throws -> NSRegularExpression {
        let schema = try XCTUnwrap(try parameter(name)["schema"] as? [String: Any])
        return try NSRegularExpression(pattern: try XCTUnwrap(schema["pattern"] as? String, "\(name) has a pattern"))
    }

    private func matches(_ expression: NSRegularExpression, _ text: String) -> Bool {
        expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    private func encoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
    }

    func testEveryTimeBoundTheServerAcceptsMatchesTheDocumentedPattern() throws {
        let candidates = [
            "2023-03-14", "2023-03-14T09:30Z", "2023-03-14T09:30:15Z", "2023-03-14T09:30-05:00",
            "2023-03-14T09:30:15+01:00", "2023-03-14 09:30Z", "2023-03-14T09:30", "2023-03-14T9:30Z",
            "2023-3-14", "20230314", "2023-03-14T09:30:15.5Z", "2023-03-14T09:30+0100", "2023-03-14Z",
            "2023-02-30", "2023-13-01", "2023-03-14T24:00Z", "+2023-03-14", " 2023-03-14", "2023-03-14 ",
        ]
        for name in ["since", "until"] {
            let expression = try pattern(name)
            var accepted = 0
            for candidate in candidates {
                let status = try get("/api/posts?\(name)=" + encoded(candidate)).status
                XCTAssertTrue([200, 400].contains(status), "\(name)=\(candidate): \(status)")
                if status == 200 {
                    accepted += 1
                    XCTAssertTrue(matches(expression, candidate), "the server accepts \(name)=\(candidate) but the pattern refuses it")
                }
            }
            XCTAssertEqual(accepted, 6, "\(name): the well-formed dates and times are accepted")
            let example = try XCTUnwrap(try parameter(name)["example"] as? String)
            XCTAssertEqual(try get("/api/posts?\(name)=" + encoded(example)).status, 200, "the documented example works")
        }
    }

    func testIssuedCursorsMatchTheDocumentedPatternAndLength() throws {
        let expression = try pattern("cursor")
        let schema = try XCTUnwrap(try parameter("cursor")["schema"] as? [String: Any])
        let maxLength = try XCTUnwrap(schema["maxLength"] as? Int)
        for target in ["/api/posts?limit=1", "/api/posts?order=asc&limit=1", "/api/search?q=flood*&limit=1"] {
            let cursor = try XCTUnwrap(try get(target).nextCursor, target)
            XCTAssertTrue(matches(expression, cursor), cursor)
            XCTAssertLessThanOrEqual(cursor.utf8.count, maxLength)
        }
        let tooLong = Cursor.base64URL(Array(String(repeating: "x", count: 97).utf8))
        XCTAssertGreaterThan(tooLong.utf8.count, maxLength)
        XCTAssertEqual(try get("/api/posts?cursor=" + tooLong).status, 400, "longer than maxLength is refused")
    }
}
