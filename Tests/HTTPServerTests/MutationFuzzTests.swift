import Foundation
import HTTPServer
import TestHelpers
import XCTest

/// A deterministic mutation fuzzer over valid requests.
///
/// Each case is a valid request mutated by one to four random operations (bit flips, interesting
/// bytes, token insertions, deletions, duplications, splices with another seed, truncation), sent
/// together with two probes, `GET /probe` with `X-Request-Id: probe-N` and then `probe-N-end`.
/// The server always reaches a verdict on those bytes, because the first probe ends with an empty
/// line and the server accepts no content; whatever the mutation did, the request that carries
/// `probe-N` ends exactly where the first probe ends, so the second probe is always a clean request
/// of its own (and, being a GET, tells the client whether the answer before it was a bodyless HEAD
/// answer). The client reads answers until the second probe's or the server ends the connection, and
/// keeps using the connection when the server kept it open.
///
/// Every answer must be well-framed, with a status from the expected set (no 500, no 408, no 503:
/// this test stays under every limit); the server must never hang; afterwards it must still answer,
/// with no connection or descriptor left over. `DATELINE_FUZZ_REQUESTS` (default 100000) and
/// `DATELINE_FUZZ_SEED` change the run; a failure prints the case number and bytes to replay.
final class MutationFuzzTests: XCTestCase {
    static let seeds: [[UInt8]] = [
        "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /big HTTP/1.1\r\nHost: example.com\r\nAccept-Encoding: gzip, deflate\r\nUser-Agent: fuzz/1.0\r\n\r\n",
        "HEAD /etag HTTP/1.1\r\nHost: x\r\nIf-None-Match: \"v1\"\r\n\r\n",
        "GET /api/posts?page=2&limit=20&order=desc HTTP/1.1\r\nHost: x\r\nAccept: application/json\r\n\r\n",
        "GET /caf%C3%A9/a%2Fb?q=a+b%26c&tag=1&tag=2 HTTP/1.1\r\nHost: x\r\nX-Request-Id: abc-123\r\n\r\n",
        "GET http://example.com/p?x=1 HTTP/1.1\r\nHost: example.com\r\nConnection: keep-alive\r\n\r\n",
        "GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
        "OPTIONS /x HTTP/1.1\r\nHost: x\r\nOrigin: http://a\r\nAccess-Control-Request-Method: GET\r\nAccess-Control-Request-Headers: x-a, x-b\r\n\r\n",
        "GET /etag HTTP/1.1\r\nHost: x\r\nIf-None-Match: W/\"v0\", \"v1\"\r\nAccept-Encoding: gzip;q=0, *;q=0.5\r\n\r\n",
        "POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n",
        "GET /search?q=%22flood+warning%22&since=2022-02-11T00%3A00%3A00Z HTTP/1.1\r\nHost: x\r\n\r\n",
        "\r\nGET /big?x=%7E HTTP/1.1\r\nhost: x\r\naccept-encoding: x-gzip\r\nconnection: close\r\n\r\n",
    ].map { Array($0.utf8) }

    private static let tokens: [[UInt8]] = [
        "\r\n", "\n", "\r", " ", "\t", "%", "%00", "%2e%2e/", "../", "%ff", "%c0%af", "\r\n\r\n", "\r\n ",
        "Content-Length: 0\r\n", "Content-Length: 7\r\n", "Transfer-Encoding: chunked\r\n", "Host: y\r\n",
        "Connection: close\r\n", "HTTP/1.1", "HTTP/2.0", "GET / HTTP/1.1\r\n", ":", ",", "\"", "W/", ";q=0",
        "?", "&", "=", "+", "#", "\\", "\u{0}", "\u{7F}", "é", "//", "/./", "*",
    ].map { Array($0.utf8) }

    private static let interestingBytes: [UInt8] = [
        0x00, 0x09, 0x0A, 0x0D, 0x20, 0x22, 0x23, 0x25, 0x26, 0x2B, 0x2C, 0x2E, 0x2F, 0x3A, 0x3B, 0x3D,
        0x3F, 0x5C, 0x7F, 0x80, 0xC0, 0xFF,
    ]

    /// Statuses a correct server may give these requests.
    private static let expectedStatuses: Set<Int> = [200, 204, 304, 400, 404, 405, 413, 414, 431, 501, 505]

    private static let handler: Handler = { request in
        switch request.path {
        case "/probe": return .text("probe")
        case "/hello": return .text("hello world")
        case "/big": return .json(TestHandlers.bigJSON)
        case "/etag":
            return Response(status: .ok, headers: ["Content-Type": "text/plain", "ETag": "\"v1\""], body: Array("versioned".utf8))
        default: return .text("ok \(request.pathSegments.count) \(request.queryItems.count)")
        }
    }

