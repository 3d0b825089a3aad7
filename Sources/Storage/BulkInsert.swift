/// Inserts many rows into one table with multi-row `INSERT … VALUES (…),(…)` statements: one bind
/// and one step per hundred rows instead of per row, which is most of the cost of small rows.
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

    /// Inserts the rows of `values`, `columns` values per row in column order.
    public mutating func insert(_ values: [SQLValue]) throws {
        precondition(values.count % columns == 0, "values are not whole rows")
        var start = 0
        while start < values.count {
            let rows = min(Self.batch, (values.count - start) / columns)
            let statement = try self.statement(rows: rows)
            try statement.bind(values[start..<(start + rows * columns)])
            _ = try statement.step()
            start += rows * columns
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
