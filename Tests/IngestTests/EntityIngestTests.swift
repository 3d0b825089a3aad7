import Foundation
import Storage
import XCTest
@testable import Ingest

/// Ingest writes entities, their names, mentions and quotes, consistent with the posts.
final class EntityIngestTests: XCTestCase {
    private let entityTables = [
        "SELECT * FROM entities ORDER BY id",
        "SELECT * FROM entity_aliases ORDER BY entity_id, alias",
        "SELECT * FROM mentions ORDER BY post_rowid, entity_rank",
        "SELECT * FROM post_entities ORDER BY post_rowid",
        "SELECT * FROM quotes ORDER BY id",
    ]

    private func ingest(_ folder: String) throws -> (database: String, report: IngestReport) {
        let database = try TestSupport.temporaryFolder() + "/db.sqlite"
        let report = try IngestJob.run(IngestOptions(sourceFolders: [folder], databasePath: database))
        return (database, report)
    }

    /// Counts agree across tables, and every reference points at a row.
    private func assertConsistent(_ database: String, _ report: IngestReport) throws {
        XCTAssertEqual(try TestSupport.scalar(database, "SELECT value FROM meta WHERE key = 'schema_version'"), String(Schema.version))
        XCTAssertEqual(try TestSupport.scalar(database, "SELECT count(*) FROM entities"), String(report.entities.values.reduce(0, +)))
        XCTAssertEqual(try TestSupport.scalar(database, "SELECT count(*) FROM quotes"), String(report.quotes))
        XCTAssertEqual(try TestSupport.scalar(database, """
            SELECT count(*) FROM entities e WHERE mention_count != (SELECT sum(count) FROM mentions WHERE entity_rank = e.rank)
               OR post_count != (SELECT count(*) FROM mentions WHERE entity_rank = e.rank)
               OR 1 != (SELECT count(*) FROM entity_aliases WHERE entity_id = e.id AND is_name = 1)
            """), "0")
        XCTAssertEqual(try TestSupport.scalar(database, """
            SELECT (SELECT count(*) FROM mentions WHERE post_rowid NOT IN (SELECT rowid FROM posts) OR entity_rank NOT IN (SELECT rank FROM entities))
                 + (SELECT count(*) FROM quotes WHERE post_id NOT IN (SELECT id FROM posts)
                                               OR (speaker_id IS NOT NULL AND speaker_id NOT IN (SELECT id FROM entities))
                                               OR (speaker_id IS NULL AND speaker_text IS NULL))
                 + (SELECT count(*) FROM entities WHERE substr(first_seen, 1, 10) > substr(last_seen, 1, 10)
                                                  OR (first_seen IS NULL) != (last_seen IS NULL))
            """), "0")
        // Each post's entity list holds its mentions, most mentioned first (then by rank).
        XCTAssertEqual(try TestSupport.scalar(database, """
            SELECT count(*) FROM (SELECT post_rowid, json_group_array(json_array(entity_rank, count)) AS expected
                                  FROM (SELECT * FROM mentions ORDER BY post_rowid, count DESC, entity_rank)
                                  GROUP BY post_rowid) m
            LEFT JOIN post_entities pe USING (post_rowid)
            WHERE pe.entities_json IS NOT m.expected
            """), "0")
        // Each entity's post list (read as `mentions`) is in rowid order, one pair per post.
        XCTAssertEqual(try TestSupport.scalar(database, """
            SELECT count(*) FROM entity_posts e, json_each(e.posts_json) a, json_each(e.posts_json) b
            WHERE b.key = a.key + 1 AND b.value ->> 0 <= a.value ->> 0
            """), "0")
        XCTAssertEqual(try TestSupport.scalar(database, "SELECT count(*) FROM post_entities"),
                       try TestSupport.scalar(database, "SELECT count(DISTINCT post_rowid) FROM mentions"))
        // Mentions name posts by rowid, which follows post id order.
        XCTAssertEqual(try TestSupport.scalar(database, "SELECT group_concat(id) FROM (SELECT id FROM posts ORDER BY rowid)"),
                       try TestSupport.scalar(database, "SELECT group_concat(id) FROM (SELECT id FROM posts ORDER BY id)"))
    }

