/// The rows of a statement, returned by `Statement.rows(_:)`.
///
/// Single-pass: iterating steps the statement itself. Because `Sequence`
/// iteration cannot throw, an SQLite error ends the iteration early and is
/// stored in `error`; check it after the loop (or use `Statement.forEachRow`,
/// which throws). The statement is reset when the rows run out or an error
/// occurs; after a `break`, call `reset()` (or bind again) to release it.
///
///     let rows = try stmt.rows(42)
///     for row in rows { print(row.text(0)) }
///     if let error = rows.error { throw error }
public struct RowSequence: Sequence {
    private let state: State

    init(statement: Statement) {
        state = State(statement: statement)
    }

    /// The error that ended iteration early, if any.
    public var error: SQLiteError? { state.error }

    public func makeIterator() -> Iterator {
        Iterator(state: state)
    }

    /// Steps the statement on each `next()`.
    public struct Iterator: IteratorProtocol {
        fileprivate let state: State

        public mutating func next() -> Row? {
            guard !state.finished else { return nil }
            do {
                if try state.statement.checkedStep() { return state.statement.row }
            } catch {
                state.error = error
            }
            state.finished = true
            state.statement.reset()
            return nil
        }
    }

    /// Shared by the sequence and its iterators so `error` is visible after a `for` loop.
    fileprivate final class State {
        let statement: Statement
        var finished = false
        var error: SQLiteError?

        init(statement: Statement) {
            self.statement = statement
        }
    }
}
