import Dispatch
import Foundation
import Storage

/// Builds the full-text index of the posts (``Schema/searchIndex``) in a ``SideDatabase`` while the
/// archive's connection writes the posts; `copy` then moves the finished index into the archive
/// (FTS5 keeps it in plain shadow tables). Tokenizing every post is the largest part of writing them.
///
/// The thread runs at the ingest's own priority. At nice 5 (when extraction took most of the CPU)
/// the index was the last thing built, alone on one core: at 100 MB it finished 0.7–0.9 s after the
/// entity tables, and the ingest took 3.95 s against 3.76 s at nice 0 (medians of 4 alternating runs).
final class SearchIndexBuilder: @unchecked Sendable {
    private let queue = DocumentQueue()
    private let side: SideDatabase

    /// Starts the thread, which indexes what `add` hands it into a new database at `path`.
    init(path: String) {
        let queue = queue
        side = SideDatabase(path: path) { database in try Self.build(database, from: queue) }
    }

    /// What the index reads of a post. Only this waits in the queue, not the whole row, and its
    /// strings are the post's own: a queue that falls behind holds no copies.
    fileprivate struct Document {
        let rowid: Int
        let headline: String
        let paragraphs: [String]
    }

    /// Indexes `rows` in the background.
    func add(_ rows: [PostRow]) {
        queue.add(rows.map { Document(rowid: $0.rowid, headline: $0.searchHeadline, paragraphs: $0.paragraphs) })
    }

    /// Tells the thread that every post has been added.
    func seal() {
        queue.seal()
    }

    /// Whether the index is complete (or failed).
    var isBuilt: Bool { side.isBuilt }

    /// Runs `handler` on `queue` once the index is complete (or failed).
    func notify(on queue: DispatchQueue, _ handler: @escaping @Sendable () -> Void) {
        side.notify(on: queue, handler)
    }

    /// Waits for the index and copies it into `archive`, which must hold the (empty)
    /// ``Schema/searchIndex`` and not be in a transaction.
    func copy(into archive: Database) throws {
        try side.copy(Schema.searchIndexTables, into: archive)
    }

    /// Stops indexing and removes the index database (when the archive could not be written).
    func discard() {
        queue.cancel()
        side.discard()
    }

    /// Memory for the index of pending posts: 64 MiB holds the index of about 100 MB of sources.
    static let bufferBytes = 64 << 20

    /// The thread's work: index every batch as it comes, then merge the index into one segment.
    private static func build(_ database: Database, from queue: DocumentQueue) throws {
        try database.execute(Schema.searchIndex)
        // FTS5 flushes its pending index to a new segment whenever it holds `hashsize` bytes (1 MiB by
        // default) and keeps merging the segments; a large buffer builds the index in a few big segments.
        try database.execute("INSERT INTO posts_fts(posts_fts, rank) VALUES ('hashsize', \(bufferBytes)); BEGIN")
        // Released before the connection closes: a live statement keeps the file open and locked.
        do {
            let insert = try database.prepare("INSERT INTO posts_fts(rowid, headline, body) VALUES (?, ?, ?)")
            while let documents = queue.next() {
                for document in documents {
                    try insert.run(document.rowid, document.headline, document.paragraphs.joined(separator: "\n"))
                }
            }
        }
        if queue.isCancelled { throw CancellationError() }
        try database.execute("COMMIT; INSERT INTO posts_fts(posts_fts) VALUES ('optimize')")
    }
}

/// The batches of documents waiting to be indexed, handed from the writer to the index thread.
private final class DocumentQueue: @unchecked Sendable {
    // `condition` guards the three properties below it.
    private let condition = NSCondition()
    private var waiting: [[SearchIndexBuilder.Document]] = []
    private var sealed = false
    private var cancelled = false

    func add(_ documents: [SearchIndexBuilder.Document]) {
        condition.lock()
        waiting.append(documents)
        condition.signal()
        condition.unlock()
    }

    /// No more batches will come.
    func seal() {
        condition.lock()
        sealed = true
        condition.signal()
        condition.unlock()
    }

    /// Drops what waits and ends `next`.
    func cancel() {
        condition.lock()
        cancelled = true
        waiting.removeAll()
        condition.signal()
        condition.unlock()
    }

    var isCancelled: Bool { condition.withLock { cancelled } }

    /// The next batch, waiting for it; nil once sealed and empty, or when cancelled.
    func next() -> [SearchIndexBuilder.Document]? {
        condition.lock()
        defer { condition.unlock() }
        while waiting.isEmpty && !sealed && !cancelled { condition.wait() }
        guard !cancelled, !waiting.isEmpty else { return nil }
        return waiting.removeFirst()
    }
}
