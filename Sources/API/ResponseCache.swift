import HTTPServer
import Synchronization
import ZlibCodec

/// Finished responses by request target, for an archive that never changes while it is served.
///
/// Entries are kept gzip-compressed (JSON shrinks four- to sixfold), so the same memory holds
/// several times more of them: gzip clients get the stored bytes as they are, identity clients get
/// them inflated by the server straight into its output, which costs far less than running the
/// queries again. Bounded by bytes and
/// evicted with the CLOCK algorithm: a hit marks its entry, and the clock hand spares a marked entry
/// once, so entries that are asked for again stay while one-off requests make room.
///
/// Inflating a large response (a 20-post list is ~14 KB of JSON) is most of the time an identity
/// client's request takes, so large entries such clients ask for also keep their inflated content,
/// within a second budget of a quarter of the first: a copy is made while there is room and goes
/// with its entry (replacing copies instead would make one per request once clients sweep over
/// more entries than fit, as crawlers do, and save nothing).
final class ResponseCache: Sendable {
    private let capacity: Int
    private let identityCapacity: Int
    private let state = Mutex(State())
    /// Content below this size is inflated per request: its copy would save little of the request.
    static let identityMinimumBytes = 8192

    private struct Slot {
        var key: String
        /// Either `body` or, when gzip made it smaller, only `gzippedBody`; with `identity` the
        /// inflated content too.
        var response: Response
        var size: Int
        var referenced: Bool
        var identity: [UInt8]?
    }

    private struct State {
        var index: [String: Int] = [:]
        /// The clock's face; nil marks a slot freed by eviction, reused by the next insert.
        var slots: [Slot?] = []
        var free: [Int] = []
        var hand = 0
        var bytes = 0
        var identityBytes = 0
    }

    /// A cache holding at most `capacity` bytes (0 disables it), and up to a quarter as much again of
    /// inflated copies.
    init(capacity: Int) {
        self.capacity = capacity
        identityCapacity = capacity / 4
    }

    /// The cached response for `key`. For a client that does not take gzip (`gzip` false) it carries
    /// the inflated content when its entry keeps a copy or one can be made; otherwise it is as
    /// stored, often only gzip-encoded, which the server inflates for such a client (see ``Response``).
    func response(for key: String, gzip: Bool) -> Response? {
        guard capacity > 0 else { return nil }
        let found = state.withLock { state -> (response: Response, identity: [UInt8]?, room: Int)? in
            guard let index = state.index[key], let slot = state.slots[index] else { return nil }
            if !slot.referenced { state.slots[index]!.referenced = true }
            return (slot.response, slot.identity, identityCapacity - state.identityBytes)
        }
        guard var response = found?.response else { return nil }
        if gzip || !response.body.isEmpty { return response }
        if let identity = found?.identity {
            response.body = identity
            return response
        }
        guard let gzipped = response.gzippedBody, let size = GzipInflater.inflatedSize(of: gzipped),
              size >= Self.identityMinimumBytes, size <= found?.room ?? 0,
              let content = try? Gunzip.decompress(gzipped, limit: size) else { return response }
        state.withLock { state in
            guard let index = state.index[key], state.slots[index]?.identity == nil,
                  state.identityBytes + size <= identityCapacity else { return }
            state.slots[index]!.identity = content
            state.identityBytes += size
        }
        response.body = content
        return response
    }

    /// Stores `response` and returns what to send to a client that does or does not accept `gzip`.
    func store(_ response: Response, for key: String, gzip: Bool) -> Response {
        guard capacity > 0, response.body.count + key.utf8.count <= capacity / 8 else { return response }
        let stored = Self.compact(response.precompressed())
        let size = stored.body.count + (stored.gzippedBody?.count ?? 0) + key.utf8.count
        state.withLock { state in
            guard state.index[key] == nil else { return }
            while state.bytes + size > capacity, state.bytes > 0 {
                Self.evictOne(&state)
            }
            let slot = Slot(key: key, response: stored, size: size, referenced: false)
            if let free = state.free.popLast() {
                state.slots[free] = slot
                state.index[key] = free
            } else {
                state.index[key] = state.slots.count
                state.slots.append(slot)
            }
            state.bytes += size
        }
        return gzip ? stored : response
    }

    /// The stored form: only the gzip bytes when there are some (``Gzip/compress(_:)`` returns them
    /// without spare capacity), else the body copied without the spare capacity of the generously
    /// reserved buffer JSON is built in.
    private static func compact(_ response: Response) -> Response {
        var stored = response
        if response.gzippedBody != nil {
            stored.body = []
        } else {
            stored.body = [UInt8](unsafeUninitializedCapacity: response.body.count) { buffer, count in
                count = buffer.initialize(fromContentsOf: response.body)
            }
        }
        return stored
    }

    /// Advances the clock hand to the next unmarked entry, unmarking marked ones on the way, and
    /// frees its slot (and its inflated copy).
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
            state.identityBytes -= slot.identity?.count ?? 0
            state.slots[state.hand] = nil
            state.free.append(state.hand)
            return
        }
    }
}
