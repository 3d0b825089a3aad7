import Foundation
import HTTPServer
import XCTest

/// Static files end to end, traversal attempts included.
final class StaticFilesTests: XCTestCase {
    private var sandbox: URL!
    private var publicFolder: URL!

    override func setUpWithError() throws {
        sandbox = FileManager.default.temporaryDirectory.appendingPathComponent("static-\(UUID().uuidString)")
        publicFolder = sandbox.appendingPathComponent("Public")
        let files = FileManager.default
        try files.createDirectory(at: publicFolder.appendingPathComponent("a"), withIntermediateDirectories: true)
        try files.createDirectory(at: publicFolder.appendingPathComponent("docs"), withIntermediateDirectories: true)
        try "<!doctype html><title>Dateline</title>".write(to: publicFolder.appendingPathComponent("index.html"), atomically: true, encoding: .utf8)
        try "console.log('hi')".write(to: publicFolder.appendingPathComponent("app.js"), atomically: true, encoding: .utf8)
        try String(repeating: "body { color: red }\n", count: 100).write(to: publicFolder.appendingPathComponent("style.css"), atomically: true, encoding: .utf8)
        try "docs index".write(to: publicFolder.appendingPathComponent("docs/index.html"), atomically: true, encoding: .utf8)
        try "inner".write(to: publicFolder.appendingPathComponent("a/b"), atomically: true, encoding: .utf8)
        try "hidden".write(to: publicFolder.appendingPathComponent(".env"), atomically: true, encoding: .utf8)
        try "top secret".write(to: sandbox.appendingPathComponent("secret.txt"), atomically: true, encoding: .utf8)
        try files.createSymbolicLink(atPath: publicFolder.appendingPathComponent("leak.txt").path,
                                     withDestinationPath: sandbox.appendingPathComponent("secret.txt").path)
        try files.createSymbolicLink(atPath: publicFolder.appendingPathComponent("outside").path,
                                     withDestinationPath: sandbox.path)
        try files.createSymbolicLink(atPath: publicFolder.appendingPathComponent("home.html").path,
                                     withDestinationPath: "index.html")
    }

    override func tearDownWithError() throws {
        try FileManager.default.removeItem(at: sandbox)
    }

    private func startStaticServer() throws -> HTTPServer {
        let files = try StaticFiles(root: publicFolder.path)
        var router = Router(fallback: { request in files.respond(to: request) ?? .problem(status: .notFound) })
        router.get("/api/ping") { _, _ in .text("pong") }
        return try startServer(handler: router.handler)
    }

