import Foundation
import XCTest

/// Test corpora and files shared by the test targets.
public enum Corpus {
    /// The checkout's root folder.
    public static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Writes a synthetic corpus of about `megabytes` MB with `bench/gen_corpus.py` (skips the test
    /// when python3 cannot run it).
    public static func generate(into folder: String, megabytes: Int, seed: Int = 3) throws {
        let script = repositoryRoot.appendingPathComponent("bench/gen_corpus.py").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, folder, String(megabytes), "--seed", String(seed)]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw XCTSkip("python3 \(script) failed (status \(process.terminationStatus))") }
    }

    /// The size of a file in bytes (0 when it does not exist).
    public static func size(of path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
    }
}
