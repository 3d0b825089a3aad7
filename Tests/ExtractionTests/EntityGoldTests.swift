import XCTest
@testable import Extraction

/// Scores extraction on the invented story of ``EntityFixtures`` against its gold list, the way
/// the project's quality bar is defined: precision (extracted entities that are real), recall
/// (real entities found), and the split ratio (extracted entities per real entity found).
final class EntityGoldTests: XCTestCase {
    struct Score: CustomStringConvertible {
        var precision: Double
        var recall: Double
        var split: Double
        var description: String { "precision \(precision), recall \(recall), split \(split)" }
    }

    static func score(_ entities: [Entity], gold: [(type: EntityType, names: [String])]) -> (Score, unmatched: [String], missed: [String]) {
        let goldNames = gold.map { Set($0.names.map(NameForms.fold)) }
        var matchedGold = [Int](repeating: 0, count: gold.count)
        var correct = 0
        var unmatched: [String] = []
        for entity in entities {
            let names = Set(([entity.name] + entity.aliases).map(NameForms.fold))
            let hits = gold.indices.filter { gold[$0].type == entity.type && !goldNames[$0].isDisjoint(with: names) }
            if hits.isEmpty { unmatched.append("\(entity.type.rawValue) \(entity.name)") } else { correct += 1 }
            for hit in hits { matchedGold[hit] += 1 }
        }
        let found = matchedGold.filter { $0 > 0 }.count
        let missed = gold.indices.filter { matchedGold[$0] == 0 }.map { gold[$0].names[0] }
        let score = Score(precision: entities.isEmpty ? 0 : Double(correct) / Double(entities.count),
                          recall: Double(found) / Double(gold.count),
                          split: found == 0 ? 0 : Double(matchedGold.reduce(0, +)) / Double(found))
        return (score, unmatched, missed)
    }

    func testGoldListScores() {
        let corpus = EntityExtractor.resolve(EntityFixtures.posts.map(EntityExtractor.candidates))
        let (score, unmatched, missed) = Self.score(corpus.entities, gold: EntityFixtures.gold)
        print("fixture gold: \(score); not in gold: \(unmatched); missed: \(missed)")
        XCTAssertGreaterThanOrEqual(score.precision, 0.9, "not in gold: \(unmatched)")
        XCTAssertGreaterThanOrEqual(score.recall, 0.9, "missed: \(missed)")
        XCTAssertLessThanOrEqual(score.split, 1.05)
    }
}
