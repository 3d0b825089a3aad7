import HTTPServer
import Synchronization
import XCTest

/// Happy paths: GET, HEAD, keep-alive, pipelining, HTTP/1.0, request ids, access log.
final class BasicExchangeTests: XCTestCase {
    func testSimpleGet() throws {
        let server = try startServer()
        XCTAssertNotEqual(server.port, 0)
        let response = try fetch(server, "GET /hello HTTP/1.1\r\nHost: localhost\r\n\r\n")
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.text, "hello world")
        XCTAssertEqual(response.header("Content-Length"), "11")
        XCTAssertEqual(response.header("Content-Type"), "text/plain; charset=utf-8")
        XCTAssertEqual(response.header("Server"), "dateline")
        XCTAssertNil(response.header("Connection"))
        let date = try XCTUnwrap(response.header("Date"))
        XCTAssertNotNil(date.range(of: #"^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$"#,
                                   options: .regularExpression), date)
        XCTAssertEqual(response.header("X-Request-Id")?.count, 15)
    }

    func testHeadHasGetHeadersButNoBody() throws {
        let server = try startServer()
        let client = try RawClient(port: server.port)
        client.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
        let get = try client.readResponse()
        client.send("HEAD /hello HTTP/1.1\r\nHost: x\r\n\r\n")
        let head = try client.readResponse(bodyless: true)
        XCTAssertEqual(head.status, 200)
        XCTAssertEqual(head.header("Content-Length"), get.header("Content-Length"))
        XCTAssertEqual(head.header("Content-Type"), get.header("Content-Type"))
        // No body bytes may follow the HEAD response: the next response must start right away.
        client.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
        XCTAssertEqual(try client.readResponse().text, "hello world")
    }

    func testKeepAliveServesTwoRequestsOnOneConnection() throws {
        let server = try startServer()
        let client = try RawClient(port: server.port)
        client.send("GET /one HTTP/1.1\r\nHost: x\r\n\r\n")
        XCTAssertEqual(try client.readResponse().text, "GET /one ")
        client.send("GET /two?a=1 HTTP/1.1\r\nHost: x\r\n\r\n")
        XCTAssertEqual(try client.readResponse().text, "GET /two a=1")
        XCTAssertEqual(server.openConnections, 1)
    }

    func testPipelinedRequestsAreAnsweredInOrder() throws {
        let server = try startServer()
        let client = try RawClient(port: server.port)
        client.send("GET /p?n=1 HTTP/1.1\r\nHost: x\r\n\r\nGET /p?n=2 HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "HEAD /p?n=3 HTTP/1.1\r\nHost: x\r\n\r\nGET /p?n=4 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        XCTAssertEqual(try client.readResponse().text, "GET /p n=1")
        XCTAssertEqual(try client.readResponse().text, "GET /p n=2")
        XCTAssertEqual(try client.readResponse(bodyless: true).header("Content-Length"), "11")
        let last = try client.readResponse()
        XCTAssertEqual(last.text, "GET /p n=4")
        XCTAssertEqual(last.header("Connection"), "close")
        XCTAssertTrue(client.isClosedByServer())
    }

    func testHTTP10ClosesUnlessKeepAliveIsAsked() throws {
        let server = try startServer()
        let closing = try RawClient(port: server.port)
        closing.send("GET /hello HTTP/1.0\r\n\r\n")
        XCTAssertEqual(try closing.readResponse().header("Connection"), "close")
        XCTAssertTrue(closing.isClosedByServer())

        let keeping = try RawClient(port: server.port)
        keeping.send("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
        XCTAssertEqual(try keeping.readResponse().header("Connection"), "keep-alive")
        keeping.send("GET /hello HTTP/1.0\r\n\r\n")
        XCTAssertEqual(try keeping.readResponse().text, "hello world")
    }

    func testConnectionCloseAndRequestLimit() throws {
        let server = try startServer { $0.maxRequestsPerConnection = 2 }
        let client = try RawClient(port: server.port)
        client.send("GET /a HTTP/1.1\r\nHost: x\r\n\r\n")
        XCTAssertNil(try client.readResponse().header("Connection"))
        client.send("GET /b HTTP/1.1\r\nHost: x\r\n\r\n")
        XCTAssertEqual(try client.readResponse().header("Connection"), "close")
        XCTAssertTrue(client.isClosedByServer())
    }

    func testRequestIDIsEchoedWhenSaneAndGeneratedOtherwise() throws {
        let server = try startServer()
        let echoed = try fetch(server, "GET /hello HTTP/1.1\r\nHost: x\r\nX-Request-Id: trace-42.a_b:c\r\n\r\n")
        XCTAssertEqual(echoed.header("X-Request-Id"), "trace-42.a_b:c")
        let replaced = try fetch(server, "GET /hello HTTP/1.1\r\nHost: x\r\nX-Request-Id: not sane!\r\n\r\n")
        let generated = try XCTUnwrap(replaced.header("X-Request-Id"))
        XCTAssertEqual(generated.count, 15)
        XCTAssertNotEqual(generated, try fetch(server, "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n").header("X-Request-Id"))
    }

    func testHandlerSeesDecodedRequest() throws {
        let seen = Mutex<Request?>(nil)
        let server = try startServer(handler: { request in
            seen.withLock { $0 = request }
            return .text("ok")
        })
        _ = try fetch(server, "GET /caf%C3%A9/a%2Fb?q=a+b%26c&tag=1&tag=2&empty HTTP/1.1\r\nHost: x\r\nX-Custom: v\r\n\r\n")
        let request = try XCTUnwrap(seen.withLock { $0 })
        XCTAssertEqual(request.method, .get)
        XCTAssertEqual(request.rawPath, "/caf%C3%A9/a%2Fb")
        XCTAssertEqual(request.path, "/café/a/b")
        XCTAssertEqual(request.pathSegments, ["café", "a/b"])
        XCTAssertEqual(request.query("q"), "a b&c")
        XCTAssertEqual(request.queryValues("tag"), ["1", "2"])
        XCTAssertEqual(request.query("empty"), "")
        XCTAssertEqual(request.headers["x-custom"], "v")
        XCTAssertTrue(request.remoteAddress.hasPrefix("127.0.0.1:"))
    }

    func testAccessLogGetsOneEntryPerResponse() throws {
        let log = LogCollector()
        let server = try startServer { $0.accessLog = log.sink }
        let response = try fetch(server, "GET /hello?x=1 HTTP/1.1\r\nHost: x\r\n\r\n")
        _ = try fetch(server, "GET /bad%zz HTTP/1.1\r\nHost: x\r\n\r\n")
        let entries = log.all
        XCTAssertEqual(entries.count, 2)
        let entry = try XCTUnwrap(entries.first { $0.status == 200 })
        XCTAssertEqual(entry.method, "GET")
        XCTAssertEqual(entry.path, "/hello?x=1")
        XCTAssertEqual(entry.bytes, 11)
        XCTAssertEqual(entry.requestID, response.header("X-Request-Id"))
        XCTAssertTrue(entry.remoteAddress.hasPrefix("127.0.0.1:"))
        XCTAssertTrue(entries.contains { $0.status == 400 && $0.path == "/bad%zz" })
        XCTAssertTrue(entry.jsonLine.hasPrefix("{\"ts\":"))
        XCTAssertTrue(entry.jsonLine.contains("\"path\":\"/hello?x=1\",\"status\":200,\"bytes\":11"))
        XCTAssertTrue(entry.humanLine.contains("GET /hello?x=1 200 11B"))
    }
}
