import Foundation

/// Settings from `config.json`, overridden by `DATELINE_*` environment variables, then by flags.
///
/// Every key is optional in the file; an unknown key or a value of the wrong type is an error that
/// names the key, so a typo never silently falls back to a default.
struct Config: Equatable {
    var database = "data/dateline.sqlite"
    var sources = ["Samples"]
    var maxSourceBytes = 256 << 20

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

    /// Reads `path` when it exists (a missing default file means defaults), then the environment.
    static func load(path: String, required: Bool, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Config {
        var config = Config()
        if FileManager.default.fileExists(atPath: path) {
            guard let data = FileManager.default.contents(atPath: path) else { throw Failure.unreadable(path, "cannot be read") }
            let object: Any
            do { object = try JSONSerialization.jsonObject(with: data) } catch {
                throw Failure.unreadable(path, "not valid JSON (\(error.localizedDescription))")
            }
            guard let fields = object as? [String: Any] else { throw Failure.unreadable(path, "must hold a JSON object") }
            try config.apply(fields)
        } else if required {
            throw Failure.unreadable(path, "no such file")
        }
        try config.apply(environment: environment)
        return config
    }

    private mutating func apply(_ fields: [String: Any]) throws {
        for key in fields.keys.sorted() {
            let value = fields[key]!
            switch key {
            case "database": database = try Config.string(value, key)
            case "sources":
                guard let list = value as? [String], !list.isEmpty else { throw Failure.invalid(key, "must be a non-empty list of folders") }
                sources = list
            case "max_source_bytes": maxSourceBytes = try Config.positive(value, key)
            default: throw Failure.invalid(key, "unknown setting")
            }
        }
    }

    private mutating func apply(environment: [String: String]) throws {
        if let value = environment["DATELINE_DATABASE"] { database = value }
        if let value = environment["DATELINE_SOURCES"] {
            sources = value.split(separator: ":").map(String.init)
            if sources.isEmpty { throw Failure.invalid("DATELINE_SOURCES", "must name at least one folder") }
        }
        if let value = environment["DATELINE_MAX_SOURCE_BYTES"] {
            guard let n = Int(value), n > 0 else { throw Failure.invalid("DATELINE_MAX_SOURCE_BYTES", "must be a positive integer") }
            maxSourceBytes = n
        }
    }

    private static func string(_ value: Any, _ key: String) throws -> String {
        guard let text = value as? String, !text.isEmpty else { throw Failure.invalid(key, "must be a non-empty string") }
        return text
    }

    private static func positive(_ value: Any, _ key: String) throws -> Int {
        guard !(value is Bool), let n = value as? Int, n > 0 else { throw Failure.invalid(key, "must be a positive integer") }
        return n
    }
}
