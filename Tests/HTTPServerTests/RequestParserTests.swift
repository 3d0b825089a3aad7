@testable import HTTPServer
import TestHelpers
import XCTest

/// The incremental parser against itself: bytes fed one at a time must reach exactly the verdict
/// (and head) that a fresh parse of the same bytes gives, at exactly the byte where that verdict
/// first becomes possible.
final class RequestParserTests: XCTestCase {
    private typealias Limits = (requestLine: Int, header: Int, body: Int)

    /// Regression for the quadratic re-parse: the parser used to start over on every call, so a head
    /// trickled one byte per packet cost O(n²) (a 15 KB head took 1.5 s of server CPU in a debug
    /// build); now it resumes where it stopped. This checks that resuming changes no verdict, over
    /// the fuzzer's seeds and 3,000 of their mutations, under default and tiny limits.
    func testByteAtATimeMatchesAllAtOnce() throws {
        var random = SplitMix64(seed: 7)
        var inputs = MutationFuzzTests.seeds
        for index in 0..<3000 {
            inputs.append(MutationFuzzTests.mutate(MutationFuzzTests.seeds[index % MutationFuzzTests.seeds.count], &random))
        }
        inputs += [
            Array("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhelloGET /next HTTP/1.1\r\n".utf8),
            Array("\r\nGET /\rX HTTP/1.1\r\n\r\n".utf8),
            Array("GET / HTTP/1.1\r\nX: a\r".utf8) + [0x00],
            [0x16, 0x03, 0x01, 0x02, 0x00],
        ]
        var verdicts: [String: Int] = [:]
        for limits in [(8192, 16384, 0), (64, 128, 16)] as [Limits] {
            for input in inputs {
                let verdict = try checkIncremental(input, limits: limits)
                verdicts[verdict, default: 0] += 1
            }
        }
        XCTAssertGreaterThan(verdicts["complete"] ?? 0, 100, "\(verdicts)")
        XCTAssertGreaterThan(verdicts.count, 5, "\(verdicts)")
    }

    /// Feeds `input` one byte at a time; returns the kind of verdict reached ("incomplete" if none).
    private func checkIncremental(_ input: [UInt8], limits: Limits) throws -> String {
        func parser() -> RequestParser {
            RequestParser(maxRequestLineBytes: limits.requestLine, maxHeaderBytes: limits.header, maxBodyBytes: limits.body)
        }
        guard !input.isEmpty else { return "empty" }
        var incremental = parser()
        return input.withUnsafeBytes { bytes in
            for length in 1...bytes.count {
                let prefix = bytes.slice(0..<length)
                let result = incremental.parse(prefix)
                if case .incomplete = result { continue }
                var fresh = parser()
                let expected = fresh.parse(prefix)
                XCTAssertEqual("\(result)", "\(expected)", "at byte \(length) of \(String(decoding: input.prefix(200), as: UTF8.self).debugDescription)")
                if case .complete = result {
                    XCTAssertEqual("\(incremental.head)", "\(fresh.head)", "head of \(String(decoding: input.prefix(200), as: UTF8.self).debugDescription)")
                }
                if length > 1 {
                    var earlier = parser()
                    let before = earlier.parse(bytes.slice(0..<length - 1))
                    XCTAssertEqual("\(before)", "incomplete", "the verdict came late for \(String(decoding: input.prefix(200), as: UTF8.self).debugDescription)")
                }
                if case .complete = result { return "complete" }
                if case .invalid(let status, _) = result { return "\(status.code)" }
            }
            var fresh = parser()
            XCTAssertEqual("\(fresh.parse(bytes.slice(0..<bytes.count)))", "incomplete")
            return "incomplete"
        }
    }
}
