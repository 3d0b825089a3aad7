@testable import API
import Foundation
import HTTPServer
import XCTest
import ZlibCodec
import TestHelpers

final class ArchiveAPITests: XCTestCase {
    func testStatsDescribeTheArchive() throws {
        let stats = try get("/api/stats").object
        XCTAssertEqual(stats["pages"] as? Int, 4)
        XCTAssertEqual(stats["posts"] as? Int, 33)
        XCTAssertEqual(stats["merged_duplicates"] as? Int, 9)
        let precision = try XCTUnwrap(stats["time_precision"] as? [String: Int])
        XCTAssertEqual(precision.values.reduce(0, +), 33)
        XCTAssertEqual(precision["unknown"], 0)
        XCTAssertEqual(stats["last_published_at"] as? String, "2023-11-16T18:45:00-05:00")
        XCTAssertEqual((stats["sources"] as? [String: Int])?["ok"], 5)
    }

    func testEveryResponseCarriesTheArchiveETagAndRepeatsAreCached() throws {
        let first = try get("/api/posts?limit=3")
        let etag = try XCTUnwrap(first.response.headers["ETag"])
        XCTAssertTrue(etag.hasPrefix("\"") && etag.contains(SampleArchive.api.info.version))
        XCTAssertEqual(try get("/api/pages").response.headers["ETag"], etag)
        let second = try get("/api/posts?limit=3")
        XCTAssertNotNil(second.response.gzippedBody, "the cached copy is kept gzipped")
        XCTAssertTrue(try second.response.content == first.response.body, "the same JSON from the cache")
        let zipped = SampleArchive.api.handle(try Request(target: "/api/posts?limit=3", headers: ["Accept-Encoding": "gzip"]))
        let inflated = try Gunzip.decompress(try XCTUnwrap(zipped.gzippedBody), limit: 1 << 24)
        XCTAssertTrue(inflated == first.response.body, "a gzip client gets the same JSON, compressed")
    }

    func testProblemsAreNotCachedAndUnknownAPIPathsAre404() throws {
        XCTAssertEqual(try get("/api/nothing-here").status, 404)
        XCTAssertEqual(try get("/api/posts?limit=0").status, 400)
        XCTAssertEqual(try get("/api/posts?limit=1").status, 200)
    }

    func testHealthAndReadiness() throws {
        XCTAssertEqual(try get("/healthz").text, "{\"status\":\"ok\"}")
        let ready = try get("/readyz")
        XCTAssertEqual(ready.status, 200)
        XCTAssertEqual(try ready.object["posts"] as? Int, 33)
        XCTAssertEqual(ready.response.headers["Cache-Control"], "no-store")
    }

    func testOpenAPIDocumentIsJSONAndDescribesEveryRoute() throws {
        let document = try get("/openapi.json").object
        XCTAssertEqual(document["openapi"] as? String, "3.1.0")
        let paths = try XCTUnwrap(document["paths"] as? [String: Any])
        let source = try String(contentsOf: SampleArchive.repositoryRoot.appendingPathComponent("Sources/API/Routes.swift"), encoding: .utf8)
        let registered = source.components(separatedBy: "router.get(\"").dropFirst()
            .compactMap { $0.split(separator: "\"").first.map(String.init) }
        XCTAssertFalse(registered.isEmpty)
        for route in registered {
            XCTAssertNotNil(paths[route], "\(route) is served but not in openapi.json")
        }
        // /metrics is answered by `dateline serve` in front of the API.
        XCTAssertEqual(Set(paths.keys), Set(registered + ["/metrics"]), "openapi.json describes a route that is not served")
    }

    func testOpeningSomethingThatIsNotAnArchiveFailsClearly() throws {
        let folder = try TemporaryFolder.make("api")
        let junk = folder + "/junk.sqlite"
        _ = FileManager.default.createFile(atPath: junk, contents: Data("not a database at all".utf8))
        XCTAssertThrowsError(try ArchiveAPI(databasePath: junk)) { error in
            XCTAssertTrue("\(error)".contains("not a Dateline archive"), "\(error)")
        }
        XCTAssertThrowsError(try ArchiveAPI(databasePath: folder + "/missing.sqlite"))
    }

    func testRouteLabelsAreTheRoutePatternsAndStayFew() {
        let cases: [(String, String)] = [
            ("/api/posts/abc123", "/api/posts/{id}"), ("/api/posts", "/api/posts"),
            ("/api/pages/x/posts", "/api/pages/{id}/posts"), ("/api/pages/x/secrets", "/api/other"),
            ("/api/whatever/1", "/api/other"), ("/api/posts/a/b/c", "/api/other"), ("/healthz", "/healthz"),
            ("/metrics", "/metrics"), ("/app.js", "static"), ("/", "static"),
        ]
        for (path, label) in cases {
            let segments = path == "/" ? [] : path.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            XCTAssertEqual(ArchiveAPI.routeLabel(forPath: path, segments: segments), label, path)
        }
    }

    func testTimeBoundsParseDatesAndInstants() {
        XCTAssertEqual(TimeBound("2023-11-16")?.day.description, "2023-11-16")
        XCTAssertNil(TimeBound("2023-11-16")?.epochMinute)
        XCTAssertEqual(TimeBound("2023-11-16T17:00:00-05:00")?.epochMinute, TimeBound("2023-11-16T22:00Z")?.epochMinute)
        for bad in ["2023-13-01", "2023-11-31", "2023-11-16T17:00", "2023-11-16T17:00:00+5", "23-11-16", "2023-11-16T24:00Z", ""] {
            XCTAssertNil(TimeBound(bad), bad)
        }
    }

    func testCursorsRoundTripAndRejectForgeries() throws {
        let text = Cursor(kind: "posts-desc", position: 42).encoded(version: "v1")
        XCTAssertEqual(try Cursor(text, kind: "posts-desc", version: "v1").position, 42)
        XCTAssertThrowsError(try Cursor(text, kind: "posts-desc", version: "v2"))
        XCTAssertThrowsError(try Cursor(text, kind: "search", version: "v1"))
        XCTAssertThrowsError(try Cursor("$$$", kind: "posts-desc", version: "v1"))
        for length in 0..<12 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
            XCTAssertEqual(Cursor.decodeBase64URL(Cursor.base64URL(bytes)), bytes)
        }
    }
}
