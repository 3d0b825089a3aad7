import Foundation
import HTTPServer
import Synchronization
import XCTest

/// A corpus of hostile and malformed requests. Each one gets the right 4xx (or 5xx for versions and
/// methods this server does not implement) as a problem+json body, and the connection is closed
/// exactly when the request's framing can no longer be trusted; even a client still uploading a
/// megabyte reads its answer rather than a reset. The server never crashes or hangs, and the next
/// valid request on a new connection is answered.
final class AbuseCorpusTests: XCTestCase {
    /// What the server must do with one abusive request: answer with `status`, and end the connection
    /// afterwards with a FIN exactly when `closes` (when false, a valid request on the same connection
    /// must still be answered).
    private struct Verdict {
        var status: Int
        var closes: Bool

        static func answer(_ status: Int, closes: Bool) -> Verdict { Verdict(status: status, closes: closes) }
    }

    private struct Case {
        var name: String
        var bytes: [UInt8]
        var verdict: Verdict

        init(_ name: String, _ text: String, _ verdict: Verdict) {
            self.init(name, Array(text.utf8), verdict)
        }

        init(_ name: String, _ bytes: [UInt8], _ verdict: Verdict) {
            self.name = name
            self.bytes = bytes
            self.verdict = verdict
        }
    }

    private static let host = "Host: x\r\n"

    private static func request(_ line: String, _ headers: String = host, body: String = "") -> String {
        line + "\r\n" + headers + "\r\n" + body
    }

    /// Request line, version and method abuse.
    private static let requestLines: [Case] = [
        Case("empty lines only", "\r\n\r\n", .answer(400, closes: true)),
        Case("garbage line", "HELLO\r\n\r\n", .answer(400, closes: true)),
        Case("HTTP/0.9 simple request", "GET /\r\n", .answer(400, closes: true)),
        Case("HTTP/0.9 with bare LF", "GET /\n", .answer(400, closes: true)),
        Case("HTTP/2 preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", .answer(505, closes: true)),
        Case("HTTP/3.0", request("GET / HTTP/3.0"), .answer(505, closes: true)),
        Case("HTTP/0.9 version token", request("GET / HTTP/0.9"), .answer(505, closes: true)),
        Case("lower-case version", request("GET / http/1.1"), .answer(400, closes: true)),
        Case("two-digit minor version", request("GET / HTTP/1.10"), .answer(400, closes: true)),
        Case("version without dot", request("GET / HTTP/11"), .answer(400, closes: true)),
        Case("trailing space after version", request("GET / HTTP/1.1 "), .answer(400, closes: true)),
        Case("leading space", request(" GET / HTTP/1.1"), .answer(400, closes: true)),
        Case("tabs as separators", request("GET\t/\tHTTP/1.1"), .answer(400, closes: true)),
        Case("double space", request("GET  / HTTP/1.1"), .answer(400, closes: true)),
        Case("missing target", request("GET HTTP/1.1"), .answer(400, closes: true)),
        Case("space in target", request("GET /a b HTTP/1.1"), .answer(400, closes: true)),
        Case("method with a separator", request("GE(T / HTTP/1.1"), .answer(400, closes: true)),
        Case("method with a high byte", [0x47, 0xC9, 0x54] + Array(" / HTTP/1.1\r\nHost: x\r\n\r\n".utf8), .answer(400, closes: true)),
        Case("lower-case method", request("get / HTTP/1.1"), .answer(501, closes: false)),
        Case("unknown method", request("PROPFIND / HTTP/1.1"), .answer(501, closes: false)),
        Case("asterisk-form GET", request("GET * HTTP/1.1"), .answer(400, closes: false)),
        Case("asterisk-form OPTIONS without CORS", request("OPTIONS * HTTP/1.1"), .answer(405, closes: false)),
        Case("authority-form CONNECT", request("CONNECT example.com:443 HTTP/1.1"), .answer(405, closes: false)),
        Case("TRACE", request("TRACE / HTTP/1.1"), .answer(405, closes: false)),
        Case("scheme without authority", request("GET http:///a HTTP/1.1"), .answer(400, closes: false)),
        Case("unknown scheme", request("GET ftp://x/a HTTP/1.1"), .answer(400, closes: false)),
        Case("relative target", request("GET a/b HTTP/1.1"), .answer(400, closes: false)),
        Case("fragment", request("GET /a#frag HTTP/1.1"), .answer(400, closes: false)),
        Case("TLS ClientHello", [0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xFC, 0x03, 0x03]
                + [UInt8](repeating: 0xAB, count: 300), .answer(400, closes: true)),
        Case("NUL bytes before the request", [0, 0, 0, 0] + Array(request("GET / HTTP/1.1").utf8), .answer(400, closes: true)),
    ]

