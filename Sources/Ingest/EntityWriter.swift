import Storage

/// Writes the entity tables (``Schema/entityTables``) from rows built beforehand (``EntityRows``)
/// into a database that already holds the posts, then indexes them.
struct EntityWriter {
    let database: Database

    func write(_ rows: EntityRows) throws {
        try database.execute(Schema.entityTables)
        try database.transaction {
            var entities = BulkInsert(database, into: """
                entities(id, name, type, aliases_json, titles_json, mention_count, post_count, first_seen, last_seen, rank)
                """, columns: 10)
            try entities.insert(rows.entities)
            var aliases = BulkInsert(database, into: "entity_aliases(entity_id, alias, folded, is_name)", columns: 4)
            try aliases.insert(rows.aliases)
            var mentions = BulkInsert(database, into: "mentions(entity_rank, post_rowid, count)", columns: 3)
            try mentions.insert(rows.mentions)
            var postEntities = BulkInsert(database, into: "post_entities(post_id, entities_json)", columns: 2)
            try postEntities.insert(rows.postEntities)
            var quotes = BulkInsert(database, into: "quotes(post_id, seq, speaker_id, speaker_text, text)", columns: 5)
            try quotes.insert(rows.quotes)
        }
        try database.execute(Schema.entityIndexes)
        try database.execute("ANALYZE entities; ANALYZE entity_aliases; ANALYZE mentions; ANALYZE quotes;")
    }
}