    func testServesIndexAndFilesWithTypesAndValidators() throws {
        let server = try startStaticServer()
        let index = try fetch(server, "GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        XCTAssertEqual(index.status, 200)
        XCTAssertEqual(index.text, "<!doctype html><title>Dateline</title>")
        XCTAssertEqual(index.header("Content-Type"), "text/html; charset=utf-8")
        XCTAssertEqual(index.header("Cache-Control"), "public, max-age=60")
        XCTAssertNotNil(index.header("Last-Modified"))
        let etag = try XCTUnwrap(index.header("ETag"))
        XCTAssertTrue(etag.hasPrefix("\"") && etag.hasSuffix("\""), etag)

        XCTAssertEqual(try fetch(server, "GET /app.js HTTP/1.1\r\nHost: x\r\n\r\n").header("Content-Type"),
                       "application/javascript; charset=utf-8")
        XCTAssertEqual(try fetch(server, "GET /docs/ HTTP/1.1\r\nHost: x\r\n\r\n").text, "docs index")
        XCTAssertEqual(try fetch(server, "GET /a/b HTTP/1.1\r\nHost: x\r\n\r\n").text, "inner")
        XCTAssertEqual(try fetch(server, "GET /home.html HTTP/1.1\r\nHost: x\r\n\r\n").status, 200, "symlink inside the folder")
        XCTAssertEqual(try fetch(server, "GET /api/ping HTTP/1.1\r\nHost: x\r\n\r\n").text, "pong")

        let revalidated = try fetch(server, "GET / HTTP/1.1\r\nHost: x\r\nIf-None-Match: \(etag)\r\n\r\n")
        XCTAssertEqual(revalidated.status, 304)
        let head = try fetch(server, "HEAD /app.js HTTP/1.1\r\nHost: x\r\n\r\n", bodyless: true)
        XCTAssertEqual(head.header("Content-Length"), "17")
        let tiny = try fetch(server, "GET /app.js HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\n\r\n")
        XCTAssertNil(tiny.header("Content-Encoding"), "gzip would not make it smaller")
        XCTAssertEqual(tiny.text, "console.log('hi')")
    }

    func testCompressibleFilesAreGzipped() throws {
        let server = try startStaticServer()
        let css = try fetch(server, "GET /style.css HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\n\r\n")
        XCTAssertEqual(css.header("Content-Encoding"), "gzip")
        XCTAssertEqual(gunzip(css.body).map { String(decoding: $0, as: UTF8.self) },
                       String(repeating: "body { color: red }\n", count: 100))
    }

    func testChangedFilesAreNotServedStale() throws {
        let server = try startStaticServer()
        let before = try fetch(server, "GET /app.js HTTP/1.1\r\nHost: x\r\n\r\n")
        try "console.log('changed!')".write(to: publicFolder.appendingPathComponent("app.js"), atomically: true, encoding: .utf8)
        let after = try fetch(server, "GET /app.js HTTP/1.1\r\nHost: x\r\n\r\n")
        XCTAssertEqual(after.text, "console.log('changed!')")
        XCTAssertNotEqual(after.header("ETag"), before.header("ETag"))
    }

    func testTraversalAttemptsAreRefused() throws {
        let server = try startStaticServer()
        let attempts = [
            "/../Package.swift", "/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/%2e%2e/etc/passwd",
            "/a%2fb", "/a%2Fb", "/..%5csecret.txt", "/..%5c", "/docs/..%2f..%2fsecret.txt", "/./index.html",
            "/leak.txt", "/outside/secret.txt", "/.env", "/a//b", "/docs", "/missing.html",
        ]
        for path in attempts {
            let response = try fetch(server, "GET \(path) HTTP/1.1\r\nHost: x\r\n\r\n")
            XCTAssertEqual(response.status, 404, path)
            XCTAssertFalse(response.text.contains("top secret"), path)
            XCTAssertEqual(response.header("Content-Type"), "application/problem+json", path)
        }
        for path in ["/%00", "/index.html%00.js", "/..%00/secret.txt"] {
            XCTAssertEqual(try fetch(server, "GET \(path) HTTP/1.1\r\nHost: x\r\n\r\n").status, 400, path)
        }
    }

    /// Every other way out of the folder we could think of: raw and encoded backslashes, double
    /// encoding, half-encoded dots, absolute-form targets, overlong UTF-8 for `.` `/` `\\`, look-alike
    /// dots, symlinks to a sibling folder whose name extends the root's, to `/etc`, out of a
    /// subfolder, symlink loops, special files, and over-long names. Refusals are 404 (400 for targets
    /// the server cannot decode); nothing outside the folder is ever sent.
    func testEveryTraversalTrickIsRefused() throws {
        let files = FileManager.default
        let sibling = sandbox.appendingPathComponent("Public2")
        try files.createDirectory(at: sibling, withIntermediateDirectories: true)
        try "sibling secret".write(to: sibling.appendingPathComponent("secret.txt"), atomically: true, encoding: .utf8)
        try files.createSymbolicLink(atPath: publicFolder.appendingPathComponent("sneaky").path, withDestinationPath: "../Public2/secret.txt")
        try files.createSymbolicLink(atPath: publicFolder.appendingPathComponent("etc").path, withDestinationPath: "/etc")
        try files.createSymbolicLink(atPath: publicFolder.appendingPathComponent("docs/escape").path, withDestinationPath: "../../")
        try files.createSymbolicLink(atPath: publicFolder.appendingPathComponent("loop").path, withDestinationPath: "loop")
        try files.createSymbolicLink(atPath: publicFolder.appendingPathComponent("ping").path, withDestinationPath: "pong")
        try files.createSymbolicLink(atPath: publicFolder.appendingPathComponent("pong").path, withDestinationPath: "ping")
        try files.createDirectory(at: publicFolder.appendingPathComponent("dir.html"), withIntermediateDirectories: true)
        XCTAssertEqual(mkfifo(publicFolder.appendingPathComponent("pipe.txt").path, 0o644), 0, "mkfifo")
        try files.createSymbolicLink(atPath: publicFolder.appendingPathComponent("to-pipe.txt").path, withDestinationPath: "pipe.txt")
        let server = try startStaticServer()

        let notFound = [
            "/..\\secret.txt", "/docs\\..\\..\\secret.txt", "/\\..\\secret.txt", "/%5c..%5csecret.txt", "/docs/..%5C..%5Csecret.txt",
            "/%252e%252e/secret.txt", "/%252e%252e%252fsecret.txt", "/.%2e/secret.txt", "/%2e./secret.txt", "/%2e/index.html",
            "/.%2E/.%2E/etc/passwd", "/docs/%2e%2e/%2e%2e/secret.txt", "/;/../secret.txt", "/..;/secret.txt", "/..%3b/secret.txt",
            "http://x/../secret.txt", "http://x/%2e%2e/secret.txt", "http://x/..%2fsecret.txt",
            "/%ef%bc%8e%ef%bc%8e/secret.txt", "/%e2%80%a4%e2%80%a4/secret.txt",
            "/sneaky", "/etc/passwd", "/etc/hostname", "/docs/escape/secret.txt", "/docs/escape/Public2/secret.txt",
            "/outside/Public2/secret.txt", "/loop", "/ping", "/loop/index.html", "/pipe.txt", "/to-pipe.txt", "/dir.html", "/a",
            "/" + String(repeating: "n", count: 300), String(repeating: "/d", count: 3000), "/index.html/", "/index.html/.",
            "/INDEX.HTML", "/index.html.", "/index.html%20", "/%20index.html", "/index.html::$DATA", "/~/secret.txt",
        ]
        for path in notFound {
            for method in ["GET", "HEAD"] {
                let response = try fetch(server, "\(method) \(path) HTTP/1.1\r\nHost: x\r\n\r\n", bodyless: method == "HEAD")
                XCTAssertEqual(response.status, 404, "\(method) \(path)")
                XCTAssertFalse(response.text.contains("secret"), path)
            }
        }
        let undecodable = [
            "/%c0%ae%c0%ae/secret.txt", "/%c0%af", "/..%c0%afsecret.txt", "/..%c1%9csecret.txt", "/%e0%80%ae%e0%80%ae/secret.txt",
            "/%f0%80%80%ae", "/..%u2216secret.txt", "/%%32%65%%32%65/secret.txt", "/index.html%00", "/%2e%2e%00/secret.txt",
        ]
        for path in undecodable {
            let response = try fetch(server, "GET \(path) HTTP/1.1\r\nHost: x\r\n\r\n")
            XCTAssertEqual(response.status, 400, path)
            XCTAssertFalse(response.text.contains("secret"), path)
        }
        for target in ["/index.html\u{0}.js", "/..\u{0}/secret.txt", "/\u{1}../secret.txt"] {
            let response = try fetch(server, "GET \(target) HTTP/1.1\r\nHost: x\r\n\r\n")
            XCTAssertEqual(response.status, 400, target.debugDescription)
        }
        // Links that stay inside the folder keep working, and a query string never changes the file.
        XCTAssertEqual(try fetch(server, "GET /outside/Public/index.html HTTP/1.1\r\nHost: x\r\n\r\n").text,
                       "<!doctype html><title>Dateline</title>", "a link out and back in resolves inside the folder")
        XCTAssertEqual(try fetch(server, "GET /index.html?../../secret.txt HTTP/1.1\r\nHost: x\r\n\r\n").text,
                       "<!doctype html><title>Dateline</title>")
    }

    func testMissingRootIsAnError() {
        XCTAssertThrowsError(try StaticFiles(root: sandbox.appendingPathComponent("nope").path)) { error in
            XCTAssertEqual(error as? StaticFilesError, .notADirectory(sandbox.appendingPathComponent("nope").path))
        }
    }
}