    /// Line endings, folding and header syntax.
    private static let headerSyntax: [Case] = [
        Case("bare LF everywhere", "GET / HTTP/1.1\nHost: x\n\n", .answer(400, closes: true)),
        Case("bare LF after a header", "GET / HTTP/1.1\r\nHost: x\nX: y\r\n\r\n", .answer(400, closes: true)),
        Case("bare CR inside a header line", "GET / HTTP/1.1\r\nHost: x\rX: y\r\n\r\n", .answer(400, closes: true)),
        Case("LF CR line ending", "GET / HTTP/1.1\n\rHost: x\n\r\n\r", .answer(400, closes: true)),
        Case("obs-fold with space", request("GET / HTTP/1.1", host + "X-A: one\r\n two\r\n"), .answer(400, closes: true)),
        Case("obs-fold with tab", request("GET / HTTP/1.1", host + "X-A: one\r\n\ttwo\r\n"), .answer(400, closes: true)),
        Case("first header folded", request("GET / HTTP/1.1", " Host: x\r\n"), .answer(400, closes: true)),
        Case("space before colon", request("GET / HTTP/1.1", "Host : x\r\n"), .answer(400, closes: true)),
        Case("empty header name", request("GET / HTTP/1.1", host + ": value\r\n"), .answer(400, closes: true)),
        Case("header without colon", request("GET / HTTP/1.1", host + "NoColonHere\r\n"), .answer(400, closes: true)),
        Case("separator in header name", request("GET / HTTP/1.1", host + "Bad(Name): y\r\n"), .answer(400, closes: true)),
        Case("NUL in header name", request("GET / HTTP/1.1", host + "X\u{0}Y: z\r\n"), .answer(400, closes: true)),
        Case("NUL in header value", request("GET / HTTP/1.1", host + "X: a\u{0}b\r\n"), .answer(400, closes: true)),
        Case("ESC in header value", request("GET / HTTP/1.1", host + "X: a\u{1B}[31mb\r\n"), .answer(400, closes: true)),
        Case("DEL in header value", request("GET / HTTP/1.1", host + "X: a\u{7F}b\r\n"), .answer(400, closes: true)),
        Case("missing Host", request("GET / HTTP/1.1", ""), .answer(400, closes: true)),
        Case("two Host fields", request("GET / HTTP/1.1", "Host: a\r\nHost: b\r\n"), .answer(400, closes: true)),
        Case("obs-text in a value is allowed", Array("GET /hello HTTP/1.1\r\nHost: x\r\nX-Name: caf".utf8) + [0xE9] + Array("\r\n\r\n".utf8),
             .answer(200, closes: false)),
        Case("Expect 100-continue without content", request("GET /hello HTTP/1.1", host + "Expect: 100-continue\r\n"),
             .answer(200, closes: false)),
        Case("h2c upgrade is ignored", request("GET /hello HTTP/1.1", host + "Connection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQAAP__\r\n"),
             .answer(200, closes: false)),
    ]

