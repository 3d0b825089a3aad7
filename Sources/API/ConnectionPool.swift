import Storage
import Synchronization

/// Read-only connections to one database file, each keeping its prepared statements.
///
/// A handler borrows a connection for the length of one request, so there are never more
/// connections than requests in flight (the server's worker threads). The file is opened
/// `immutable`: ingest never changes a published file, it renames a new one over it, and an open
/// connection keeps reading the file it opened.
final class ConnectionPool: Sendable {
    let path: String
    private let idle = Mutex<[ReadConnection]>([])

    /// Opens one connection at once, so a missing or foreign file fails here and not on a request.
    init(path: String) throws {
        self.path = path
        let first = try ReadConnection(path: path)
        idle.withLock { $0.append(first) }
    }

    /// Runs `body` with a connection no other thread is using.
    func withConnection<T>(_ body: (ReadConnection) throws -> T) throws -> T {
        let connection = try idle.withLock { $0.popLast() } ?? ReadConnection(path: path)
        defer { idle.withLock { $0.append(connection) } }
        return try body(connection)
    }
}

/// One read-only connection and its statement cache. Used by one thread at a time.
final class ReadConnection: @unchecked Sendable {
    let database: Database
    private var statements: [String: Statement] = [:]

    init(path: String) throws {
        database = try Database(path: path, mode: .immutable)
        try database.configureForReading()
    }

    /// The prepared statement for `sql`, compiled on first use and reset for reuse.
    func statement(_ sql: String) throws -> Statement {
        if let cached = statements[sql] {
            cached.reset()
            return cached
        }
        let statement = try database.prepare(sql, persistent: true)
        statements[sql] = statement
        return statement
    }
}

/// What a route reads through: a borrowed connection and the identity of the archive behind it.
struct ArchiveReader {
    let connection: ReadConnection
    let info: ArchiveInfo
    /// How entities are named in posts and lists of related entities.
    let chips: EntityChips
    /// Longest a search may run (seconds), see ``SearchRoute``.
    let searchTimeLimit: Double

    /// The archive's version tag, for cursors.
    var version: String { info.version }

    func statement(_ sql: String) throws -> Statement {
        try connection.statement(sql)
    }
}
