import Storage

/// Writes the entity tables (``Schema/entityTables``) from rows built beforehand (``EntityRows``)
/// into a database that holds, or is being filled with, the posts; `index` then indexes them.
///
/// The quotes and the aliases go in apart: they hold most of the data and three of the five
/// indexes (the quotes' text makes theirs slow to build: an index reads every row), so
/// ``writeBeside(_:into:)`` builds them with their indexes in a ``SideDatabase`` while this
/// connection writes the other tables, and they are copied in after `index`. The quotes come in
/// their key order, so a post's quotes need no index.
struct EntityWriter {
    let database: Database

    /// The tables that ``writeBeside(_:into:)`` writes, to be copied into the archive.
    static let sideTables = ["entity_aliases", "quotes"]

    /// Creates the tables and inserts the rows of the entities, entity posts and post entities, in the
    /// caller's transaction, each table as soon as its rows are built.
    func insert(_ rows: EntityRows) throws {
        try database.execute(Schema.entityTables)
        var entities = BulkInsert(database, into: """
            entities(id, name, type, aliases_json, titles_json, mention_count, post_count, first_seen, last_seen, rank)
            """, columns: 10)
        for part in rows.entities { try entities.insert(part) }
        var entityPosts = BulkInsert(database, into: "entity_posts(entity_rank, posts_json)", columns: 2)
        for part in rows.entityPosts { try entityPosts.insert(part) }
        // Last: its rows take longest to build.
        var postEntities = BulkInsert(database, into: "post_entities(post_rowid, entities_json)", columns: 2)
        for part in rows.postEntities { try postEntities.insert(part) }
    }

    /// Creates the indexes of the entity tables (cheaper after the bulk insert than during it).
    func index() throws {
        try database.execute(Schema.entityIndexes)
    }

    /// Writes the ``sideTables``, then the indexes, into `side`, a new database.
    static func writeBeside(_ rows: EntityRows, into side: Database) throws {
        try side.execute(Schema.entityTables)
        try side.transaction {
            var aliases = BulkInsert(side, into: "entity_aliases(entity_id, alias, folded, is_name)", columns: 4)
            for part in rows.aliases { try aliases.insert(part) }
            var quotes = BulkInsert(side, into: "quotes(post_id, seq, id, speaker_id, speaker_text, text)", columns: 6)
            for part in rows.quotes { try quotes.insert(part) }
        }
        try EntityWriter(database: side).index()
    }
}