    /// Message framing: Content-Length and Transfer-Encoding, including request-smuggling shapes.
    private static let framing: [Case] = [
        Case("duplicate equal Content-Length", request("GET / HTTP/1.1", host + "Content-Length: 0\r\nContent-Length: 0\r\n"), .answer(400, closes: true)),
        Case("conflicting Content-Length", request("GET / HTTP/1.1", host + "Content-Length: 0\r\nContent-Length: 5\r\n", body: "hello"), .answer(400, closes: true)),
        Case("Content-Length list", request("GET / HTTP/1.1", host + "Content-Length: 5, 5\r\n", body: "hello"), .answer(400, closes: true)),
        Case("negative Content-Length", request("GET / HTTP/1.1", host + "Content-Length: -1\r\n"), .answer(400, closes: true)),
        Case("signed Content-Length", request("GET / HTTP/1.1", host + "Content-Length: +5\r\n", body: "hello"), .answer(400, closes: true)),
        Case("hexadecimal Content-Length", request("GET / HTTP/1.1", host + "Content-Length: 0x5\r\n", body: "hello"), .answer(400, closes: true)),
        Case("exponent Content-Length", request("GET / HTTP/1.1", host + "Content-Length: 1e3\r\n"), .answer(400, closes: true)),
        Case("empty Content-Length", request("GET / HTTP/1.1", host + "Content-Length:\r\n"), .answer(400, closes: true)),
        Case("huge Content-Length", request("GET / HTTP/1.1", host + "Content-Length: 99999999999999999999999999\r\n"), .answer(413, closes: true)),
        Case("Content-Length with content", request("POST / HTTP/1.1", host + "Content-Length: 5\r\n", body: "hello"), .answer(413, closes: true)),
        Case("chunked", request("POST / HTTP/1.1", host + "Transfer-Encoding: chunked\r\n", body: "5\r\nhello\r\n0\r\n\r\n"), .answer(413, closes: true)),
        Case("CL.TE smuggling", request("POST / HTTP/1.1", host + "Content-Length: 13\r\nTransfer-Encoding: chunked\r\n", body: "0\r\n\r\nSMUGGLED"),
             .answer(400, closes: true)),
        Case("TE.CL smuggling", request("POST / HTTP/1.1", host + "Transfer-Encoding: chunked\r\nContent-Length: 4\r\n",
                                        body: "5c\r\nGET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n0\r\n\r\n"), .answer(400, closes: true)),
        Case("TE with CL 0", request("GET / HTTP/1.1", host + "Content-Length: 0\r\nTransfer-Encoding: chunked\r\n", body: "0\r\n\r\n"), .answer(400, closes: true)),
        Case("obfuscated TE: upper case", request("GET / HTTP/1.1", host + "TRANSFER-ENCODING: CHUNKED\r\n", body: "0\r\n\r\n"), .answer(413, closes: true)),
        Case("obfuscated TE: tab before value", request("GET / HTTP/1.1", host + "Transfer-Encoding:\tchunked\r\n", body: "0\r\n\r\n"), .answer(413, closes: true)),
        Case("obfuscated TE: list", request("GET / HTTP/1.1", host + "Transfer-Encoding: identity, chunked\r\n", body: "0\r\n\r\n"), .answer(413, closes: true)),
        Case("obfuscated TE: unknown coding", request("GET / HTTP/1.1", host + "Transfer-Encoding: xchunked\r\n"), .answer(413, closes: true)),
        Case("obfuscated TE: two fields", request("GET / HTTP/1.1", host + "Transfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n"), .answer(413, closes: true)),
        Case("obfuscated TE: space before colon", request("GET / HTTP/1.1", host + "Transfer-Encoding : chunked\r\n", body: "0\r\n\r\n"), .answer(400, closes: true)),
        Case("obfuscated TE: folded value", request("GET / HTTP/1.1", host + "Transfer-Encoding:\r\n chunked\r\n", body: "0\r\n\r\n"), .answer(400, closes: true)),
        Case("obfuscated TE: leading space on the name", request("GET / HTTP/1.1", host + " Transfer-Encoding: chunked\r\n"), .answer(400, closes: true)),
        Case("obfuscated TE: NUL in value", request("GET / HTTP/1.1", host + "Transfer-Encoding: chunked\u{0}\r\n"), .answer(400, closes: true)),
        Case("obfuscated TE: vertical tab", request("GET / HTTP/1.1", host + "Transfer-Encoding:\u{0B}chunked\r\n"), .answer(400, closes: true)),
        Case("TE in HTTP/1.0", request("GET / HTTP/1.0", "Transfer-Encoding: chunked\r\n", body: "0\r\n\r\n"), .answer(413, closes: true)),
    ]

