import Extraction
import Storage

/// The rows of the entity tables (``Schema/entityTables``), built on all cores away from the
/// thread that writes them: each table's values flat in column order, `columns` per row.
struct EntityRows: Sendable {
    /// `entities`, in rank order (most mentioned first).
    let entities: [SQLValue]
    /// `entity_aliases`: each entity's own name, then its other names.
    let aliases: [SQLValue]
    /// `mentions`, in key order (entity rank, then post rowid), so that rows are appended to the
    /// table rather than inserted at random.
    let mentions: [SQLValue]
    /// `post_entities`, in post id order.
    let postEntities: [SQLValue]
    /// `quotes`, in corpus order, each with its order within its post.
    let quotes: [SQLValue]

    private enum Table: CaseIterable {
        // Largest first, so that the small ones fill in behind them.
        case mentions, postEntities, entities, aliases, quotes
    }

    init(_ corpus: EntityCorpus, posts: [ArchivePost]) {
        let built = Parallel.map(Table.allCases) { table -> [SQLValue] in
            switch table {
            case .mentions: Self.mentions(corpus, posts: posts)
            case .postEntities: Self.postEntities(corpus, posts: posts)
            case .entities: Self.entities(corpus, posts: posts)
            case .aliases: Self.aliases(corpus)
            case .quotes: Self.quotes(corpus, posts: posts)
            }
        }
        mentions = built[0]
        postEntities = built[1]
        entities = built[2]
        aliases = built[3]
        quotes = built[4]
    }

    private static func entities(_ corpus: EntityCorpus, posts: [ArchivePost]) -> [SQLValue] {
        let seen = seen(corpus, posts: posts)
        var values: [SQLValue] = []
        values.reserveCapacity(corpus.entities.count * 10)
        for (rank, item) in corpus.entities.enumerated() {
            values += [.text(item.id), .text(item.name), .text(item.type.rawValue), .text(JSONText.array(item.aliases)),
                       .text(JSONText.array(item.titles)), .integer(Int64(item.mentionCount)), .integer(Int64(item.postCount)),
                       seen[rank].first.map(SQLValue.text) ?? .null, seen[rank].last.map(SQLValue.text) ?? .null,
                       .integer(Int64(rank + 1))]
        }
        return values
    }

    private static func aliases(_ corpus: EntityCorpus) -> [SQLValue] {
        var values: [SQLValue] = []
        for item in corpus.entities {
            values += [.text(item.id), .text(item.name), .text(EntityExtractor.searchKey(item.name)), .integer(1)]
            for name in item.aliases {
                values += [.text(item.id), .text(name), .text(EntityExtractor.searchKey(name)), .integer(0)]
            }
        }
        return values
    }

    /// An entity's rank is its index + 1; a post's rowid is its place in id order + 1.
    private static func mentions(_ corpus: EntityCorpus, posts: [ArchivePost]) -> [SQLValue] {
        var rowid = [Int](repeating: 0, count: posts.count)
        for (place, index) in posts.indices.sorted(by: { posts[$0].id < posts[$1].id }).enumerated() { rowid[index] = place + 1 }
        let rows = corpus.mentions.map { (key: ($0.entity + 1) << 32 | rowid[$0.post], count: $0.count) }.sorted { $0.key < $1.key }
        var values: [SQLValue] = []
        values.reserveCapacity(rows.count * 3)
        for row in rows {
            values += [.integer(Int64(row.key >> 32)), .integer(Int64(row.key & 0xFFFF_FFFF)), .integer(Int64(row.count))]
        }
        return values
    }

    /// Each post's entities as the API serves them, `[{"id","name","type","count"}]`, most mentioned
    /// first; equal counts in the corpus's entity order (most mentioned overall first).
    private static func postEntities(_ corpus: EntityCorpus, posts: [ArchivePost]) -> [SQLValue] {
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
        var values: [SQLValue] = []
        var json: [UInt8] = []
        for post in posts.indices.sorted(by: { posts[$0].id < posts[$1].id }) where !entitiesOfPost[post].isEmpty {
            json.removeAll(keepingCapacity: true)
            json.append(0x5B)
            for (n, item) in entitiesOfPost[post].sorted(by: { ($1.count, $0.entity) < ($0.count, $1.entity) }).enumerated() {
                if n > 0 { json.append(0x2C) }
                json += prefixes[item.entity]
                json += String(item.count).utf8
                json.append(0x7D)
            }
            json.append(0x5D)
            values += [.text(posts[post].id), .text(String(decoding: json, as: UTF8.self))]
        }
        return values
    }

    private static func quotes(_ corpus: EntityCorpus, posts: [ArchivePost]) -> [SQLValue] {
        var seq = [Int](repeating: 0, count: posts.count)
        var values: [SQLValue] = []
        values.reserveCapacity(corpus.quotes.count * 5)
        for item in corpus.quotes {
            seq[item.post] += 1
            values += [.text(posts[item.post].id), .integer(Int64(seq[item.post])),
                       item.speaker.map { .text(corpus.entities[$0].id) } ?? .null,
                       item.speakerText.map(SQLValue.text) ?? .null, .text(item.text)]
        }
        return values
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
