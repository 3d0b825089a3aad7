import Extraction

/// Turns the parsed scrapes of a corpus into pages and posts.
///
/// 1. Pages without a date of their own take the corpus's most common year for their caption dates.
/// 2. Scrapes of one page are grouped: same title and summary, or most posts shared.
/// 3. Within a page, posts are aligned across scrapes and merged (``PostMerger``), keeping the
///    order of the fullest scrape and slotting the others' extra posts after their neighbours.
/// 4. A post that several pages show is one post on all of them, merged in page order.
/// Scrapes are taken in a fixed order (by content hash), so any input order gives the same result.
/// Only grouping the scrapes and finding which pages share a post run on one core; the keys they
/// compare, the work within a page and the building of each post run on all cores.
struct CorpusMerger {
    struct Scrape: Sendable {
        var sourceIndex: Int
        var page: ParsedPage
    }

    static func merge(_ scrapes: [Scrape], sources: inout [SourceRecord]) -> (pages: [ArchivePage], posts: [ArchivePost], merged: Int) {
        let dated = resolveDates(scrapes)
        let pageKeys = Parallel.map(dated) { PageKeys($0.page) }
        let groups = groupPages(dated, keys: pageKeys)
        let drafts = Parallel.map(groups) { draft($0, of: dated, keys: pageKeys) }
        let variants = postVariants(drafts.map(\.keys))
        var posts = Parallel.map(variants) { post(of: $0, in: drafts) }
        var pages = drafts.map(\.page)
        for page in pages {
            for index in page.sourceIndices { sources[index].pageID = page.id }
        }
        let variantCount = drafts.reduce(0) { $0 + $1.keys.count }
        let merged = drafts.reduce(0) { $0 + $1.folded } + variantCount - posts.count
        uniquePageIDs(&pages, posts: &posts, sources: &sources)
        releaseInBackground((consume dated, consume pageKeys, consume drafts, consume variants))
        return (pages, posts, merged)
    }

    /// Re-resolves undated pages with the year most dated pages share.
    private static func resolveDates(_ scrapes: [Scrape]) -> [Scrape] {
        var years: [Int: Int] = [:]
        for scrape in scrapes { if let date = scrape.page.date { years[date.year, default: 0] += 1 } }
        guard let year = years.max(by: { $0.value != $1.value ? $0.value < $1.value : $0.key < $1.key })?.key else { return scrapes }
        return scrapes.map { scrape in
            var scrape = scrape
            if scrape.page.date == nil { scrape.page.date = scrape.page.dateEvidence.resolve(fallbackYear: year) }
            return scrape
        }
    }

    /// What a scrape is compared by when pages are grouped, made once per scrape.
    private struct PageKeys: Sendable {
        /// The identity of each post, in page order (see ``identity(_:)``).
        let identities: [FingerprintKey]
        /// The identities of its posts, each once.
        let posts: Set<FingerprintKey>
        /// The comparable title, `t:`-prefixed so it never equals a post's identity.
        let title: FingerprintKey?
        /// The comparable summary paragraphs.
        let summary: Set<FingerprintKey>

        init(_ page: ParsedPage) {
            identities = page.posts.map(identity)
            posts = Set(identities)
            title = page.title.map { FingerprintKey(Array("t:".utf8) + Fingerprint.comparable($0)) }
            summary = Set(page.summary.map { FingerprintKey(Fingerprint.comparable($0)) })
        }
    }

    /// Groups scrape indices by page; each group is ordered fullest scrape first.
    private static func groupPages(_ scrapes: [Scrape], keys: [PageKeys]) -> [[Int]] {
        var groups: [[Int]] = []
        var groupOf: [Int] = []
        // Only groups with a scrape that shares a post or the title with a scrape are compared with it.
        // The scrapes with a post: a chain through `earlier`, from the latest entry for the post.
        var latestByPost: [FingerprintKey: Int] = [:]
        latestByPost.reserveCapacity(keys.reduce(0) { $0 + $1.posts.count })
        var earlier: [(scrape: Int, previous: Int)] = []
        earlier.reserveCapacity(latestByPost.capacity)
        var groupsByTitle: [FingerprintKey: [Int]] = [:]
        // How many posts each earlier scrape shares with the current one; zero again after each scrape.
        var shared = [Int](repeating: 0, count: scrapes.count)
        for i in scrapes.indices {
            var sharing: [Int] = []
            for key in keys[i].posts {
                var entry = latestByPost.updateValue(earlier.count, forKey: key) ?? -1
                earlier.append((i, entry))
                while entry >= 0 {
                    let j = earlier[entry].scrape
                    if shared[j] == 0 { sharing.append(j) }
                    shared[j] += 1
                    entry = earlier[entry].previous
                }
            }
            var candidates = Set(sharing.map { groupOf[$0] })
            if let title = keys[i].title { candidates.formUnion(groupsByTitle[title] ?? []) }
            let match = candidates.sorted().first { g in
                groups[g].contains { samePage(scrapes[$0].page, keys[$0], scrapes[i].page, keys[i], sharedPosts: shared[$0]) }
            }
            let group = match ?? groups.count
            if match == nil { groups.append([i]) } else { groups[group].append(i) }
            groupOf.append(group)
            for j in sharing { shared[j] = 0 }
            if let title = keys[i].title { groupsByTitle[title, default: []].append(group) }
        }
        return groups.map { group in
            group.sorted { scrapes[$0].page.posts.count != scrapes[$1].page.posts.count
                ? scrapes[$0].page.posts.count > scrapes[$1].page.posts.count : $0 < $1 }
        }
    }

