@testable import API
import XCTest

final class RankedEntitiesTests: XCTestCase {
    private func pairs(_ stored: String, upTo limit: Int = .max) -> [[Int]] {
        var found: [[Int]] = []
        Array(stored.utf8).withUnsafeBytes { buffer in
            RankedEntities.forEach(in: buffer) { rank, count in
                found.append([rank, count])
                return found.count < limit
            }
        }
        return found
    }

    func testReadsRankAndCountPairsInOrder() {
        XCTAssertEqual(pairs("[[3,12],[1,2],[40517,1]]"), [[3, 12], [1, 2], [40517, 1]])
        XCTAssertEqual(pairs("[ [7, 1] , [8,1] ]"), [[7, 1], [8, 1]], "spaces as JSON allows them")
        XCTAssertEqual(pairs("[]"), [])
        XCTAssertEqual(pairs(""), [], "a post without entities has no stored list")
    }

    func testStopsWhenAsked() {
        XCTAssertEqual(pairs("[[1,5],[2,4],[3,3]]", upTo: 2), [[1, 5], [2, 4]])
    }
}
