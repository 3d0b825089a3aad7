import Dispatch
import Extraction

/// Runs entity and quote extraction over the merged posts in the background, so that it overlaps
/// with writing the archive: the per-post pass on all cores, then the corpus pass; then it lays out
/// the rows of the entity tables (``EntityRows``, built when the writer inserts them) and is done.
/// A post's context (for lone surnames) is its first page.
///
/// The corpus pass runs on one core and, with the rows and tables after it, is the longest chain
/// of an ingest. The archive's writer therefore waits for the per-post pass (``waitForPostPass()``)
/// and writes the posts beside the corpus pass, not beside the per-post pass.
final class EntityPass: @unchecked Sendable {
    private let done = DispatchGroup()
    private let postPass = DispatchGroup()
    /// Set once by the background work before `done` is left; read only after waiting on `done`.
    private var corpus = EntityCorpus()
    private var rows: EntityRows?
    private var seconds: Double = 0
    /// The per-post pass's input and output and the corpus pass's working state, held until the
    /// pass itself is let go, once the archive is in place (see ``Leftovers``): freeing the
    /// candidates alone took 0.09 s of CPU at 100 MB while the ingest still had both cores busy.
    private let leftovers = Leftovers()

    /// Without `extract`, the pass yields no entities (and empty tables).
    init(_ archive: Archive, extract: Bool = true) {
        done.enter()
        postPass.enter()
        DispatchQueue.global().async { [self] in
            let started = DispatchTime.now()
            if extract {
                let candidates = Self.candidates(archive, leftovers: leftovers)
                postPass.leave()
                corpus = EntityExtractor.resolve(candidates, leftovers: leftovers)
                leftovers.keep(candidates)
            } else {
                postPass.leave()
            }
            seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
            rows = EntityRows(corpus, posts: archive.posts, idOrder: archive.idOrder)
            done.leave()
        }
    }

    /// Returns once the per-post pass is done (at once without extraction).
    func waitForPostPass() {
        postPass.wait()
    }

    /// What the pass produced.
    struct Result {
        let corpus: EntityCorpus
        /// Wall seconds of extraction (the rows not included).
        let seconds: Double
        let rows: EntityRows
    }

    /// Runs `handler` on `queue` once the pass is done.
    func notify(on queue: DispatchQueue, _ handler: @escaping @Sendable () -> Void) {
        done.notify(queue: queue, execute: handler)
    }

    /// The result once the pass is done; without `waiting`, nil while it is still running.
    func result(waiting: Bool) -> Result? {
        if waiting { done.wait() } else if done.wait(timeout: .now()) == .timedOut { return nil }
        return Result(corpus: corpus, seconds: seconds, rows: rows!)
    }

    /// The per-post pass, on all cores; the texts it reads go to `leftovers`. Each text reads its
    /// post's fields in place (a copy of a whole post retained every field).
    private static func candidates(_ archive: Archive, leftovers: Leftovers) -> [PostCandidates] {
        var pageIndex: [String: Int] = [:]
        for (index, page) in archive.pages.enumerated() { pageIndex[page.id] = index }
        let posts = archive.posts
        let texts = posts.indices.map { index in
            PostText(headline: posts[index].headline, body: posts[index].body,
                     captions: posts[index].images.compactMap(\.caption), authors: posts[index].authors,
                     contributors: posts[index].contributors, context: pageIndex[posts[index].pageIDs[0]] ?? -1)
        }
        leftovers.keep(texts)
        return EntityExtractor.candidates(texts)
    }
}
