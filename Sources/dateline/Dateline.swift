import ArgumentParser

/// The `dateline` command: ingest live-page scrapes into SQLite, and serve them.
@main
struct Dateline: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Turns scrapes of news live blogs into an archive of posts, served as JSON.",
        subcommands: [ServeCommand.self, IngestCommand.self, HealthcheckCommand.self, OpenAPICommand.self]
    )
}

/// Options every subcommand shares.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: "Settings file (JSON). Missing is fine unless given explicitly.")
    var config: String?

    func load() throws -> Config {
        try Config.load(path: config ?? "config.json", required: config != nil)
    }
}
