import HTTPServer
import Synchronization

/// Finished responses by request target, already gzip-compressed, for an archive that never changes
/// while it is served. Bounded by body bytes; when full, arbitrary entries make room (the key hash
/// order), which costs nothing to track and suits traffic spread over many URLs.
final class ResponseCache: Sendable {
    private let capacity: Int
    private let state = Mutex(State())

    private struct State {
        var entries: [String: Response] = [:]
        var bytes = 0
    }

    /// A cache holding at most `capacity` bytes of bodies (0 disables it).
    init(capacity: Int) {
        self.capacity = capacity
    }

    func response(for key: String) -> Response? {
        guard capacity > 0 else { return nil }
        return state.withLock { $0.entries[key] }
    }

    /// Stores `response` (with its gzip body computed) and returns what to send.
    func store(_ response: Response, for key: String) -> Response {
        let stored = response.precompressed()
        let size = Self.size(stored, key: key)
        guard capacity > 0, size <= capacity / 8 else { return stored }
        state.withLock { state in
            while state.bytes + size > capacity, let victim = state.entries.first {
                state.entries[victim.key] = nil
                state.bytes -= Self.size(victim.value, key: victim.key)
            }
            if let old = state.entries.updateValue(stored, forKey: key) { state.bytes -= Self.size(old, key: key) }
            state.bytes += size
        }
        return stored
    }

    private static func size(_ response: Response, key: String) -> Int {
        response.body.count + (response.gzippedBody?.count ?? 0) + key.utf8.count
    }
}
