import HTTPServer
import XCTest

/// Everything the server refuses by itself, each answered with a problem+json body.
final class ProtocolErrorTests: XCTestCase {
    /// Sends `request` on a fresh connection and checks status, problem body, and (optionally) that
    /// the server closed the connection afterwards.
    @discardableResult
    private func expect(_ status: Int, for request: String, closes: Bool = true, server: HTTPServer,
                        file: StaticString = #filePath, line: UInt = #line) throws -> RawResponse {
        let client = try RawClient(port: server.port)
        client.send(request)
        let response = try client.readResponse()
        XCTAssertEqual(response.status, status, response.text, file: file, line: line)
        XCTAssertEqual(response.header("Content-Type"), "application/problem+json", file: file, line: line)
        XCTAssertEqual(response.json?["status"] as? Int, status, file: file, line: line)
        XCTAssertEqual(response.json?["type"] as? String, "about:blank", file: file, line: line)
        XCTAssertNotNil(response.header("X-Request-Id"), file: file, line: line)
        if closes {
            XCTAssertEqual(response.header("Connection"), "close", file: file, line: line)
            XCTAssertTrue(client.isClosedByServer(), "connection left open", file: file, line: line)
        }
        return response
    }

    func testNotFoundMethodNotAllowedAndNotImplemented() throws {
        var router = Router()
        router.get("/exists") { _, _ in .text("yes") }
        let server = try startServer(handler: router.handler)
        let notFound = try expect(404, for: "GET /missing HTTP/1.1\r\nHost: x\r\n\r\n", closes: false, server: server)
        XCTAssertEqual(notFound.json?["title"] as? String, "Not Found")
        let post = try expect(405, for: "POST /exists HTTP/1.1\r\nHost: x\r\n\r\n", closes: false, server: server)
        XCTAssertEqual(post.header("Allow"), "GET, HEAD")
        try expect(405, for: "DELETE /exists HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n", closes: false, server: server)
        try expect(405, for: "OPTIONS /exists HTTP/1.1\r\nHost: x\r\n\r\n", closes: false, server: server)
        try expect(501, for: "BREW /pot HTTP/1.1\r\nHost: x\r\n\r\n", closes: false, server: server)
    }

    func testErrorsThatKeepFramingKeepTheConnection() throws {
        let server = try startServer()
        let client = try RawClient(port: server.port)
        client.send("PUT /x HTTP/1.1\r\nHost: x\r\n\r\n")
        XCTAssertEqual(try client.readResponse().status, 405)
        client.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
        XCTAssertEqual(try client.readResponse().text, "hello world")
    }

    func testRequestLineTooLongIs414() throws {
        let server = try startServer { $0.maxRequestLineBytes = 256 }
        try expect(414, for: "GET /" + String(repeating: "a", count: 300) + " HTTP/1.1\r\nHost: x\r\n\r\n", server: server)
        // A request line that never ends is refused as soon as it passes the limit.
        try expect(414, for: "GET /" + String(repeating: "a", count: 300), server: server)
    }

    func testHeaderSectionTooLargeIs431() throws {
        let server = try startServer { $0.maxHeaderBytes = 512 }
        try expect(431, for: "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + String(repeating: "b", count: 600) + "\r\n\r\n",
                   server: server)
        let many = (0..<40).map { "X-H\($0): value\r\n" }.joined()
        try expect(431, for: "GET / HTTP/1.1\r\nHost: x\r\n" + many + "\r\n", server: server)
    }

    func testRequestContentIs413() throws {
        let server = try startServer()
        try expect(413, for: "POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello", server: server)
        try expect(413, for: "GET /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", server: server)
        try expect(413, for: "GET /x HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999999\r\n\r\n", server: server)
    }

