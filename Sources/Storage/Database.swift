import CSQLite

/// One SQLite connection.
///
/// Opened with `SQLITE_OPEN_NOMUTEX`: a `Database` and its statements must be
/// used from one thread at a time (use one connection per thread).
/// Extended result codes are on, so `SQLiteError.code` is the extended code.
public final class Database {
    /// How the file is opened.
    public enum Mode: Sendable {
        /// Read and write; the file is created if missing.
        case readWrite
        /// `SQLITE_OPEN_READONLY`: every write fails with SQLITE_READONLY.
        case readOnly
        /// Read-only with the URI parameter `immutable=1`: SQLite takes no locks and
        /// assumes the file never changes while it is open.
        case immutable
    }

    /// The path the database was opened with.
    public let path: String
    /// The connection, or nil once closed.
    private(set) var handle: OpaquePointer?

    /// SQLite's process-wide settings, applied once before the first connection opens: no
    /// allocation statistics, which SQLite otherwise keeps under one mutex shared by every
    /// connection of the process (the server's readers run on several threads).
    private static let processSettings: Void = { _ = dateline_sqlite3_disable_memstatus() }()

    /// Opens (or, in `.readWrite` mode, creates) the database at `path`.
    public init(path: String, mode: Mode = .readWrite) throws {
        _ = Self.processSettings
        self.path = path
        var flags = SQLITE_OPEN_NOMUTEX
        var filename = path
        switch mode {
        case .readWrite:
            flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
        case .readOnly:
            flags |= SQLITE_OPEN_READONLY
        case .immutable:
            flags |= SQLITE_OPEN_READONLY | SQLITE_OPEN_URI
            filename = Self.immutableURI(path: path)
        }
        var db: OpaquePointer?
        let rc = sqlite3_open_v2(filename, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(db)
            throw SQLiteError(code: rc, message: "\(message): \(path)")
        }
        sqlite3_extended_result_codes(db, 1)
        handle = db
    }

    deinit {
        close()
    }

    /// Closes the connection. Idempotent. Uses `sqlite3_close_v2`, so statements
    /// still alive are finalized later; using them after `close()` throws SQLITE_MISUSE.
    public func close() {
        guard let handle else { return }
        sqlite3_close_v2(handle)
        self.handle = nil
    }

    /// Runs one or more `;`-separated statements (`sqlite3_exec`), discarding any rows.
    public func execute(_ sql: String) throws {
        let db = try openHandle(sql: sql)
        var errorMessage: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(db, sql, nil, nil, &errorMessage)
        guard rc == SQLITE_OK else {
            let message = errorMessage.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(rc))
            sqlite3_free(errorMessage)
            throw SQLiteError(code: rc, message: message, sql: sql)
        }
    }

    /// Compiles exactly one SQL statement (`sqlite3_prepare_v3`).
    ///
    /// Pass `persistent: true` (`SQLITE_PREPARE_PERSISTENT`) for statements kept and
    /// reused for a long time. Throws if `sql` holds no statement or more than one.
    public func prepare(_ sql: String, persistent: Bool = false) throws -> Statement {
        let db = try openHandle(sql: sql)
        let flags = persistent ? UInt32(SQLITE_PREPARE_PERSISTENT) : 0
        return try sql.withCString { start in
            var stmt: OpaquePointer?
            var tail: UnsafePointer<CChar>?
            let rc = sqlite3_prepare_v3(db, start, -1, flags, &stmt, &tail)
            guard rc == SQLITE_OK else {
                throw SQLiteError(code: rc, message: String(cString: sqlite3_errmsg(db)), sql: sql)
            }
            guard let stmt else {
                throw SQLiteError(code: SQLITE_MISUSE, message: "no SQL statement found", sql: sql)
            }
            if let tail, Self.containsStatement(db, tail) {
                sqlite3_finalize(stmt)
                throw SQLiteError(code: SQLITE_MISUSE, message: "more than one SQL statement; use execute()", sql: sql)
            }
            return Statement(database: self, handle: stmt, sql: sql)
        }
    }

    /// Runs `body` inside `BEGIN IMMEDIATE` … `COMMIT`. If `body` (or the commit)
    /// throws, the transaction is rolled back and the error is rethrown.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            // SQLite may already have rolled back on its own (e.g. after SQLITE_FULL).
            if let handle, sqlite3_get_autocommit(handle) == 0 {
                try? execute("ROLLBACK")
            }
            throw error
        }
    }

    /// Runs `body` with a time limit on the statements it steps: once `seconds` have passed, SQLite
    /// abandons the running statement and `step()` throws SQLITE_INTERRUPT (code 9).
    ///
    /// A progress handler checks the clock every 100 virtual-machine instructions, which also covers
    /// the statements SQLite runs inside one step (FTS5 ranks its matches that way), so a query whose
    /// cost the caller cannot predict (a user's full-text search) cannot hold the connection.
    public func withTimeLimit<T>(seconds: Double, _ body: () throws -> T) throws -> T {
        let db = try openHandle(sql: nil)
        let deadline = UnsafeMutablePointer<ContinuousClock.Instant>.allocate(capacity: 1)
        deadline.initialize(to: .now + .seconds(seconds))
        sqlite3_progress_handler(db, 100, { context in
            guard let context else { return 0 }
            return ContinuousClock.now < context.assumingMemoryBound(to: ContinuousClock.Instant.self).pointee ? 0 : 1
        }, deadline)
        defer {
            sqlite3_progress_handler(db, 0, nil, nil)
            deadline.deallocate()
        }
        return try body()
    }

    /// Rows changed by the most recent INSERT, UPDATE or DELETE (0 once closed).
    public var changes: Int {
        handle.map { Int(sqlite3_changes64($0)) } ?? 0
    }

    /// The rowid of the most recent successful INSERT (0 once closed).
    public var lastInsertRowID: Int64 {
        handle.map { sqlite3_last_insert_rowid($0) } ?? 0
    }

    /// Reads `PRAGMA user_version`.
    public var userVersion: Int {
        get throws {
            let stmt = try prepare("PRAGMA user_version")
            guard try stmt.step() else { return 0 }
            return stmt.row.int(0)
        }
    }

    /// Writes `PRAGMA user_version`.
    public func setUserVersion(_ v: Int) throws {
        try execute("PRAGMA user_version = \(v)")
    }

    /// The open connection, or SQLITE_MISUSE if `close()` was called.
    func openHandle(sql: String?) throws(SQLiteError) -> OpaquePointer {
        guard let handle else {
            throw SQLiteError(code: SQLITE_MISUSE, message: "database is closed", sql: sql)
        }
        return handle
    }

    /// Whether the SQL text at `tail` compiles to a statement (not just spaces or comments).
    private static func containsStatement(_ db: OpaquePointer, _ tail: UnsafePointer<CChar>) -> Bool {
        var extra: OpaquePointer?
        // An error here also means "something is there".
        let rc = sqlite3_prepare_v3(db, tail, -1, 0, &extra, nil)
        sqlite3_finalize(extra)
        return rc != SQLITE_OK || extra != nil
    }

    /// A `file:` URI for `path` with `immutable=1` (escaping `%`, `?` and `#`).
    private static func immutableURI(path: String) -> String {
        var escaped = ""
        for ch in path {
            switch ch {
            case "%": escaped += "%25"
            case "?": escaped += "%3f"
            case "#": escaped += "%23"
            default: escaped.append(ch)
            }
        }
        // "file://" + absolute path keeps an empty authority; relative paths use "file:".
        return (path.hasPrefix("/") ? "file://" : "file:") + escaped + "?immutable=1"
    }
}