    func testMutatedRequestsNeverCrashHangOr500() throws {
        let environment = ProcessInfo.processInfo.environment
        let total = environment["DATELINE_FUZZ_REQUESTS"].flatMap(Int.init) ?? 100_000
        let seed = environment["DATELINE_FUZZ_SEED"].flatMap(UInt64.init) ?? 0xDA7E_11E5
        let server = try startServer({
            $0.corsAllowedOrigin = "*"
            $0.headerTimeout = 30
        }, handler: Self.handler)
        let descriptorsBefore = DescriptorSnapshot()
        var random = SplitMix64(seed: seed)
        var outcomes: [String: Int] = [:]
        var connections = 0
        var probesAnswered = 0
        var failures = 0
        var client: WireClient?
        let started = Date()

        for index in 0..<total where failures < 20 {
            let mutated = Self.mutate(Self.seeds[Int(random.next() % UInt64(Self.seeds.count))], &random)
            if client == nil {
                client = try WireClient(port: server.port)
                connections += 1
            }
            guard let connection = client else { continue }
            let probeID = "probe-\(index)"
            let endID = probeID + "-end"
            connection.send(mutated + Array(("GET /probe HTTP/1.1\r\nHost: p\r\nX-Request-Id: \(probeID)\r\n\r\n"
                                             + "GET /probe HTTP/1.1\r\nHost: p\r\nX-Request-Id: \(endID)\r\n\r\n").utf8))
            var keepConnection = false
            var answers = 0
            reading: while answers < 256 {
                let response: WireResponse?
                do {
                    response = try connection.readResponse(bodyless: nil, timeout: 10)
                } catch {
                    failures += 1
                    outcomes["\(error)", default: 0] += 1
                    XCTFail("case \(index) (seed \(seed)): \(error) after \(answers) answers; request: \(Self.describe(mutated))")
                    break reading
                }
                guard let response else {
                    outcomes[connection.ending == .reset ? "reset" : "closed", default: 0] += 1
                    break reading
                }
                answers += 1
                if response.header("X-Request-Id") == endID {
                    XCTAssertEqual(response.status, 200, "case \(index): the closing probe")
                    XCTAssertEqual(response.text, "probe", "case \(index): the closing probe")
                    keepConnection = !response.closes
                    break reading
                }
                if response.header("X-Request-Id") == probeID && response.status == 200 && response.text == "probe" {
                    probesAnswered += 1
                    continue reading
                }
                outcomes["\(response.status)", default: 0] += 1
                if !Self.expectedStatuses.contains(response.status) {
                    failures += 1
                    XCTFail("case \(index) (seed \(seed)): status \(response.status) \(response.text); request: \(Self.describe(mutated))")
                }
                if response.closes {
                    XCTAssertTrue(connection.endsWithoutMoreBytes(), "case \(index): bytes after Connection: close")
                    outcomes["closed", default: 0] += 1
                    break reading
                }
            }
            if !keepConnection { client = nil }
        }
        client = nil
        let seconds = Date().timeIntervalSince(started)

        assertStillServes(server, "after fuzzing")
        XCTAssertTrue(eventually { server.openConnections == 0 }, "connections left open: \(server.openConnections)")
        let descriptorsAfter = assertNoDescriptorLeak(since: descriptorsBefore)
        let summary = outcomes.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
        print(String(format: "mutation fuzz: %d mutated requests (+ %d first probes answered cleanly) in %.1f s over %d connections, seed %llu",
                     total, probesAnswered, seconds, connections, seed))
        print("mutation fuzz outcomes: \(summary); descriptors before \(descriptorsBefore.count), after \(descriptorsAfter)")
    }

    /// One to four mutations of `seed`. Works on `Data`, whose range operations are memmoves even in
    /// a debug build, so a hundred thousand cases stay cheap.
    static func mutate(_ seed: [UInt8], _ random: inout SplitMix64) -> [UInt8] {
        var bytes = Data(seed)
        func pick(_ bound: Int) -> Int { Int(random.next() % UInt64(max(1, bound))) }
        for _ in 0..<1 + pick(4) {
            let position = pick(bytes.count)
            switch pick(10) {
            case 0:
                if !bytes.isEmpty { bytes[position] ^= 1 << UInt8(pick(8)) }
            case 1:
                if !bytes.isEmpty { bytes[position] = interestingBytes[pick(interestingBytes.count)] }
            case 2:
                bytes.insert(contentsOf: tokens[pick(tokens.count)], at: position)
            case 3:
                bytes.removeSubrange(position..<min(bytes.count, position + 1 + pick(12)))
            case 4:
                let copy = bytes.subdata(in: position..<min(bytes.count, position + 1 + pick(40)))
                let target = pick(bytes.count + 1)
                bytes.replaceSubrange(target..<target, with: copy)
            case 5:
                let other = seeds[pick(seeds.count)]
                bytes.replaceSubrange(position..<bytes.count, with: other[pick(other.count)...])
            case 6:
                if bytes.count > 1 { bytes.removeSubrange(max(1, position)..<bytes.count) }
            case 7:
                let filler = Data(repeating: UInt8(0x41 + pick(26)), count: [1, 16, 300, 5000, 20000][pick(5)])
                bytes.replaceSubrange(position..<position, with: filler)
            case 8:
                if !bytes.isEmpty { bytes[position] = UInt8(truncatingIfNeeded: random.next()) }
            default:
                if !bytes.isEmpty, bytes[position] & 0xDF >= 0x41, bytes[position] & 0xDF <= 0x5A { bytes[position] ^= 0x20 }
            }
        }
        return [UInt8](bytes)
    }

    private static func describe(_ bytes: [UInt8]) -> String {
        String(decoding: bytes.prefix(400), as: UTF8.self).debugDescription + (bytes.count > 400 ? "… (\(bytes.count) bytes)" : "")
    }
}
