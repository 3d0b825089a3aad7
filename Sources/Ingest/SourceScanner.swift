import Foundation

/// Finds the source files under one or more folders.
///
/// Walks folders recursively in name order, skips hidden entries and notes beside the sources
/// (`README*`, `*.md`), follows a symbolic link to a
/// folder only once (a link loop cannot trap it) and lists every other entry as a candidate: what
/// cannot be read is reported by the loader, not silently dropped here. A folder given twice (by any
/// spelling that resolves to it) is scanned once; folders with the same name get display prefixes
/// long enough to tell them apart (`a/Samples/…`, `b/Samples/…`), so every candidate has its own path.
struct SourceScanner {
    struct Candidate: Sendable {
        /// Shown in reports and stored in `sources.path`: relative to its folder, prefixed with the
        /// folder's name (or enough of its path to be unique) when several folders are given.
        var displayPath: String
        var absolutePath: String
    }

    enum Failure: Error, CustomStringConvertible {
        case notAFolder(String)
        var description: String {
            switch self {
            case .notAFolder(let path): return "source folder \(path) does not exist or is not a folder"
            }
        }
    }

    static func scan(_ roots: [String]) throws -> [Candidate] {
        var distinct: [String] = []
        var resolved: Set<String> = []
        for root in roots {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw Failure.notAFolder(root)
            }
            if resolved.insert(URL(fileURLWithPath: root).resolvingSymlinksInPath().path).inserted { distinct.append(root) }
        }
        var found: [Candidate] = []
        for (root, prefix) in zip(distinct, displayPrefixes(distinct)) {
            var visited: Set<String> = []
            walk(root, relative: "", prefix: prefix, visited: &visited, into: &found)
        }
        return found.sorted { $0.displayPath < $1.displayPath }
    }

    /// `""` for a single folder; otherwise the last path components of each folder, as few as keep
    /// them distinct, with a trailing slash. Folders that resolve to different places have different
    /// absolute paths, so the whole path always is distinct.
    static func displayPrefixes(_ roots: [String]) -> [String] {
        guard roots.count > 1 else { return roots.map { _ in "" } }
        let components = roots.map { URL(fileURLWithPath: $0).standardizedFileURL.pathComponents.filter { $0 != "/" } }
        let deepest = components.map(\.count).max() ?? 1
        for depth in 1..<max(1, deepest) {
            let prefixes = components.map { $0.suffix(depth).joined(separator: "/") + "/" }
            if Set(prefixes).count == prefixes.count { return prefixes }
        }
        return components.map { $0.joined(separator: "/") + "/" }
    }

    private static func walk(_ folder: String, relative: String, prefix: String, visited: inout Set<String>, into found: inout [Candidate]) {
        let real = (folder as NSString).resolvingSymlinksInPath
        guard visited.insert(real).inserted else { return }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names.sorted() where !name.hasPrefix(".") && !name.hasPrefix("README") && !name.hasSuffix(".md") {
            let path = folder + "/" + name
            let rel = relative.isEmpty ? name : relative + "/" + name
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                walk(path, relative: rel, prefix: prefix, visited: &visited, into: &found)
            } else {
                found.append(Candidate(displayPath: prefix + rel, absolutePath: path))
            }
        }
    }
}
