import Extraction

/// Folds variants of one post (from several scrapes) into one.
///
/// Paragraphs are matched on their comparable form (see ``Fingerprint``), or when one is a cut-off
/// copy of the other; the merged post keeps every paragraph any variant has, in order, once, in its
/// cleanest spelling. A paragraph that another variant shows as an image caption is the caption.
struct PostMerger: Sendable {
    private(set) var post: ParsedPost
    /// The comparable form of each body paragraph; nil until the post is compared or merged.
    private var bodyKeys: [[UInt8]]?
    private var headlineKey: [UInt8]?

    /// `comparing`: the post will be compared with others (``matches(_:)``), so its keys are made now;
    /// otherwise they are made when first needed.
    init(_ first: ParsedPost, comparing: Bool) {
        post = first
        if comparing { bodyKeys = first.body.map(Fingerprint.comparable) }
        headlineKey = first.headline.map(Fingerprint.comparable)
    }

    /// The comparable forms of a candidate post, computed once for all the comparisons it takes part in.
    struct Keys {
        let headline: [UInt8]?
        let body: [[UInt8]]

        init(_ post: ParsedPost) {
            headline = post.headline.map(Fingerprint.comparable)
            body = post.body.map(Fingerprint.comparable)
        }
    }

    /// Whether the post with `keys` is a variant of the post being built.
    func matches(_ keys: Keys) -> Bool {
        if let a = headlineKey, let b = keys.headline { return a == b }
        guard keys.headline == nil || headlineKey == nil else { return false }
        let otherKeys = keys.body
        let bodyKeys = bodyKeys ?? post.body.map(Fingerprint.comparable)
        guard !otherKeys.isEmpty, !bodyKeys.isEmpty else { return false }
        let shared = otherKeys.filter { key in bodyKeys.contains { PostMerger.same($0, key) } }.count
        return shared * 2 >= min(otherKeys.count, bodyKeys.count)
    }

    mutating func merge(_ other: ParsedPost) {
        if let headline = other.headline {
            post.headline = post.headline.map { PostMerger.cleaner($0, headline) } ?? headline
            if headlineKey == nil { headlineKey = Fingerprint.comparable(headline) }
        }
        if post.time == nil { post.time = other.time }
        if post.byline == nil, other.byline != nil {
            post.byline = other.byline
            post.authors = other.authors
        }
        for image in other.images { addImage(image) }
        var bodyKeys = self.bodyKeys.take() ?? post.body.map(Fingerprint.comparable)
        var cursor = -1
        for paragraph in other.body {
            let key = Fingerprint.comparable(paragraph)
            if let index = bodyKeys.firstIndex(where: { PostMerger.same($0, key) }) {
                if key.count > bodyKeys[index].count || (key.count == bodyKeys[index].count && PostMerger.cleaner(post.body[index], paragraph) == paragraph) {
                    post.body[index] = paragraph
                    bodyKeys[index] = key
                }
                cursor = max(cursor, index)
            } else {
                cursor += 1
                post.body.insert(paragraph, at: cursor)
                bodyKeys.insert(key, at: cursor)
            }
        }
        self.bodyKeys = bodyKeys
        for name in other.contributors where !post.contributors.contains(name) { post.contributors.append(name) }
    }

    /// The merged post, with paragraphs that are really captions moved out of the body.
    func finished() -> ParsedPost {
        var result = post
        // Few captions per post: comparing each paragraph with them (up to the first difference)
        // beats building every paragraph's key.
        let captionKeys = result.images.compactMap { $0.caption.map(Fingerprint.comparable) }
        if !captionKeys.isEmpty {
            result.body.removeAll { paragraph in captionKeys.contains { Fingerprint.comparable(of: paragraph, is: $0) } }
        }
        return result
    }

    private mutating func addImage(_ image: PostImage) {
        let key = image.caption.map(Fingerprint.comparable)
        if let index = post.images.firstIndex(where: { $0.caption.map(Fingerprint.comparable) == key }) {
            if post.images[index].credit == nil { post.images[index].credit = image.credit }
        } else {
            post.images.append(image)
        }
    }

    /// Equal comparable forms, or one a cut-off copy of the other (at least 40 letters shared).
    static func same(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        if a == b { return true }
        // Without a (short, long) tuple: building one retains both arrays, and this runs for every pair.
        return a.count < b.count ? a.count >= 40 && b.starts(with: a) : b.count >= 40 && a.starts(with: b)
    }

    /// Of two spellings of one text, the one with fewer `?` (debris), then the longer.
    static func cleaner(_ a: String, _ b: String) -> String {
        let qa = a.utf8.reduce(0) { $1 == 0x3F ? $0 + 1 : $0 }
        let qb = b.utf8.reduce(0) { $1 == 0x3F ? $0 + 1 : $0 }
        if qa != qb { return qa < qb ? a : b }
        return b.utf8.count > a.utf8.count ? b : a
    }
}
