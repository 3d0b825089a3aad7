/// A comparable form (see `Fingerprint`) as a dictionary or set key. Its hash is made once, when
/// the key is made (on all cores where keys are made in parallel), so the serial loops that look
/// keys up only mix in one integer, and compare bytes only when the hashes are equal.
struct FingerprintKey: Hashable, Sendable {
    let bytes: [UInt8]
    private let hash: Int

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var hasher = Hasher()
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
        hash = hasher.finalize()
    }

    static func == (a: FingerprintKey, b: FingerprintKey) -> Bool {
        a.hash == b.hash && a.bytes == b.bytes
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(hash)
    }
}
