@testable import API
import Foundation
import HTTPServer
import TestHelpers
import XCTest

/// Hostile values through every query and path parameter of every route: SQL and FTS5 injection,
/// tampered and forged cursors, huge and negative numbers, invalid dates, control characters,
/// encoded NUL and invalid UTF-8, very long values.
///
/// The routes and their parameters come from the OpenAPI document, so a route added there is
/// attacked too. Every answer must be a 2xx, or a 4xx with an `application/problem+json` body that
/// says what to fix; never a 5xx. Ids that are not ids must find nothing (404), never widen a query;
/// and the archive file is byte for byte the same afterwards.
final class QueryInjectionTests: XCTestCase {
    /// The sample archive without a response cache, so every request runs its queries.
    private static let api = try! ArchiveAPI(databasePath: SampleArchive.databasePath, responseCacheBytes: 0)

    /// One GET route of the OpenAPI document and the parameters it declares.
    private struct Operation {
        let path: String
        let pathParameters: [String]
        let queryParameters: [String]
        /// A valid value for each required query parameter, so the others are reached.
        let requiredQuery: [String: String]
    }

    // MARK: payloads

    private static let sql = [
        "'", "''", "\"", "`", "\\", "' OR 1=1 --", "' OR '1'='1", "\" OR \"\"=\"", "1' OR 1=1; --",
        "1; DROP TABLE posts; --", "'; DELETE FROM posts; --", "'); UPDATE meta SET value = 'x'; --",
        "x' UNION SELECT sql, name, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 FROM sqlite_master --",
        "1 UNION SELECT name FROM sqlite_master", ") OR (1=1", "--", ";", "/*", "*/", "%", "_", "%' --",
        "?", "?1", "?999", ":id", "@x", "$x", "char(0)", "randomblob(1000000000)", "zeroblob(2147483647)",
        "NULL", "null", "true", "ATTACH DATABASE '/tmp/x.sqlite' AS x; --", "'; PRAGMA writable_schema=1; --",
        "' || (SELECT group_concat(id) FROM posts) || '", "load_extension('x')",
    ]

    private static let fts5 = [
        "NEAR(", "NEAR(flood", "NEAR(flood water, 999999)", "flood NEAR/999999 water", "NEAR/0", "NEAR()",
        "NEAR(flood, -1)", "headline:flood", "body:", "{headline body}:flood", "{headline body}: x AND",
        "{nope}:x", "-headline:flood", "- {headline}:flood", "^flood", "^", "headline:^flood", "flood*", "*",
        "**", "*flood", "flood**", "\"flood", "flood\"", "\"\"", "\"\"\"", "(flood", "flood)", "((((", "))))",
        "()", "AND", "OR", "NOT", "flood AND", "NOT flood", "flood NOT", "flood OR OR water", "+", "-", ":",
        "{", "}", "rank:x", "posts_fts:x", "rowid:1", "flood*:x", "flood + water", "\"flood\" * \"water\"",
        "flood AND (water OR", "bm25(posts_fts)", "MATCH 'x'", "x\" OR \"1\"=\"1",
    ]

    private static let numbers = [
        "0", "-1", "-0", "1", "100", "101", "1000", "1001", "99999", "2147483648", "9223372036854775807",
        "9223372036854775808", "-9223372036854775808", "99999999999999999999999", "1.5", "1e2", "1e999",
        "0x10", " 5", "5 ", "+5", "05", "\u{0665}", "\u{FF15}", "Infinity", "NaN", "5;", "5--", "5 OR 1=1",
    ]

    private static let dates = [
        "2022-02-30", "2022-13-01", "2022-00-10", "2022-02-00", "0000-00-00", "0000-01-01", "9999-12-31",
        "9999-12-31T23:59:59+23:59", "0000-01-01T00:00-23:59", "2022-02-11T24:00Z", "2022-02-11T20:60Z",
        "2022-02-11T20:08:60Z", "2022-02-11T20:08:00-25:00", "2022-02-11T20:08", "2022-02-11T",
        "2022-02-11 20:08Z", "2022-02-11T20:08:00.123Z", "2022-02-11T20:08:00-05:00x", "2022-02-11Z",
        "-2022-02-11", "+2022-02-11", "20220211", "2022-2-11", "2022-02-11T20:08:00-0500", "2022-02-11T20:08+05",
        "\u{FF12}\u{FF10}\u{FF12}\u{FF12}-02-11", "2022-02-11T20:08:00Z' OR '1'='1", "1970-01-01T00:00Z",
    ]

