/// The top-level elements of a JSON array held as bytes, found by structure (strings, escapes and
/// nesting respected) without parsing the values: for copying part of a stored `*_json` array.
enum JSONArrayElements {
    /// Calls `body` with the byte range of each top-level element of the array in `bytes`, in order,
    /// until `body` returns false. Nothing is reported when `bytes` is not an array.
    static func forEach(in bytes: UnsafeRawBufferPointer, _ body: (Range<Int>) -> Bool) {
        var index = skipWhitespace(bytes, from: 0)
        guard index < bytes.count, bytes[index] == UInt8(ascii: "[") else { return }
        index += 1
        var depth = 0
        var inString = false
        var elementStart: Int?
        while index < bytes.count {
            let byte = bytes[index]
            if inString {
                if byte == UInt8(ascii: "\\") {
                    index += 1
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
            } else {
                switch byte {
                case UInt8(ascii: "\""):
                    inString = true
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    depth += 1
                case UInt8(ascii: "}"):
                    depth -= 1
                case UInt8(ascii: "]") where depth > 0:
                    depth -= 1
                case UInt8(ascii: ","), UInt8(ascii: "]"):
                    if depth == 0, let start = elementStart {
                        guard body(start..<trimmedEnd(bytes, start: start, end: index)) else { return }
                        elementStart = nil
                    }
                    if depth == 0 && byte == UInt8(ascii: "]") { return }
                default:
                    break
                }
                if elementStart == nil && !isWhitespace(byte) && byte != UInt8(ascii: ",") {
                    elementStart = index // the first byte of a value directly in the array
                }
            }
            index += 1
        }
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    private static func skipWhitespace(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int {
        var index = start
        while index < bytes.count && isWhitespace(bytes[index]) { index += 1 }
        return index
    }

    private static func trimmedEnd(_ bytes: UnsafeRawBufferPointer, start: Int, end: Int) -> Int {
        var end = end
        while end > start && isWhitespace(bytes[end - 1]) { end -= 1 }
        return end
    }
}
