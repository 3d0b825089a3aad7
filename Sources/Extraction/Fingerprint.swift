/// Content fingerprints that survive scrape noise.
///
/// Two variants of one paragraph differ by `?` debris, curly vs straight quotes, spacing and
/// case; their *comparable form* keeps only lower-cased letters and digits, so the variants agree.
public enum Fingerprint {
    /// Letters and digits of `text`, lower-cased (ASCII folded; other letters kept as they are).
    public static func comparable(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case 0x30...0x39, 0x61...0x7A: out.append(byte)
            case 0x41...0x5A: out.append(byte + 0x20)
            case 0x80...: out.append(byte)
            default: continue
            }
        }
        // Drop the bytes of non-letter symbols such as curly quotes and dashes (U+2000–U+206F).
        if out.contains(where: { $0 >= 0x80 }) { out = removeGeneralPunctuation(out) }
        return out
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
        let hex = String(h, radix: 16)
        return String((String(repeating: "0", count: 16 - hex.count) + hex).prefix(12))
    }

    private static func removeGeneralPunctuation(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0xE2, i + 2 < bytes.count, bytes[i + 1] == 0x80 || bytes[i + 1] == 0x81 {
                i += 3
                continue
            }
            if bytes[i] == 0xC2, i + 1 < bytes.count, bytes[i + 1] < 0xC0 { // Latin-1 punctuation and NBSP
                i += 2
                continue
            }
            out.append(bytes[i])
            i += 1
        }
        return out
    }
}
