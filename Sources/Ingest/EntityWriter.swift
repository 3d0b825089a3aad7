import Extraction
import Storage

/// Writes entities (with when each was first and last seen), their names, mentions (by entity,
/// and each post's entities as JSON) and quotes (``Schema/entityTables``) into a database that
/// already holds the posts.
struct EntityWriter {
    let database: Database

    func write(_ corpus: EntityCorpus, posts: [ArchivePost]) throws {
        try database.execute(Schema.entityTables)
        try database.transaction {
            let entity = try database.prepare("""
                INSERT INTO entities(id, name, type, aliases_json, titles_json, mention_count, post_count, first_seen, last_seen, rank)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let seen = Self.seen(corpus, posts: posts)
            let alias = try database.prepare("INSERT INTO entity_aliases(entity_id, alias, folded, is_name) VALUES (?, ?, ?, ?)")
            for (rank, item) in corpus.entities.enumerated() {
                try entity.run(item.id, item.name, item.type.rawValue, JSONText.array(item.aliases), JSONText.array(item.titles),
                               item.mentionCount, item.postCount, seen[rank].first, seen[rank].last, rank + 1)
                try alias.run(item.id, item.name, EntityExtractor.searchKey(item.name), 1)
                for name in item.aliases { try alias.run(item.id, name, EntityExtractor.searchKey(name), 0) }
            }
            // In key order, so that rows are appended to the table rather than inserted at random.
            let entityRank = Self.ranks(corpus.entities.map(\.id))
            let postRank = Self.ranks(posts.map(\.id))
            let rows = corpus.mentions.sorted { (entityRank[$0.entity], postRank[$0.post]) < (entityRank[$1.entity], postRank[$1.post]) }
            try insert("mentions(entity_id, post_id, count)", columns: 3, rows: rows.count) { n, values in
                values.append(.text(corpus.entities[rows[n].entity].id))
                values.append(.text(posts[rows[n].post].id))
                values.append(.integer(Int64(rows[n].count)))
            }
            try writePostEntities(corpus, posts: posts, postRank: postRank)
            let quote = try database.prepare("INSERT INTO quotes(post_id, seq, speaker_id, speaker_text, text) VALUES (?, ?, ?, ?, ?)")
            var seq: [Int: Int] = [:]
            for item in corpus.quotes {
                seq[item.post, default: 0] += 1
                try quote.run(posts[item.post].id, seq[item.post]!, item.speaker.map { corpus.entities[$0].id }, item.speakerText, item.text)
            }
        }
        try database.execute(Schema.entityIndexes)
        try database.execute("ANALYZE entities; ANALYZE entity_aliases; ANALYZE mentions; ANALYZE quotes;")
    }

    /// Inserts `rows` rows into `table` (`name(columns…)`), many per statement: binding and
    /// stepping once per hundred rows instead of once per row. `values` appends row `n`'s values.
    private func insert(_ table: String, columns: Int, rows: Int, values: (Int, inout [SQLValue]) -> Void) throws {
        let batch = 100
        let tuple = "(" + Array(repeating: "?", count: columns).joined(separator: ",") + ")"
        var statements: [Int: Statement] = [:]
        var bound: [SQLValue] = []
        bound.reserveCapacity(batch * columns)
        var start = 0
        while start < rows {
            let count = min(batch, rows - start)
            if statements[count] == nil {
                statements[count] = try database.prepare("INSERT INTO \(table) VALUES " + Array(repeating: tuple, count: count).joined(separator: ","))
            }
            bound.removeAll(keepingCapacity: true)
            for n in start..<(start + count) { values(n, &bound) }
            let statement = statements[count]!
            try statement.bind(bound)
            _ = try statement.step()
            start += count
        }
    }

    /// Each post's entities as JSON, in post id order.
    private func writePostEntities(_ corpus: EntityCorpus, posts: [ArchivePost], postRank: [Int]) throws {
        var entitiesOfPost = [[(entity: Int, count: Int)]](repeating: [], count: posts.count)
        for row in corpus.mentions { entitiesOfPost[row.post].append((row.entity, row.count)) }
        // `{"id":…,"name":…,"type":…,"count":` of each entity, built once.
        let prefixes: [[UInt8]] = corpus.entities.map { entity in
            var bytes = Array("{\"id\":".utf8)
            JSONText.append(entity.id, to: &bytes)
            bytes += ",\"name\":".utf8
            JSONText.append(entity.name, to: &bytes)
            bytes += ",\"type\":\"\(entity.type.rawValue)\",\"count\":".utf8
            return bytes
        }
        let insert = try database.prepare("INSERT INTO post_entities(post_id, entities_json) VALUES (?, ?)")
        var json: [UInt8] = []
        for post in posts.indices.sorted(by: { postRank[$0] < postRank[$1] }) where !entitiesOfPost[post].isEmpty {
            json.removeAll(keepingCapacity: true)
            json.append(0x5B)
            // Most mentioned first; equal counts in the corpus's entity order (most mentioned overall first).
            for (n, item) in entitiesOfPost[post].sorted(by: { ($1.count, $0.entity) < ($0.count, $1.entity) }).enumerated() {
                if n > 0 { json.append(0x2C) }
                json += prefixes[item.entity]
                json += String(item.count).utf8
                json.append(0x7D)
            }
            json.append(0x5D)
            try insert.run(posts[post].id, String(decoding: json, as: UTF8.self))
        }
    }

    /// The position of each string in sorted order.
    private static func ranks(_ ids: [String]) -> [Int] {
        var rank = [Int](repeating: 0, count: ids.count)
        for (position, index) in ids.indices.sorted(by: { ids[$0] < ids[$1] }).enumerated() { rank[index] = position }
        return rank
    }

    /// `published_at` of each entity's earliest and latest post in time order (day, then minute;
    /// a post known only to its day comes after the timed posts of that day).
    private static func seen(_ corpus: EntityCorpus, posts: [ArchivePost]) -> [(first: String?, last: String?)] {
        let order: [(day: Int, minute: Int)?] = posts.map { post in
            guard let day = post.day else { return nil }
            return (day.year * 10_000 + day.month * 100 + day.day, post.time?.epochMinutes ?? Int.max)
        }
        var first = [Int?](repeating: nil, count: corpus.entities.count)
        var last = [Int?](repeating: nil, count: corpus.entities.count)
        for row in corpus.mentions {
            guard let key = order[row.post] else { continue }
            if first[row.entity].map({ key < order[$0]! }) ?? true { first[row.entity] = row.post }
            if last[row.entity].map({ key > order[$0]! }) ?? true { last[row.entity] = row.post }
        }
        return zip(first, last).map { ($0.0.flatMap { posts[$0].publishedAt }, $0.1.flatMap { posts[$0].publishedAt }) }
    }
}
