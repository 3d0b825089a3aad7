import HTTPServer
import Synchronization

/// Finished responses by request target, for an archive that never changes while it is served.
/// A response is gzip-compressed once, when a client that accepts gzip first gets it, and the
/// encoding is kept with it; clients that never ask for gzip never pay for compression. Bounded by bytes (bodies, gzip bodies and keys) and evicted with the CLOCK
/// algorithm: a hit marks its entry, and the clock hand spares a marked entry once, so entries that
/// are asked for again stay while one-off requests make room.
final class ResponseCache: Sendable {
    private let capacity: Int
    private let state = Mutex(State())

    private struct Slot {
        var key: String
        var response: Response
        var size: Int
        var referenced: Bool
        /// Whether compression was tried (it is kept only when it makes the body smaller).
        var compressed: Bool
    }

    private struct State {
        var index: [String: Int] = [:]
        /// The clock's face; nil marks a slot freed by eviction, reused by the next insert.
        var slots: [Slot?] = []
        var free: [Int] = []
        var hand = 0
        var bytes = 0
    }

    /// A cache holding at most `capacity` bytes (0 disables it).
    init(capacity: Int) {
        self.capacity = capacity
    }

    /// The cached response for `key`; with `gzip`, one that carries its gzip body when compression
    /// helps (compressed now if this is the first gzip client to ask).
    func response(for key: String, gzip: Bool) -> Response? {
        guard capacity > 0 else { return nil }
        let found = state.withLock { state -> (Response, Bool)? in
            guard let index = state.index[key], let slot = state.slots[index] else { return nil }
            state.slots[index]?.referenced = true
            return (slot.response, slot.compressed)
        }
        guard let (response, compressed) = found else { return nil }
        guard gzip, !compressed else { return response }
        let encoded = response.precompressed()
        state.withLock { state in
            guard let index = state.index[key], state.slots[index]?.compressed == false else { return }
            let added = encoded.gzippedBody?.count ?? 0
            state.slots[index]?.response = encoded
            state.slots[index]?.compressed = true
            state.slots[index]?.size += added
            state.bytes += added
        }
        return encoded
    }

    /// Stores `response` (gzip-compressed first when `gzip`) and returns what to send.
    func store(_ response: Response, for key: String, gzip: Bool) -> Response {
        guard capacity > 0, response.body.count + key.utf8.count <= capacity / 8 else { return response }
        var stored = gzip ? response.precompressed() : response
        // JSON bodies are built in generously reserved buffers; keep only the bytes.
        stored.body = [UInt8](unsafeUninitializedCapacity: stored.body.count) { buffer, count in
            count = buffer.initialize(fromContentsOf: stored.body)
        }
        let size = stored.body.count + (stored.gzippedBody?.count ?? 0) + key.utf8.count
        state.withLock { state in
            guard state.index[key] == nil else { return }
            while state.bytes + size > capacity, state.bytes > 0 {
                Self.evictOne(&state)
            }
            let slot = Slot(key: key, response: stored, size: size, referenced: false, compressed: gzip)
            if let free = state.free.popLast() {
                state.slots[free] = slot
                state.index[key] = free
            } else {
                state.index[key] = state.slots.count
                state.slots.append(slot)
            }
            state.bytes += size
        }
        return stored
    }

    /// Advances the clock hand to the next unmarked entry, unmarking marked ones on the way, and
    /// frees its slot.
    private static func evictOne(_ state: inout State) {
        while true {
            state.hand = state.hand + 1 < state.slots.count ? state.hand + 1 : 0
            guard let slot = state.slots[state.hand] else { continue }
            if slot.referenced {
                state.slots[state.hand]?.referenced = false
                continue
            }
            state.index[slot.key] = nil
            state.bytes -= slot.size
            state.slots[state.hand] = nil
            state.free.append(state.hand)
            return
        }
    }
}
