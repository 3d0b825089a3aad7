/// Byte-level helpers for the hot paths of line classification (no Character segmentation).
extension String {
    /// Whether the UTF-8 bytes of `needle` occur in the string.
    func containsBytes(_ needle: String) -> Bool { firstByteOffset(of: needle) != nil }

    /// Byte offset of the first occurrence of `needle`, or nil.
    func firstByteOffset(of needle: String) -> Int? {
        var haystack = self
        var pattern = needle
        return haystack.withUTF8 { h in
            pattern.withUTF8 { p -> Int? in
                guard p.count > 0, h.count >= p.count else { return nil }
                let first = p[0]
                var i = 0
                let last = h.count - p.count
                while i <= last {
                    if h[i] == first {
                        var k = 1
                        while k < p.count && h[i + k] == p[k] { k += 1 }
                        if k == p.count { return i }
                    }
                    i += 1
                }
                return nil
            }
        }
    }

    /// The last byte that is not a space, closing quote, apostrophe or closing bracket.
    var lastMeaningfulByte: UInt8? {
        var result: UInt8?
        var copy = self
        copy.withUTF8 { b in
            var i = b.count - 1
            while i >= 0 {
                let c = b[i]
                if c == 0x20 || c == 0x22 || c == 0x27 || c == 0x29 || c == 0x5D {
                    i -= 1
                } else if c == 0x9D || c == 0x99, i >= 2, b[i - 1] == 0x80, b[i - 2] == 0xE2 { // ” ’
                    i -= 3
                } else if c == 0xA6, i >= 2, b[i - 1] == 0x80, b[i - 2] == 0xE2 { // …
                    result = 0x2E
                    return
                } else {
                    result = c
                    return
                }
            }
        }
        return result
    }
}
