import HTTPServer
import XCTest

/// gzip, conditional GET and CORS.
final class ContentNegotiationTests: XCTestCase {
    func testGzipWhenAcceptedAndPlainOtherwise() throws {
        let server = try startServer()
        let zipped = try fetch(server, "GET /big HTTP/1.1\r\nHost: x\r\nAccept-Encoding: br, gzip;q=0.8\r\n\r\n")
        XCTAssertEqual(zipped.header("Content-Encoding"), "gzip")
        XCTAssertEqual(zipped.header("Vary"), "Accept-Encoding")
        XCTAssertEqual(zipped.header("Content-Length"), String(zipped.body.count))
        XCTAssertLessThan(zipped.body.count, TestHandlers.bigJSON.count)
        XCTAssertEqual(gunzip(zipped.body), TestHandlers.bigJSON)

        for refusal in ["gzip;q=0", "gzip; q=0.000, identity", "br", "*;q=0"] {
            let plain = try fetch(server, "GET /big HTTP/1.1\r\nHost: x\r\nAccept-Encoding: \(refusal)\r\n\r\n")
            XCTAssertNil(plain.header("Content-Encoding"), refusal)
            XCTAssertEqual(plain.header("Vary"), "Accept-Encoding", refusal)
            XCTAssertEqual(plain.body, TestHandlers.bigJSON, refusal)
        }
        let wildcard = try fetch(server, "GET /big HTTP/1.1\r\nHost: x\r\nAccept-Encoding: *\r\n\r\n")
        XCTAssertEqual(wildcard.header("Content-Encoding"), "gzip")
        let small = try fetch(server, "GET /hello HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\n\r\n")
        XCTAssertNil(small.header("Content-Encoding"), "below gzipMinimumBytes")
        XCTAssertNil(small.header("Vary"))
    }

    func testHeadReportsTheGzipLength() throws {
        let server = try startServer()
        let get = try fetch(server, "GET /big HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\n\r\n")
        let head = try fetch(server, "HEAD /big HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\n\r\n", bodyless: true)
        XCTAssertEqual(head.header("Content-Length"), get.header("Content-Length"))
        XCTAssertEqual(head.header("Content-Encoding"), "gzip")
    }

    func testPrecompressedBodyIsSentAsIs() throws {
        let server = try startServer()
        let expected = Response.json(TestHandlers.bigJSON).precompressed().gzippedBody
        let response = try fetch(server, "GET /big-precompressed HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\n\r\n")
        XCTAssertEqual(response.body, expected)
        XCTAssertEqual(gunzip(response.body), TestHandlers.bigJSON)
    }

    func testContentKeptOnlyGzippedIsInflatedForIdentityClients() throws {
        let server = try startServer()
        let plain = try fetch(server, "GET /big-gzip-only HTTP/1.1\r\nHost: x\r\n\r\n")
        XCTAssertEqual(plain.status, 200)
        XCTAssertNil(plain.header("Content-Encoding"))
        XCTAssertEqual(plain.header("Content-Length"), String(TestHandlers.bigJSON.count))
        XCTAssertEqual(plain.body, TestHandlers.bigJSON)
        let zipped = try fetch(server, "GET /big-gzip-only HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\n\r\n")
        XCTAssertEqual(zipped.header("Content-Encoding"), "gzip")
        XCTAssertEqual(gunzip(zipped.body), TestHandlers.bigJSON)
        let head = try fetch(server, "HEAD /big-gzip-only HTTP/1.1\r\nHost: x\r\n\r\n", bodyless: true)
        XCTAssertEqual(head.header("Content-Length"), String(TestHandlers.bigJSON.count))
        let disabled = try startServer { $0.gzip = false }
        let fromDisabled = try fetch(disabled, "GET /big-gzip-only HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\n\r\n")
        XCTAssertNil(fromDisabled.header("Content-Encoding"))
        XCTAssertEqual(fromDisabled.body, TestHandlers.bigJSON)
    }

