import Extraction

/// The corpus after merging: pages, posts and the sources they came from, ready to be written.
public struct Archive: Sendable {
    public var sources: [SourceRecord]
    public var pages: [ArchivePage]
    public var posts: [ArchivePost]
    /// How many post variants were folded into posts seen elsewhere.
    public var mergedDuplicates: Int
    /// Indices of `posts` in id order: post `idOrder[i]` is written with rowid `i + 1` (the rowid
    /// that the full-text index, `entity_posts` and `post_entities` name it by).
    public var idOrder: [Int]
}

/// One source file as ingest saw it, good or bad.
public struct SourceRecord: Sendable, Equatable {
    public enum Status: String, Sendable { case ok, skipped, duplicate }
    /// Path relative to the sources folder it was found in.
    public var path: String
    public var sha256: String?
    public var bytes: Int
    public var layout: Layout?
    public var status: Status
    /// Why a skipped file was skipped, or which file a duplicate repeats.
    public var reason: String?
    public var pageID: String?
    public var postCount: Int
    public var warnings: [String]
}

/// One live page, from one or more scrapes of it.
public struct ArchivePage: Sendable, Equatable {
    public var id: String
    public var title: String?
    public var date: CalendarDay?
    public var declaredPosts: Int?
    public var summary: [String]
    public var statusLine: String?
    public var layout: Layout
    /// Post ids in the order the page shows them.
    public var postIDs: [String]
    /// Indices into ``Archive/sources``.
    public var sourceIndices: [Int]
}

/// One post, merged from every variant of it in every scrape.
public struct ArchivePost: Sendable, Equatable {
    public enum Precision: String, Sendable { case minute, day, unknown }
    public var id: String
    public var headline: String?
    public var byline: String?
    public var authors: [String]
    public var time: Timestamp?
    /// The day the post belongs to: its time's day, or its page's day.
    public var day: CalendarDay?
    public var precision: Precision
    public var body: [String]
    public var images: [PostImage]
    public var contributors: [String]
    /// Page ids, first page first.
    public var pageIDs: [String]
    public var sourceIndices: [Int]

    /// `2022-02-11T20:08:00-05:00`, `2022-02-11`, or nil.
    public var publishedAt: String? {
        var bytes: [UInt8] = []
        return appendPublishedAt(to: &bytes) ? String(decoding: bytes, as: UTF8.self) : nil
    }

    /// Appends ``publishedAt``'s bytes; false (and nothing appended) when it is nil.
    func appendPublishedAt(to bytes: inout [UInt8]) -> Bool {
        if let time {
            time.append(to: &bytes)
        } else if let day {
            day.append(to: &bytes)
        } else {
            return false
        }
        return true
    }

    /// The first paragraph, cut at a word boundary to at most ``excerptLimit`` characters with `…`.
    public var excerpt: String {
        guard let first = body.first else { return "" }
        // No more characters than bytes: a short paragraph need not be counted.
        guard first.utf8.count > Self.excerptLimit else { return first }
        var words: Substring
        if first.utf8.prefix(Self.excerptLimit + 1).allSatisfy({ $0 < 0x80 }) {
            // Each of these bytes is a character of its own.
            let cut = first[..<first.utf8.index(first.startIndex, offsetBy: Self.excerptLimit - 1)]
            words = cut.utf8.lastIndex(of: 0x20).map { cut[..<$0] } ?? cut
        } else {
            // One walk over the characters: where the cut ends, and whether more than the limit follow.
            guard let cutEnd = first.index(first.startIndex, offsetBy: Self.excerptLimit - 1, limitedBy: first.endIndex),
                  cutEnd != first.endIndex, first.index(after: cutEnd) != first.endIndex else { return first }
            let cut = first[..<cutEnd]
            words = cut.lastIndex(of: " ").map { cut[..<$0] } ?? cut
        }
        while let last = words.last, last == " " || last == "," || last == ";" || last == ":" { words.removeLast() }
        return words + "…"
    }

    /// Longest ``excerpt`` in characters.
    public static let excerptLimit = 240

    public var wordCount: Int { body.reduce(0) { $0 + $1.spaceSeparatedWordCount } }
}

extension Archive {
    /// Merges parsed scrapes (``CorpusMerger``) into the archive of `sources`, which learn their pages.
    init(merging scrapes: [CorpusMerger.Scrape], sources: [SourceRecord]) {
        var sources = sources
        let merged = CorpusMerger.merge(scrapes, sources: &sources)
        let posts = merged.posts
        self.init(sources: sources, pages: merged.pages, posts: posts, mergedDuplicates: merged.merged,
                  idOrder: posts.indices.sorted { posts[$0].id < posts[$1].id })
    }
}
