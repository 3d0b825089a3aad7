/// The tables of entities, their names, mentions and quotes (written after the posts).
///
/// `entity_posts` holds each entity's posts, `[[post_rowid,count],…]` in rowid order, by
/// `entity_rank` (`entities.rank`); a post's rowid is its place in post id order (as the full-text
/// index numbers them). The view `mentions` (`entity_rank`, `post_rowid`, `count`) reads it as one
/// row per entity and post, for SQL: an entity's posts, timeline and post filter look up one row
/// and read its list. (A table of one row per entity and post took 0.11–0.16 s to insert at 50 MB,
/// these lists 0.02–0.05 s.)
/// `post_entities` holds each post's entities, most mentioned first, as `[[entity_rank,count],…]`
/// (posts without entities have no row): the API names them from `entities`, whose rows it keeps
/// in memory, rather than storing each entity's name in every post that mentions it.
/// `entities.rank` orders entities by mention count (then id) as extraction ranked them;
/// `entity_aliases` holds every name of an entity, its own name too (`is_name` 1), with the folded
/// form (lower-case ASCII, diacritics removed: `EntityExtractor.searchKey`) for prefix search; it
/// is indexed for that search only (an entity's own names are in `entities.aliases_json`, and an
/// index by entity cost 0.01 s at 50 MB that no query used).
/// `first_seen` and `last_seen` are the `published_at` of the entity's earliest and latest posts
/// in time order (null when none of its posts has a date). `quotes` is keyed by post and the
/// quote's order within it (`seq`), and written in that order, so that a post's quotes need no
/// index of their own; `quotes.id` numbers the quotes in the order extraction found them.
extension Schema {
    public static let entityTables = """
    CREATE TABLE entities(
        id TEXT NOT NULL,
        name TEXT NOT NULL,
        type TEXT NOT NULL CHECK (type IN ('person', 'organization', 'place')),
        aliases_json TEXT NOT NULL,
        titles_json TEXT NOT NULL,
        mention_count INTEGER NOT NULL,
        post_count INTEGER NOT NULL,
        first_seen TEXT,
        last_seen TEXT,
        rank INTEGER PRIMARY KEY
    );
    CREATE TABLE entity_aliases(
        entity_id TEXT NOT NULL REFERENCES entities(id),
        alias TEXT NOT NULL,
        folded TEXT NOT NULL,
        is_name INTEGER NOT NULL
    );
    CREATE TABLE entity_posts(
        entity_rank INTEGER PRIMARY KEY REFERENCES entities(rank),
        posts_json TEXT NOT NULL
    );
    CREATE VIEW mentions(entity_rank, post_rowid, count) AS
        SELECT e.entity_rank, p.value ->> 0, p.value ->> 1 FROM entity_posts e, json_each(e.posts_json) p;
    CREATE TABLE post_entities(
        post_rowid INTEGER PRIMARY KEY,
        entities_json TEXT NOT NULL
    );
    CREATE TABLE quotes(
        post_id TEXT NOT NULL REFERENCES posts(id),
        seq INTEGER NOT NULL,
        id INTEGER NOT NULL,
        speaker_id TEXT REFERENCES entities(id),
        speaker_text TEXT,
        text TEXT NOT NULL,
        PRIMARY KEY (post_id, seq)
    ) WITHOUT ROWID;
    """

    /// Created after the bulk insert, like ``Schema/indexes``.
    public static let entityIndexes = """
    CREATE UNIQUE INDEX entities_by_id ON entities(id);
    CREATE INDEX entities_by_type ON entities(type, rank);
    CREATE INDEX entity_aliases_by_folded ON entity_aliases(folded);
    CREATE INDEX quotes_by_speaker ON quotes(speaker_id);
    """
}
