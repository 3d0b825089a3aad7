import Storage

/// Builds a JSON response body directly as bytes: literal fragments, escaped strings and the JSON
/// columns ingest stored ready-made (copied, never parsed).
struct JSONWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 1024) {
        bytes.reserveCapacity(capacity)
    }

    /// Appends JSON syntax or pre-escaped text verbatim, e.g. `{"items":[`.
    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Appends already-valid JSON held in a String, e.g. a stored `*_json` column or a number.
    mutating func rawJSON(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    /// Appends bytes that are already JSON.
    mutating func append(bytes other: [UInt8]) {
        bytes.append(contentsOf: other)
    }

    /// Appends bytes that are already JSON, e.g. part of a stored JSON column.
    mutating func append(bytes other: UnsafeRawBufferPointer) {
        bytes.append(contentsOf: other)
    }

    /// Appends what another writer built.
    mutating func append(_ other: JSONWriter) {
        bytes.append(contentsOf: other.bytes)
    }

    /// Appends a JSON string, or `null` for nil.
    mutating func string(_ text: String?) {
        guard let text else { return raw("null") }
        JSONText.append(text, to: &bytes)
    }

    mutating func int(_ value: Int) {
        rawJSON(String(value))
    }

    /// Appends a text column as a JSON string (or `null`) without an intermediate String.
    mutating func text(_ row: Row, _ column: Int) {
        guard !row.isNull(column) else { return raw("null") }
        row.withUTF8(column) { JSONText.appendQuoted($0, to: &bytes) }
    }

    /// Appends a column that already holds JSON text (the `*_json` columns), or `null`.
    mutating func json(_ row: Row, _ column: Int) {
        guard !row.isNull(column) else { return raw("null") }
        row.withUTF8(column) { bytes.append(contentsOf: $0) }
    }

    /// Appends an integer column, or `null`.
    mutating func integer(_ row: Row, _ column: Int) {
        guard !row.isNull(column) else { return raw("null") }
        int(row.int(column))
    }

    /// Appends `,` unless `index` is the first element of a list.
    mutating func separator(_ index: Int) {
        if index > 0 { bytes.append(0x2C) }
    }
}

/// The keys of a JSON object whose values are the columns of a row, in column order: each route
/// declares its objects as data instead of repeating one write per field.
struct RowObject {
    enum Kind {
        /// A text column as a JSON string (NULL → null).
        case text
        /// A column holding JSON text, copied as is.
        case json
        /// An integer column.
        case integer
    }

    /// `"key":` with its leading comma where one is due, and how to write the value.
    private let fields: [(prefix: [UInt8], kind: Kind)]
    /// The first column the fields read.
    private let firstColumn: Int

    init(_ fields: KeyValuePairs<String, Kind>, firstColumn: Int = 0) {
        self.fields = fields.enumerated().map { index, field in
            var prefix: [UInt8] = index == 0 ? [] : [0x2C]
            JSONText.append(field.key, to: &prefix)
            prefix.append(0x3A)
            return (prefix, field.value)
        }
        self.firstColumn = firstColumn
    }

    /// Writes the fields without braces, so the caller can add more.
    func writeFields(_ row: Row, to json: inout JSONWriter) {
        for (offset, field) in fields.enumerated() {
            json.append(bytes: field.prefix)
            let column = firstColumn + offset
            switch field.kind {
            case .text: json.text(row, column)
            case .json: json.json(row, column)
            case .integer: json.integer(row, column)
            }
        }
    }

    /// Writes `{…}`.
    func write(_ row: Row, to json: inout JSONWriter) {
        json.raw("{")
        writeFields(row, to: &json)
        json.raw("}")
    }
}
