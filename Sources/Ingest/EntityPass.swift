import Extraction

/// Runs entity and quote extraction over the merged posts: the per-post pass on all cores, then
/// the corpus pass. A post's context (for lone surnames) is its first page.
enum EntityPass {
    static func run(_ archive: Archive) -> EntityCorpus {
        var pageIndex: [String: Int] = [:]
        for (index, page) in archive.pages.enumerated() { pageIndex[page.id] = index }
        let texts = archive.posts.map { post in
            PostText(headline: post.headline, body: post.body, captions: post.images.compactMap(\.caption),
                     authors: post.authors, contributors: post.contributors, context: pageIndex[post.pageIDs[0]] ?? -1)
        }
        let candidates = IngestJob.parallelMap(texts) { EntityExtractor.candidates($0) }
        return EntityExtractor.resolve(candidates)
    }
}
