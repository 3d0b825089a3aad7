import Extraction
import Storage

/// Writes an ``Archive`` into an empty database in one transaction with prepared statements.
///
/// The rows of the posts are built on a second thread (see ``Prefetcher``) while this one inserts,
/// and handed on to `search`, which indexes them on a third and is sealed after the last one.
/// `beforePosts` runs once the sources and pages are in, and the posts wait for it to return.
/// `betweenBatches` runs inside the transaction after each batch of posts, so that other tables
/// can be written on this connection as soon as their rows are ready. `ANALYZE` is left to the
/// caller, once every table is written.
struct ArchiveWriter {
    let database: Database

    func write(_ archive: Archive, digest: String, search: SearchIndexBuilder, beforePosts: () -> Void = {},
               betweenBatches: () throws -> Void = {}) throws {
        let rows = postRows(archive)
        defer { rows.cancel() }
        try database.configureForBulkWrite()
        try database.execute(Schema.create)
        try database.transaction {
            try writeSources(archive.sources)
            try writePages(archive.pages)
            beforePosts()
            try writePosts(rows, search: search, betweenBatches: betweenBatches)
            let meta = try database.prepare("INSERT INTO meta(key, value) VALUES (?, ?)")
            try meta.run("schema_version", String(Schema.version))
            try meta.run("source_digest", digest)
            try meta.run("pages", String(archive.pages.count))
            try meta.run("posts", String(archive.posts.count))
            try meta.run("merged_duplicates", String(archive.mergedDuplicates))
        }
        try database.execute(Schema.indexes)
        try database.setUserVersion(Schema.version)
    }

    /// Posts per batch handed from the row builder to the writer.
    private static let batchSize = 256

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
        let postLink = try database.prepare("INSERT INTO post_pages(post_id, page_id, seq) VALUES (?, ?, ?)")
        for page in pages {
            try insert.run(page.id, page.title, page.date?.description, page.declaredPosts, page.postIDs.count,
                           JSONText.array(page.summary), page.statusLine, page.layout.rawValue)
            for source in page.sourceIndices { try link.run(page.id, source + 1) }
            for (seq, postID) in page.postIDs.enumerated() { try postLink.run(postID, page.id, seq + 1) }
        }
    }

    /// Starts building the rows of the posts in id order, numbered from 1 in that order (their
    /// rowids, ``Archive/idOrder``), in batches, with each post's position
    /// on its first page and its timeline rank.
    private func postRows(_ archive: Archive) -> Prefetcher<[PostRow]> {
        Prefetcher(lookahead: 8) {
            let posts = archive.posts
            let order = archive.idOrder
            var firstSeq: [String: Int] = [:]
            firstSeq.reserveCapacity(posts.count)
            for page in archive.pages {
                for (seq, postID) in page.postIDs.enumerated() where firstSeq[postID] == nil { firstSeq[postID] = seq + 1 }
            }
            let ranks = Chronology.ranks(posts: posts, pages: archive.pages)
            return AnyIterator(stride(from: 0, to: order.count, by: Self.batchSize).lazy.map { start in
                (start..<min(start + Self.batchSize, order.count)).map { place in
                    let post = posts[order[place]]
                    return PostRow(post, rowid: place + 1, pageSeq: firstSeq[post.id] ?? 0, timelineRank: ranks[post.id] ?? 0)
                }
            }.makeIterator())
        }
    }

    private func writePosts(_ rows: Prefetcher<[PostRow]>, search: SearchIndexBuilder, betweenBatches: () throws -> Void) throws {
        let insert = try database.prepare("""
            INSERT INTO posts(rowid, id, headline, byline, authors_json, published_at, time_precision, published_day,
                              sort_minute, body_json, images_json, contributors_json, word_count, excerpt,
                              image_count, page_id, page_seq, timeline_rank)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let sourceLink = try database.prepare("INSERT INTO post_sources(post_id, source_id) VALUES (?, ?)")
        while let batch = rows.next() {
            search.add(batch)
            for row in batch {
                try insert.run(row.columns)
                for source in row.sourceIDs { try sourceLink.run(row.id, source) }
            }
            try betweenBatches()
        }
        search.seal()
    }
}
