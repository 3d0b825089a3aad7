/// Generates request ids without locks or heap allocation.
///
/// An id is 15 base-32 characters, which fits Swift's inline small-string storage: 6 characters of a
/// random per-server prefix (so ids differ across restarts), then 9 characters of a per-worker counter
/// whose top 8 bits are the worker index (so workers never collide).
struct RequestIDGenerator {
    private let prefix: UInt64
    private var counter: UInt64

    init(serverPrefix: UInt64, workerIndex: Int) {
        prefix = serverPrefix & (1 << 30 - 1)
        counter = UInt64(workerIndex & 0xFF) << 37
    }

    mutating func next() -> String {
        counter &+= 1
        let prefix = self.prefix
        let counter = self.counter
        return String(unsafeUninitializedCapacity: 15) { buffer in
            let alphabet: StaticString = "0123456789abcdefghijklmnopqrstuv"
            for index in 0..<6 {
                buffer[index] = alphabet.utf8Start[Int(prefix >> UInt64(25 - 5 * index) & 31)]
            }
            for index in 0..<9 {
                buffer[6 + index] = alphabet.utf8Start[Int(counter >> UInt64(40 - 5 * index) & 31)]
            }
            return 15
        }
    }

    /// Whether a client's `X-Request-Id` may be reused: 1–64 characters of `A–Z a–z 0–9 . _ : -`,
    /// so it is safe in logs and headers.
    static func isAcceptable(_ id: UnsafeRawBufferPointer) -> Bool {
        guard (1...64).contains(id.count) else { return false }
        for byte in id {
            switch byte {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2E, 0x5F, 0x3A, 0x2D: continue
            default: return false
            }
        }
        return true
    }
}
