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
        var out: [UInt8] = [0x5B]
        out.reserveCapacity(items.reduce(2) { $0 + $1.utf8.count + 3 })
        for (i, item) in items.enumerated() {
            if i > 0 { out.append(0x2C) }
            append(item, to: &out)
        }
        out.append(0x5D)
        return String(decoding: out, as: UTF8.self)
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
        appendQuoted(text.utf8, to: &out)
    }

    /// Appends the UTF-8 `bytes` as a JSON string, quotes included, escaping `"`, `\\` and control bytes.
    public static func appendQuoted<Bytes: Sequence<UInt8>>(_ bytes: Bytes, to out: inout [UInt8]) {
        out.append(0x22)
        if bytes.withContiguousStorageIfAvailable({ appendEscaped($0, to: &out) }) == nil {
            for byte in bytes { appendEscaped(byte, to: &out) }
        }
        out.append(0x22)
    }

    /// Copies runs of bytes that need no escape in one go.
    private static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var run = 0
        for i in 0..<bytes.count {
            let byte = bytes[i]
            guard byte < 0x20 || byte == 0x22 || byte == 0x5C else { continue }
            if run < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<i])) }
            appendEscaped(byte, to: &out)
            run = i + 1
        }
        if run < bytes.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run...])) }
    }

    private static func appendEscaped(_ byte: UInt8, to out: inout [UInt8]) {
        switch byte {
        case 0x22: out.append(0x5C); out.append(0x22)
        case 0x5C: out.append(0x5C); out.append(0x5C)
        case 0x0A: out.append(0x5C); out.append(0x6E)
        case 0x0D: out.append(0x5C); out.append(0x72)
        case 0x09: out.append(0x5C); out.append(0x74)
        case 0x00..<0x20:
            out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0xF)]])
        default: out.append(byte)
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
}
