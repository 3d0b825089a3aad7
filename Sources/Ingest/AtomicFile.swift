import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Builds a file beside its final path and renames it into place only once it is complete.
enum AtomicFile {
    /// Calls `build` with a temporary path in the same folder, syncs the result, renames it over
    /// `path` and syncs the folder. On any error the temporary file is removed and `path` is untouched.
    static func replace(_ path: String, build: (String) throws -> Void) throws {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw IngestError.database("cannot create folder \(folder): \(error.localizedDescription)")
        }
        removeLeftovers(of: path)
        let temporary = path + ".building-\(getpid())"
        do {
            try build(temporary)
            try sync(temporary)
            guard rename(temporary, path) == 0 else { throw IngestError.database("rename to \(path) failed: \(String(cString: strerror(errno)))") }
            try? sync(folder)
        } catch {
            unlink(temporary)
            unlink(temporary + "-journal")
            if error is IngestError { throw error }
            throw IngestError.database(String(describing: error))
        }
    }

    /// Starts writing what the file at `path` holds so far to disk, on another thread, and returns:
    /// the sync before the rename then waits only for what was written since. For a file `build`
    /// is still writing (the disk works while the cores build the rest).
    static func flushSoFar(_ path: String) {
        DispatchQueue.global(qos: .utility).async {
            let fd = open(path, O_RDONLY)
            guard fd >= 0 else { return }
            fdatasync(fd)
            close(fd)
        }
    }

    private static func sync(_ path: String) throws {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw IngestError.database("cannot open \(path) to sync") }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw IngestError.database("fsync \(path) failed") }
    }

    /// Removes the temporary files (and their journals) left beside `path` by builds that were
    /// killed, i.e. whose process is gone.
    static func removeLeftovers(of path: String) {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let prefix = url.lastPathComponent + ".building-"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where name.hasPrefix(prefix) {
            let pidText = name.dropFirst(prefix.count).prefix { $0.isNumber }
            if let pid = Int32(pidText), pid != getpid(), kill(pid, 0) == 0 { continue }
            unlink(folder + "/" + name)
        }
    }
}
