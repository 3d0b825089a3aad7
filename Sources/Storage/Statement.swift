import CSQLite

/// A prepared statement (`sqlite3_stmt`), finalized when released.
///
/// Parameters are numbered from 1 when binding; columns from 0 when reading.
/// `run` and `rows` always bind the values they are given, and the number of
/// values must match the statement's parameter count.
public final class Statement {
    /// The SQL the statement was prepared from.
    public let sql: String
    /// The compiled statement.
    private let handle: OpaquePointer
    /// Kept alive so the connection outlives its statements.
    private let database: Database

    init(database: Database, handle: OpaquePointer, sql: String) {
        self.database = database
        self.handle = handle
        self.sql = sql
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Resets the statement, clears old bindings and binds `values` to parameters 1...n.
    public func bind<Values: Collection<SQLValue>>(_ values: Values) throws {
        try bindAll(values) { $0 }
    }

    /// Resets the statement, clears old bindings and binds `values` to parameters 1...n.
    public func bind(_ values: SQLBindable?...) throws {
        try bindAll(values) { $0?.sqlValue ?? .null }
    }

    /// Binds `cells` (values of a ``RowBuffer``) to parameters 1...n without copying their text:
    /// it is read from `text`, the first text value starting at `textStart`, which moves past the
    /// last. The bytes must stay in place until ``clearBindings()``.
    func bind(_ cells: ArraySlice<RowBuffer.Cell>, text: UnsafeBufferPointer<UInt8>, textStart: inout Int) throws(SQLiteError) {
        let db = try database.openHandle(sql: sql)
        sqlite3_reset(handle)
        guard cells.count == Int(sqlite3_bind_parameter_count(handle)) else {
            throw SQLiteError(code: SQLITE_RANGE, message: "expected \(sqlite3_bind_parameter_count(handle)) arguments, got \(cells.count)", sql: sql)
        }
        var index: Int32 = 1
        for cell in cells {
            let rc: Int32
            switch cell {
            case .null:
                rc = sqlite3_bind_null(handle, index)
            case .integer(let value):
                rc = sqlite3_bind_int64(handle, index, value)
            case .text(let end):
                // An empty value still needs a pointer: a nil one would bind NULL.
                let bytes = end > textStart ? text.baseAddress! + textStart : emptyText.utf8Start
                rc = sqlite3_bind_text64(handle, index, UnsafeRawPointer(bytes).assumingMemoryBound(to: CChar.self),
                                         UInt64(end - textStart), nil, UInt8(SQLITE_UTF8))
                textStart = end
            }
            guard rc == SQLITE_OK else { throw SQLiteError(code: rc, message: String(cString: sqlite3_errmsg(db)), sql: sql) }
            index += 1
        }
    }

    /// Unbinds every parameter (they become NULL), so that no binding points at memory that goes.
    func clearBindings() {
        sqlite3_clear_bindings(handle)
    }

    /// Advances to the next row: `true` when a row is available, `false` when done.
    public func step() throws -> Bool {
        try checkedStep()
    }

    /// Rewinds the statement so it can run again; bindings are kept.
    public func reset() {
        sqlite3_reset(handle)
    }

    /// Binds `values`, steps to completion (ignoring any rows) and resets.
    public func run(_ values: SQLBindable?...) throws {
        try bindAll(values) { $0?.sqlValue ?? .null }
        defer { reset() }
        while try checkedStep() {}
    }

    /// Binds `values`, steps to completion (ignoring any rows) and resets.
    public func run(_ values: [SQLValue]) throws {
        try bindAll(values) { $0 }
        defer { reset() }
        while try checkedStep() {}
    }

    /// Binds `values` and returns the rows as a single-pass sequence.
    ///
    /// Iteration cannot throw, so a failing step ends the loop and is stored in
    /// `RowSequence.error`, which the caller must check. Prefer `forEachRow`,
    /// which throws instead. Each `Row` is only valid during its iteration step.
    public func rows(_ values: SQLBindable?...) throws -> RowSequence {
        try bindAll(values) { $0?.sqlValue ?? .null }
        return RowSequence(statement: self)
    }

    /// Binds `values` and calls `body` for each row, throwing any SQLite error
    /// (or the error thrown by `body`). The statement is reset afterwards.
    /// The `Row` is only valid inside `body`.
    public func forEachRow(_ values: SQLBindable?..., body: (Row) throws -> Void) throws {
        try bindAll(values) { $0?.sqlValue ?? .null }
        defer { reset() }
        while try checkedStep() {
            try body(row)
        }
    }

    /// Number of columns in the result.
    public var columnCount: Int {
        Int(sqlite3_column_count(handle))
    }

    /// The name of result column `i` (0-based).
    public func columnName(_ i: Int) -> String {
        sqlite3_column_name(handle, Int32(i)).map { String(cString: $0) } ?? ""
    }

    /// The current row, after `step()` returned `true`; valid until the next step or reset.
    public var row: Row { Row(handle: handle) }

    /// `sqlite3_step` with errors mapped to `SQLiteError`.
    func checkedStep() throws(SQLiteError) -> Bool {
        let db = try database.openHandle(sql: sql)
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let rc: throw SQLiteError(code: rc, message: String(cString: sqlite3_errmsg(db)), sql: sql)
        }
    }

    private func bindAll<C: Collection>(_ values: C, _ sqlValue: (C.Element) -> SQLValue) throws(SQLiteError) {
        let db = try database.openHandle(sql: sql)
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        let expected = Int(sqlite3_bind_parameter_count(handle))
        guard values.count == expected else {
            throw SQLiteError(code: SQLITE_RANGE, message: "expected \(expected) arguments, got \(values.count)", sql: sql)
        }
        var index: Int32 = 1
        for value in values {
            let rc = bind(sqlValue(value), at: index)
            guard rc == SQLITE_OK else {
                throw SQLiteError(code: rc, message: String(cString: sqlite3_errmsg(db)), sql: sql)
            }
            index += 1
        }
    }

    private func bind(_ value: SQLValue, at index: Int32) -> Int32 {
        switch value {
        case .null:
            return sqlite3_bind_null(handle, index)
        case .integer(let v):
            return sqlite3_bind_int64(handle, index, v)
        case .real(let v):
            return sqlite3_bind_double(handle, index, v)
        case .text(var s):
            // Explicit byte length; SQLITE_TRANSIENT because the buffer only lives for this call.
            return s.withUTF8 { utf8 in
                // A nil base address would bind NULL: bind "" so empty text stays text.
                guard let base = utf8.baseAddress else {
                    return sqlite3_bind_text(handle, index, "", 0, sqliteTransient)
                }
                return base.withMemoryRebound(to: CChar.self, capacity: utf8.count) {
                    sqlite3_bind_text64(handle, index, $0, UInt64(utf8.count), sqliteTransient, UInt8(SQLITE_UTF8))
                }
            }
        case .blob(let bytes):
            // A nil pointer would bind NULL: an empty blob is a zero-length zeroblob.
            guard !bytes.isEmpty else { return sqlite3_bind_zeroblob(handle, index, 0) }
            return bytes.withUnsafeBytes {
                sqlite3_bind_blob64(handle, index, $0.baseAddress, UInt64($0.count), sqliteTransient)
            }
        }
    }
}

/// The bytes bound for an empty text value.
private let emptyText: StaticString = ""

/// SQLite's SQLITE_TRANSIENT destructor: SQLite copies the bound bytes before returning.
private var sqliteTransient: sqlite3_destructor_type {
    unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
