#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Byte-level helpers for the hot paths of line classification (no Character segmentation).
extension String {
    /// Whether the UTF-8 bytes of `needle` occur in the string.
    func containsBytes(_ needle: String) -> Bool { firstByteOffset(of: needle) != nil }

    /// Byte offset of the first occurrence of `needle`, or nil.
    func firstByteOffset(of needle: String) -> Int? {
        guard !needle.isEmpty else { return nil }
        return withCString { haystack -> Int? in
            // strstr stops at a NUL byte; normalised lines have none, other text is searched byte by byte.
            guard strlen(haystack) == utf8.count else { return Array(utf8).firstRange(of: Array(needle.utf8))?.lowerBound }
            return needle.withCString { pattern -> Int? in strstr(haystack, pattern).map { UnsafePointer($0) - haystack } }
        }
    }

    /// `firstRange(of: needle)` decided on UTF-8 bytes, for the same kind of `needle` as
    /// ``hasBytePrefix(_:)``. Where a non-ASCII byte touches the first match (it could join a
    /// character across the edge of the match), `firstRange` decides.
    func firstByteRange(of needle: StaticString) -> Range<String.Index>? {
        let pattern = needle.description
        guard let offset = firstByteOffset(of: pattern) else { return nil }
        let utf8 = self.utf8
        let lower = utf8.index(utf8.startIndex, offsetBy: offset)
        let upper = utf8.index(lower, offsetBy: needle.utf8CodeUnitCount)
        if lower != utf8.startIndex && utf8[utf8.index(before: lower)] >= 0x80 || upper != utf8.endIndex && utf8[upper] >= 0x80 {
            return firstRange(of: pattern)
        }
        return lower..<upper
    }

    /// `hasPrefix(prefix)` decided on UTF-8 bytes. `prefix` must be made of ASCII characters other
    /// than `K`, `;` and `` ` `` (which have non-ASCII canonical equivalents) or of symbols without
    /// decompositions such as `•`. Where a non-ASCII byte of the string could change how characters
    /// are segmented or compared, `hasPrefix` decides.
    func hasBytePrefix(_ prefix: StaticString) -> Bool {
        let p = UnsafeBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount)
        // nil: a non-ASCII byte where the bytes differ, or right after the prefix (a combining mark
        // would join its last character), so `hasPrefix` decides.
        let decided = utf8.withContiguousStorageIfAvailable { own -> Bool? in
            var i = 0
            while i < p.count {
                guard i < own.count else { return false }
                if own[i] != p[i] { return own[i] >= 0x80 ? nil : false }
                i += 1
            }
            return i < own.count && own[i] >= 0x80 ? nil : true
        }
        return decided.flatMap { $0 } ?? hasPrefix(String(decoding: p, as: UTF8.self))
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

extension StringProtocol {
    /// `split(separator: " ")` decided on UTF-8 bytes. Where a space touches a non-ASCII byte (a
    /// combining mark after it, or a prepended mark before it, makes it part of a larger
    /// character), `split` decides.
    func splitOnSpaces() -> [SubSequence] {
        let utf8 = self.utf8
        var words: [SubSequence] = []
        var start = utf8.startIndex
        var index = start
        var previous: UInt8 = 0
        while index != utf8.endIndex {
            let byte = utf8[index]
            if byte == 0x20 || previous == 0x20 {
                if byte >= 0x80 || previous >= 0x80 { return split(separator: " ") }
            }
            if byte == 0x20 {
                if start != index { words.append(self[start..<index]) }
                start = utf8.index(after: index)
            }
            previous = byte
            index = utf8.index(after: index)
        }
        if start != index { words.append(self[start..<index]) }
        return words
    }
}

extension String {
    /// How many words (runs of bytes other than the space) the text has, counted eight bytes at a time.
    public var spaceSeparatedWordCount: Int {
        var text = self
        return text.withUTF8 { bytes in
            var count = 0
            var afterSpace: UInt64 = 0x80 // the high bit of byte 0 when the byte before the block is a space (or the start)
            var i = 0
            if let base = bytes.baseAddress {
                while i + 8 <= bytes.count {
                    let spaces = ByteBlock.matches(0x20, ByteBlock.load(base + i))
                    count += (~spaces & 0x8080_8080_8080_8080 & (spaces << 8 | afterSpace)).nonzeroBitCount
                    afterSpace = spaces >> 56
                    i += 8
                }
            }
            var previousIsSpace = afterSpace != 0
            while i < bytes.count {
                let isSpace = bytes[i] == 0x20
                if !isSpace && previousIsSpace { count += 1 }
                previousIsSpace = isSpace
                i += 1
            }
            return count
        }
    }
}

/// Eight bytes read as one word, to look for a byte in all of them at once.
enum ByteBlock {
    /// The eight bytes at `p`, the first in the lowest bits.
    static func load(_ p: UnsafePointer<UInt8>) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))
    }

    /// The high bit of each byte of `block` that is `byte`, and no other bit.
    static func matches(_ byte: UInt8, _ block: UInt64) -> UInt64 {
        let x = block ^ (UInt64(byte) &* 0x0101_0101_0101_0101)
        // Adding 0x7F to the low seven bits of a byte carries into its high bit unless they are all zero,
        // and never into the next byte.
        return ~(((x & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | x) & 0x8080_8080_8080_8080
    }

    /// The high bit of each byte of `block` below `limit` (at most 0x80), and no other bit.
    static func below(_ limit: UInt8, _ block: UInt64) -> UInt64 {
        // Adding 0x80 - limit to the low seven bits carries into the high bit exactly when they reach `limit`.
        ~(((block & 0x7F7F_7F7F_7F7F_7F7F) &+ (UInt64(0x80 - limit) &* 0x0101_0101_0101_0101)) | block) & 0x8080_8080_8080_8080
    }
}
