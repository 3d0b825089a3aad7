import Dispatch
import Extraction

/// Runs entity and quote extraction over the merged posts in the background, so that it overlaps
/// with writing the archive: the per-post pass on all cores, then the corpus pass, then the rows
/// of the entity tables. A post's context (for lone surnames) is its first page.
final class EntityPass: @unchecked Sendable {
    private let done = DispatchGroup()
    /// Set once by the background work before `done` is left; read only after waiting on `done`.
    private var corpus = EntityCorpus()
    private var rows: EntityRows?
    private var seconds: Double = 0

    /// Without `extract`, the pass yields no entities (and empty tables).
    init(_ archive: Archive, extract: Bool = true) {
        done.enter()
        DispatchQueue.global().async { [self] in
            let started = DispatchTime.now()
            if extract { corpus = Self.extract(archive) }
            seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
            rows = EntityRows(corpus, posts: archive.posts)
            done.leave()
        }
    }

    /// What the pass produced.
    struct Result {
        let corpus: EntityCorpus
        /// Wall seconds of extraction (the rows not included).
        let seconds: Double
        let rows: EntityRows
    }

    /// Runs `handler` once the pass is done.
    func notify(_ handler: @escaping @Sendable () -> Void) {
        done.notify(queue: .global(), execute: handler)
    }

    /// The result once the pass is done; without `waiting`, nil while it is still running.
    func result(waiting: Bool) -> Result? {
        if waiting { done.wait() } else if done.wait(timeout: .now()) == .timedOut { return nil }
        return Result(corpus: corpus, seconds: seconds, rows: rows!)
    }

    private static func extract(_ archive: Archive) -> EntityCorpus {
        var pageIndex: [String: Int] = [:]
        for (index, page) in archive.pages.enumerated() { pageIndex[page.id] = index }
        let texts = archive.posts.map { post in
            PostText(headline: post.headline, body: post.body, captions: post.images.compactMap(\.caption),
                     authors: post.authors, contributors: post.contributors, context: pageIndex[post.pageIDs[0]] ?? -1)
        }
        return EntityExtractor.resolve(EntityExtractor.candidates(texts))
    }
}