    /// Whether two scrapes show one page; `sharedPosts`: how many post identities they share.
    private static func samePage(_ a: ParsedPage, _ aKeys: PageKeys, _ b: ParsedPage, _ bKeys: PageKeys, sharedPosts: Int) -> Bool {
        if let da = a.date, let db = b.date, da != db { return false }
        let smaller = min(aKeys.posts.count, bKeys.posts.count)
        if smaller > 0 && sharedPosts * 10 >= smaller * 6 { return true }
        guard let ta = aKeys.title, let tb = bKeys.title, ta == tb else { return false }
        let sa = aKeys.summary, sb = bKeys.summary
        return !sa.isEmpty && sa.intersection(sb).count * 2 >= min(sa.count, sb.count) && sharedPosts * 2 >= smaller
    }

    /// One page with its posts aligned across its scrapes, before the posts it shares with other
    /// pages are joined.
    private struct PageDraft: Sendable {
        /// The page, with its id and its posts' ids.
        let page: ArchivePage
        /// One merger per post of the page, in page order.
        let mergers: [PostMerger]
        /// The sources that show each post.
        let sources: [[Int]]
        /// Each post's identity (see ``identity(_:)``).
        let keys: [FingerprintKey]
        /// How many variants were folded into others within the page.
        let folded: Int
    }

    /// Aligns the posts of one page's scrapes (`group`, fullest first) and names the page and its posts.
    private static func draft(_ group: [Int], of scrapes: [Scrape], keys pageKeys: [PageKeys]) -> PageDraft {
        let (mergers, sources, folded) = alignPosts(group, of: scrapes)
        // A page of one scrape has that scrape's posts as they are.
        let keys = group.count == 1 ? pageKeys[group[0]].identities : mergers.map { identity($0.post) }
        let lead = scrapes[group[0]].page
        var page = ArchivePage(id: "", title: lead.title, date: group.lazy.compactMap { scrapes[$0].page.date }.first,
                               declaredPosts: group.lazy.compactMap { scrapes[$0].page.declaredPosts }.max(),
                               summary: lead.summary, statusLine: lead.statusLine, layout: lead.layout,
                               postIDs: keys.map { Fingerprint.shortID($0.bytes) },
                               sourceIndices: group.map { scrapes[$0].sourceIndex }.sorted())
        page.id = pageID(page, firstPostKey: keys.first)
        return PageDraft(page: page, mergers: mergers, sources: sources, keys: keys, folded: folded)
    }

    /// Where a post's variants are: the page (index into the drafts) and the slot within its posts.
    private typealias Variant = (page: Int, slot: Int)

    /// The variants of each post, first page first: the posts of all pages with one identity are
    /// one post, numbered in the order of first appearance.
    private static func postVariants(_ keys: [[FingerprintKey]]) -> [[Variant]] {
        var postIndexByKey: [FingerprintKey: Int] = [:]
        postIndexByKey.reserveCapacity(keys.reduce(0) { $0 + $1.count })
        var variants: [[Variant]] = []
        for (page, pageKeys) in keys.enumerated() {
            for (slot, key) in pageKeys.enumerated() {
                if let existing = postIndexByKey[key] {
                    variants[existing].append((page, slot))
                } else {
                    postIndexByKey[key] = variants.count
                    variants.append([(page, slot)])
                }
            }
        }
        return variants
    }

    /// The post made of `variants`: its first page's merger with the later pages' variants merged
    /// in, in page order. (The drafts are read in place: copying one would retain all its arrays.)
    private static func post(of variants: [Variant], in drafts: [PageDraft]) -> ArchivePost {
        let (page, slot) = variants[0]
        let parsed: ParsedPost
        if variants.count == 1 {
            parsed = drafts[page].mergers[slot].finished()
        } else {
            var merger = drafts[page].mergers[slot]
            for variant in variants.dropFirst() { merger.merge(drafts[variant.page].mergers[variant.slot].post) }
            parsed = merger.finished()
        }
        let sourceIndices = variants.count == 1 ? drafts[page].sources[slot].sorted()
            : Array(Set(variants.flatMap { drafts[$0.page].sources[$0.slot] })).sorted()
        // A post without a time of its own belongs to its first page's day.
        let day = parsed.time?.day ?? drafts[page].page.date
        return ArchivePost(id: drafts[page].page.postIDs[slot], headline: parsed.headline, byline: parsed.byline,
                           authors: parsed.authors, time: parsed.time, day: day,
                           precision: parsed.time != nil ? .minute : day == nil ? .unknown : .day,
                           body: parsed.body, images: parsed.images, contributors: parsed.contributors,
                           pageIDs: variants.map { drafts[$0.page].page.id }, sourceIndices: sourceIndices)
    }

