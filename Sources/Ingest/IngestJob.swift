import Dispatch
import Extraction
import Foundation
import Storage

/// Settings of one ingest run.
public struct IngestOptions: Sendable {
    public var sourceFolders: [String]
    public var databasePath: String
    /// Fail (non-zero exit) when any source is unusable, not only when all are.
    public var strict: Bool
    /// Rebuild even when the sources have not changed.
    public var force: Bool
    /// Largest file, and largest inflated `.gz`, that is read.
    public var maxSourceBytes: Int
    /// Find entities and quotes; without, their tables are written empty (a quicker ingest, and
    /// the baseline that shows what extraction costs).
    public var extractEntities: Bool

    public init(sourceFolders: [String], databasePath: String, strict: Bool = false, force: Bool = false,
                maxSourceBytes: Int = 256 << 20, extractEntities: Bool = true) {
        self.sourceFolders = sourceFolders
        self.databasePath = databasePath
        self.strict = strict
        self.force = force
        self.maxSourceBytes = maxSourceBytes
        self.extractEntities = extractEntities
    }
}

/// Why an ingest did not produce a database.
public enum IngestError: Error, CustomStringConvertible {
    case noUsableSources(IngestReport)
    case strictFailure(IngestReport)
    case sources(String)
    case database(String)

    public var description: String {
        switch self {
        case .noUsableSources(let report): return "no source could be used\n\(report)"
        case .strictFailure(let report): return "--strict: some sources could not be used\n\(report)"
        case .sources(let why): return why
        case .database(let why): return "could not write the database: \(why)"
        }
    }
}

/// Reads every source, merges pages and posts, and replaces the database atomically.
///
/// The new database is built in a temporary file beside the target and renamed over it only when
/// complete and synced, so a crash or `kill -9` at any moment leaves the previous database intact.
/// When the digest of the sources matches the one stored in the current database, nothing is rebuilt.
public enum IngestJob {
    public static func run(_ options: IngestOptions) throws -> IngestReport {
        AllocatorTuning.holdMemory()
        defer { AllocatorTuning.restoreDefaults() }
        let started = DispatchTime.now()
        var clock = PhaseClock()
        let candidates: [SourceScanner.Candidate]
        do { candidates = try SourceScanner.scan(options.sourceFolders) } catch { throw IngestError.sources(String(describing: error)) }

        let loader = SourceLoader(maxBytes: options.maxSourceBytes)
        var loaded = Parallel.map(candidates) { loader.load($0.absolutePath) }
        clock.lap("read")
        var sources: [SourceRecord] = []
        var firstBySHA: [String: Int] = [:]
        for (candidate, result) in zip(candidates, loaded) {
            var record = SourceRecord(path: candidate.displayPath, sha256: nil, bytes: 0, layout: nil, status: .skipped,
                                      reason: nil, pageID: nil, postCount: 0, warnings: [])
            switch result {
            case .success(let file):
                record.sha256 = file.sha256
                record.bytes = file.fileBytes
                if let first = firstBySHA[file.sha256] {
                    record.status = .duplicate
                    record.reason = "same content as \(sources[first].path)"
                } else {
                    firstBySHA[file.sha256] = sources.count
                    record.status = .ok
                }
            case .failure(let problem):
                record.reason = problem.description
            }
            sources.append(record)
        }
        let settings = "schema \(Schema.version)" + (options.extractEntities ? "" : ", no entities")
        let digest = SHA256.hex(Array(([settings] + sources.map { "\($0.path)\t\($0.sha256 ?? "-")\t\($0.status)" })
            .joined(separator: "\n").utf8))
        // A killed build leaves its temporary file; clear it even when nothing needs rebuilding.
        AtomicFile.removeLeftovers(of: options.databasePath)
        if !options.force, storedDigest(options.databasePath) == digest {
            return IngestReport.upToDate(sources: sources, database: options.databasePath, started: started)
        }

        let inputBytes = loaded.reduce(0) { total, result in
            if case .success(let file) = result { return total + file.text.count }
            return total
        }
        // Each file's bytes are let go as soon as it is parsed, so the parsing threads reuse that memory.
        let texts = TextSlots(sources.indices.map { sources[$0].status == .ok ? try? loaded[$0].get().text : nil })
        loaded.removeAll()
        let parsed: [ParsedPage?] = Parallel.map(Array(sources.indices)) { index in
            texts.take(index).map(PageParser.parse)
        }
        clock.lap("parse")
        var scrapes: [CorpusMerger.Scrape] = []
        for index in sources.indices {
            guard let page = parsed[index] else { continue }
            sources[index].layout = page.layout
            sources[index].warnings = page.warnings
            sources[index].postCount = page.posts.count
            if page.posts.isEmpty {
                sources[index].status = .skipped
                sources[index].reason = "no posts found"
            } else {
                scrapes.append(CorpusMerger.Scrape(sourceIndex: index, page: page))
            }
        }
        // The merge leaves a core idle: extraction's data is loaded there meanwhile.
        if options.extractEntities { DispatchQueue.global().async { EntityExtractor.prepare() } }
        scrapes.sort { sources[$0.sourceIndex].sha256! < sources[$1.sourceIndex].sha256! }
        let archive = Archive(merging: scrapes, sources: sources)
        clock.lap("merge")
        var report = IngestReport(archive: archive, database: options.databasePath, inputBytes: inputBytes, started: started)
        if scrapes.isEmpty { throw IngestError.noUsableSources(report) }
        if options.strict && sources.contains(where: { $0.status == .skipped }) { throw IngestError.strictFailure(report) }
        let entityPass = EntityPass(archive, extract: options.extractEntities)
        try AtomicFile.replace(options.databasePath) { temporaryPath in
            let extracted = try write(archive, digest: digest, entityPass: entityPass, to: temporaryPath)
            if options.extractEntities { report.addEntities(extracted.corpus, seconds: extracted.seconds) }
        }
        releaseInBackground(consume scrapes)
        releaseInBackground(consume archive)
        releaseInBackground(consume entityPass)
        clock.lap("write")
        report.phases = clock.laps
        report.finish(started: started)
        return report
    }

