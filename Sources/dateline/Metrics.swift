import API
import Foundation
import HTTPServer
import Glibc
import Synchronization

/// What `GET /metrics` reports, in the Prometheus text exposition format (version 0.0.4):
/// requests by route and status, a latency histogram by route, open connections, ingest figures,
/// the archive's size, and the usual process figures (memory, descriptors, start time).
final class Metrics: Sendable {
    /// Upper bounds of the latency buckets, in seconds (handler time, from request to response).
    static let latencyBuckets: [Double] = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1]

    private let requests = Mutex(RequestFigures())
    private let ingest = Mutex(IngestFigures())
    private let startTime = Date().timeIntervalSince1970

    private struct RouteStatus: Hashable {
        let route: String
        let status: Int
    }

    private struct Latency {
        var buckets = [Int](repeating: 0, count: Metrics.latencyBuckets.count)
        var count = 0
        var sum = 0.0
    }

    private struct RequestFigures {
        var counts: [RouteStatus: Int] = [:]
        var latency: [String: Latency] = [:]
    }

    /// The figures of the last ingests.
    struct IngestFigures {
        var runs: [String: Int] = [:]
        var lastSuccess: Double?
        var lastSeconds: Double?
        var posts = 0
        var pages = 0
        var skippedSources = 0
    }

    /// Counts one access-log entry (every response the server sent, protocol errors included).
    func record(_ entry: AccessLogEntry) {
        let path = entry.path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        let segments = path == "/" ? [] : path.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let route = entry.method == "-" ? "unparsed" : ArchiveAPI.routeLabel(forPath: String(path), segments: segments)
        recordRequest(route: route, status: entry.status, seconds: Double(entry.microseconds) / 1_000_000)
    }

    /// Counts one answered request.
    func recordRequest(route: String, status: Int, seconds: Double) {
        let bucket = Self.latencyBuckets.firstIndex { seconds <= $0 }
        requests.withLock { figures in
            figures.counts[RouteStatus(route: route, status: status), default: 0] += 1
            var latency = figures.latency[route] ?? Latency()
            if let bucket { latency.buckets[bucket] += 1 }
            latency.count += 1
            latency.sum += seconds
            figures.latency[route] = latency
        }
    }

    /// Counts one ingest run: `result` is `done`, `up_to_date` or `failed`.
    func recordIngest(result: String, seconds: Double, posts: Int?, pages: Int?, skippedSources: Int?) {
        ingest.withLock { figures in
            figures.runs[result, default: 0] += 1
            figures.lastSeconds = seconds
            guard result != "failed" else { return }
            figures.lastSuccess = Date().timeIntervalSince1970
            if let posts, let pages, let skippedSources, result == "done" {
                figures.posts = posts
                figures.pages = pages
                figures.skippedSources = skippedSources
            }
        }
    }

    /// The whole exposition. `archive` is nil while no archive is open.
    func render(openConnections: Int, archive: (posts: Int, pages: Int, entities: Int)?, databasePath: String) -> String {
        var out = ""
        let figures = requests.withLock { $0 }
        family(&out, "dateline_http_requests_total", "counter", "HTTP requests answered, by route pattern and status.")
        for (key, count) in figures.counts.sorted(by: { ($0.key.route, $0.key.status) < ($1.key.route, $1.key.status) }) {
            out += "dateline_http_requests_total{route=\"\(key.route)\",status=\"\(key.status)\"} \(count)\n"
        }
        family(&out, "dateline_http_request_duration_seconds", "histogram", "Time from a parsed request to its response, by route pattern.")
        for (route, latency) in figures.latency.sorted(by: { $0.key < $1.key }) {
            var cumulative = 0
            for (index, bound) in Self.latencyBuckets.enumerated() {
                cumulative += latency.buckets[index]
                out += "dateline_http_request_duration_seconds_bucket{route=\"\(route)\",le=\"\(bound)\"} \(cumulative)\n"
            }
            out += "dateline_http_request_duration_seconds_bucket{route=\"\(route)\",le=\"+Inf\"} \(latency.count)\n"
            out += "dateline_http_request_duration_seconds_sum{route=\"\(route)\"} \(latency.sum)\n"
            out += "dateline_http_request_duration_seconds_count{route=\"\(route)\"} \(latency.count)\n"
        }
        gauge(&out, "dateline_http_open_connections", "Client connections open now.", openConnections)

        let ingestFigures = ingest.withLock { $0 }
        family(&out, "dateline_ingest_runs_total", "counter", "Ingest runs, by result (done, up_to_date, failed).")
        for result in ["done", "up_to_date", "failed"] {
            out += "dateline_ingest_runs_total{result=\"\(result)\"} \(ingestFigures.runs[result] ?? 0)\n"
        }
        if let seconds = ingestFigures.lastSeconds {
            gauge(&out, "dateline_ingest_last_duration_seconds", "Seconds the last ingest took.", seconds)
        }
        if let time = ingestFigures.lastSuccess {
            gauge(&out, "dateline_ingest_last_success_timestamp_seconds", "Unix time of the last successful ingest.", time)
        }
        gauge(&out, "dateline_ingest_skipped_sources", "Source files the last rebuilding ingest could not use.",
              ingestFigures.skippedSources)

        gauge(&out, "dateline_archive_ready", "1 when an archive is open and served.", archive == nil ? 0 : 1)
        if let archive {
            gauge(&out, "dateline_archive_posts", "Posts in the archive served.", archive.posts)
            gauge(&out, "dateline_archive_pages", "Live pages in the archive served.", archive.pages)
            gauge(&out, "dateline_archive_entities", "People, organisations and places in the archive served.", archive.entities)
        }
        if let size = (try? FileManager.default.attributesOfItem(atPath: databasePath))?[.size] as? Int {
            gauge(&out, "dateline_database_size_bytes", "Size of the archive file.", size)
        }

        gauge(&out, "process_resident_memory_bytes", "Resident memory.", Self.residentBytes())
        gauge(&out, "process_open_fds", "Open file descriptors.",
              (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count) ?? 0)
        gauge(&out, "process_start_time_seconds", "Unix time the process started.", startTime)
        return out
    }

    private func family(_ out: inout String, _ name: String, _ type: String, _ help: String) {
        out += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
    }

    private func gauge(_ out: inout String, _ name: String, _ help: String, _ value: some CustomStringConvertible) {
        family(&out, name, "gauge", help)
        out += "\(name) \(value)\n"
    }

    /// VmRSS from /proc/self/status, in bytes.
    private static func residentBytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kilobytes = Int(line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first ?? "")
        else { return 0 }
        return kilobytes * 1024
    }
}
