import HTTPServer
import XCTest

/// Router matching and request-target decoding, without sockets.
final class RoutingTests: XCTestCase {
    private func makeRouter() -> Router {
        var router = Router()
        router.get("/") { _, _ in .text("root") }
        router.get("/api/posts") { _, _ in .text("list") }
        router.get("/api/posts/latest") { _, _ in .text("latest") }
        router.get("/api/posts/{id}") { _, parameters in .text("post \(parameters["id"] ?? "?")") }
        router.get("/api/pages/{day}/posts/{id}") { _, parameters in
            .text("\(parameters["day"] ?? "?")/\(parameters["id"] ?? "?")")
        }
        router.add(.post, "/api/admin/reload") { _, _ in .text("reloaded") }
        return router
    }

    private func route(_ router: Router, _ target: String, method: HTTPMethod = .get) throws -> Response {
        router.handle(try Request(method: method, target: target))
    }

    func testMatchesLiteralsBeforeParameters() throws {
        let router = makeRouter()
        XCTAssertEqual(try route(router, "/").body, Array("root".utf8))
        XCTAssertEqual(try route(router, "/api/posts").body, Array("list".utf8))
        XCTAssertEqual(try route(router, "/api/posts/latest").body, Array("latest".utf8))
        XCTAssertEqual(try route(router, "/api/posts/42").body, Array("post 42".utf8))
        XCTAssertEqual(try route(router, "/api/posts/a%2Fb").body, Array("post a/b".utf8))
        XCTAssertEqual(try route(router, "/api/pages/2024-05-01/posts/7?x=1").body, Array("2024-05-01/7".utf8))
    }

    func testHeadUsesGetRoutes() throws {
        XCTAssertEqual(try route(makeRouter(), "/api/posts/1", method: .head).body, Array("post 1".utf8))
    }

    func testUnmatchedPathsGo404AndWrongMethods405() throws {
        let router = makeRouter()
        for target in ["/api", "/api/posts/", "/api/posts/1/extra", "/nope", "/api/pages//posts/1"] {
            XCTAssertEqual(try route(router, target).status, .notFound, target)
        }
        let wrongMethod = try route(router, "/api/admin/reload")
        XCTAssertEqual(wrongMethod.status, .methodNotAllowed)
        XCTAssertEqual(wrongMethod.headers["Allow"], "POST")
        let getOnly = try route(router, "/api/posts", method: .delete)
        XCTAssertEqual(getOnly.headers["Allow"], "GET, HEAD")
    }

    func testFallbackHandlesUnmatchedRequests() throws {
        var router = Router(fallback: { request in .text("fallback \(request.path)") })
        router.get("/x") { _, _ in .text("x") }
        XCTAssertEqual(try route(router, "/y").body, Array("fallback /y".utf8))
    }

    func testRequestTargetDecoding() throws {
        let request = try Request(target: "/a%20b/c+d?name=J%C3%BCrgen+M&x=%2B&x=2&flag&=v&&")
        XCTAssertEqual(request.path, "/a b/c+d")
        XCTAssertEqual(request.rawPath, "/a%20b/c+d")
        XCTAssertEqual(request.rawQuery, "name=J%C3%BCrgen+M&x=%2B&x=2&flag&=v&&")
        XCTAssertEqual(request.query("name"), "Jürgen M")
        XCTAssertEqual(request.queryValues("x"), ["+", "2"])
        XCTAssertEqual(request.query("flag"), "")
        XCTAssertEqual(request.query(""), "v")
        XCTAssertNil(request.query("missing"))
        XCTAssertEqual(request.queryItems.count, 5)
        XCTAssertEqual(try Request(target: "/").pathSegments, [])
        XCTAssertEqual(try Request(target: "http://host:8080").path, "/")
    }

    func testRequestTargetRejections() {
        let cases: [(String, RequestTargetError)] = [
            ("/a%zz", .invalidPercentEncoding), ("/a%4", .invalidPercentEncoding), ("/a%", .invalidPercentEncoding),
            ("/a%00", .encodedNUL), ("/?q=%00", .encodedNUL), ("/%C3%28", .invalidUTF8), ("/?q=%ff", .invalidUTF8),
            ("a/b", .invalidTarget), ("/a b", .invalidTarget), ("/a#frag", .invalidTarget), ("", .invalidTarget),
            ("/é", .invalidTarget), ("ftp://host/x", .invalidTarget),
        ]
        for (target, expected) in cases {
            XCTAssertThrowsError(try Request(target: target), target) { error in
                XCTAssertEqual(error as? RequestTargetError, expected, target)
            }
        }
    }

    func testHeadersAreCaseInsensitive() {
        var headers: HTTPHeaders = ["Content-Type": "text/plain", "Set-Cookie": "a=1"]
        headers.add("set-cookie", "b=2")
        XCTAssertEqual(headers["content-type"], "text/plain")
        XCTAssertEqual(headers.values(for: "SET-COOKIE"), ["a=1", "b=2"])
        headers["Set-Cookie"] = nil
        XCTAssertFalse(headers.contains("set-cookie"))
        XCTAssertEqual(headers.count, 1)
    }

    func testHTTPDateFormat() {
        XCTAssertEqual(HTTPDate.string(fromUnixTime: 784_111_777), "Sun, 06 Nov 1994 08:49:37 GMT")
        XCTAssertEqual(HTTPDate.string(fromUnixTime: 0), "Thu, 01 Jan 1970 00:00:00 GMT")
    }
}
