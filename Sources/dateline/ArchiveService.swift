import API
import Dispatch
import Foundation
import HTTPServer
import Ingest
import Synchronization

/// The running `dateline serve`: the HTTP server, the archive it serves, and the ingests that
/// replace that archive (on startup and on SIGHUP).
///
/// The server listens before any ingest, so `/healthz` answers at once; until an archive is open the
/// API answers `503` and `/readyz` says why. Each finished ingest opens the new file and swaps the
/// handler: requests in flight finish on the old archive, every later one sees the new.
final class ArchiveService: Sendable {
    let config: Config
    let log: ServiceLog
    private let server: HTTPServer
    private let staticFiles: StaticFiles?
    private let archive = Mutex<ArchiveAPI?>(nil)
    private let ingestState = Mutex(IngestState())
    private let ingestQueue = DispatchQueue(label: "dateline.ingest")
    private let signalSources = Mutex<SignalSources?>(nil)
    let metrics = Metrics()

    /// Kept alive so the signals stay handled; dispatch sources are thread-safe.
    private struct SignalSources: @unchecked Sendable {
        let sources: [any DispatchSourceSignal]
    }

    private struct IngestState {
        var running = false
        var requestedAgain = false
    }

    init(config: Config) throws {
        self.config = config
        log = ServiceLog(json: config.logFormat == "json")
        if config.publicFolder.isEmpty {
            staticFiles = nil
        } else {
            do { staticFiles = try StaticFiles(root: config.publicFolder) } catch {
                throw ServiceError("public folder \"\(config.publicFolder)\" is not a directory (set \"public\" to \"\" to serve no web page)")
            }
        }
        var serverConfiguration = ServerConfiguration(
            host: config.host, port: config.port, maxConnections: config.maxConnections,
            maxRequestLineBytes: config.maxRequestLineBytes, maxHeaderBytes: config.maxHeaderBytes,
            headerTimeout: config.headerTimeout, keepAliveTimeout: config.keepAliveTimeout,
            writeTimeout: config.writeTimeout, maxRequestsPerConnection: config.maxRequestsPerConnection,
            gzip: config.gzip, corsAllowedOrigin: config.corsAllowedOrigin.isEmpty ? nil : config.corsAllowedOrigin,
            accessLog: nil)
        serverConfiguration.lingerTimeout = config.lingerTimeout
        if config.workerThreads > 0 { serverConfiguration.workerThreads = config.workerThreads }
        let metrics = self.metrics
        let accessLog = config.accessLog ? log.accessLog : nil
        serverConfiguration.accessLog = { entry in
            metrics.record(entry)
            accessLog?(entry)
        }
        let files = staticFiles
        server = HTTPServer(configuration: serverConfiguration) { request in
            Self.notReady(request, staticFiles: files)
        }
    }

    /// Opens an existing archive, starts listening, installs the signal handlers and starts the
    /// startup ingest. Throws when the port cannot be bound, or when there is nothing to serve and
    /// no ingest to make it.
    func start() throws {
        if FileManager.default.fileExists(atPath: config.database) {
            do { try openArchive() } catch {
                log.info("existing archive not served", ["reason": "\(error)"])
            }
        }
        guard config.ingestOnStartup || archive.withLock({ $0 != nil }) else {
            throw ServiceError("no archive to serve at \(config.database); run `dateline ingest` or serve without --no-ingest")
        }
        if archive.withLock({ $0 == nil }) {
            let files = staticFiles
            server.replaceHandler(withMetrics { Self.notReady($0, staticFiles: files) })
        }
        try server.start()
        log.info("listening", ["url": "http://\(config.host.contains(":") ? "[\(config.host)]" : config.host):\(server.port)/",
                               "database": config.database])
        let sources = HTTPServer.installSignalHandlers { [self] signal in
            if signal == SIGHUP {
                log.info("reload requested", ["signal": "SIGHUP"])
                requestIngest()
            } else {
                log.info("shutting down", ["signal": signal == SIGTERM ? "SIGTERM" : "SIGINT",
                                           "open_connections": String(server.openConnections)])
                server.shutdown(gracePeriod: config.shutdownGracePeriod)
                log.info("stopped")
                exit(0)
            }
        }
        signalSources.withLock { $0 = SignalSources(sources: sources) }
        if config.ingestOnStartup { requestIngest() }
    }

    /// The port actually bound.
    var port: Int { server.port }

