import Foundation
import TestHelpers
import XCTest

/// `dateline serve` end to end: a real process, a real socket, a client that is not ours.
final class ServeCommandTests: XCTestCase {
    private func temporaryFolder() throws -> String {
        try TemporaryFolder.make("serve")
    }

    private func json(_ data: Data) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    func testServesTheSamplesAfterIngestingOnStartup() throws {
        let folder = try temporaryFolder()
        let server = try ServeProcess(arguments: ["--db", folder + "/a.sqlite", "--sources", "Samples"])
        try server.waitUntilReady()
        let stats = try json(try server.request("/api/stats").body)
        XCTAssertEqual(stats["posts"] as? Int, 33)

        // gzip on the wire, decoded by the client, same JSON as identity.
        let plain = try server.request("/api/posts?limit=20", headers: ["Accept-Encoding": "identity"])
        let zipped = try server.request("/api/posts?limit=20", headers: ["Accept-Encoding": "gzip"])
        XCTAssertEqual(zipped.headers["content-encoding"], "gzip")
        XCTAssertNil(plain.headers["content-encoding"])
        XCTAssertEqual(try json(zipped.body) as NSDictionary, try json(plain.body) as NSDictionary)

        // Conditional GET.
        let etag = try XCTUnwrap(plain.headers["etag"])
        XCTAssertEqual(try server.request("/api/posts?limit=20", headers: ["If-None-Match": etag, "Accept-Encoding": "identity"]).status, 304)

        // HEAD has the headers and no body.
        let head = try server.request("/api/pages", method: "HEAD")
        XCTAssertEqual(head.status, 200)
        XCTAssertTrue(head.body.isEmpty)

        // The web page, a problem body, and an unknown method.
        let page = try server.request("/")
        XCTAssertEqual(page.status, 200)
        XCTAssertTrue(page.headers["content-type"]?.hasPrefix("text/html") == true)
        let missing = try server.request("/api/posts/nope")
        XCTAssertEqual(missing.status, 404)
        XCTAssertEqual(missing.headers["content-type"], "application/problem+json")
        XCTAssertEqual(try server.request("/api/posts", method: "DELETE").status, 405)

        server.signal(SIGTERM)
        XCTAssertEqual(server.waitForExit(), 0, server.log)
        XCTAssertTrue(server.log.contains("GET /api/stats 200"), "access log: \(server.log)")
    }

    func testSIGHUPReingestsAndSwapsWithoutStopping() throws {
        let folder = try temporaryFolder()
        let sources = folder + "/sources"
        try FileManager.default.createDirectory(atPath: sources, withIntermediateDirectories: true)
        let samples = ServeProcess.repositoryRoot.appendingPathComponent("Samples").path
        try FileManager.default.copyItem(atPath: samples + "/001_timestamped.txt", toPath: sources + "/001.txt")
        let server = try ServeProcess(arguments: ["--db", folder + "/a.sqlite", "--sources", sources])
        try server.waitUntilReady()
        XCTAssertEqual(try json(try server.request("/api/stats").body)["posts"] as? Int, 8)
        let before = try XCTUnwrap(try server.request("/api/stats").headers["etag"])

        try FileManager.default.copyItem(atPath: samples + "/005_later_page.txt.gz", toPath: sources + "/005.txt.gz")
        server.signal(SIGHUP)
        let deadline = Date().addingTimeInterval(20)
        var posts = 8
        while posts == 8, Date() < deadline {
            XCTAssertEqual(try server.request("/healthz").status, 200, "requests are answered during the reload")
            posts = try json(try server.request("/api/stats").body)["posts"] as? Int ?? -1
        }
        XCTAssertEqual(posts, 16, server.log)
        XCTAssertNotEqual(try server.request("/api/stats").headers["etag"], before, "a new archive has a new ETag")
        server.signal(SIGINT)
        XCTAssertEqual(server.waitForExit(), 0, server.log)
    }

