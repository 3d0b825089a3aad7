import Dispatch
import Foundation
import Storage

/// Builds the full-text index of the posts (``Schema/searchIndex``) on a connection and thread of
/// its own, in a database file beside the archive, while the archive's connection writes the posts;
/// `copy` then moves the finished index into the archive. Tokenizing every post is the largest part
/// of writing them, and one SQLite connection runs on one core.
///
/// The thread runs at a somewhat lower priority (nice 5), so that extraction's corpus pass, which
/// runs beside it, keeps most of a core. Any lower and on large corpora the index is still being
/// built, alone on one core, after everything else is done.
final class SearchIndexBuilder: @unchecked Sendable {
    private let path: String
    /// Signalled when the index is complete (or failed).
    private let done = DispatchGroup()
    // `condition` guards the three properties below it.
    private let condition = NSCondition()
    private var waiting: [[Document]] = []
    private var sealed = false
    private var failure: Error?

    /// Starts the thread, which creates a new index database at `path` (removed again by `copy`
    /// or `discard`).
    init(path: String) {
        self.path = path
        done.enter()
        Thread.detachNewThread { [self] in
            setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 5)  // this thread only, on Linux
            do {
                try build()
            } catch {
                condition.lock()
                failure = error
                condition.unlock()
            }
            done.leave()
        }
    }

    /// What the index reads of a post. Only this waits in the queue, not the whole row, and its
    /// strings are the post's own: a queue that falls behind holds no copies.
    private struct Document {
        let rowid: Int
        let headline: String
        let paragraphs: [String]
    }

    /// Indexes `rows` in the background.
    func add(_ rows: [PostRow]) {
        let documents = rows.map { Document(rowid: $0.rowid, headline: $0.searchHeadline, paragraphs: $0.paragraphs) }
        condition.lock()
        waiting.append(documents)
        condition.signal()
        condition.unlock()
    }

    /// Tells the thread that every post has been added.
    func seal() {
        condition.lock()
        sealed = true
        condition.signal()
        condition.unlock()
    }

    /// Whether the index is complete (or failed).
    var isBuilt: Bool {
        done.wait(timeout: .now()) == .success
    }

    /// Runs `handler` on `queue` once the index is complete (or failed).
    func notify(on queue: DispatchQueue, _ handler: @escaping @Sendable () -> Void) {
        done.notify(queue: queue, execute: handler)
    }

    /// Waits for the index and copies it into `archive`, which must hold the (empty)
    /// ``Schema/searchIndex`` and not be in a transaction.
    func copy(into archive: Database) throws {
        done.wait()
        if let failure = condition.withLock({ failure }) { throw failure }
        try archive.prepare("ATTACH DATABASE ? AS search").run(path)
        try archive.transaction {
            for table in Schema.searchIndexTables {
                try archive.execute("DELETE FROM main.\(table); INSERT INTO main.\(table) SELECT * FROM search.\(table)")
            }
        }
        try archive.execute("DETACH DATABASE search")
        unlink(path)
    }

    /// Stops indexing and removes the index database (when the archive could not be written).
    func discard() {
        condition.lock()
        failure = failure ?? CancellationError()
        waiting.removeAll()
        sealed = true
        condition.signal()
        condition.unlock()
        done.wait()
        unlink(path)
    }

    /// Memory for the index of pending posts: 64 MiB holds the index of about 100 MB of sources.
    static let bufferBytes = 64 << 20

    /// The thread's work: index every batch as it comes, then merge the index into one segment.
    private func build() throws {
        unlink(path)
        let database = try Database(path: path)
        defer { database.close() }
        try database.configureForBulkWrite()
        try database.execute(Schema.searchIndex)
        // FTS5 flushes its pending index to a new segment whenever it holds `hashsize` bytes (1 MiB by
        // default) and keeps merging the segments; a large buffer builds the index in a few big segments.
        try database.execute("INSERT INTO posts_fts(posts_fts, rank) VALUES ('hashsize', \(Self.bufferBytes)); BEGIN")
        // Released before the connection closes: a live statement keeps the file open and locked.
        do {
            let insert = try database.prepare("INSERT INTO posts_fts(rowid, headline, body) VALUES (?, ?, ?)")
            while let documents = nextBatch() {
                for document in documents {
                    try insert.run(document.rowid, document.headline, document.paragraphs.joined(separator: "\n"))
                }
            }
        }
        if condition.withLock({ failure }) != nil { return }
        try database.execute("COMMIT; INSERT INTO posts_fts(posts_fts) VALUES ('optimize')")
    }

    /// The next batch to index, waiting for it; nil once sealed and empty, or when discarded.
    private func nextBatch() -> [Document]? {
        condition.lock()
        defer { condition.unlock() }
        while waiting.isEmpty && !sealed { condition.wait() }
        guard failure == nil, !waiting.isEmpty else { return nil }
        return waiting.removeFirst()
    }
}