    private static let text = [
        "", " ", "+", "\t", "\r\n", "\u{01}", "\u{1F}", "\u{7F}", "\u{202E}flood", "\u{FB02}ood", "e\u{301}",
        "\u{1F30A}", "\u{FEFF}", "\u{FFFF}", "\u{10FFFF}", "&", "=", "#", "?", "/", "..", "../..", "%00", "%2e%2e",
        "<script>alert(1)</script>", "{\"a\":1}", "\\u0000", String(repeating: "\u{0300}", count: 200),
    ]

    /// Values far past every limit, and the most awkward FTS5 queries that still fit in `q`.
    private static let long: [String] = {
        let nested = String(repeating: "(", count: 250) + "flood" + String(repeating: ")", count: 250)
        let prefixes = (0..<170).map { String(UnicodeScalar(UInt8(97 + $0 % 26))) + "*" }.joined(separator: " ")
        let near = "NEAR(" + (0..<80).map { "w\($0)" }.joined(separator: " ") + ", 999999)"
        return [
            String(repeating: "a", count: 10_000),
            (0..<10_000).map { "w\($0)" }.joined(separator: " OR "),
            String(repeating: "(", count: 5000), String(repeating: "\"", count: 3001),
            String(repeating: "NEAR(", count: 2000), String(repeating: "' OR 1=1 --", count: 1000),
            nested, prefixes, near, "flood" + String(repeating: " NOT flood", count: 50),
            String(repeating: "-", count: 511), String(repeating: "\u{1F30A}", count: 128),
        ]
    }()

    private static var payloads: [String] { sql + fts5 + numbers + dates + text + long }

    // MARK: tests

    func testHostileValuesInEveryParameterAre2xxOr4xxProblems() throws {
        let operations = try Self.operations()
        XCTAssertGreaterThanOrEqual(operations.count, 10, "the OpenAPI document lists the routes")
        let before = try Self.archiveSnapshot()
        var requests = 0
        var statuses: [Int: Int] = [:]
        for operation in operations {
            let ids = try Self.realIDs(for: operation)
            for name in operation.pathParameters + operation.queryParameters {
                let isPathParameter = operation.pathParameters.contains(name)
                for payload in Self.payloads + ids.map({ $0 + "' OR '1'='1" }) {
                    if isPathParameter && payload.isEmpty { continue } // an empty segment is another route
                    let target = Self.target(operation, ids: ids, setting: name, to: payload)
                    let reply = try check(target)
                    requests += 1
                    statuses[reply.status, default: 0] += 1
                    if isPathParameter || name == "page" {
                        // Only an exact id finds something: injected text never widens the match.
                        XCTAssertTrue([400, 404].contains(reply.status) || (name == "page" && payload.isEmpty),
                                      "\(target) answered \(reply.status): \(reply.text.prefix(300))")
                    }
                }
            }
            // Unknown and repeated parameters, names with SQL in them, and bare names.
            let base = Self.target(operation, ids: ids, setting: nil, to: "")
            let separator = base.contains("?") ? "&" : "?"
            var extras = ["'%20OR%201%3D1--=1", "%3B=1", "limit%3D1=1", "&&&", "=", "=x", "%26=1", "LIMIT=5",
                          "limit[]=5", "q%00=x"]
            for name in operation.queryParameters { extras += ["\(name)=1&\(name)=2", name, "\(name)=&\(name)="] }
            for extra in extras {
                guard let request = try? Request(target: base + separator + extra) else {
                    XCTAssertTrue(extra.contains("%00"), "\(base + separator + extra) is not a valid target")
                    continue
                }
                let reply = Reply(response: Self.api.handle(request))
                try Self.assertAnswered(reply, base + separator + extra)
                requests += 1
                statuses[reply.status, default: 0] += 1
            }
        }
        XCTAssertEqual(try Self.archiveSnapshot(), before, "the archive changed")
        print("QueryInjectionTests: \(requests) hostile requests over \(operations.count) routes; statuses \(statuses.sorted { $0.key < $1.key })")
    }

