/// A comparable form (see `Fingerprint`) as a dictionary or set key: hashed in one call over its
/// bytes, where `[UInt8]` feeds the hasher one byte at a time.
struct FingerprintKey: Hashable, Sendable {
    let bytes: [UInt8]

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func hash(into hasher: inout Hasher) {
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
    }
}
