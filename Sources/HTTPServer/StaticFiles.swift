import Glibc
import Synchronization

/// Why ``StaticFiles`` could not be created.
public enum StaticFilesError: Error, Equatable, CustomStringConvertible {
    /// The root folder does not exist or is not a directory.
    case notADirectory(String)

    /// A sentence for the operator.
    public var description: String {
        switch self {
        case .notADirectory(let path): return "\(path) is not a directory"
        }
    }
}

/// Serves the files of one folder (e.g. `Public/`) at `/`: `/` and `…/` map to `index.html`, content
/// types come from extensions, `ETag` from size and modification time, plus `Last-Modified` and
/// `Cache-Control`. Conditional GET (304) and gzip are applied by the server.
///
/// It never serves anything outside the folder: segments that are empty (`//`), start with `.` (which
/// covers `..` however it was encoded, and hidden files), or contain `/` (from `%2F`) or `\` are
/// refused, NUL never gets this far (the server rejects `%00`), and every path is resolved with
/// realpath(3) and must lie inside the folder's own realpath, so symlinks cannot lead out.
/// Refusals look exactly like missing files: `respond(to:)` returns nil and the caller answers 404.
///
/// Files up to `maxCachedFileBytes` are cached in memory (with their gzip variant) keyed by path and
/// revalidated by size and mtime on every request, so edits show up immediately.
public struct StaticFiles: Sendable {
    /// The folder's resolved absolute path.
    public let root: String
    /// The `Cache-Control` value sent with every file.
    public let cacheControl: String
    private let cache: FileCache

    /// Serves `root` (resolved with realpath now; throws if it is not a directory).
    public init(root: String, cacheControl: String = "public, max-age=60",
                maxCachedFileBytes: Int = 1 << 20) throws(StaticFilesError) {
        guard let resolved = Self.realPath(root), Self.fileType(resolved) == S_IFDIR else {
            throw .notADirectory(root)
        }
        self.root = resolved
        self.cacheControl = cacheControl
        cache = FileCache(maxFileBytes: maxCachedFileBytes)
    }

    /// The file for a GET or HEAD request, or nil when there is none to serve (answer 404).
    public func respond(to request: Request) -> Response? {
        guard request.method == .get || request.method == .head else { return nil }
        var path = root
        var wantsDirectory = request.pathSegments.isEmpty
        for (index, segment) in request.pathSegments.enumerated() {
            if segment.isEmpty && index == request.pathSegments.count - 1 {
                wantsDirectory = true
                break
            }
            guard let first = segment.utf8.first, first != UInt8(ascii: "."),
                  !segment.utf8.contains(where: { $0 == ASCII.slash || $0 == UInt8(ascii: "\\") || $0 == 0 })
            else { return nil }
            path += "/" + segment
        }
        if wantsDirectory { path += "/index.html" }

        guard let resolved = Self.realPath(path), isInsideRoot(resolved) else { return nil }
        var info = stat()
        guard stat(resolved, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        let version = FileVersion(size: Int(info.st_size),
                                  modified: Int(info.st_mtim.tv_sec) * 1_000_000_000 + Int(info.st_mtim.tv_nsec))
        if let cached = cache.response(for: resolved, version: version) { return cached }
        guard let body = Self.readFile(resolved, expectedSize: version.size) else { return nil }

        var response = Response(status: .ok, headers: [
            "Content-Type": MediaType.forFileName(resolved),
            "ETag": "\"\(String(version.size, radix: 16))-\(String(version.modified, radix: 16))\"",
            "Last-Modified": HTTPDate.string(fromUnixTime: Int(info.st_mtim.tv_sec)),
            "Cache-Control": cacheControl,
        ], body: body)
        if cache.accepts(size: body.count) {
            response = response.precompressed()
            cache.store(response, for: resolved, version: version)
        }
        return response
    }

    private func isInsideRoot(_ resolved: String) -> Bool {
        let prefix = root.hasSuffix("/") ? root : root + "/"
        return resolved.hasPrefix(prefix)
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func fileType(_ path: String) -> mode_t? {
        var info = stat()
        return stat(path, &info) == 0 ? info.st_mode & S_IFMT : nil
    }

    /// The whole file, or nil if it cannot be read or changed size meanwhile.
    private static func readFile(_ path: String, expectedSize: Int) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var complete = true
        let bytes = [UInt8](unsafeUninitializedCapacity: expectedSize) { buffer, initialized in
            while initialized < expectedSize {
                let count = read(fd, buffer.baseAddress! + initialized, expectedSize - initialized)
                if count > 0 {
                    initialized += count
                } else if count < 0 && errno == EINTR {
                    continue
                } else {
                    complete = false
                    return
                }
            }
        }
        return complete ? bytes : nil
    }
}

/// Size and modification time (ns) of a file: a cached copy is valid while both are unchanged.
private struct FileVersion: Equatable {
    let size: Int
    let modified: Int
}

/// Cached file responses. A final class whose only state is behind a Mutex, so it is Sendable
/// without `@unchecked`. Caching stops once `maxTotalBytes` is reached.
private final class FileCache: Sendable {
    private let maxFileBytes: Int
    private let maxTotalBytes = 64 << 20
    private let entries = Mutex<(files: [String: (version: FileVersion, response: Response)], bytes: Int)>(([:], 0))

    init(maxFileBytes: Int) {
        self.maxFileBytes = maxFileBytes
    }

    func accepts(size: Int) -> Bool { size <= maxFileBytes }

    func response(for path: String, version: FileVersion) -> Response? {
        entries.withLock { entries in
            guard let entry = entries.files[path], entry.version == version else { return nil }
            return entry.response
        }
    }

    func store(_ response: Response, for path: String, version: FileVersion) {
        let size = response.body.count + (response.gzippedBody?.count ?? 0)
        entries.withLock { entries in
            let previous = entries.files[path].map { $0.response.body.count + ($0.response.gzippedBody?.count ?? 0) } ?? 0
            guard entries.bytes - previous + size <= maxTotalBytes else { return }
            entries.files[path] = (version, response)
            entries.bytes += size - previous
        }
    }
}
