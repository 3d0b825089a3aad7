/// Content fingerprints that survive scrape noise.
///
/// Two variants of one paragraph differ by `?` debris, curly vs straight quotes, spacing and
/// case; their *comparable form* keeps only lower-cased letters and digits, so the variants agree.
public enum Fingerprint {
    /// Letters and digits of `text`, lower-cased (ASCII folded; other letters kept as they are).
    /// Symbols such as curly quotes, dashes and NBSP (U+0080–U+00BF, U+2000–U+207F) are dropped.
    public static func comparable(_ text: String) -> [UInt8] {
        withUTF8(text) { bytes in
            [UInt8](unsafeUninitializedCapacity: bytes.count) { out, count in
                var n = 0
                _ = forEachComparableByte(bytes) { byte in
                    out[n] = byte
                    n += 1
                    return true
                }
                count = n
            }
        }
    }

    /// Whether `comparable(text) == key`, decided without building the comparable form (it stops
    /// at the first byte that differs).
    public static func comparable(of text: String, is key: [UInt8]) -> Bool {
        withUTF8(text) { bytes in
            key.withUnsafeBufferPointer { key in
                var n = 0
                let whole = forEachComparableByte(bytes) { byte in
                    guard n < key.count, key[n] == byte else { return false }
                    n += 1
                    return true
                }
                return whole && n == key.count
            }
        }
    }

    /// The text's UTF-8 bytes in place (a native string's), else from a contiguous copy.
    @inline(__always)
    private static func withUTF8<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = text
        return copy.withUTF8(body)
    }

    /// Hands each byte of the comparable form of `bytes` to `body`, in order, until `body` returns
    /// false; returns whether every byte was handed over.
    @inline(__always)
    private static func forEachComparableByte(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (UInt8) -> Bool) -> Bool {
        var i = 0
        let end = bytes.count
        while i < end {
            let byte = bytes[i]
            switch byte {
            case 0x30...0x39, 0x61...0x7A:
                if !body(byte) { return false }
            case 0x41...0x5A:
                if !body(byte + 0x20) { return false }
            case 0xC2 where i + 1 < end && bytes[i + 1] < 0xC0:
                i += 2
                continue
            case 0xE2 where i + 2 < end && (bytes[i + 1] == 0x80 || bytes[i + 1] == 0x81):
                i += 3
                continue
            case 0x80...:
                if !body(byte) { return false }
            default:
                break
            }
            i += 1
        }
        return true
    }

    /// 64-bit FNV-1a of a comparable form.
    static func hash(bytes: [UInt8]) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            h ^= UInt64(byte)
            h = h &* 0x0000_0100_0000_01B3
        }
        return h
    }

    /// A short stable id: the first 12 hex digits of the hash.
    public static func shortID(_ bytes: [UInt8]) -> String {
        let h = hash(bytes: bytes)
        // Twelve digits fit in a small string: nothing is allocated.
        return String(unsafeUninitializedCapacity: 12) { digits in
            for i in 0..<12 {
                let nibble = UInt8(truncatingIfNeeded: h >> (60 - 4 * UInt64(i))) & 0xF
                digits[i] = nibble < 10 ? 0x30 + nibble : 0x57 + nibble
            }
            return 12
        }
    }
}
