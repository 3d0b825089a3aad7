/// Inserts many rows into one table with multi-row `INSERT … VALUES (…),(…)` statements: one bind
/// and one step per hundred rows instead of per row, which is most of the cost of small rows. The
/// rows come in a ``RowBuffer``, whose text is bound where it lies.
public struct BulkInsert {
    private let database: Database
    private let table: String
    private let columns: Int
    private var statements: [Int: Statement] = [:]

    /// Rows per statement.
    static let batch = 100

    /// `table` is `name(column, …)` with `columns` columns.
    public init(_ database: Database, into table: String, columns: Int) {
        self.database = database
        self.table = table
        self.columns = columns
    }

    /// Inserts the rows of `rows`, which has this table's columns.
    public mutating func insert(_ rows: RowBuffer) throws {
        precondition(rows.columns == columns, "rows of another shape")
        defer { for statement in statements.values { statement.clearBindings() } }
        try rows.text.withUnsafeBufferPointer { text in
            var row = 0
            var textStart = 0
            while row < rows.rowCount {
                let count = min(Self.batch, rows.rowCount - row)
                let statement = try self.statement(rows: count)
                try statement.bind(rows.cells[(row * columns)..<((row + count) * columns)], text: text, textStart: &textStart)
                _ = try statement.step()
                row += count
            }
        }
    }

    private mutating func statement(rows: Int) throws -> Statement {
        if let statement = statements[rows] { return statement }
        let tuple = "(" + Array(repeating: "?", count: columns).joined(separator: ",") + ")"
        let statement = try database.prepare("INSERT INTO \(table) VALUES " + Array(repeating: tuple, count: rows).joined(separator: ","))
        statements[rows] = statement
        return statement
    }
}
