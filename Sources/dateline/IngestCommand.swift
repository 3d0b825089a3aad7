import ArgumentParser
import Foundation
import Ingest

/// `dateline ingest`: builds the database from the source folders.
struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Read source folders (.txt, .gz) and write the SQLite archive atomically.",
        discussion: "Exit status is non-zero only when no source could be used, or with --strict when any could not."
    )

    @OptionGroup var common: CommonOptions

    @Option(name: .long, parsing: .upToNextOption, help: "Folders of source files (default from config.json: Samples).")
    var sources: [String] = []

    @Option(name: .long, help: "Database file to write (default from config.json).")
    var db: String?

    @Flag(name: .long, help: "Fail when any source file cannot be used.")
    var strict = false

    @Flag(name: .long, help: "Rebuild even when the sources have not changed.")
    var force = false

    @Flag(name: .customLong("no-entities"),
          help: "Skip entity and quote extraction: their tables stay empty (quicker; shows what extraction costs).")
    var noEntities = false

    func run() throws {
        let config = try common.load()
        let options = IngestOptions(sourceFolders: sources.isEmpty ? config.sources : sources,
                                    databasePath: db ?? config.database, strict: strict, force: force,
                                    maxSourceBytes: config.maxSourceBytes, extractEntities: !noEntities)
        do {
            print(try IngestJob.run(options))
        } catch let error as IngestError {
            printError("dateline ingest: \(error)")
            throw ExitCode.failure
        }
    }
}

func printError(_ message: String) {
    var standardError = StandardError()
    print(message, to: &standardError)
}

/// Standard error as a text stream.
struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        FileHandle.standardError.write(Data(string.utf8))
    }
}
