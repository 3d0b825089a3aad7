import Foundation

/// Finds the source files under one or more folders.
///
/// Walks folders recursively in name order, skips hidden entries and notes beside the sources
/// (`README*`, `*.md`), follows a symbolic link to a
/// folder only once (a link loop cannot trap it) and lists every other entry as a candidate: what
/// cannot be read is reported by the loader, not silently dropped here.
struct SourceScanner {
    struct Candidate: Sendable {
        /// Shown in reports and stored in `sources.path`: relative to its folder, prefixed with the
        /// folder's name when several folders are given.
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
        var found: [Candidate] = []
        for root in roots {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw Failure.notAFolder(root)
            }
            let prefix = roots.count > 1 ? URL(fileURLWithPath: root).lastPathComponent + "/" : ""
            var visited: Set<String> = []
            walk(root, relative: "", prefix: prefix, visited: &visited, into: &found)
        }
        return found.sorted { $0.displayPath < $1.displayPath }
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