    /// Writes the archive and its entities into a new database at `path`. The posts are written
    /// once extraction's per-post pass is done, beside its corpus pass (see ``EntityPass``). The
    /// entity tables go in between batches of posts as soon as extraction is done; after the posts,
    /// the entity tables and their indexes and the full-text index (built beside,
    /// ``SearchIndexBuilder``) go in as each is ready.
    private static func write(_ archive: Archive, digest: String, entityPass: EntityPass, to path: String) throws -> EntityPass.Result {
        let database = try Database(path: path)
        defer { database.close() }
        let search = SearchIndexBuilder(path: path + "-search")
        var searchCopied = false
        defer { if !searchCopied { search.discard() } }
        let entityWriter = EntityWriter(database: database)
        var extracted: EntityPass.Result?
        var entitiesIndexed = false
        let progress = DispatchSemaphore(value: 0)
        // A queue of its own: the global queues' threads may be busy (the per-post pass, the entity
        // rows), and a notice queued behind them arrived a tenth of a second late at 50 MB.
        let notices = DispatchQueue(label: "ingest.progress")
        func writeEntities(_ result: EntityPass.Result) throws {
            extracted = result
            try entityWriter.insert(result.rows)
        }
        let writer = ArchiveWriter(database: database)
        try writer.write(archive, digest: digest, search: search, beforePosts: entityPass.waitForPostPass) {
            guard extracted == nil, let result = entityPass.result(waiting: false) else { return }
            try writeEntities(result)
        }
        // What is in the file goes to disk while the rest is built, here the bulk of it: the pages
        // and posts. The sync before the rename waited 0.07–0.09 s at 50 MB for all of it.
        AtomicFile.flushSoFar(path)
        entityPass.notify(on: notices) { progress.signal() }
        search.notify(on: notices) { progress.signal() }
        // Whichever is ready first goes in first: the entity tables (then their indexes) or the
        // full-text index; each part but the last is flushed.
        while !entitiesIndexed || !searchCopied {
            if extracted == nil, let result = entityPass.result(waiting: false) {
                try database.transaction { try writeEntities(result) }
            } else if !searchCopied, search.isBuilt {
                try search.copy(into: database)
                searchCopied = true
            } else if !entitiesIndexed, extracted != nil {
                try entityWriter.index()
                entitiesIndexed = true
            } else {
                progress.wait()
                continue
            }
            if !entitiesIndexed || !searchCopied { AtomicFile.flushSoFar(path) }
        }
        try database.execute("PRAGMA analysis_limit = 1000; ANALYZE")
        return extracted!
    }

    /// The source digest recorded in an existing database, if it can be read.
    static func storedDigest(_ path: String) -> String? {
        guard FileManager.default.fileExists(atPath: path), let database = try? Database(path: path, mode: .readOnly) else { return nil }
        defer { database.close() }
        guard let statement = try? database.prepare("SELECT value FROM meta WHERE key = 'source_digest'"),
              let hasRow = try? statement.step(), hasRow else { return nil }
        return statement.row.text(0)
    }
}

/// File contents waiting to be parsed; `take` hands each one over once and forgets it. Each slot is
/// touched by one iteration of a parallel loop only.
private final class TextSlots: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<[UInt8]?>

    init(_ texts: [[UInt8]?]) {
        slots = .allocate(capacity: texts.count)
        _ = slots.initialize(from: texts)
    }

    deinit {
        slots.deinitialize().deallocate()
    }

    func take(_ index: Int) -> [UInt8]? {
        slots[index].take()
    }
}