    /// Request-target encoding: percent-escapes, NUL, control bytes, invalid UTF-8.
    private static let targets: [Case] = [
        Case("bad escape", request("GET /a%zz HTTP/1.1"), .answer(400, closes: false)),
        Case("truncated escape", request("GET /a%4 HTTP/1.1"), .answer(400, closes: false)),
        Case("lone percent", request("GET /% HTTP/1.1"), .answer(400, closes: false)),
        Case("escape in query name", request("GET /a?%=1 HTTP/1.1"), .answer(400, closes: false)),
        Case("escape in query value", request("GET /a?x=%G0 HTTP/1.1"), .answer(400, closes: false)),
        Case("encoded NUL in path", request("GET /a%00b HTTP/1.1"), .answer(400, closes: false)),
        Case("encoded NUL in query", request("GET /a?x=%00 HTTP/1.1"), .answer(400, closes: false)),
        Case("raw NUL in target", request("GET /a\u{0}b HTTP/1.1"), .answer(400, closes: true)),
        Case("raw control byte in target", request("GET /a\u{1}b HTTP/1.1"), .answer(400, closes: true)),
        Case("raw DEL in target", request("GET /a\u{7F} HTTP/1.1"), .answer(400, closes: true)),
        Case("raw invalid UTF-8 in path", Array("GET /".utf8) + [0xFF, 0xFE] + Array(" HTTP/1.1\r\nHost: x\r\n\r\n".utf8), .answer(400, closes: true)),
        Case("raw UTF-8 in query", Array("GET /?q=".utf8) + [0xC3, 0xA9] + Array(" HTTP/1.1\r\nHost: x\r\n\r\n".utf8), .answer(400, closes: true)),
        Case("encoded invalid UTF-8 in path", request("GET /%ff%fe HTTP/1.1"), .answer(400, closes: false)),
        Case("encoded invalid UTF-8 in query", request("GET /a?q=%ff HTTP/1.1"), .answer(400, closes: false)),
        Case("overlong slash", request("GET /%c0%af HTTP/1.1"), .answer(400, closes: false)),
        Case("overlong dot", request("GET /%e0%80%ae HTTP/1.1"), .answer(400, closes: false)),
        Case("UTF-16 surrogate", request("GET /%ed%a0%80 HTTP/1.1"), .answer(400, closes: false)),
        Case("code point above U+10FFFF", request("GET /%f4%90%80%80 HTTP/1.1"), .answer(400, closes: false)),
        Case("truncated UTF-8 sequence", request("GET /a?q=%e2%82 HTTP/1.1"), .answer(400, closes: false)),
        Case("valid encoded UTF-8 passes", request("GET /caf%C3%A9?q=%E2%82%AC HTTP/1.1"), .answer(200, closes: false)),
    ]

    /// Size limits (default configuration: 8 KiB request line, 16 KiB of headers, no content).
    private static let sizes: [Case] = [
        Case("URI over the request-line limit", request("GET /" + String(repeating: "a", count: 9000) + " HTTP/1.1"), .answer(414, closes: true)),
        Case("1 MB URI", request("GET /" + String(repeating: "a", count: 1 << 20) + " HTTP/1.1"), .answer(414, closes: true)),
        Case("request line that never ends", "GET /" + String(repeating: "b", count: 20000), .answer(414, closes: true)),
        Case("long method", request(String(repeating: "M", count: 9000) + " / HTTP/1.1"), .answer(414, closes: true)),
        Case("100k-parameter query", request("GET /?" + Array(repeating: "a=1", count: 100_000).joined(separator: "&") + " HTTP/1.1"),
             .answer(414, closes: true)),
        Case("header section over the limit", request("GET / HTTP/1.1", host + "X-Big: " + String(repeating: "b", count: 17000) + "\r\n"),
             .answer(431, closes: true)),
        Case("1 MB header", request("GET / HTTP/1.1", host + "X-Big: " + String(repeating: "b", count: 1 << 20) + "\r\n"), .answer(431, closes: true)),
        Case("100k small headers", request("GET / HTTP/1.1", host + String(repeating: "a: b\r\n", count: 100_000)), .answer(431, closes: true)),
        Case("16 KiB header name", request("GET / HTTP/1.1", host + String(repeating: "N", count: 16384) + ": v\r\n"), .answer(431, closes: true)),
        Case("header section that never ends", "GET / HTTP/1.1\r\nHost: x\r\nX: " + String(repeating: "c", count: 40000), .answer(431, closes: true)),
        Case("many small headers within the limit", request("GET /hello HTTP/1.1", host + String(repeating: "a: b\r\n", count: 2000)),
             .answer(200, closes: false)),
    ]

