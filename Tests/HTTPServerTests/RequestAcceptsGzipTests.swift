import HTTPServer
import XCTest

final class RequestAcceptsGzipTests: XCTestCase {
    func testAcceptEncodingDecidesWhetherGzipIsAllowed() throws {
        let cases: [(String?, Bool)] = [
            (nil, false), ("gzip", true), ("GZIP", true), ("deflate, gzip;q=0.5", true), ("gzip;q=0", false),
            ("*", true), ("identity", false), ("br, *;q=0", false), ("x-gzip", true),
        ]
        for (value, expected) in cases {
            var headers = HTTPHeaders()
            if let value { headers["Accept-Encoding"] = value }
            XCTAssertEqual(try Request(target: "/", headers: headers).acceptsGzip, expected, value ?? "no header")
        }
    }
}