    func testTamperedForgedAndForeignCursorsAre400() throws {
        let version = Self.api.info.version
        let pageID = try Self.realIDs(for: Operation(path: "/api/pages/{id}", pathParameters: ["id"], queryParameters: [],
                                                     requiredQuery: [:]))[0]
        // Each cursor list with a request that issues a cursor.
        let lists: [(kind: String, target: String)] = [
            ("posts-desc", "/api/posts?limit=2"), ("posts-asc", "/api/posts?order=asc&limit=2"),
            ("page-posts", "/api/pages/\(pageID)/posts?limit=2"), ("search", "/api/search?q=flood*&limit=2"),
        ]
        var real: [String: String] = [:]
        for list in lists {
            real[list.kind] = try XCTUnwrap(try check(list.target).nextCursor, "\(list.target) issues a cursor")
        }
        let encode = { (text: String) in Cursor.base64URL(Array(text.utf8)) }
        for list in lists {
            let own = try XCTUnwrap(real[list.kind])
            var rejected: [String] = [
                own + "A", String(own.prefix(5) + own.dropFirst(6)), own + "=", own + "==", "+" + own.dropFirst(),
                String(own.reversed()), String(repeating: own, count: 4), own.lowercased(), own.uppercased(),
                encode("\(list.kind).\(version).-1"), encode("\(list.kind).\(version)"),
                encode("\(list.kind).\(version).1.2"), encode("\(list.kind).\(version).x"),
                encode("\(list.kind).\(version). 1"), encode("\(list.kind).\(version).99999999999999999999"),
                encode("\(list.kind).0000000000000000-3.1"), encode("\(list.kind)..1"), encode("..."),
                encode("\(list.kind).\(version).1' OR 1=1 --"), Cursor.base64URL([0xFF, 0xFE, 0x00, 0x2E, 0x2E]),
                "!!!!", "%", "' OR 1=1 --", String(repeating: "A", count: 129),
            ]
            rejected += real.filter { $0.key != list.kind }.map(\.value) // another list's cursor
            for cursor in rejected {
                let target = list.target + "&cursor=" + Self.encoded(cursor)
                let reply = try check(target)
                XCTAssertEqual(reply.status, 400, "\(target): \(reply.text)")
                XCTAssertTrue(reply.detail.contains("cursor"), reply.detail)
            }
            let stale = try check(list.target + "&cursor=" + encode("\(list.kind).0123456789abcdef-3.1"))
            XCTAssertTrue(stale.detail.contains("earlier build"), stale.detail)
            // A forged cursor of the right list and build is only a position: past the end is an empty page.
            for position in [0, 1, 999, 1000, Int.max] {
                let reply = try check(list.target + "&cursor=" + encode("\(list.kind).\(version).\(position)"))
                if list.kind == "search" && position > SearchRoute.maxOffset {
                    XCTAssertEqual(reply.status, 400, reply.text)
                } else {
                    XCTAssertEqual(reply.status, 200, reply.text)
                    if position >= 999 && list.kind != "posts-desc" { XCTAssertEqual(try reply.items.count, 0) }
                }
            }
        }
    }

    /// Values the request-target decoder refuses (encoded NUL, invalid UTF-8, broken escapes) and
    /// values past the request-line limit, in every parameter, through a real server on loopback.
    func testUndecodableAndOversizedValuesThroughTheServerAre4xxProblems() throws {
        let server = HTTPServer(configuration: ServerConfiguration(port: 0, workerThreads: 2, accessLog: nil),
                                handler: Self.api.handler)
        try server.start()
        defer { server.shutdown(gracePeriod: 1) }
        let encodedValues = ["%00", "a%00b", "%FF", "%C3%28", "%C0%AF", "%ED%A0%80", "%F4%90%80%80", "%E2%82",
                             "%F0%9F%8C", "flood%FF", String(repeating: "a", count: 9000),
                             String(repeating: "%27%20OR%201%3D1", count: 600)]
        var requests = 0
        for operation in try Self.operations() {
            let ids = try Self.realIDs(for: operation)
            for name in operation.pathParameters + operation.queryParameters {
                for value in encodedValues {
                    let target = Self.target(operation, ids: ids, setting: name, toEncoded: value)
                    let reply = try Self.fetch(port: server.port, target)
                    requests += 1
                    XCTAssertTrue((400..<500).contains(reply.status), "\(target.prefix(200)) answered \(reply.status)")
                    XCTAssertEqual(reply.contentType, "application/problem+json", "\(target.prefix(200))")
                    let problem = try XCTUnwrap(JSONSerialization.jsonObject(with: reply.body) as? [String: Any])
                    XCTAssertEqual(problem["status"] as? Int, reply.status)
                }
            }
        }
        XCTAssertEqual(try Self.fetch(port: server.port, "/api/posts?limit=1").status, 200, "still serving")
        print("QueryInjectionTests: \(requests) undecodable or oversized requests over loopback")
    }

