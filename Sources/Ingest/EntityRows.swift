import Dispatch
import Extraction
import Storage

/// The rows of the entity tables (``Schema/entityTables``), built on all cores away from the
/// thread that writes them: each table's values flat in column order, `columns` per row.
///
/// Each table is built as a task of its own, started by `init`; reading a table waits for its task
/// only, so the writer inserts the first tables while the others are still being built.
final class EntityRows: @unchecked Sendable {
    /// `entities`, in rank order (most mentioned first).
    var entities: [SQLValue] { built(.entities).values }
    /// `entity_aliases`: each entity's own name, then its other names.
    var aliases: [SQLValue] { built(.aliases).values }
    /// `mentions`, in key order (entity rank, then post rowid), so that rows are appended to the
    /// table rather than inserted at random. Plain integers: the largest table by rows.
    var mentions: [Int64] { built(.mentions).integers }
    /// `post_entities`, in rowid (post id) order.
    var postEntities: [SQLValue] { built(.postEntities).values }
    /// `quotes`, in corpus order, each with its order within its post.
    var quotes: [SQLValue] { built(.quotes).values }

    private enum Table: Int, CaseIterable {
        // Started in the order the two writers need them (``EntityWriter``: entities, mentions
        // and post entities on the archive's connection, aliases and quotes beside it), the
        // slowest to build last.
        case entities, aliases, mentions, quotes, postEntities
    }

    /// One table's rows as its builder made them.
    private enum Built {
        case values([SQLValue])
        case integers([Int64])

        var values: [SQLValue] { if case .values(let values) = self { values } else { [] } }
        var integers: [Int64] { if case .integers(let integers) = self { integers } else { [] } }
    }

    /// One table's task and its result, written by the task before it leaves `done`.
    private final class Slot: @unchecked Sendable {
        let done = DispatchGroup()
        var built: Built?
    }

    private let slots = Table.allCases.map { _ in Slot() }

    /// The posts in id order, and where each post's rows are in ``EntityCorpus/mentions``.
    private struct PostLayout: Sendable {
        /// Post indices in id order: post `byID[i]` has rowid `i + 1`.
        let byID: [Int]
        /// `mentions[rows[p]]` are post `p`'s rows (the corpus orders its mentions by post).
        let rows: [Range<Int>]

        init(_ corpus: EntityCorpus, posts: [ArchivePost]) {
            byID = posts.indices.sorted { posts[$0].id < posts[$1].id }
            var rows = [Range<Int>](repeating: 0..<0, count: posts.count)
            var start = 0
            while start < corpus.mentions.count {
                let post = corpus.mentions[start].post
                var end = start + 1
                while end < corpus.mentions.count, corpus.mentions[end].post == post { end += 1 }
                rows[post] = start..<end
                start = end
            }
            self.rows = rows
        }
    }

    /// Starts building every table and returns.
    init(_ corpus: EntityCorpus, posts: [ArchivePost]) {
        let layout = PostLayout(corpus, posts: posts)
        for (table, slot) in zip(Table.allCases, slots) {
            slot.done.enter()
            DispatchQueue.global().async {
                slot.built = switch table {
                case .mentions: .integers(Self.mentions(corpus, layout))
                case .postEntities: .values(Self.postEntities(corpus, layout))
                case .entities: .values(Self.entities(corpus, posts: posts))
                case .aliases: .values(Self.aliases(corpus))
                case .quotes: .values(Self.quotes(corpus, posts: posts))
                }
                slot.done.leave()
            }
        }
    }

    /// A table's rows, once its task is done.
    private func built(_ table: Table) -> Built {
        let slot = slots[table.rawValue]
        slot.done.wait()
        return slot.built!
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

    /// An entity's rank is its index + 1; a post's rowid is its place in id order + 1. The rows are
    /// put in key order by counting, not sorting: each entity gets a slot range, filled in rowid order.
    private static func mentions(_ corpus: EntityCorpus, _ layout: PostLayout) -> [Int64] {
        var next = [Int](repeating: 0, count: corpus.entities.count + 1)
        for row in corpus.mentions { next[row.entity + 1] += 1 }
        for entity in corpus.entities.indices { next[entity + 1] += next[entity] }
        var values = [Int64](repeating: 0, count: corpus.mentions.count * 3)
        for (place, post) in layout.byID.enumerated() {
            for row in corpus.mentions[layout.rows[post]] {
                let slot = next[row.entity] * 3
                next[row.entity] += 1
                values[slot] = Int64(row.entity + 1)
                values[slot + 1] = Int64(place + 1)
                values[slot + 2] = Int64(row.count)
            }
        }
        return values
    }

    /// Each post's entities, `[[rank,count],…]`, most mentioned first; equal counts in rank order
    /// (most mentioned overall first). Built on all cores, a slice of the posts at a time.
    private static func postEntities(_ corpus: EntityCorpus, _ layout: PostLayout) -> [SQLValue] {
        let named = layout.byID.indices.filter { !layout.rows[layout.byID[$0]].isEmpty }
        let slices = stride(from: 0, to: named.count, by: 1024).map { $0..<min($0 + 1024, named.count) }
        return Parallel.map(slices) { slice in
            var values: [SQLValue] = []
            values.reserveCapacity(slice.count * 2)
            var json: [UInt8] = []
            for place in named[slice] {
                json.removeAll(keepingCapacity: true)
                json.append(0x5B)
                let rows = corpus.mentions[layout.rows[layout.byID[place]]].sorted { ($1.count, $0.entity) < ($0.count, $1.entity) }
                for (n, row) in rows.enumerated() {
                    json += n > 0 ? ",[".utf8 : "[".utf8
                    json += String(row.entity + 1).utf8
                    json.append(0x2C)
                    json += String(row.count).utf8
                    json.append(0x5D)
                }
                json.append(0x5D)
                values += [.integer(Int64(place + 1)), .text(String(decoding: json, as: UTF8.self))]
            }
            return values
        }.flatMap { $0 }
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