    func testAbuseCorpus() throws {
        let seen = Mutex<[String]>([])
        let server = try startServer(handler: { request in
            seen.withLock { $0.append(request.path) }
            return TestHandlers.standard(request)
        })
        let descriptorsBefore = DescriptorSnapshot()
        let corpus = Self.requestLines + Self.headerSyntax + Self.framing + Self.targets + Self.sizes
        var tally: [String: Int] = [:]
        for item in corpus {
            let outcome = try run(item, on: server)
            tally[outcome, default: 0] += 1
            assertStillServes(server, item.name)
        }
        XCTAssertFalse(seen.withLock { $0.contains("/smuggled") }, "a smuggled request reached the handler")
        XCTAssertTrue(eventually { server.openConnections == 0 }, "connections left open: \(server.openConnections)")
        let descriptorsAfter = assertNoDescriptorLeak(since: descriptorsBefore)
        print("abuse corpus: \(corpus.count) requests;",
              tally.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", "),
              "; descriptors before \(descriptorsBefore.count), after \(descriptorsAfter)")
    }

    /// With the request-line limit raised to 4 MiB, a 100k-parameter query is parsed in full.
    func testHugeQueryIsParsedWhenTheLimitAllowsIt() throws {
        let seen = Mutex<Int>(0)
        let server = try startServer({ $0.maxRequestLineBytes = 4 << 20 }, handler: { request in
            seen.withLock { $0 = request.queryItems.count }
            return .text("items \(request.queryItems.count), last \(request.queryItems.last?.name ?? "")")
        })
        let query = (0..<100_000).map { "p\($0)=v%20\($0)" }.joined(separator: "&")
        let client = try WireClient(port: server.port)
        client.send("GET /q?\(query) HTTP/1.1\r\nHost: x\r\n\r\n")
        let response = try XCTUnwrap(client.readResponse(timeout: 30))
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.text, "items 100000, last p99999")
        XCTAssertEqual(seen.withLock { $0 }, 100_000)
    }

    /// Sends one case on a fresh connection and checks the verdict; returns a label for the tally.
    private func run(_ item: Case, on server: HTTPServer, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let client = try WireClient(port: server.port)
        client.send(item.bytes)
        let response: WireResponse?
        do {
            response = try client.readResponse(timeout: 10)
        } catch {
            XCTFail("\(item.name): no answer and no close (\(error))", file: file, line: line)
            return "hang"
        }
        guard let response else {
            XCTFail("\(item.name): connection ended (\(String(describing: client.ending))) without the expected \(item.verdict.status)")
            return "cut"
        }
        check(response, status: item.verdict.status, name: item.name)
        if item.verdict.closes {
            XCTAssertTrue(response.closes, "\(item.name): no Connection: close")
            XCTAssertTrue(client.endsWithoutMoreBytes(), "\(item.name): connection left open")
            XCTAssertEqual(client.ending, .closed, "\(item.name): reset instead of a clean close")
        } else {
            XCTAssertFalse(response.closes, "\(item.name): closed a connection whose framing was intact")
            client.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
            XCTAssertEqual(try client.readResponse()?.text, "hello world", "\(item.name): next request on the same connection")
        }
        return "\(item.verdict.status)"
    }

    private func check(_ response: WireResponse, status: Int, name: String) {
        XCTAssertEqual(response.status, status, "\(name): \(response.text)")
        if status >= 400 {
            XCTAssertEqual(response.header("Content-Type"), "application/problem+json", name)
            XCTAssertEqual(response.json?["status"] as? Int, status, name)
        }
    }
}
