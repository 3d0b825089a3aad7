import Dispatch
import Foundation
import Storage

/// Builds the full-text index of the posts (``Schema/searchIndex``) on a connection and thread of
/// its own, in a database file beside the archive, while the archive's connection writes the posts;
/// `finish` then copies the finished index into the archive. Tokenizing every post is the largest
/// part of writing them, and one SQLite connection runs on one core.
final class SearchIndexBuilder: @unchecked Sendable {
    /// Runs every use of `database`, in order.
    private let queue = DispatchQueue(label: "dateline.search-index")
    // Used on `queue` only.
    private let database: Database
    /// Released before the connection closes: a live statement keeps the file open and locked.
    private var insert: Statement?
    private var failure: Error?

    /// Opens a new index database at `path` (removed again by `finish`, or by the caller on failure).
    init(path: String) throws {
        unlink(path)
        database = try Database(path: path)
        try database.configureForBulkWrite()
        try database.execute(Schema.searchIndex)
        // FTS5 flushes its pending index to a new segment whenever it holds `hashsize` bytes (1 MiB by
        // default) and keeps merging the segments; a large buffer builds the index in a few big segments.
        try database.execute("INSERT INTO posts_fts(posts_fts, rank) VALUES ('hashsize', \(Self.bufferBytes)); BEGIN")
        insert = try database.prepare("INSERT INTO posts_fts(rowid, headline, body) VALUES (?, ?, ?)")
    }

    /// Memory for the index of pending posts: 64 MiB holds the index of about 100 MB of sources.
    static let bufferBytes = 64 << 20

    /// Indexes `rows` in the background.
    func add(_ rows: [PostRow]) {
        queue.async { [self] in
            guard failure == nil else { return }
            do {
                for row in rows { try insert?.run(row.rowid, row.searchHeadline, row.searchBody) }
            } catch {
                failure = error
            }
        }
    }

    /// Waits for the index to be complete, merges it into one segment, and copies it into `archive`,
    /// which must hold the (empty) ``Schema/searchIndex`` and not be in a transaction.
    func finish(into archive: Database) throws {
        try queue.sync {
            if let failure { throw failure }
            insert = nil
            try database.execute("COMMIT; INSERT INTO posts_fts(posts_fts) VALUES ('optimize')")
            database.close()
        }
        try archive.prepare("ATTACH DATABASE ? AS search").run(database.path)
        try archive.transaction {
            for table in Schema.searchIndexTables {
                try archive.execute("DELETE FROM main.\(table); INSERT INTO main.\(table) SELECT * FROM search.\(table)")
            }
        }
        try archive.execute("DETACH DATABASE search")
        unlink(database.path)
    }

    /// Stops indexing and removes the index database (when the archive could not be written).
    func discard() {
        queue.sync {
            insert = nil
            database.close()
        }
        unlink(database.path)
    }
}