    /// Aligns the posts of a page's scrapes (`group`, fullest first); returns one merger per post,
    /// the sources of each, and how many variants were folded.
    private static func alignPosts(_ group: [Int], of scrapes: [Scrape]) -> (mergers: [PostMerger], sources: [[Int]], folded: Int) {
        // The fullest scrape sets the order; its posts are distinct stories, so nothing to compare.
        let lead = scrapes[group[0]]
        let comparing = group.count > 1
        var mergers = lead.page.posts.map { PostMerger($0, comparing: comparing) }
        var sources = [[Int]](repeating: [lead.sourceIndex], count: mergers.count)
        var folded = 0
        for scrape in group.dropFirst().map({ scrapes[$0] }) {
            var cursor = -1
            for post in scrape.page.posts {
                let keys = PostMerger.Keys(post)
                if let index = mergers.firstIndex(where: { $0.matches(keys) }) {
                    mergers[index].merge(post)
                    if !sources[index].contains(scrape.sourceIndex) { sources[index].append(scrape.sourceIndex) }
                    folded += 1
                    cursor = max(cursor, index)
                } else {
                    cursor += 1
                    mergers.insert(PostMerger(post, comparing: true), at: cursor)
                    sources.insert([scrape.sourceIndex], at: cursor)
                }
            }
        }
        return (mergers, sources, folded)
    }

    /// What makes two posts the same story across pages: the headline, or for headless posts the
    /// first paragraph (or caption).
    static func identity(_ post: ParsedPost) -> FingerprintKey {
        if let headline = post.headline { return FingerprintKey(Array("h:".utf8) + Fingerprint.comparable(headline)) }
        // Without `??`: its autoclosures would copy the whole post.
        let first: String
        if let paragraph = post.body.first {
            first = paragraph
        } else if let caption = post.images.first?.caption {
            first = caption
        } else {
            first = post.contributors.joined(separator: ",")
        }
        return FingerprintKey(Array("b:".utf8) + Fingerprint.comparable(first))
    }

    /// `2022-02-11-the-latest-on-ukraine-and-russia-tensions`; untitled pages use their first post.
    private static func pageID(_ page: ArchivePage, firstPostKey: FingerprintKey?) -> String {
        let prefix = page.date?.description ?? "undated"
        if let title = page.title {
            let slug = Slug.make(title, maxLength: 60)
            if !slug.isEmpty { return prefix + "-" + slug }
        }
        return prefix + "-" + Fingerprint.shortID(firstPostKey?.bytes ?? [])
    }

    /// Two pages that would share an id (same title and day) get `-2`, `-3` in a fixed order.
    private static func uniquePageIDs(_ pages: inout [ArchivePage], posts: inout [ArchivePost], sources: inout [SourceRecord]) {
        var seen: [String: Int] = [:]
        var postIndexByID: [String: Int]?
        for index in pages.indices {
            let id = pages[index].id
            seen[id, default: 0] += 1
            guard let n = seen[id], n > 1 else { continue }
            let unique = id + "-\(n)"
            pages[index].id = unique
            if postIndexByID == nil {
                postIndexByID = Dictionary(posts.indices.map { (posts[$0].id, $0) }, uniquingKeysWith: { first, _ in first })
            }
            for postID in pages[index].postIDs {
                if let p = postIndexByID?[postID], let slot = posts[p].pageIDs.lastIndex(of: id) {
                    posts[p].pageIDs[slot] = unique
                }
            }
            for s in pages[index].sourceIndices { sources[s].pageID = unique }
        }
    }
}

/// URL-safe lower-case slugs: `Jake Sullivan` → `jake-sullivan`.
enum Slug {
    static func make(_ text: String, maxLength: Int) -> String {
        var out: [UInt8] = []
        for byte in text.utf8 {
            switch byte {
            case 0x30...0x39, 0x61...0x7A: out.append(byte)
            case 0x41...0x5A: out.append(byte + 0x20)
            default: if out.last != 0x2D && !out.isEmpty { out.append(0x2D) }
            }
            if out.count >= maxLength { break }
        }
        while out.last == 0x2D { out.removeLast() }
        return String(decoding: out, as: UTF8.self)
    }
}
