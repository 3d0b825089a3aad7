import Extraction
import Storage

/// Writes an ``Archive`` into an empty database in one transaction with prepared statements.
struct ArchiveWriter {
    let database: Database

    func write(_ archive: Archive, digest: String) throws {
        try database.configureForBulkWrite()
        try database.execute(Schema.create)
        // FTS5 flushes its pending index to a new segment whenever it holds `hashsize` bytes (1 MiB by
        // default) and keeps merging the segments; a large buffer builds the index in a few big segments.
        try database.execute("INSERT INTO posts_fts(posts_fts, rank) VALUES ('hashsize', \(Self.ftsBufferBytes))")
        try database.transaction {
            try writeSources(archive.sources)
            try writePages(archive.pages)
            try writePosts(archive.posts, pages: archive.pages)
            let meta = try database.prepare("INSERT INTO meta(key, value) VALUES (?, ?)")
            try meta.run("schema_version", String(Schema.version))
            try meta.run("source_digest", digest)
            try meta.run("pages", String(archive.pages.count))
            try meta.run("posts", String(archive.posts.count))
            try meta.run("merged_duplicates", String(archive.mergedDuplicates))
        }
        try database.execute(Schema.indexes)
        try database.execute("INSERT INTO posts_fts(posts_fts) VALUES ('optimize'); ANALYZE;")
        try database.setUserVersion(Schema.version)
    }

    /// Memory for the full-text index of pending posts: 64 MiB holds the index of about 100 MB of sources.
    static let ftsBufferBytes = 64 << 20

    private func writeSources(_ sources: [SourceRecord]) throws {
        let insert = try database.prepare("""
            INSERT INTO sources(id, path, sha256, bytes, layout, status, reason, page_id, post_count, warnings_json)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (index, source) in sources.enumerated() {
            try insert.run(index + 1, source.path, source.sha256, source.bytes, source.layout?.rawValue,
                           source.status.rawValue, source.reason, source.pageID, source.postCount,
                           JSONText.array(source.warnings))
        }
    }

    private func writePages(_ pages: [ArchivePage]) throws {
        let insert = try database.prepare("""
            INSERT INTO pages(id, title, date, declared_posts, post_count, summary_json, status_line, layout)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let link = try database.prepare("INSERT INTO page_sources(page_id, source_id) VALUES (?, ?)")
        for page in pages {
            try insert.run(page.id, page.title, page.date?.description, page.declaredPosts, page.postIDs.count,
                           JSONText.array(page.summary), page.statusLine, page.layout.rawValue)
            for source in page.sourceIndices { try link.run(page.id, source + 1) }
        }
    }

    private func writePosts(_ posts: [ArchivePost], pages: [ArchivePage]) throws {
        var firstSeq: [String: Int] = [:]
        let pageLink = try database.prepare("INSERT INTO post_pages(post_id, page_id, seq) VALUES (?, ?, ?)")
        for page in pages {
            for (seq, postID) in page.postIDs.enumerated() {
                try pageLink.run(postID, page.id, seq + 1)
                if firstSeq[postID] == nil { firstSeq[postID] = seq + 1 }
            }
        }
        let insert = try database.prepare("""
            INSERT INTO posts(id, headline, byline, authors_json, published_at, time_precision, published_day,
                              sort_minute, body_json, images_json, contributors_json, word_count, excerpt,
                              image_count, page_id, page_seq, timeline_rank)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let text = try database.prepare("INSERT INTO posts_fts(rowid, headline, body) VALUES (last_insert_rowid(), ?, ?)")
        let sourceLink = try database.prepare("INSERT INTO post_sources(post_id, source_id) VALUES (?, ?)")
        let ranks = Chronology.ranks(posts: posts, pages: pages)
        for post in posts.sorted(by: { $0.id < $1.id }) {
            let images = "[" + post.images.map { JSONText.object(["caption": $0.caption, "credit": $0.credit]) }.joined(separator: ",") + "]"
            try insert.run(post.id, post.headline, post.byline, JSONText.array(post.authors), post.publishedAt,
                           post.precision.rawValue, post.day?.description, post.time?.epochMinutes,
                           JSONText.array(post.body), images, JSONText.array(post.contributors), post.wordCount,
                           post.excerpt, post.images.count, post.pageIDs[0], firstSeq[post.id] ?? 0, ranks[post.id] ?? 0)
            try text.run(post.headline ?? "", post.body.joined(separator: "\n"))
            for source in post.sourceIndices { try sourceLink.run(post.id, source + 1) }
        }
    }
}
