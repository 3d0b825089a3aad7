/// The database layout that ingest writes and the API reads.
///
/// Ids are stable strings derived from content (`2022-02-11-the-latest-on-…` for pages, a
/// 12-hex-digit hash for posts), never row numbers. JSON columns hold arrays of strings or objects
/// exactly as the API serves them. `meta` holds the schema version and the digest of the sources
/// the file was built from, which makes a re-run on unchanged sources a no-op.
///
/// The full-text index keeps no copy of the text it indexes (FTS5 external content): `posts_text`
/// gives it each post's headline and body (the paragraphs of `body_json` joined by newlines) when
/// a snippet is made.
public enum Schema {
    /// Bumped whenever tables or the meaning of a column change, or the parser changes its output.
    public static let version = 9

    /// The tables. Every WITHOUT ROWID table lists its primary-key columns first, in key order:
    /// SQLite 3.40.0 to 3.41.0 (Debian 12 ships 3.40.1) otherwise reports a false "NULL value in …"
    /// for every row from `PRAGMA integrity_check` and `quick_check`. `posts` keeps its large JSON
    /// columns last: lists read only the small leading columns, and SQLite then never follows a
    /// post's overflow pages (a body before them made every list read the whole post).
    public static let create = """
    CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
    CREATE TABLE sources(
        id INTEGER PRIMARY KEY,
        path TEXT NOT NULL UNIQUE,
        sha256 TEXT,
        bytes INTEGER NOT NULL,
        layout TEXT,
        status TEXT NOT NULL CHECK (status IN ('ok', 'skipped', 'duplicate')),
        reason TEXT,
        page_id TEXT,
        post_count INTEGER NOT NULL,
        warnings_json TEXT NOT NULL
    );
    CREATE TABLE pages(
        id TEXT PRIMARY KEY,
        title TEXT,
        date TEXT,
        declared_posts INTEGER,
        post_count INTEGER NOT NULL,
        summary_json TEXT NOT NULL,
        status_line TEXT,
        layout TEXT NOT NULL
    );
    CREATE TABLE posts(
        id TEXT PRIMARY KEY,
        headline TEXT,
        byline TEXT,
        authors_json TEXT NOT NULL,
        published_at TEXT,
        time_precision TEXT NOT NULL CHECK (time_precision IN ('minute', 'day', 'unknown')),
        published_day TEXT,
        sort_minute INTEGER,
        word_count INTEGER NOT NULL,
        excerpt TEXT NOT NULL,
        image_count INTEGER NOT NULL,
        page_id TEXT NOT NULL REFERENCES pages(id),
        page_seq INTEGER NOT NULL,
        timeline_rank INTEGER NOT NULL,
        images_json TEXT NOT NULL,
        contributors_json TEXT NOT NULL,
        body_json TEXT NOT NULL
    );
    CREATE TABLE post_pages(
        page_id TEXT NOT NULL REFERENCES pages(id),
        seq INTEGER NOT NULL,
        post_id TEXT NOT NULL REFERENCES posts(id),
        PRIMARY KEY (page_id, seq)
    ) WITHOUT ROWID;
    CREATE TABLE post_sources(
        post_id TEXT NOT NULL REFERENCES posts(id),
        source_id INTEGER NOT NULL REFERENCES sources(id),
        PRIMARY KEY (post_id, source_id)
    ) WITHOUT ROWID;
    CREATE TABLE page_sources(
        page_id TEXT NOT NULL REFERENCES pages(id),
        source_id INTEGER NOT NULL REFERENCES sources(id),
        PRIMARY KEY (page_id, source_id)
    ) WITHOUT ROWID;
    CREATE VIEW posts_text(post_rowid, headline, body) AS
        SELECT rowid, headline, (SELECT group_concat(value, char(10)) FROM json_each(posts.body_json)) FROM posts;
    """ + searchIndex

    /// The full-text index. FTS5 keeps it in the plain tables `posts_fts_data`, `_idx`, `_docsize`
    /// and `_config` (its shadow tables), so an index built elsewhere can be copied in row for row.
    public static let searchIndex = """
    CREATE VIRTUAL TABLE posts_fts USING fts5(headline, body, content = 'posts_text', content_rowid = 'post_rowid',
                                              tokenize = 'unicode61 remove_diacritics 2');
    """

    /// The shadow tables of ``searchIndex``.
    public static let searchIndexTables = ["posts_fts_data", "posts_fts_idx", "posts_fts_docsize", "posts_fts_config"]

    /// Indexes are created after the bulk insert: cheaper than maintaining them row by row.
    public static let indexes = """
    CREATE UNIQUE INDEX posts_by_rank ON posts(timeline_rank);
    CREATE INDEX posts_by_day ON posts(published_day, timeline_rank);
    CREATE INDEX post_pages_by_post ON post_pages(post_id);
    CREATE INDEX sources_by_page ON sources(page_id);
    """
}
