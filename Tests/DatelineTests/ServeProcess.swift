import Foundation
import Synchronization
import TestHelpers
import XCTest

/// Text a child process writes, collected from a reader thread.
final class LogBuffer: Sendable {
    private let text = Mutex("")
    func append(_ chunk: String) { text.withLock { $0 += chunk } }
    var contents: String { text.withLock { $0 } }
}

/// A `dateline serve` child process on a free loopback port, and an HTTP client for it.
final class ServeProcess {
    let process = Process()
    let port: Int
    private let errors = Pipe()
    private let logBuffer = LogBuffer()

    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The `dateline` executable next to the test bundle (SwiftPM builds it for this test target).
    static func executable() throws -> URL {
        let candidates = [Bundle.main.executableURL, URL(fileURLWithPath: CommandLine.arguments[0])]
            .compactMap { $0?.deletingLastPathComponent() }
            .flatMap { [$0.appendingPathComponent("dateline"), $0.deletingLastPathComponent().appendingPathComponent("dateline")] }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw ServeProcessError("no dateline executable beside the tests (looked at \(candidates.map(\.path)))")
        }
        return found
    }

    /// Starts `dateline serve --port 0 …arguments` in the repository folder and waits until it says
    /// which port it bound.
    init(arguments: [String], environment: [String: String] = [:]) throws {
        process.executableURL = try Self.executable()
        process.arguments = ["serve", "--port", "0"] + arguments
        process.currentDirectoryURL = Self.repositoryRoot
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { $1 }
        process.environment = env
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        let buffer = logBuffer
        errors.fileHandleForReading.readabilityHandler = { handle in
            buffer.append(String(decoding: handle.availableData, as: UTF8.self))
        }
        try process.run()
        var bound: Int?
        let deadline = Date().addingTimeInterval(20)
        while bound == nil, Date() < deadline, process.isRunning {
            Thread.sleep(forTimeInterval: 0.02)
            let collected = logBuffer.contents
            bound = collected.range(of: "url=http://127.0.0.1:").flatMap { range in
                Int(collected[range.upperBound...].prefix { $0.isNumber })
            }
        }
        guard let bound else {
            process.terminate()
            throw ServeProcessError("dateline serve did not start: \(logBuffer.contents)")
        }
        port = bound
    }

    deinit {
        if process.isRunning { process.terminate() }
        errors.fileHandleForReading.readabilityHandler = nil
    }

    /// Everything the server wrote to standard error so far.
    var log: String { logBuffer.contents }

    /// Sends a signal and, for SIGTERM/SIGINT, waits for the exit status.
    func signal(_ number: Int32) {
        kill(process.processIdentifier, number)
    }

    func waitForExit(timeout: TimeInterval = 15) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        return process.isRunning ? nil : process.terminationStatus
    }

    /// One request through URLSession (a client independent of the server's own code).
    func request(_ path: String, method: String = "GET", headers: [String: String] = [:]) throws -> (status: Int, headers: [String: String], body: Data) {
        let reply = try HTTPFetch.request(port: port, path, method: method, headers: headers)
        return (reply.status, reply.headers, reply.body)
    }

    /// Polls `/readyz` until it answers 200.
    func waitUntilReady(timeout: TimeInterval = 30) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let reply = try? request("/readyz"), reply.status == 200 { return }
            Thread.sleep(forTimeInterval: 0.05)
        }
        XCTFail("never ready: \(log)")
    }
}

/// Why a test could not run the server.
struct ServeProcessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