    func testSmallBodiesAreDiscardedWhenAllowed() throws {
        let server = try startServer { $0.maxBodyBytes = 16 }
        let client = try RawClient(port: server.port)
        client.send("POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhelloGET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
        XCTAssertEqual(try client.readResponse().status, 405)
        XCTAssertEqual(try client.readResponse().text, "hello world")
        try expect(413, for: "POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 17\r\n\r\n", server: server)
    }

    func testMalformedRequestsAre400() throws {
        let server = try startServer()
        let malformed = [
            "bad escape": "GET /a%zz HTTP/1.1\r\nHost: x\r\n\r\n",
            "truncated escape": "GET /a%4 HTTP/1.1\r\nHost: x\r\n\r\n",
            "encoded NUL": "GET /a%00b HTTP/1.1\r\nHost: x\r\n\r\n",
            "invalid UTF-8": "GET /a%ff HTTP/1.1\r\nHost: x\r\n\r\n",
            "bad query escape": "GET /a?x=%g1 HTTP/1.1\r\nHost: x\r\n\r\n",
            "relative target": "GET a/b HTTP/1.1\r\nHost: x\r\n\r\n",
            "fragment": "GET /a#b HTTP/1.1\r\nHost: x\r\n\r\n",
        ]
        for (name, request) in malformed {
            let response = try expect(400, for: request, closes: false, server: server)
            XCTAssertNotNil(response.json?["detail"] as? String, name)
        }
        let fatal = [
            "missing Host": "GET / HTTP/1.1\r\n\r\n",
            "two Hosts": "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
            "conflicting Content-Length": "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nContent-Length: 5\r\n\r\n",
            "repeated Content-Length": "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nContent-Length: 0\r\n\r\n",
            "Content-Length list": "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 0, 0\r\n\r\n",
            "Content-Length with Transfer-Encoding": "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n",
            "obs-fold": "GET / HTTP/1.1\r\nHost: x\r\nX-A: one\r\n two\r\n\r\n",
            "bare LF": "GET / HTTP/1.1\nHost: x\n\n",
            "bare CR": "GET / HTTP/1.1\r\nHost: x\rX: y\r\n\r\n",
            "space before colon": "GET / HTTP/1.1\r\nHost : x\r\n\r\n",
            "invalid field name": "GET / HTTP/1.1\r\nHost: x\r\nBad(Name): y\r\n\r\n",
            "NUL in value": "GET / HTTP/1.1\r\nHost: x\r\nX: a\u{0}b\r\n\r\n",
            "control in value": "GET / HTTP/1.1\r\nHost: x\r\nX: a\u{1}b\r\n\r\n",
            "double space": "GET  / HTTP/1.1\r\nHost: x\r\n\r\n",
            "missing version": "GET /\r\nHost: x\r\n\r\n",
            "bad version": "GET / HTTP/1.x\r\nHost: x\r\n\r\n",
            "control in target": "GET /a\u{1}b HTTP/1.1\r\nHost: x\r\n\r\n",
        ]
        for (name, request) in fatal {
            let client = try RawClient(port: server.port)
            client.send(request)
            let response = try client.readResponse()
            XCTAssertEqual(response.status, 400, name)
            XCTAssertEqual(response.header("Content-Type"), "application/problem+json", name)
            XCTAssertTrue(client.isClosedByServer(), name)
        }
        try expect(505, for: "GET / HTTP/2.0\r\nHost: x\r\n\r\n", server: server)
    }

    /// Regression: an unfinished request line or header line holding bytes no valid request can
    /// contain (a TLS ClientHello, NULs) used to wait for the header timeout and end in 408; it is
    /// refused with 400 as soon as it arrives. Partial lines that may still become valid keep waiting.
    func testImpossiblePartialLinesAreRefusedAtOnce() throws {
        let server = try startServer { $0.headerTimeout = 60 }
        let partials: [String: [UInt8]] = [
            "TLS ClientHello": [0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xFC, 0x03, 0x03],
            "NUL in the method": Array("GE\u{0}".utf8),
            "high byte in the target": Array("GET /a".utf8) + [0xFF],
            "CR inside the request line": Array("GET /\r/".utf8),
            "NUL in an unfinished header": Array("GET / HTTP/1.1\r\nHost: x\r\nX-A: b\u{0}".utf8),
        ]
        for (name, bytes) in partials {
            let client = try WireClient(port: server.port)
            client.send(bytes)
            let response = try client.readResponse(timeout: 10)
            XCTAssertEqual(response?.status, 400, name)
            XCTAssertEqual(response?.closes, true, name)
        }
        for prefix in ["G", "GET /pa", "GET / HTTP/1.1\r", "GET / HTTP/1.1\r\nHost: x\r\nX-A: caf\u{E9}\r"] {
            let client = try WireClient(port: server.port)
            client.send(prefix)
            XCTAssertThrowsError(try client.readResponse(timeout: 0.3), prefix) { error in
                XCTAssertEqual(error as? WireClient.Failure, .timedOut, prefix)
            }
        }
    }

    func testAbsoluteFormAndLeadingEmptyLineAreAccepted() throws {
        let server = try startServer()
        XCTAssertEqual(try fetch(server, "GET http://example.com/p?q=1 HTTP/1.1\r\nHost: example.com\r\n\r\n").text, "GET /p q=1")
        XCTAssertEqual(try fetch(server, "\r\nGET /hello HTTP/1.1\r\nHost: x\r\n\r\n").text, "hello world")
    }

    func testProblemJSONEscapesText() throws {
        let response = Response.problem(status: .badRequest, title: "Bad \"quote\"", detail: "line\nbreak \\ \u{1}")
        let text = String(decoding: response.body, as: UTF8.self)
        XCTAssertEqual(text, #"{"type":"about:blank","title":"Bad \"quote\"","status":400,"detail":"line\nbreak \\ \u0001"}"#)
        XCTAssertEqual(response.headers["content-type"], "application/problem+json")
        XCTAssertEqual(String(decoding: Response.problem(status: .notFound).body, as: UTF8.self),
                       #"{"type":"about:blank","title":"Not Found","status":404}"#)
    }
}
