import API
import Foundation
import HTTPServer
import Ingest
import TestHelpers
import XCTest

/// An archive built once from `Samples/` for all API tests, and helpers to ask it things.
enum SampleArchive {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let samples = repositoryRoot.appendingPathComponent("Samples").path

    /// The database built from the samples (built on first use).
    static let databasePath: String = {
        let folder = try! TemporaryFolder.make("api")
        let path = folder + "/samples.sqlite"
        _ = try! IngestJob.run(IngestOptions(sourceFolders: [samples], databasePath: path))
        return path
    }()

    static let api: ArchiveAPI = try! ArchiveAPI(databasePath: databasePath)
}

/// A response as tests read it.
struct Reply {
    let response: Response

    var status: Int { response.status.code }
    /// The content as a client that does not take gzip gets it (a cached response is kept gzipped).
    var body: [UInt8] { (try? response.content) ?? [] }
    var text: String { String(decoding: body, as: UTF8.self) }

    /// The body as a JSON object (fails the test when it is not one).
    var object: [String: Any] {
        get throws { try XCTUnwrap(JSONSerialization.jsonObject(with: Data(body)) as? [String: Any], text) }
    }

    var items: [[String: Any]] {
        get throws { try XCTUnwrap(object["items"] as? [[String: Any]]) }
    }

    var nextCursor: String? {
        get throws { try object["next_cursor"] as? String }
    }

    /// The `detail` of a problem body.
    var detail: String {
        (try? object["detail"] as? String) ?? ""
    }
}

extension XCTestCase {
    /// Asks the sample archive's API for `target` (e.g. `/api/posts?limit=2`).
    func get(_ target: String, api: ArchiveAPI = SampleArchive.api) throws -> Reply {
        Reply(response: api.handle(try Request(target: target)))
    }

    /// Follows `next_cursor` from `target` to the end and returns every item's id in order.
    func walk(_ target: String, file: StaticString = #filePath, line: UInt = #line) throws -> [String] {
        var ids: [String] = []
        var cursor: String?
        var requests = 0
        repeat {
            let separator = target.contains("?") ? "&" : "?"
            let reply = try get(target + (cursor.map { separator + "cursor=" + $0 } ?? ""))
            XCTAssertEqual(reply.status, 200, reply.text, file: file, line: line)
            ids += try reply.items.map { try XCTUnwrap($0["id"] as? String) }
            cursor = try reply.nextCursor
            requests += 1
        } while cursor != nil && requests < 1000
        return ids
    }
}