    func testMetricsCountRequestsByRouteAndHealthcheckProbesReadiness() throws {
        let folder = try temporaryFolder()
        let server = try ServeProcess(arguments: ["--db", folder + "/a.sqlite", "--sources", "Samples"])
        try server.waitUntilReady()
        for _ in 0..<3 { _ = try server.request("/api/posts?limit=2") }
        _ = try server.request("/api/posts/nope")
        let reply = try server.request("/metrics")
        XCTAssertEqual(reply.status, 200)
        XCTAssertTrue(reply.headers["content-type"]?.hasPrefix("text/plain; version=0.0.4") == true)
        let text = String(decoding: reply.body, as: UTF8.self)
        XCTAssertTrue(text.contains(#"dateline_http_requests_total{route="/api/posts",status="200"} 3"#), text)
        XCTAssertTrue(text.contains(#"dateline_http_requests_total{route="/api/posts/{id}",status="404"} 1"#), text)
        XCTAssertTrue(text.contains("dateline_archive_posts 33"))
        XCTAssertTrue(text.contains("dateline_archive_entities "))
        XCTAssertTrue(text.contains(#"dateline_ingest_runs_total{result="done"} 1"#))
        XCTAssertTrue(text.contains("dateline_http_request_duration_seconds_bucket{route=\"/api/posts\",le=\"+Inf\"} 3"))
        // Every sample line is `name{labels} value` with a numeric value, under a declared family.
        var families: Set<String> = []
        for line in text.split(separator: "\n") {
            if line.hasPrefix("# TYPE ") { families.insert(String(line.split(separator: " ")[2])) }
            if line.hasPrefix("#") { continue }
            let parts = line.split(separator: " ")
            XCTAssertEqual(parts.count, 2, String(line))
            XCTAssertNotNil(Double(parts.last ?? ""), String(line))
            let name = String(parts[0].prefix { $0 != "{" })
            let family = ["_bucket", "_sum", "_count"].reduce(name) { name, suffix in
                name.hasSuffix(suffix) && families.contains(String(name.dropLast(suffix.count))) ? String(name.dropLast(suffix.count)) : name
            }
            XCTAssertTrue(families.contains(family), "\(name) has no # TYPE line")
        }

        let probe = Process()
        probe.executableURL = try ServeProcess.executable()
        probe.arguments = ["healthcheck", "--port", String(server.port)]
        try probe.run()
        probe.waitUntilExit()
        XCTAssertEqual(probe.terminationStatus, 0)
        server.signal(SIGTERM)
        XCTAssertEqual(server.waitForExit(), 0)

        let deadProbe = Process()
        deadProbe.executableURL = try ServeProcess.executable()
        deadProbe.arguments = ["healthcheck", "--port", String(server.port), "--timeout", "1"]
        deadProbe.standardError = FileHandle.nullDevice
        try deadProbe.run()
        deadProbe.waitUntilExit()
        XCTAssertNotEqual(deadProbe.terminationStatus, 0, "nothing listens any more")
    }

    func testNoIngestWithoutAnArchiveIsAClearStartupError() throws {
        let folder = try temporaryFolder()
        let process = Process()
        process.executableURL = try ServeProcess.executable()
        process.arguments = ["serve", "--port", "0", "--no-ingest", "--db", folder + "/missing.sqlite"]
        process.currentDirectoryURL = ServeProcess.repositoryRoot
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        XCTAssertNotEqual(process.terminationStatus, 0)
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        XCTAssertTrue(message.contains("no archive to serve"), message)
    }

    func testABadConfigStopsStartupNamingTheKey() throws {
        let folder = try temporaryFolder()
        try #"{"port": "eighty"}"#.write(toFile: folder + "/config.json", atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = try ServeProcess.executable()
        process.arguments = ["serve", "--config", folder + "/config.json"]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        XCTAssertNotEqual(process.terminationStatus, 0)
        XCTAssertTrue(String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).contains("\"port\""))
    }
}
