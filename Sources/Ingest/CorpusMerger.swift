import Extraction

/// Turns the parsed scrapes of a corpus into pages and posts.
///
/// 1. Pages without a date of their own take the corpus's most common year for their caption dates.
/// 2. Scrapes of one page are grouped: same title and summary, or most posts shared.
/// 3. Within a page, posts are aligned across scrapes and merged (``PostMerger``), keeping the
///    order of the fullest scrape and slotting the others' extra posts after their neighbours.
/// 4. A post that several pages show is one post on all of them.
/// Scrapes are taken in a fixed order (by content hash), so any input order gives the same result.
/// The work within a page (aligning its scrapes, finishing its posts) runs on all cores.
struct CorpusMerger {
    struct Scrape: Sendable {
        var sourceIndex: Int
        var page: ParsedPage
    }

    static func merge(_ scrapes: [Scrape], sources: inout [SourceRecord]) -> (pages: [ArchivePage], posts: [ArchivePost], merged: Int) {
        let dated = resolveDates(scrapes)
        let groups = groupPages(dated, identities: Parallel.map(dated) { $0.page.posts.map(identity) })
        let alignedGroups = Parallel.map(groups) { group in
            let (aligned, folded) = alignPosts(group.map { dated[$0] })
            return (aligned: aligned, keys: aligned.map { identity($0.post.post) }, folded: folded)
        }
        let variantCount = alignedGroups.reduce(0) { $0 + $1.keys.count }
        var posts: [ArchivePost] = []
        posts.reserveCapacity(variantCount)
        var postIndexByKey: [FingerprintKey: Int] = [:]
        postIndexByKey.reserveCapacity(variantCount)
        var mergers: [PostMerger] = []
        mergers.reserveCapacity(variantCount)
        var pages: [ArchivePage] = []
        pages.reserveCapacity(groups.count)
        var merged = 0
        for (group, (pageMergers, keys, folded)) in zip(groups, alignedGroups) {
            merged += folded
            let variants: [ParsedPage] = group.map { dated[$0].page }
            let lead = variants[0]
            let date: CalendarDay? = variants.compactMap(\.date).first
            let declared: Int? = variants.compactMap(\.declaredPosts).max()
            let sourceIndices: [Int] = group.map { dated[$0].sourceIndex }.sorted()
            var page = ArchivePage(id: "", title: lead.title, date: date, declaredPosts: declared,
                                   summary: lead.summary, statusLine: lead.statusLine, layout: lead.layout,
                                   postIDs: [], sourceIndices: sourceIndices)
            page.id = pageID(page, firstPostKey: keys.first)
            for ((postMerger, sourceIndices), key) in zip(pageMergers, keys) {
                if let existing = postIndexByKey[key] {
                    mergers[existing].merge(postMerger.post)
                    merged += 1
                    posts[existing].pageIDs.append(page.id)
                    posts[existing].sourceIndices = Array(Set(posts[existing].sourceIndices + sourceIndices)).sorted()
                    page.postIDs.append(posts[existing].id)
                } else {
                    postIndexByKey[key] = posts.count
                    mergers.append(postMerger)
                    let id = Fingerprint.shortID(key.bytes)
                    posts.append(ArchivePost(id: id, headline: nil, byline: nil, authors: [], time: nil, day: page.date,
                                             precision: .unknown, body: [], images: [], contributors: [],
                                             pageIDs: [page.id], sourceIndices: sourceIndices.sorted()))
                    page.postIDs.append(id)
                }
            }
            for index in page.sourceIndices {
                sources[index].pageID = page.id
            }
            pages.append(page)
        }
        posts = Parallel.map(Array(posts.indices)) { [posts, mergers] index in
            var post = posts[index]
            fill(&post, from: mergers[index].finished())
            return post
        }
        uniquePageIDs(&pages, posts: &posts, sources: &sources)
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

    /// Groups scrape indices by page; each group is ordered fullest scrape first.
    private static func groupPages(_ scrapes: [Scrape], identities: [[FingerprintKey]]) -> [[Int]] {
        let keys = identities.map(Set.init)
        var groups: [[Int]] = []
        // Only groups that share a post or a title with a scrape are compared with it.
        var groupsByKey: [FingerprintKey: [Int]] = [:]
        for i in scrapes.indices {
            let title = scrapes[i].page.title.map { FingerprintKey(Array("t:".utf8) + Fingerprint.comparable($0)) }
            var candidates = Set(keys[i].flatMap { groupsByKey[$0] ?? [] })
            if let title { candidates.formUnion(groupsByKey[title] ?? []) }
            let match = candidates.sorted().first { g in
                groups[g].contains { samePage(scrapes[$0].page, keys[$0], scrapes[i].page, keys[i]) }
            }
            let group = match ?? groups.count
            if match == nil { groups.append([i]) } else { groups[group].append(i) }
            for key in keys[i] { groupsByKey[key, default: []].append(group) }
            if let title { groupsByKey[title, default: []].append(group) }
        }
        return groups.map { group in
            group.sorted { scrapes[$0].page.posts.count != scrapes[$1].page.posts.count
                ? scrapes[$0].page.posts.count > scrapes[$1].page.posts.count : $0 < $1 }
        }
    }

    private static func samePage(_ a: ParsedPage, _ aKeys: Set<FingerprintKey>, _ b: ParsedPage, _ bKeys: Set<FingerprintKey>) -> Bool {
        if let da = a.date, let db = b.date, da != db { return false }
        let smaller = min(aKeys.count, bKeys.count)
        let sharedPosts = aKeys.intersection(bKeys).count
        if smaller > 0 && sharedPosts * 10 >= smaller * 6 { return true }
        guard let ta = a.title, let tb = b.title, Fingerprint.comparable(ta) == Fingerprint.comparable(tb) else { return false }
        let sa = Set(a.summary.map(Fingerprint.comparable))
        let sb = Set(b.summary.map(Fingerprint.comparable))
        return !sa.isEmpty && sa.intersection(sb).count * 2 >= min(sa.count, sb.count) && sharedPosts * 2 >= smaller
    }

    /// Aligns the posts of a page's scrapes; returns one merger per post with its sources, and
    /// how many variants were folded.
    private static func alignPosts(_ scrapes: [Scrape]) -> ([(post: PostMerger, sources: [Int])], Int) {
        // The fullest scrape sets the order; its posts are distinct stories, so nothing to compare.
        let comparing = scrapes.count > 1
        var aligned: [(post: PostMerger, sources: [Int])] = scrapes[0].page.posts.map {
            (PostMerger($0, comparing: comparing), [scrapes[0].sourceIndex])
        }
        var folded = 0
        for scrape in scrapes.dropFirst() {
            var cursor = -1
            for post in scrape.page.posts {
                let keys = PostMerger.Keys(post)
                if let index = aligned.indices.first(where: { aligned[$0].post.matches(keys) }) {
                    aligned[index].post.merge(post)
                    if !aligned[index].sources.contains(scrape.sourceIndex) { aligned[index].sources.append(scrape.sourceIndex) }
                    folded += 1
                    cursor = max(cursor, index)
                } else {
                    cursor += 1
                    aligned.insert((PostMerger(post, comparing: true), [scrape.sourceIndex]), at: cursor)
                }
            }
        }
        return (aligned, folded)
    }

    /// What makes two posts the same story across pages: the headline, or for headless posts the
    /// first paragraph (or caption).
    static func identity(_ post: ParsedPost) -> FingerprintKey {
        if let headline = post.headline { return FingerprintKey(Array("h:".utf8) + Fingerprint.comparable(headline)) }
        let first = post.body.first ?? post.images.first?.caption ?? post.contributors.joined(separator: ",")
        return FingerprintKey(Array("b:".utf8) + Fingerprint.comparable(first))
    }

    private static func fill(_ post: inout ArchivePost, from parsed: ParsedPost) {
        post.headline = parsed.headline
        post.byline = parsed.byline
        post.authors = parsed.authors
        post.time = parsed.time
        post.body = parsed.body
        post.images = parsed.images
        post.contributors = parsed.contributors
        if let time = parsed.time {
            post.day = time.day
            post.precision = .minute
        } else {
            post.precision = post.day == nil ? .unknown : .day
        }
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
