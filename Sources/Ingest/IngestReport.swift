import Dispatch
import Extraction

/// What an ingest did, for the terminal and for logs.
public struct IngestReport: Sendable, CustomStringConvertible {
    public var database: String
    public var upToDate: Bool
    public var files: Int
    public var usableFiles: Int
    public var duplicateFiles: Int
    /// Files that could not be used, with the reason.
    public var problems: [(path: String, reason: String)]
    public var warnings: [(path: String, warning: String)]
    public var pages: Int
    public var posts: Int
    public var mergedDuplicates: Int
    /// Text bytes read (after gzip).
    public var inputBytes: Int
    public var seconds: Double
    /// Entities by type, quotes with a speaker, and the seconds entity and quote extraction took
    /// (it runs while the archive is written).
    public var entities: [EntityType: Int] = [:]
    public var quotes = 0
    public var entitySeconds: Double = 0
    /// Whether entities and quotes were extracted (not with `--no-entities`).
    public var entitiesExtracted = false
    /// Seconds of each step (`read`, `parse`, `merge`, `write`) of a rebuild; empty when up to date.
    public var phases: [(name: String, seconds: Double)] = []

    public var megabytesPerSecond: Double { seconds > 0 ? Double(inputBytes) / 1_048_576 / seconds : 0 }

    init(archive: Archive, database: String, inputBytes: Int, started: DispatchTime) {
        self.init(sources: archive.sources, database: database, upToDate: false)
        pages = archive.pages.count
        posts = archive.posts.count
        mergedDuplicates = archive.mergedDuplicates
        self.inputBytes = inputBytes
        finish(started: started)
    }

    private init(sources: [SourceRecord], database: String, upToDate: Bool) {
        self.database = database
        self.upToDate = upToDate
        files = sources.count
        usableFiles = sources.filter { $0.status == .ok }.count
        duplicateFiles = sources.filter { $0.status == .duplicate }.count
        problems = sources.compactMap { $0.status == .skipped ? ($0.path, $0.reason ?? "unusable") : nil }
        warnings = sources.flatMap { source in source.warnings.map { (source.path, $0) } }
        pages = 0
        posts = 0
        mergedDuplicates = 0
        inputBytes = 0
        seconds = 0
    }

    static func upToDate(sources: [SourceRecord], database: String, started: DispatchTime) -> IngestReport {
        var report = IngestReport(sources: sources, database: database, upToDate: true)
        report.finish(started: started)
        return report
    }

    mutating func addEntities(_ corpus: EntityCorpus, seconds: Double) {
        entities = [:]
        for index in corpus.entities.indices { entities[corpus.entities[index].type, default: 0] += 1 }
        quotes = corpus.quotes.count
        entitySeconds = seconds
        entitiesExtracted = true
    }

    mutating func finish(started: DispatchTime) {
        seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
    }

    public var description: String {
        var lines: [String] = []
        if upToDate {
            lines.append("\(database) is up to date (\(files) files unchanged)")
        } else {
            lines.append("files: \(files) (\(usableFiles) used, \(problems.count) skipped, \(duplicateFiles) duplicate)")
            lines.append("pages: \(pages)  posts: \(posts)  merged duplicates: \(mergedDuplicates)  warnings: \(warnings.count)")
            if entitiesExtracted {
                let counts = EntityType.allCases.map { "\(entities[$0] ?? 0) \($0.rawValue)s" }.joined(separator: ", ")
                lines.append("entities: \(entities.values.reduce(0, +)) (\(counts))  quotes: \(quotes)  extracted in \(format(entitySeconds)) s")
            } else {
                lines.append("entities: not extracted (--no-entities)")
            }
            let mb = Double(inputBytes) / 1_048_576
            lines.append("read \(format(mb)) MB in \(format(seconds)) s (\(format(megabytesPerSecond)) MB/s) → \(database)")
            if !phases.isEmpty { lines.append("steps: " + phases.map { "\($0.name) \(format($0.seconds)) s" }.joined(separator: ", ")) }
        }
        for problem in problems { lines.append("skipped \(problem.path): \(problem.reason)") }
        for warning in warnings { lines.append("warning \(warning.path): \(warning.warning)") }
        return lines.joined(separator: "\n")
    }

    private func format(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
