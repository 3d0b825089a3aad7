import Extraction
import Storage

/// Writes entities, their names, mentions and quotes (``Schema/entityTables``) into a database
/// that already holds the posts, then fills in when each entity was first and last seen.
struct EntityWriter {
    let database: Database

    func write(_ corpus: EntityCorpus, posts: [ArchivePost]) throws {
        try database.execute(Schema.entityTables)
        try database.transaction {
            let entity = try database.prepare("""
                INSERT INTO entities(id, name, type, aliases_json, titles_json, mention_count, post_count, rank)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let alias = try database.prepare("INSERT OR IGNORE INTO entity_aliases(entity_id, alias, folded, is_name) VALUES (?, ?, ?, ?)")
            for (rank, item) in corpus.entities.enumerated() {
                try entity.run(item.id, item.name, item.type.rawValue, JSONText.array(item.aliases), JSONText.array(item.titles),
                               item.mentionCount, item.postCount, rank + 1)
                try alias.run(item.id, item.name, EntityExtractor.searchKey(item.name), 1)
                for name in item.aliases { try alias.run(item.id, name, EntityExtractor.searchKey(name), 0) }
            }
            let mention = try database.prepare("INSERT INTO mentions(post_id, entity_id, count) VALUES (?, ?, ?)")
            for row in corpus.mentions {
                try mention.run(posts[row.post].id, corpus.entities[row.entity].id, row.count)
            }
            let quote = try database.prepare("INSERT INTO quotes(post_id, seq, speaker_id, speaker_text, text) VALUES (?, ?, ?, ?, ?)")
            var seq: [Int: Int] = [:]
            for item in corpus.quotes {
                seq[item.post, default: 0] += 1
                try quote.run(posts[item.post].id, seq[item.post]!, item.speaker.map { corpus.entities[$0].id }, item.speakerText, item.text)
            }
        }
        try database.execute(Schema.entityIndexes)
        try database.execute("""
            UPDATE entities SET
              first_seen = (SELECT p.published_at FROM mentions m JOIN posts p ON p.id = m.post_id
                            WHERE m.entity_id = entities.id AND p.published_at IS NOT NULL
                            ORDER BY p.published_day, p.sort_minute IS NULL, p.sort_minute, p.page_seq, p.id LIMIT 1),
              last_seen = (SELECT p.published_at FROM mentions m JOIN posts p ON p.id = m.post_id
                           WHERE m.entity_id = entities.id AND p.published_at IS NOT NULL
                           ORDER BY p.published_day DESC, p.sort_minute IS NULL, p.sort_minute DESC, p.page_seq DESC, p.id DESC LIMIT 1);
            ANALYZE;
            """)
    }
}
