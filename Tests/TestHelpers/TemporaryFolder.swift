import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Scratch folders for tests. They all sit in one folder per test process, removed when the
/// process exits; the folders of runs that were killed are removed by the next run.
public enum TemporaryFolder {
    /// A new, empty folder whose name starts with `prefix`.
    public static func make(_ prefix: String) throws -> String {
        let path = root + "/" + prefix + "-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// `…/dateline-tests/run-PID`, created (and its removal at exit arranged) on first use.
    private static let root: String = {
        let base = NSTemporaryDirectory() + "dateline-tests"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: base)) ?? [] where name.hasPrefix("run-") {
            if let pid = Int32(name.dropFirst(4)), kill(pid, 0) == 0 { continue }
            try? FileManager.default.removeItem(atPath: base + "/" + name)
        }
        let root = base + "/run-\(getpid())"
        try? FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(atPath: TemporaryFolder.root) }
        return root
    }()
}
