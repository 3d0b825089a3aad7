/// Rows for a ``BulkInsert``, built without a `String` or ``SQLValue`` per value: integers and
/// NULLs are kept as they are, and the text of all text values goes back to back into one byte
/// buffer, from which the insert binds it without a copy. Values are appended in column order,
/// `columns` per row.
public struct RowBuffer: Sendable {
    /// Values per row.
    public let columns: Int
    /// One per value, in order.
    private(set) var cells: [Cell] = []
    /// The UTF-8 of the text values, in order: a text value starts where the one before it ended.
    private(set) var text: [UInt8] = []

    /// A value: the text's bytes are `text[end of the text value before..<end]`.
    enum Cell {
        case null
        case integer(Int64)
        case text(end: Int)
    }

    public init(columns: Int) {
        precondition(columns > 0, "a row has at least one column")
        self.columns = columns
    }

    /// Whole rows so far.
    public var rowCount: Int { cells.count / columns }

    /// Makes room for `rows` more rows and `textBytes` more bytes of text.
    public mutating func reserve(rows: Int, textBytes: Int) {
        cells.reserveCapacity(cells.count + rows * columns)
        text.reserveCapacity(text.count + textBytes)
    }

    public mutating func append(_ value: Int) {
        cells.append(.integer(Int64(value)))
    }

    public mutating func appendNull() {
        cells.append(.null)
    }

    public mutating func append(_ value: String) {
        text += value.utf8
        cells.append(.text(end: text.count))
    }

    /// Appends `value`, or NULL when it is nil.
    public mutating func append(_ value: String?) {
        if let value { append(value) } else { appendNull() }
    }

    /// Appends a text value made of the valid UTF-8 that `write` appends to the buffer it is given
    /// (it must not change what the buffer held before).
    public mutating func appendText(_ write: (inout [UInt8]) -> Void) {
        let start = text.count
        write(&text)
        precondition(text.count >= start, "a text value only appends")
        cells.append(.text(end: text.count))
    }
}
