import Extraction
import Storage

/// One post as the database stores it: the values of its `posts` row, its full-text row and its
/// sources, built away from the thread that runs SQLite.
struct PostRow: Sendable {
    /// The `posts` columns (rowid first) in the order of ``ArchiveWriter``'s insert.
    let columns: [SQLValue]
    let id: String
    let rowid: Int
    /// What the full-text index reads: the headline ("" without one) and the paragraphs, shared with
    /// the post (the index joins them by newlines when it reads them).
    let searchHeadline: String
    let paragraphs: [String]
    /// `sources.id` of every source the post came from.
    let sourceIDs: [Int]

    init(_ post: ArchivePost, rowid: Int, pageSeq: Int, timelineRank: Int) {
        var images: [UInt8] = [0x5B]
        for (index, image) in post.images.enumerated() {
            if index > 0 { images.append(0x2C) }
            images.append(contentsOf: JSONText.object(["caption": image.caption, "credit": image.credit]).utf8)
        }
        images.append(0x5D)
        columns = [
            .integer(Int64(rowid)), .text(post.id), text(post.headline), text(post.byline), .text(JSONText.array(post.authors)),
            text(post.publishedAt), .text(post.precision.rawValue), text(post.day?.description),
            post.time.map { .integer(Int64($0.epochMinutes)) } ?? .null,
            .text(JSONText.array(post.body)), .text(String(decoding: images, as: UTF8.self)),
            .text(JSONText.array(post.contributors)), .integer(Int64(post.wordCount)), .text(post.excerpt),
            .integer(Int64(post.images.count)), .text(post.pageIDs[0]), .integer(Int64(pageSeq)),
            .integer(Int64(timelineRank)),
        ]
        id = post.id
        self.rowid = rowid
        searchHeadline = post.headline ?? ""
        paragraphs = post.body
        sourceIDs = post.sourceIndices.map { $0 + 1 }
    }
}

private func text(_ value: String?) -> SQLValue {
    value.map { .text($0) } ?? .null
}