    func testSamplesEntitiesMentionsAndQuotes() throws {
        let (database, report) = try ingest(TestSupport.samples)
        try assertConsistent(database, report)
        XCTAssertEqual(Set(report.entities.keys), [.person, .organization, .place])
        let vell = try TestSupport.rows(database, "SELECT type, aliases_json, titles_json, first_seen IS NOT NULL FROM entities WHERE id = 'ana-vell'")
        XCTAssertEqual(vell.first?[0], "person")
        XCTAssertTrue(vell.first?[1].contains("\"Vell\"") ?? false)
        XCTAssertTrue(vell.first?[2].contains("Interior Minister") ?? false)
        XCTAssertEqual(vell.first?[3], "1")
        XCTAssertEqual(try TestSupport.scalar(database, "SELECT type FROM entities WHERE id = 'dunmere'"), "place")
        XCTAssertGreaterThanOrEqual(Int(try TestSupport.scalar(database, "SELECT count(*) FROM quotes WHERE speaker_id = 'ana-vell'"))!, 2)
        // Prefix search on folded names and aliases.
        XCTAssertEqual(try TestSupport.rows(database, "SELECT DISTINCT entity_id FROM entity_aliases WHERE folded LIKE 'vel%'"), [["ana-vell"]])
        XCTAssertTrue(report.description.contains("entities: \(report.entities.values.reduce(0, +)) ("))
    }

    func testFileOrderDoesNotChangeEntityTables() throws {
        let forward = try TestSupport.copySamples()
        let reversed = try TestSupport.copySamples { "z" + String(999 - Int($0.prefix(3))!) + "_" + $0 }
        let a = try ingest(forward).database
        let b = try ingest(reversed).database
        for sql in entityTables {
            XCTAssertEqual(try TestSupport.rows(a, sql), try TestSupport.rows(b, sql), sql)
        }
    }

    func testWithoutExtractionTheEntityTablesAreEmptyAndTheNextFullIngestRebuilds() throws {
        let database = try TestSupport.temporaryFolder() + "/db.sqlite"
        let skipped = try IngestJob.run(IngestOptions(sourceFolders: [TestSupport.samples], databasePath: database, extractEntities: false))
        XCTAssertFalse(skipped.entitiesExtracted)
        XCTAssertTrue(skipped.description.contains("entities: not extracted (--no-entities)"), skipped.description)
        for table in ["entities", "entity_aliases", "mentions", "post_entities", "quotes"] {
            XCTAssertEqual(try TestSupport.scalar(database, "SELECT count(*) FROM \(table)"), "0", table)
        }
        XCTAssertEqual(try TestSupport.scalar(database, "SELECT count(*) FROM posts"), "33")
        // The archive without entities is not what a full ingest of the same sources makes.
        let full = try IngestJob.run(IngestOptions(sourceFolders: [TestSupport.samples], databasePath: database))
        XCTAssertFalse(full.upToDate)
        try assertConsistent(database, full)
        XCTAssertGreaterThan(Int(try TestSupport.scalar(database, "SELECT count(*) FROM entities"))!, 10)
    }

    func testSeedsEntities() throws {
        guard FileManager.default.fileExists(atPath: TestSupport.seeds) else { throw XCTSkip("no ../shared/seeds") }
        let (database, report) = try ingest(TestSupport.seeds)
        try assertConsistent(database, report)
        print(report.description.split(separator: "\n").filter { $0.hasPrefix("entities") }.joined())
        for row in try TestSupport.rows(database, "SELECT mention_count, type, id, aliases_json, titles_json FROM entities ORDER BY rank LIMIT 25") {
            print("  " + row.joined(separator: "  "))
        }
        XCTAssertGreaterThan(Int(try TestSupport.scalar(database, "SELECT count(*) FROM entities WHERE type = 'person' AND titles_json != '[]'"))!, 10)
        XCTAssertGreaterThan(Int(try TestSupport.scalar(database, "SELECT count(*) FROM quotes WHERE speaker_id IS NOT NULL"))!, 50)
    }
}
