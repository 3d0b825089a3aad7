import Foundation
import Storage
import TestHelpers
import XCTest

/// Folders and queries shared by the ingest tests.
enum TestSupport {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let samples = repositoryRoot.appendingPathComponent("Samples").path
    /// `../shared/seeds` beside the checkout, when present (CI has it).
    static let seeds = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/seeds").path

    /// The built `dateline` executable beside the running test bundle (`.build/<triple>/debug/`);
    /// the test is skipped when it is absent.
    static func datelineBinary() throws -> URL {
        let bundle = URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
                         ?? CommandLine.arguments[0])
        let binary = bundle.deletingLastPathComponent().appendingPathComponent("dateline")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            throw XCTSkip("no dateline executable at \(binary.path); build it with `swift build`")
        }
        return binary
    }

    /// Starts `binary ingest --sources … --db …` in `folder` (so no config.json is read), its output discarded.
    static func startIngest(_ binary: URL, sources: String, database: String, in folder: String) throws -> Process {
        let process = Process()
        process.executableURL = binary
        process.arguments = ["ingest", "--sources", sources, "--db", database]
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    static func temporaryFolder() throws -> String {
        try TemporaryFolder.make("ingest")
    }

    /// Copies the sample corpus into a new folder, optionally renaming each file.
    static func copySamples(rename: (String) -> String = { $0 }) throws -> String {
        let folder = try temporaryFolder()
        for name in try FileManager.default.contentsOfDirectory(atPath: samples) where !name.hasSuffix(".md") {
            try FileManager.default.copyItem(atPath: samples + "/" + name, toPath: folder + "/" + rename(name))
        }
        return folder
    }

    /// All rows of a query, each as its columns rendered as text (NULL as "∅").
    static func rows(_ database: String, _ sql: String, _ values: SQLBindable?...) throws -> [[String]] {
        let db = try Database(path: database, mode: .readOnly)
        defer { db.close() }
        let statement = try db.prepare(sql)
        try statement.bind(values.map { $0?.sqlValue ?? .null })
        var result: [[String]] = []
        while try statement.step() {
            result.append((0..<statement.columnCount).map { statement.row.optionalText($0) ?? "∅" })
        }
        return result
    }

    static func scalar(_ database: String, _ sql: String, _ values: SQLBindable?...) throws -> String {
        let db = try Database(path: database, mode: .readOnly)
        defer { db.close() }
        let statement = try db.prepare(sql)
        try statement.bind(values.map { $0?.sqlValue ?? .null })
        guard try statement.step() else { throw XCTSkip("no row for \(sql)") }
        return statement.row.optionalText(0) ?? "∅"
    }

    static func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
        let folder = try temporaryFolder()
        let input = folder + "/in"
        _ = FileManager.default.createFile(atPath: input, contents: Data(bytes))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-9", "-n", input]
        try process.run()
        process.waitUntilExit()
        return [UInt8](FileManager.default.contents(atPath: input + ".gz")!)
    }
}
