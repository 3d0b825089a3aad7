import ArgumentParser
import Dispatch
import Foundation
import HTTPServer

/// `dateline serve`: ingest on startup (unless told not to), then serve the archive and `Public/`.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the archive as a JSON API (and Public/ as the web page) over HTTP/1.1.",
        discussion: """
            Listens at once: /healthz answers immediately, /readyz once an archive is open. With ingest \
            on startup, an existing archive is served while the new one is built, then swapped in. \
            SIGHUP re-runs the ingest and swaps without dropping requests; SIGTERM and SIGINT stop \
            accepting, finish requests in flight and exit 0.
            """
    )

    @OptionGroup var common: CommonOptions

    @Option(name: .long, help: "Address to bind (config: host).")
    var host: String?

    @Option(name: .long, help: "TCP port; 0 picks a free one (config: port).")
    var port: Int?

    @Option(name: .long, help: "Archive file to serve and to build (config: database).")
    var db: String?

    @Option(name: .long, parsing: .upToNextOption, help: "Source folders for the ingest (config: sources).")
    var sources: [String] = []

    @Option(name: .customLong("public"), help: "Folder served at / (config: public; empty disables).")
    var publicFolder: String?

    @Flag(name: .long, help: "Serve the existing archive without ingesting first.")
    var noIngest = false

    func run() throws {
        var config = try common.load()
        if let host { config.host = host }
        if let port {
            guard (0...65535).contains(port) else { throw ValidationError("--port must be from 0 to 65535") }
            config.port = port
        }
        if let db { config.database = db }
        if !sources.isEmpty { config.sources = sources }
        if let publicFolder { config.publicFolder = publicFolder }
        if noIngest { config.ingestOnStartup = false }

        let service: ArchiveService
        do {
            service = try ArchiveService(config: config)
            try service.start()
        } catch {
            printError("dateline serve: \(error)")
            throw ExitCode.failure
        }
        withExtendedLifetime(service) { dispatchMain() }
    }
}
