import Foundation
import Storage
import XCTest

extension XCTestCase {
    /// Creates a fresh directory (its name starts with `name`) that is removed when the test ends.
    func makeTemporaryDirectory(_ name: String = "StorageTests") throws -> String {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(name)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url.path
    }

    /// The first column of the first row of `sql`, or NULL when there is no row.
    func scalar(_ db: Database, _ sql: String) throws -> SQLValue {
        var value = SQLValue.null
        try db.prepare(sql).forEachRow { row in
            if value == .null { value = row.value(0) }
        }
        return value
    }

    /// The number of rows in `table`.
    func count(_ db: Database, _ table: String) throws -> Int64 {
        guard case .integer(let n) = try scalar(db, "SELECT count(*) FROM \(table)") else { return -1 }
        return n
    }
}
