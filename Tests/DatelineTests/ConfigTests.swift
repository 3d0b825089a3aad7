@testable import dateline
import Foundation
import TestHelpers
import XCTest

final class ConfigTests: XCTestCase {
    private func write(_ json: String) throws -> String {
        let path = try TemporaryFolder.make("config") + "/config.json"
        try json.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func testTheRepositoryConfigNamesEverySettingWithItsDefault() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("config.json").path
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        XCTAssertEqual(object.keys.sorted(), Config.keys, "config.json should show every setting")
        XCTAssertEqual(try Config.load(path: path, required: true, environment: [:]), Config())
    }

    func testFileThenEnvironmentOverride() throws {
        let path = try write(#"{"port": 9000, "host": "0.0.0.0", "gzip": false, "header_timeout": 2.5, "sources": ["a", "b"]}"#)
        let config = try Config.load(path: path, required: true,
                                     environment: ["DATELINE_PORT": "9100", "DATELINE_SOURCES": "x:y", "DATELINE_ACCESS_LOG": "false"])
        XCTAssertEqual(config.port, 9100)
        XCTAssertEqual(config.host, "0.0.0.0")
        XCTAssertFalse(config.gzip)
        XCTAssertEqual(config.headerTimeout, 2.5)
        XCTAssertEqual(config.sources, ["x", "y"])
        XCTAssertFalse(config.accessLog)
    }

    func testMistakesNameTheKey() throws {
        let cases: [(String, String)] = [
            (#"{"prot": 80}"#, "prot"), (#"{"port": "80"}"#, "port"), (#"{"port": 70000}"#, "port"),
            (#"{"gzip": "yes"}"#, "gzip"), (#"{"log_format": "xml"}"#, "log_format"),
            (#"{"header_timeout": 0}"#, "header_timeout"), (#"{"sources": []}"#, "sources"),
            (#"{"max_connections": true}"#, "max_connections"),
        ]
        for (json, key) in cases {
            XCTAssertThrowsError(try Config.load(path: try write(json), required: true, environment: [:]), json) { error in
                XCTAssertTrue("\(error)".contains("\"\(key)\""), "\(json): \(error)")
            }
        }
        XCTAssertThrowsError(try Config.load(path: try write("{}"), required: true, environment: ["DATELINE_PORT": "eighty"])) {
            XCTAssertTrue("\($0)".contains("DATELINE_PORT"))
        }
        XCTAssertThrowsError(try Config.load(path: try write("[1]"), required: true, environment: [:]))
        XCTAssertThrowsError(try Config.load(path: "/nonexistent/config.json", required: true, environment: [:]))
        XCTAssertEqual(try Config.load(path: "/nonexistent/config.json", required: false, environment: [:]), Config())
    }
}