    /// A search past its time limit (here 0 s, so every search is past it) is stopped and answered
    /// 400, not 500, and the connection it ran on serves the next request.
    func testASearchPastItsTimeLimitIs400AndTheConnectionRecovers() throws {
        let api = try ArchiveAPI(databasePath: SampleArchive.databasePath, responseCacheBytes: 0, searchTimeLimit: 0)
        for target in ["/api/search?q=flood*", "/api/search?q=s*+t*+a*+c*"] {
            let reply = Reply(response: api.handle(try Request(target: target)))
            try Self.assertAnswered(reply, target)
            XCTAssertEqual(reply.status, 400, reply.text)
            XCTAssertTrue(reply.detail.contains("too much"), reply.detail)
            XCTAssertEqual(Reply(response: api.handle(try Request(target: "/api/posts?limit=1"))).status, 200)
        }
        XCTAssertEqual(try check("/api/search?q=flood*").status, 200, "the default limit leaves ordinary searches alone")
    }

    /// 170 one-letter prefixes (`a* b* … z* a* …`, 509 bytes) kept a worker busy for minutes on a
    /// 10 MB archive; queries are now capped at 16 words and 4 prefixes before they run.
    func testQueriesPastTheWordOrPrefixCapAre400() throws {
        let letters = (0..<170).map { String(UnicodeScalar(UInt8(97 + $0 % 26))) }
        let words = { (count: Int) in letters.prefix(count).joined(separator: "+") }
        let prefixes = { (count: Int) in letters.prefix(count).map { $0 + "*" }.joined(separator: "+") }
        for (q, status) in [(words(16), 200), (words(17), 400), (prefixes(4), 200), (prefixes(5), 400),
                            (prefixes(170), 400), (String(repeating: "flood+AND+", count: 15) + "flood", 200),
                            (String(repeating: "flood+", count: 17), 400)] {
            let reply = try check("/api/search?q=" + q)
            XCTAssertEqual(reply.status, status, "\(q): \(reply.text)")
            if status == 400 { XCTAssertTrue(reply.detail.contains("at most 16 words, 4 of them prefixes"), reply.detail) }
        }
    }

    func testWordsAndPrefixesAreCountedLikeFTS5ReadsThem() {
        let cases: [(String, Int, Int)] = [
            ("flood", 1, 0), ("flood AND rain OR NOT storm", 3, 0), ("and or not near", 4, 0), ("NEAR(a b, 10)", 3, 0),
            ("\"AND the flood\"", 3, 0), ("flood* \"rain fall\"* {headline body}:x*", 6, 3), ("\"a*\"", 1, 0),
            ("covid-19 l'eau", 4, 0), ("inondation été", 2, 0), ("", 0, 0), ("***", 0, 3),
        ]
        for (query, words, prefixes) in cases {
            let counted = SearchRoute.termCounts(query)
            XCTAssertEqual(counted.words, words, query)
            XCTAssertEqual(counted.prefixes, prefixes, query)
        }
    }

    // MARK: helpers

    /// Sends `target` in-process and checks the answer is a 2xx or a problem 4xx.
    private func check(_ target: String, file: StaticString = #filePath, line: UInt = #line) throws -> Reply {
        let reply = Reply(response: Self.api.handle(try Request(target: target)))
        try Self.assertAnswered(reply, target, file: file, line: line)
        return reply
    }