    /// Runs an ingest on the ingest queue; a request while one runs queues exactly one more.
    func requestIngest() {
        let start = ingestState.withLock { state -> Bool in
            if state.running {
                state.requestedAgain = true
                return false
            }
            state.running = true
            return true
        }
        guard start else { return }
        ingestQueue.async { [self] in
            repeat { ingestOnce() } while ingestState.withLock { state in
                state.running = state.requestedAgain
                state.requestedAgain = false
                return state.running
            }
        }
    }

    private func ingestOnce() {
        log.info("ingest started", ["sources": config.sources.joined(separator: ":")])
        let started = Date()
        let options = IngestOptions(sourceFolders: config.sources, databasePath: config.database,
                                    maxSourceBytes: config.maxSourceBytes)
        do {
            let report = try IngestJob.run(options)
            metrics.recordIngest(result: report.upToDate ? "up_to_date" : "done", seconds: report.seconds,
                                 posts: report.posts, pages: report.pages, skippedSources: report.problems.count)
            for problem in report.problems { log.info("source skipped", ["path": problem.path, "reason": problem.reason]) }
            log.info(report.upToDate ? "ingest up to date" : "ingest done",
                     ["pages": String(report.pages), "posts": String(report.posts),
                      "skipped": String(report.problems.count), "seconds": String(format: "%.2f", report.seconds)])
            if !report.upToDate || servedArchiveIsNotTheFile() { try openArchive() }
        } catch {
            metrics.recordIngest(result: "failed", seconds: Date().timeIntervalSince(started), posts: nil, pages: nil,
                                 skippedSources: nil)
            log.error("ingest failed", ["reason": "\(error)"])
            if archive.withLock({ $0 == nil }) {
                log.error("nothing to serve; exiting")
                exit(1)
            }
            log.info("still serving the previous archive")
        }
    }

    /// Whether the file at the database path holds another build than the one served (or none is
    /// served): another process, such as `dateline ingest`, replaced it, so an ingest that finds the
    /// file up to date must still open it.
    private func servedArchiveIsNotTheFile() -> Bool {
        guard let served = archive.withLock({ $0?.info.version }) else { return true }
        guard let file = try? ArchiveAPI(databasePath: config.database, responseCacheBytes: 0) else { return false }
        return file.info.version != served
    }

    /// Opens the archive file and routes every later request to it.
    private func openArchive() throws {
        let files = staticFiles
        let api = try ArchiveAPI(databasePath: config.database, responseCacheBytes: config.responseCacheBytes,
                                 gzip: config.gzip) { request in
            files?.respond(to: request) ?? .problem(status: .notFound)
        }
        archive.withLock { $0 = api }
        server.replaceHandler(withMetrics(api.handler))
        log.info("serving archive", ["posts": String(api.info.posts), "pages": String(api.info.pages),
                                     "entities": String(api.info.entities),
                                     "version": api.info.version])
    }

    /// `handler` with `GET /metrics` answered in front of it.
    private func withMetrics(_ handler: @escaping Handler) -> Handler {
        { [weak self] request in
            guard request.path == "/metrics" else { return handler(request) }
            guard let self else { return .problem(status: .serviceUnavailable) }
            let archive = self.archive.withLock { $0?.info }
            let text = metrics.render(openConnections: server.openConnections,
                                      archive: archive.map { (posts: $0.posts, pages: $0.pages, entities: $0.entities) },
                                      databasePath: config.database)
            return Response(headers: ["Content-Type": "text/plain; version=0.0.4; charset=utf-8", "Cache-Control": "no-store"],
                            body: Array(text.utf8))
        }
    }

    /// Answers while no archive is open: the process is healthy, not ready.
    private static func notReady(_ request: Request, staticFiles: StaticFiles?) -> Response {
        switch request.path {
        case "/healthz":
            return ArchiveAPI.healthResponse
        case "/readyz":
            return unavailable("The archive is being built; try again shortly.")
        case let path where path.hasPrefix("/api/"):
            return unavailable("The archive is being built; try again shortly.")
        default:
            return staticFiles?.respond(to: request) ?? .problem(status: .notFound)
        }
    }

    private static func unavailable(_ detail: String) -> Response {
        var response = Response.problem(status: .serviceUnavailable, detail: detail)
        response.headers["Retry-After"] = "2"
        response.headers["Cache-Control"] = "no-store"
        return response
    }
}

/// A reason `dateline serve` cannot start.
struct ServiceError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
