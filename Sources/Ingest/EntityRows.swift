import Extraction
import Storage

/// The rows of the entity tables (``Schema/entityTables``), each table built when the writer asks
/// for it, in ``RowBuffer``s to be inserted and let go (a table built a slice per core comes in
/// one buffer per slice).
///
/// A table is built on the writer's thread (the pair tables on all cores) and dropped once inserted,
/// so the next table reuses its memory. (They used to be built all at once on other threads ahead
/// of the writer, and held: ~28 MB at 50 MB of memory touched for the first time, while the cores
/// were busy all the same.)
struct EntityRows: Sendable {
    private let corpus: EntityCorpus
    private let posts: [ArchivePost]
    private let layout: PostLayout

    /// Builds `entities`, in rank order (most mentioned first).
    func entities() -> [RowBuffer] { [Self.entities(corpus, posts: posts)] }
    /// Builds `entity_aliases`: each entity's own name, then its other names.
    func aliases() -> [RowBuffer] { [Self.aliases(corpus)] }
    /// Builds `entity_posts`, in rank order.
    func entityPosts() -> [RowBuffer] { Self.entityPosts(corpus, layout) }
    /// Builds `post_entities`, in rowid (post id) order.
    func postEntities() -> [RowBuffer] { Self.postEntities(corpus, layout) }
    /// Builds `quotes`, by post id and order within the post.
    func quotes() -> [RowBuffer] { [Self.quotes(corpus, posts: posts, layout)] }

    /// The posts in id order, and where each post's rows are in ``EntityCorpus/mentions`` and
    /// ``EntityCorpus/quotes`` (both are in post order).
    private struct PostLayout: Sendable {
        /// Post indices in id order: post `byID[i]` has rowid `i + 1`.
        let byID: [Int]
        /// `mentions[mentions[p]]` are post `p`'s mention rows.
        let mentions: [Range<Int>]
        /// `quotes[quotes[p]]` are post `p`'s quotes.
        let quotes: [Range<Int>]

        init(_ corpus: EntityCorpus, posts: [ArchivePost], idOrder: [Int]) {
            byID = idOrder
            mentions = Self.ranges(corpus.mentions.count, posts: posts.count) { corpus.mentions[$0].post }
            quotes = Self.ranges(corpus.quotes.count, posts: posts.count) { corpus.quotes[$0].post }
        }

        /// Each post's range of `count` rows in post order, row `i` being of post `post(i)`.
        private static func ranges(_ count: Int, posts: Int, _ post: (Int) -> Int) -> [Range<Int>] {
            var ranges = [Range<Int>](repeating: 0..<0, count: posts)
            var start = 0
            while start < count {
                let owner = post(start)
                var end = start + 1
                while end < count, post(end) == owner { end += 1 }
                ranges[owner] = start..<end
                start = end
            }
            return ranges
        }
    }

    init(_ corpus: EntityCorpus, posts: [ArchivePost], idOrder: [Int]) {
        self.corpus = corpus
        self.posts = posts
        layout = PostLayout(corpus, posts: posts, idOrder: idOrder)
    }

    private static func entities(_ corpus: EntityCorpus, posts: [ArchivePost]) -> RowBuffer {
        let seen = seen(corpus, posts: posts)
        var rows = RowBuffer(columns: 10)
        rows.reserve(rows: corpus.entities.count, textBytes: corpus.entities.count * 160)
        func appendPublishedAt(_ post: Int?) {
            if let post { rows.appendText { _ = posts[post].appendPublishedAt(to: &$0) } } else { rows.appendNull() }
        }
        for (rank, item) in corpus.entities.enumerated() {
            rows.append(item.id)
            rows.append(item.name)
            rows.append(item.type.rawValue)
            rows.appendText { JSONText.appendArray(item.aliases, to: &$0) }
            rows.appendText { JSONText.appendArray(item.titles, to: &$0) }
            rows.append(item.mentionCount)
            rows.append(item.postCount)
            appendPublishedAt(seen[rank].first)
            appendPublishedAt(seen[rank].last)
            rows.append(rank + 1)
        }
        return rows
    }

    private static func aliases(_ corpus: EntityCorpus) -> RowBuffer {
        var rows = RowBuffer(columns: 4)
        func add(_ item: Entity, _ name: String, isName: Bool) {
            rows.append(item.id)
            rows.append(name)
            rows.appendText { EntityExtractor.appendSearchKey(name, to: &$0) }
            rows.append(isName ? 1 : 0)
        }
        for item in corpus.entities {
            add(item, item.name, isName: true)
            for name in item.aliases { add(item, name, isName: false) }
        }
        return rows
    }