    private static func assertAnswered(_ reply: Reply, _ target: String,
                                       file: StaticString = #filePath, line: UInt = #line) throws {
        let shown = target.count > 200 ? target.prefix(200) + "…" : Substring(target)
        XCTAssertTrue((200..<300).contains(reply.status) || (400..<500).contains(reply.status),
                      "\(shown) answered \(reply.status): \(reply.text.prefix(300))", file: file, line: line)
        guard reply.status >= 400 else {
            XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(reply.body)),
                             "\(shown): not JSON", file: file, line: line)
            return
        }
        XCTAssertEqual(reply.response.headers["Content-Type"], "application/problem+json", "\(shown)", file: file, line: line)
        let problem = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(reply.body)) as? [String: Any],
                                    "\(shown): problem body is not a JSON object", file: file, line: line)
        XCTAssertEqual(problem["status"] as? Int, reply.status, "\(shown)", file: file, line: line)
        XCTAssertNotNil(problem["title"] as? String, "\(shown)", file: file, line: line)
    }

    /// Every GET route of the OpenAPI document that the API itself answers (`/metrics` is the
    /// command's), with its parameters resolved through `$ref`.
    private static func operations() throws -> [Operation] {
        let document = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(ArchiveAPI.openAPIDocument.utf8)) as? [String: Any])
        let paths = try XCTUnwrap(document["paths"] as? [String: [String: Any]])
        let components = (document["components"] as? [String: Any])?["parameters"] as? [String: [String: Any]] ?? [:]
        return try paths.keys.sorted().filter { $0 != "/metrics" }.map { path in
            let get = try XCTUnwrap(paths[path]?["get"] as? [String: Any], "\(path) has no GET")
            let parameters = try (get["parameters"] as? [[String: Any]] ?? []).map { parameter in
                guard let reference = parameter["$ref"] as? String else { return parameter }
                return try XCTUnwrap(components[String(reference.split(separator: "/").last ?? "")], reference)
            }
            var pathParameters: [String] = []
            var queryParameters: [String] = []
            var required: [String: String] = [:]
            for parameter in parameters {
                let name = try XCTUnwrap(parameter["name"] as? String)
                if parameter["in"] as? String == "path" {
                    pathParameters.append(name)
                } else {
                    queryParameters.append(name)
                    if parameter["required"] as? Bool == true { required[name] = name == "q" ? "flood" : "1" }
                }
            }
            return Operation(path: path, pathParameters: pathParameters, queryParameters: queryParameters,
                             requiredQuery: required)
        }
    }

    /// Real ids for a route's path parameter: the ids its collection lists (`/api/pages` for
    /// `/api/pages/{id}/posts`), so that hostile values in the other parameters are reached.
    private static func realIDs(for operation: Operation) throws -> [String] {
        guard let range = operation.path.range(of: "/{") else { return [] }
        let collection = String(operation.path[..<range.lowerBound])
        let reply = Reply(response: api.handle(try Request(target: collection)))
        let ids = try reply.items.compactMap { $0["id"] as? String }
        XCTAssertFalse(ids.isEmpty, "\(collection) lists nothing to take an id from")
        return ids
    }

    private static func target(_ operation: Operation, ids: [String], setting name: String?, to value: String) -> String {
        target(operation, ids: ids, setting: name, toEncoded: encoded(value))
    }

    /// The route's target with its path parameters set to a real id and its required query
    /// parameters to valid values, except `name`, which gets `value` (already percent-encoded).
    private static func target(_ operation: Operation, ids: [String], setting name: String?, toEncoded value: String) -> String {
        var path = operation.path
        for parameter in operation.pathParameters {
            path = path.replacingOccurrences(of: "{\(parameter)}", with: parameter == name ? value : encoded(ids.first ?? "x"))
        }
        var query = operation.requiredQuery.filter { $0.key != name }.sorted { $0.key < $1.key }
            .map { $0.key + "=" + encoded($0.value) }
        if let name, operation.queryParameters.contains(name) { query.append(name + "=" + value) }
        return query.isEmpty ? path : path + "?" + query.joined(separator: "&")
    }

    /// Percent-encodes everything but unreserved characters, so `&`, `=`, `+`, `/`, `%` and `#`
    /// arrive as data.
    private static func encoded(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: CharacterSet(charactersIn:
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")) ?? ""
    }

    /// The archive file's bytes, and that no journal or WAL file appeared beside it.
    private static func archiveSnapshot() throws -> Data {
        let path = SampleArchive.databasePath
        for suffix in ["-journal", "-wal", "-shm"] {
            XCTAssertFalse(FileManager.default.fileExists(atPath: path + suffix), "\(path + suffix) exists")
        }
        return try Data(contentsOf: URL(fileURLWithPath: path))
    }

    /// One GET through URLSession (not our client), for targets `Request(target:)` refuses.
    private static func fetch(port: Int, _ target: String) throws -> (status: Int, contentType: String?, body: Data) {
        let reply = try HTTPFetch.request(port: port, target)
        return (reply.status, reply.headers["content-type"], reply.body)
    }
}
