/// Writes JSON text by hand: faster than an encoder and byte-for-byte deterministic.
public enum JSONText {
    /// `"text"` with JSON escapes.
    public static func string(_ text: String) -> String {
        var out: [UInt8] = []
        append(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `["a","b"]`.
    public static func array(_ items: [String]) -> String {
        var out: [UInt8] = []
        appendArray(items, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `["a","b"]` to a byte buffer.
    public static func appendArray(_ items: [String], to out: inout [UInt8]) {
        out.append(0x5B)
        for (i, item) in items.enumerated() {
            if i > 0 { out.append(0x2C) }
            append(item, to: &out)
        }
        out.append(0x5D)
    }

    /// An object of optional string fields, keys in the order given; nil values are `null`.
    public static func object(_ fields: KeyValuePairs<String, String?>) -> String {
        var out: [UInt8] = [0x7B]
        for (i, (key, value)) in fields.enumerated() {
            if i > 0 { out.append(0x2C) }
            append(key, to: &out)
            out.append(0x3A)
            if let value { append(value, to: &out) } else { out.append(contentsOf: "null".utf8) }
        }
        out.append(0x7D)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `"text"` with JSON escapes to a byte buffer.
    public static func append(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { appendQuoted(UnsafeRawBufferPointer($0), to: &out) }
    }

    /// Appends the UTF-8 `bytes` as a JSON string, quotes included, escaping `"`, `\\` and control
    /// bytes. Runs that need no escape are copied whole, which is nearly all of any text; they are
    /// found eight bytes at a time.
    public static func appendQuoted(_ bytes: UnsafeRawBufferPointer, to out: inout [UInt8]) {
        out.reserveCapacity(out.count + bytes.count + 2)
        out.append(0x22)
        var runStart = 0
        var index = 0
        while index < bytes.count {
            if index + 8 <= bytes.count, !needsEscape(bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)) {
                index += 8
                continue
            }
            let byte = bytes[index]
            index += 1
            guard byte < 0x20 || byte == 0x22 || byte == 0x5C else { continue }
            let escaped = index - 1
            if runStart < escaped { out.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[runStart..<escaped])) }
            switch byte {
            case 0x22: out.append(0x5C); out.append(0x22)
            case 0x5C: out.append(0x5C); out.append(0x5C)
            case 0x0A: out.append(0x5C); out.append(0x6E)
            case 0x0D: out.append(0x5C); out.append(0x72)
            case 0x09: out.append(0x5C); out.append(0x74)
            default:
                out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0xF)]])
            }
            runStart = index
        }
        if runStart < bytes.count { out.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[runStart...])) }
        out.append(0x22)
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Whether any of the eight bytes in `word` is a control byte, `"` or `\\`: each test is the
    /// classic "some byte is below n" bit trick, exact for bytes under 0x80 (UTF-8 lead and
    /// continuation bytes have the high bit set and never match).
    @inline(__always)
    private static func needsEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        let control = (word &- ones &* 0x20) & ~word
        let quoteZero = (quote &- ones) & ~quote
        let backslashZero = (backslash &- ones) & ~backslash
        return (control | quoteZero | backslashZero) & highs != 0
    }
}
