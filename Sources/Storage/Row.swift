import CSQLite

/// A view of the current row of a statement: nothing is copied until a column
/// is read. Only valid until the statement steps again or is reset.
/// Columns are numbered from 0.
public struct Row {
    let handle: OpaquePointer

    /// The column as an integer (SQLite converts other types; NULL is 0).
    public func int(_ i: Int) -> Int {
        Int(sqlite3_column_int64(handle, Int32(i)))
    }

    /// The column as a 64-bit integer (SQLite converts other types; NULL is 0).
    public func int64(_ i: Int) -> Int64 {
        sqlite3_column_int64(handle, Int32(i))
    }

    /// The column as a double (SQLite converts other types; NULL is 0.0).
    public func double(_ i: Int) -> Double {
        sqlite3_column_double(handle, Int32(i))
    }

    /// The column as text; `""` for NULL.
    public func text(_ i: Int) -> String {
        withUTF8(i) { String(decoding: $0, as: UTF8.self) }
    }

    /// The column as text, or nil for NULL.
    public func optionalText(_ i: Int) -> String? {
        isNull(i) ? nil : text(i)
    }

    /// Whether the column is NULL.
    public func isNull(_ i: Int) -> Bool {
        sqlite3_column_type(handle, Int32(i)) == SQLITE_NULL
    }

    /// The column as a `SQLValue` of its stored type.
    public func value(_ i: Int) -> SQLValue {
        let column = Int32(i)
        switch sqlite3_column_type(handle, column) {
        case SQLITE_INTEGER:
            return .integer(sqlite3_column_int64(handle, column))
        case SQLITE_FLOAT:
            return .real(sqlite3_column_double(handle, column))
        case SQLITE_TEXT:
            return .text(text(i))
        case SQLITE_BLOB:
            // Pointer first, then length, as SQLite requires.
            let bytes = sqlite3_column_blob(handle, column)
            let count = Int(sqlite3_column_bytes(handle, column))
            return .blob(Array(UnsafeRawBufferPointer(start: bytes, count: count)))
        default:
            return .null
        }
    }

    /// Calls `body` with the raw UTF-8 bytes of a text column, without making a
    /// `String` (NULL gives an empty buffer). The buffer is only valid inside `body`.
    public func withUTF8<R>(_ i: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        let column = Int32(i)
        // Pointer first, then length, as SQLite requires.
        let text = sqlite3_column_text(handle, column)
        let count = Int(sqlite3_column_bytes(handle, column))
        return try body(UnsafeRawBufferPointer(start: text, count: text == nil ? 0 : count))
    }
}
