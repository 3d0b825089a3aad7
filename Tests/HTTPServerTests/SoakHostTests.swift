import Foundation
import Glibc
import HTTPServer
import XCTest

/// A target for `bench/soak.sh` until `dateline serve` exists; skipped in normal runs.
///
/// With `DATELINE_SOAK_SECONDS=N` (and optionally `DATELINE_SOAK_PORT`, default 8089) it serves for
/// N seconds a router with JSON routes (many ids, lists with a limit, gzip-worthy bodies) and static
/// files from a temporary Public folder, with the access log off, and writes a paths file for the
/// soak script. It prints the URL, the pid and the paths file, e.g.
///
///     DATELINE_SOAK_SECONDS=90 swift test --filter SoakHostTests &
///     bench/soak.sh http://127.0.0.1:8089 <pid> --paths <paths file>
final class SoakHostTests: XCTestCase {
    func testServeForASoak() throws {
        let environment = ProcessInfo.processInfo.environment
        guard let seconds = environment["DATELINE_SOAK_SECONDS"].flatMap(Double.init), seconds > 0 else {
            throw XCTSkip("set DATELINE_SOAK_SECONDS to serve for bench/soak.sh")
        }
        let port = environment["DATELINE_SOAK_PORT"].flatMap(Int.init) ?? 8089
        let folder = NSTemporaryDirectory() + "soak-host-\(getpid())"
        try FileManager.default.createDirectory(atPath: folder + "/Public", withIntermediateDirectories: true)
        try "<!doctype html><title>soak</title>".write(toFile: folder + "/Public/index.html", atomically: true, encoding: .utf8)
        try String(repeating: "body { margin: 0 }\n", count: 200).write(toFile: folder + "/Public/style.css", atomically: true, encoding: .utf8)
        let files = try StaticFiles(root: folder + "/Public")

        var router = Router(fallback: { request in files.respond(to: request) ?? .problem(status: .notFound) })
        router.get("/api/items/{id}") { _, parameters in
            let id = parameters["id"] ?? ""
            return .json(Array("{\"id\":\"\(id)\",\"title\":\"Item \(id)\",\"body\":[\"one\",\"two\"]}".utf8))
        }
        router.get("/api/items") { request, _ in
            let limit = min(100, max(1, Int(request.query("limit") ?? "") ?? 20))
            let items = (0..<limit).map { "{\"id\":\"\($0)\",\"title\":\"Item \($0) of a list page\"}" }
            return .json(Array(("{\"items\":[" + items.joined(separator: ",") + "],\"next_cursor\":null}").utf8))
        }
        let server = HTTPServer(configuration: ServerConfiguration(port: port, accessLog: nil), handler: router.handler)
        try server.start()
        defer { server.shutdown(gracePeriod: 2) }

        var paths = (0..<1000).map { "/api/items/\($0)" }
        paths += (1...100).map { "/api/items?limit=\($0)" }
        paths += ["/", "/style.css", "/index.html", "/api/items/%C3%A9t%C3%A9", "/api/items?limit=20&x=%20"]
        let pathsFile = folder + "/paths.txt"
        try paths.joined(separator: "\n").write(toFile: pathsFile, atomically: true, encoding: .utf8)
        print("soak host: http://127.0.0.1:\(server.port) pid \(getpid()) paths \(pathsFile) for \(Int(seconds)) s")
        fflush(nil)
        Thread.sleep(forTimeInterval: seconds)
    }
}
