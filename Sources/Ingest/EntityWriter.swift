import Storage

/// Writes the entity tables (``Schema/entityTables``) from their rows (``EntityRows``)
/// into a database that holds, or is being filled with, the posts; `index` then indexes them.
///
/// All five go in on the archive's connection. (The quotes and aliases used to be built with their
/// indexes in a database of their own on another thread and copied in; with both cores busy that
/// thread saved no time, and the copy and the second file's writes and reads cost CPU: at 100 MB
/// the ingest took 3.09 s instead of 3.16 s, medians of 7 alternating runs.) The quotes come in
/// their key order, so a post's quotes need no index.
struct EntityWriter {
    let database: Database

    /// Creates the tables and inserts their rows, in the caller's transaction, building each table's
    /// rows as it goes.
    func insert(_ rows: EntityRows) throws {
        try database.execute(Schema.entityTables)
        var entities = BulkInsert(database, into: """
            entities(id, name, type, aliases_json, titles_json, mention_count, post_count, first_seen, last_seen, rank)
            """, columns: 10)
        for part in rows.entities() { try entities.insert(part) }
        var entityPosts = BulkInsert(database, into: "entity_posts(entity_rank, posts_json)", columns: 2)
        for part in rows.entityPosts() { try entityPosts.insert(part) }
        var aliases = BulkInsert(database, into: "entity_aliases(entity_id, alias, folded, is_name)", columns: 4)
        for part in rows.aliases() { try aliases.insert(part) }
        var quotes = BulkInsert(database, into: "quotes(post_id, seq, id, speaker_id, speaker_text, text)", columns: 6)
        for part in rows.quotes() { try quotes.insert(part) }
        // Last: its rows take longest to build.
        var postEntities = BulkInsert(database, into: "post_entities(post_rowid, entities_json)", columns: 2)
        for part in rows.postEntities() { try postEntities.insert(part) }
    }

    /// Creates the indexes of the entity tables (cheaper after the bulk insert than during it).
    func index() throws {
        try database.execute(Schema.entityIndexes)
    }
}