    /// Each entity's posts, `[[rowid,count],…]` in rowid order; an entity's rank is its index + 1,
    /// a post's rowid its place in id order + 1. The pairs are put in entity order by counting, not
    /// sorting: each entity gets a slot range, filled in rowid order.
    private static func entityPosts(_ corpus: EntityCorpus, _ layout: PostLayout) -> [RowBuffer] {
        var next = [Int](repeating: 0, count: corpus.entities.count + 1)
        for row in corpus.mentions { next[row.entity + 1] += 1 }
        for entity in corpus.entities.indices { next[entity + 1] += next[entity] }
        let starts = next
        var filled = [(Int, Int)](repeating: (0, 0), count: corpus.mentions.count)
        for (place, post) in layout.byID.enumerated() {
            for row in corpus.mentions[layout.mentions[post]] {
                filled[next[row.entity]] = (place + 1, row.count)
                next[row.entity] += 1
            }
        }
        let pairs = filled
        return pairRows(Array(corpus.entities.indices)) { entity, list in
            list += pairs[starts[entity]..<starts[entity + 1]]
            return entity + 1
        }
    }

    /// Each post's entities, `[[rank,count],…]`, most mentioned first; equal counts in rank order
    /// (most mentioned overall first).
    private static func postEntities(_ corpus: EntityCorpus, _ layout: PostLayout) -> [RowBuffer] {
        pairRows(Array(layout.byID.indices)) { place, list in
            for row in corpus.mentions[layout.mentions[layout.byID[place]]] { list.append((row.entity + 1, row.count)) }
            list.sort { ($1.1, $0.0) < ($0.1, $1.0) }
            return place + 1
        }
    }

    /// The rows `(key, [[a,b],…])` for `items`, in order: `pairs` appends an item's pairs to the
    /// (empty) list it is given and returns its key. Built on all cores, a buffer per slice of
    /// items; an item without pairs has no row.
    private static func pairRows(_ items: [Int], _ pairs: @Sendable (Int, inout [(Int, Int)]) -> Int) -> [RowBuffer] {
        let slices = stride(from: 0, to: items.count, by: 1024).map { $0..<min($0 + 1024, items.count) }
        return Parallel.map(slices) { slice in
            var rows = RowBuffer(columns: 2)
            rows.reserve(rows: slice.count, textBytes: slice.count * 64)
            var list: [(Int, Int)] = []
            for item in items[slice] {
                list.removeAll(keepingCapacity: true)
                let key = pairs(item, &list)
                guard !list.isEmpty else { continue }
                rows.append(key)
                rows.appendText { json in
                    json.append(0x5B)
                    for (n, (a, b)) in list.enumerated() {
                        if n > 0 { json.append(0x2C) }
                        json.append(0x5B)
                        appendPadded(a, 1, to: &json)
                        json.append(0x2C)
                        appendPadded(b, 1, to: &json)
                        json.append(0x5D)
                    }
                    json.append(0x5D)
                }
            }
            return rows
        }
    }

    /// The quotes in the table's key order: posts in id order, each post's quotes in the order
    /// extraction found them (`seq`); `id` is a quote's place in the corpus's order.
    private static func quotes(_ corpus: EntityCorpus, posts: [ArchivePost], _ layout: PostLayout) -> RowBuffer {
        var rows = RowBuffer(columns: 6)
        rows.reserve(rows: corpus.quotes.count, textBytes: corpus.quotes.count * 160)
        for post in layout.byID {
            for (seq, index) in layout.quotes[post].enumerated() {
                let quote = corpus.quotes[index]
                rows.append(posts[post].id)
                rows.append(seq + 1)
                rows.append(index + 1)
                rows.append(quote.speaker.map { corpus.entities[$0].id })
                rows.append(quote.speakerText)
                rows.append(quote.text)
            }
        }
        return rows
    }

    /// Each entity's earliest and latest post with a date, in time order (day, then minute; a post
    /// known only to its day comes after the timed posts of that day).
    private static func seen(_ corpus: EntityCorpus, posts: [ArchivePost]) -> [(first: Int?, last: Int?)] {
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
        return Array(zip(first, last))
    }
}
