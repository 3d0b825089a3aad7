import Foundation

/// Settings from `config.json`, overridden by `DATELINE_*` environment variables, then by flags.
///
/// Every key is optional in the file; an unknown key or a value of the wrong type is an error that
/// names the key, so a typo never silently falls back to a default. Each key `some_key` can be set
/// from the environment as `DATELINE_SOME_KEY` (lists: `:`-separated; booleans: `true`/`false`).
struct Config: Equatable {
    var database = "data/dateline.sqlite"
    var sources = ["Samples"]
    var maxSourceBytes = 256 << 20
    var host = "127.0.0.1"
    var port = 8080
    var publicFolder = "Public"
    var ingestOnStartup = true
    var maxConnections = 4096
    var maxRequestLineBytes = 8192
    var maxHeaderBytes = 16384
    var headerTimeout = 10.0
    var keepAliveTimeout = 5.0
    var writeTimeout = 30.0
    var lingerTimeout = 2.0
    var maxRequestsPerConnection = 10_000
    /// 0 picks two per CPU.
    var workerThreads = 0
    var gzip = true
    /// `Access-Control-Allow-Origin`; empty disables CORS.
    var corsAllowedOrigin = ""
    var logFormat = "text"
    var accessLog = true
    var responseCacheBytes = 16 << 20
    var shutdownGracePeriod = 10.0

    enum Failure: Error, CustomStringConvertible {
        case unreadable(String, String)
        case invalid(String, String)

        var description: String {
            switch self {
            case .unreadable(let path, let why): return "config \(path): \(why)"
            case .invalid(let key, let why): return "config key \"\(key)\": \(why)"
            }
        }
    }

    /// How one key is read and where it goes.
    private enum Setting {
        case text(WritableKeyPath<Config, String>, choices: [String]?, allowEmpty: Bool)
        case list(WritableKeyPath<Config, [String]>)
        case integer(WritableKeyPath<Config, Int>, minimum: Int, maximum: Int)
        case seconds(WritableKeyPath<Config, Double>)
        case flag(WritableKeyPath<Config, Bool>)
    }

    private static var settings: [String: Setting] { [
        "database": .text(\.database, choices: nil, allowEmpty: false),
        "sources": .list(\.sources),
        "max_source_bytes": .integer(\.maxSourceBytes, minimum: 1, maximum: Int.max),
        "host": .text(\.host, choices: nil, allowEmpty: false),
        "port": .integer(\.port, minimum: 0, maximum: 65535),
        "public": .text(\.publicFolder, choices: nil, allowEmpty: true),
        "ingest_on_startup": .flag(\.ingestOnStartup),
        "max_connections": .integer(\.maxConnections, minimum: 1, maximum: 1_000_000),
        "max_request_line_bytes": .integer(\.maxRequestLineBytes, minimum: 64, maximum: 1 << 20),
        "max_header_bytes": .integer(\.maxHeaderBytes, minimum: 256, maximum: 1 << 22),
        "header_timeout": .seconds(\.headerTimeout),
        "keep_alive_timeout": .seconds(\.keepAliveTimeout),
        "write_timeout": .seconds(\.writeTimeout),
        "linger_timeout": .seconds(\.lingerTimeout),
        "max_requests_per_connection": .integer(\.maxRequestsPerConnection, minimum: 1, maximum: Int.max),
        "worker_threads": .integer(\.workerThreads, minimum: 0, maximum: 256),
        "gzip": .flag(\.gzip),
        "cors_allowed_origin": .text(\.corsAllowedOrigin, choices: nil, allowEmpty: true),
        "log_format": .text(\.logFormat, choices: ["text", "json"], allowEmpty: false),
        "access_log": .flag(\.accessLog),
        "response_cache_bytes": .integer(\.responseCacheBytes, minimum: 0, maximum: Int.max),
        "shutdown_grace_period": .seconds(\.shutdownGracePeriod),
    ] }

    /// Every key the file may hold.
    static var keys: [String] { settings.keys.sorted() }

    /// Reads `path` when it exists (a missing default file means defaults), then the environment.
    static func load(path: String, required: Bool,
                     environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Config {
        var config = Config()
        if FileManager.default.fileExists(atPath: path) {
            guard let data = FileManager.default.contents(atPath: path) else { throw Failure.unreadable(path, "cannot be read") }
            let object: Any
            do { object = try JSONSerialization.jsonObject(with: data) } catch {
                throw Failure.unreadable(path, "not valid JSON (\(error.localizedDescription))")
            }
            guard let fields = object as? [String: Any] else { throw Failure.unreadable(path, "must hold a JSON object") }
            for key in fields.keys.sorted() {
                guard let setting = settings[key] else {
                    throw Failure.invalid(key, "unknown setting; known: \(keys.joined(separator: ", "))")
                }
                try config.apply(setting, key: key, value: fields[key]!)
            }
        } else if required {
            throw Failure.unreadable(path, "no such file")
        }
        for key in keys {
            let name = "DATELINE_" + key.uppercased()
            guard let text = environment[name] else { continue }
            try config.apply(settings[key]!, key: name, value: parse(text, for: settings[key]!))
        }
        return config
    }

    /// An environment variable's text as the JSON value the same key would have in the file.
    private static func parse(_ text: String, for setting: Setting) -> Any {
        switch setting {
        case .text: return text
        case .list: return text.split(separator: ":").map(String.init)
        case .integer: return Int(text) as Any? ?? text
        case .seconds: return Double(text) as Any? ?? text
        case .flag: return text == "true" || text == "1" ? true : text == "false" || text == "0" ? false : text as Any
        }
    }

    private mutating func apply(_ setting: Setting, key: String, value: Any) throws {
        switch setting {
        case .text(let path, let choices, let allowEmpty):
            guard let text = value as? String, allowEmpty || !text.isEmpty else {
                throw Failure.invalid(key, "must be a\(allowEmpty ? "" : " non-empty") string")
            }
            if let choices, !choices.contains(text) {
                throw Failure.invalid(key, "must be one of \(choices.joined(separator: ", "))")
            }
            self[keyPath: path] = text
        case .list(let path):
            guard let list = value as? [String], !list.isEmpty, !list.contains(where: \.isEmpty) else {
                throw Failure.invalid(key, "must be a non-empty list of folders")
            }
            self[keyPath: path] = list
        case .integer(let path, let minimum, let maximum):
            guard !isBoolean(value), let number = value as? Int, number >= minimum, number <= maximum else {
                throw Failure.invalid(key, "must be an integer from \(minimum) to \(maximum)")
            }
            self[keyPath: path] = number
        case .seconds(let path):
            guard !isBoolean(value), let number = (value as? Double) ?? (value as? Int).map(Double.init),
                  number > 0, number <= 86_400 else {
                throw Failure.invalid(key, "must be a number of seconds above 0 and at most 86400")
            }
            self[keyPath: path] = number
        case .flag(let path):
            guard isBoolean(value), let flag = value as? Bool else { throw Failure.invalid(key, "must be true or false") }
            self[keyPath: path] = flag
        }
    }

    /// Whether a parsed JSON value is `true` or `false`. On Linux every JSON number also casts to
    /// Bool, so the type decides: JSONSerialization gives booleans their own NSNumber subclass.
    private func isBoolean(_ value: Any) -> Bool {
        value is Bool && !(type(of: value) == NSNumber.self)
    }
}
