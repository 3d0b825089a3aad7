/// An error reported by SQLite, with the statement that caused it when known.
public struct SQLiteError: Error, CustomStringConvertible, Sendable {
    /// The (extended) SQLite result code, e.g. 1032 for SQLITE_READONLY_DBMOVED.
    public let code: Int32
    /// SQLite's error message.
    public let message: String
    /// The SQL being prepared or run, if any.
    public let sql: String?

    init(code: Int32, message: String, sql: String? = nil) {
        self.code = code
        self.message = message
        self.sql = sql
    }

    /// The primary result code (the low byte of `code`), e.g. 8 for any SQLITE_READONLY_* code.
    public var primaryCode: Int32 { code & 0xFF }

    public var description: String {
        var text = "SQLite error \(code): \(message)"
        if let sql { text += " (SQL: \(sql))" }
        return text
    }
}
