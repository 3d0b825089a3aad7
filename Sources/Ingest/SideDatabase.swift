import Dispatch
import Foundation
import Storage

/// A database file beside the archive, written by `build` on a thread and connection of its own
/// while the archive's connection does other work; ``copy(_:into:)`` then moves its tables in.
///
/// One SQLite connection runs on one core. Copying a finished table into an empty table of the
/// same definition and indexes is much cheaper than building it: SQLite moves the records and
/// index entries as they are, without encoding, checking or sorting them again.
final class SideDatabase: @unchecked Sendable {
    private let path: String
    /// Left when `build` has returned or thrown.
    private let done = DispatchGroup()
    /// Set by the build thread before it leaves `done`; read only after waiting on `done`.
    private var failure: Error?

    /// Starts a thread that creates a new database at `path` (removed again by `copy` or
    /// `discard`) and runs `build` on it.
    init(path: String, build: @escaping @Sendable (Database) throws -> Void) {
        self.path = path
        done.enter()
        Thread.detachNewThread { [self] in
            do {
                unlink(path)
                let database = try Database(path: path)
                defer { database.close() }
                try database.configureForBulkWrite()
                try build(database)
            } catch {
                failure = error
            }
            done.leave()
        }
    }

    /// Whether `build` has finished (or failed).
    var isBuilt: Bool {
        done.wait(timeout: .now()) == .success
    }

    /// Runs `handler` on `queue` once `build` has finished (or failed).
    func notify(on queue: DispatchQueue, _ handler: @escaping @Sendable () -> Void) {
        done.notify(queue: queue, execute: handler)
    }

    /// Waits for `build`, then copies `tables` into `archive`, which must hold them (empty, with the
    /// same indexes) and not be in a transaction, and removes the file.
    func copy(_ tables: [String], into archive: Database) throws {
        done.wait()
        if let failure { throw failure }
        try archive.prepare("ATTACH DATABASE ? AS side").run(path)
        try archive.transaction {
            for table in tables {
                try archive.execute("DELETE FROM main.\(table); INSERT INTO main.\(table) SELECT * FROM side.\(table)")
            }
        }
        try archive.execute("DETACH DATABASE side")
        unlink(path)
    }

    /// Waits for `build` and removes the file (when the archive could not be written).
    func discard() {
        done.wait()
        unlink(path)
    }
}