    func testDamagedGzipOnlyContentIsA500AndTheConnectionGoesOn() throws {
        let server = try startServer()
        let client = try RawClient(port: server.port)
        client.send("GET /damaged-gzip-only HTTP/1.1\r\nHost: x\r\n\r\nGET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
        let damaged = try client.readResponse()
        XCTAssertEqual(damaged.status, 500)
        XCTAssertEqual(damaged.header("Content-Type"), "application/problem+json")
        XCTAssertEqual(damaged.header("Content-Length"), String(damaged.body.count))
        XCTAssertEqual(try client.readResponse().text, "hello world", "the pipelined request after it is answered")
    }

    func testGzipCanBeDisabled() throws {
        let server = try startServer { $0.gzip = false }
        let response = try fetch(server, "GET /big HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\n\r\n")
        XCTAssertNil(response.header("Content-Encoding"))
        XCTAssertEqual(response.body, TestHandlers.bigJSON)
    }

    func testIfNoneMatchGives304() throws {
        let server = try startServer()
        for match in ["\"v1\"", "W/\"v1\"", "*", "\"other\", \"v1\"", "\"a,b\",W/\"v1\""] {
            let response = try fetch(server, "GET /etag HTTP/1.1\r\nHost: x\r\nIf-None-Match: \(match)\r\n\r\n")
            XCTAssertEqual(response.status, 304, match)
            XCTAssertEqual(response.body, [], match)
            XCTAssertEqual(response.header("ETag"), "\"v1\"", match)
            XCTAssertEqual(response.header("Cache-Control"), "max-age=60", match)
            XCTAssertNil(response.header("Content-Type"), match)
            XCTAssertNil(response.header("Content-Length"), match)
        }
        let changed = try fetch(server, "GET /etag HTTP/1.1\r\nHost: x\r\nIf-None-Match: \"v0\"\r\n\r\n")
        XCTAssertEqual(changed.status, 200)
        XCTAssertEqual(changed.text, "versioned")
        // The connection stays usable after a 304.
        let client = try RawClient(port: server.port)
        client.send("GET /etag HTTP/1.1\r\nHost: x\r\nIf-None-Match: \"v1\"\r\n\r\nGET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
        XCTAssertEqual(try client.readResponse().status, 304)
        XCTAssertEqual(try client.readResponse().text, "hello world")
    }

    func testGzippedRepresentationHasAWeakETagThatStillRevalidates() throws {
        let body = TestHandlers.bigJSON
        let server = try startServer(handler: { _ in Response.json(body, headers: ["ETag": "\"db-7\""]) })
        let zipped = try fetch(server, "GET / HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\n\r\n")
        XCTAssertEqual(zipped.header("ETag"), "W/\"db-7\"")
        let plain = try fetch(server, "GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        XCTAssertEqual(plain.header("ETag"), "\"db-7\"")
        let revalidated = try fetch(server, "GET / HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\nIf-None-Match: W/\"db-7\"\r\n\r\n")
        XCTAssertEqual(revalidated.status, 304)
        XCTAssertEqual(revalidated.header("ETag"), "W/\"db-7\"")
        XCTAssertEqual(revalidated.header("Vary"), "Accept-Encoding")
    }

    func testCORSHeadersAndPreflight() throws {
        let server = try startServer { $0.corsAllowedOrigin = "https://news.example" }
        let get = try fetch(server, "GET /hello HTTP/1.1\r\nHost: x\r\nOrigin: https://news.example\r\n\r\n")
        XCTAssertEqual(get.header("Access-Control-Allow-Origin"), "https://news.example")
        XCTAssertTrue(get.headerValues("Vary").contains("Origin"))

        let preflight = try fetch(server, "OPTIONS /api/posts HTTP/1.1\r\nHost: x\r\nOrigin: https://news.example\r\n"
                                  + "Access-Control-Request-Method: GET\r\nAccess-Control-Request-Headers: x-request-id\r\n\r\n")
        XCTAssertEqual(preflight.status, 204)
        XCTAssertEqual(preflight.header("Access-Control-Allow-Methods"), "GET, HEAD, OPTIONS")
        XCTAssertEqual(preflight.header("Access-Control-Allow-Headers"), "x-request-id")
        XCTAssertEqual(preflight.header("Access-Control-Allow-Origin"), "https://news.example")
        XCTAssertNil(preflight.header("Content-Length"))

        let post = try fetch(server, "POST /api/posts HTTP/1.1\r\nHost: x\r\n\r\n")
        XCTAssertEqual(post.status, 405)
        XCTAssertEqual(post.header("Allow"), "GET, HEAD, OPTIONS")
    }
}
