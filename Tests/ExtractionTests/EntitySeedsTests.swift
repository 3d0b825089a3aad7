import Foundation
import XCTest
@testable import Extraction

/// Runs entity extraction over the real scrapes in `../shared/seeds` when they are there.
///
/// No seed text or name is written here: the checks are properties any sound result has.
final class EntitySeedsTests: XCTestCase {
    static let seeds = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/seeds").path

    private func corpus() throws -> (posts: [PostText], credits: [String], result: EntityCorpus) {
        guard let files = try? FileManager.default.contentsOfDirectory(atPath: Self.seeds) else { throw XCTSkip("no ../shared/seeds") }
        var posts: [PostText] = []
        var credits: [String] = []
        for (context, file) in files.sorted().enumerated() where !file.hasSuffix(".md") {
            guard let data = FileManager.default.contents(atPath: Self.seeds + "/" + file) else { continue }
            let page = PageParser.parse([UInt8](data))
            posts += page.posts.map { PostText($0, context: context) }
            credits += page.posts.flatMap { $0.images.compactMap(\.credit) }
        }
        return (posts, credits, EntityExtractor.resolve(posts.map(EntityExtractor.candidates)))
    }

    func testSeedsGiveTitledPersonsAndNoCalendarWords() throws {
        let (posts, credits, result) = try corpus()
        let byType = Dictionary(grouping: result.entities, by: \.type).mapValues(\.count)
        print("seeds: \(posts.count) posts, \(result.entities.count) entities \(byType), \(result.quotes.count) quotes")
        for entity in result.entities.prefix(40) {
            print("  \(entity.mentionCount)\t\(entity.type.rawValue)\t\(entity.id)\t\(entity.aliases.prefix(6))\t\(entity.titles.prefix(3))")
        }
        if ProcessInfo.processInfo.environment["DATELINE_ALL_ENTITIES"] != nil {
            for entity in result.entities.dropFirst(40) {
                print("  \(entity.mentionCount)\t\(entity.type.rawValue)\t\(entity.id)\t\(entity.aliases.prefix(6))\t\(entity.titles.prefix(3))")
            }
            for quote in result.quotes {
                print("  Q \(quote.speaker.map { result.entities[$0].name } ?? "?") / \(quote.speakerText ?? "-"): \(quote.text.prefix(80))")
            }
        }
        XCTAssertGreaterThan(result.entities.filter { $0.type == .person && !$0.titles.isEmpty }.count, 10)
        // One entity, all its names: many persons carry their lone surname as an alias.
        let surnamed = result.entities.filter { entity in
            entity.type == .person && entity.aliases.contains { $0 == entity.name.split(separator: " ").last.map(String.init) }
        }
        XCTAssertGreaterThan(surnamed.count, 10)
        XCTAssertEqual(Set(result.entities.map(\.id)).count, result.entities.count)
        // Every entity is named in the text that was read, not only in image credits.
        let read = posts.map { ([$0.headline ?? ""] + $0.body + $0.captions + $0.authors + $0.contributors).joined(separator: "\n") }
            .joined(separator: "\n")
        for entity in result.entities where credits.contains(where: { $0.contains(entity.name) }) {
            XCTAssertTrue(([entity.name] + entity.aliases).contains { read.contains($0) }, "\(entity.name) only in credits")
        }
        let chrome = ["link copied", "read", "where things stand", "live updates", "copied"]
        XCTAssertFalse(result.entities.contains { chrome.contains(NameForms.fold($0.name)) })
        let calendar = Set(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
                            "march", "april", "june", "july", "august", "september", "october", "november", "december"])
        for entity in result.entities {
            let words = Set(NameForms.fold(entity.name).split(separator: " ").map(String.init))
            XCTAssertTrue(words.isDisjoint(with: calendar), "calendar word in \(entity.name)")
        }
    }
}
