#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns the raw bytes of a scrape into clean lines.
///
/// Works on UTF-8 bytes in one pass per line: drops CR, zero-width characters and HTML attribute
/// debris lines; turns NBSP and other space characters into plain spaces; collapses runs of spaces;
/// trims both ends; and repairs `?` that stands for a lost non-breaking space (`their?highest`,
/// `said.?`) while keeping real question marks (`Again? These`, `Why?”`).
public enum TextNormalizer {
    /// The lines of `bytes`, normalised; blank lines are kept as empty strings so that paragraph
    /// breaks stay visible. `bytes` must be valid UTF-8.
    public static func lines(_ bytes: [UInt8]) -> [String] {
        var lines: [String] = []
        lines.reserveCapacity(bytes.count / 80)
        var capacity = 4096
        var scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        defer { scratch.deallocate() }
        bytes.withUnsafeBufferPointer { buf in
            var start = 0
            let n = buf.count
            while start <= n {
                let end = start < n ? memchr(buf.baseAddress! + start, 0x0A, n - start).map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - buf.baseAddress! } ?? n : n
                if start < n || end > start {
                    // A normalised line is never longer than its source; one byte more ends it with NUL.
                    if end - start + 1 > capacity {
                        capacity = end - start + 1
                        scratch.deallocate()
                        scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
                    }
                    var out = LineBuffer(base: scratch)
                    normalizeLine(buf, start, end, into: &out)
                    if isAttributeDebris(&out) { out.count = 0 }
                    lines.append(String(decoding: UnsafeBufferPointer(start: scratch, count: out.count), as: UTF8.self))
                }
                start = end + 1
            }
        }
        return lines
    }

    /// Normalises one line given as text (used by tests and by callers holding a String).
    public static func normalize(_ text: String) -> String {
        let bytes = Array(text.utf8)
        let scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: bytes.count + 1)
        defer { scratch.deallocate() }
        var out = LineBuffer(base: scratch)
        bytes.withUnsafeBufferPointer { normalizeLine($0, 0, $0.count, into: &out) }
        return String(decoding: UnsafeBufferPointer(start: scratch, count: out.count), as: UTF8.self)
    }

    /// The normalised bytes of one line, written into memory with room for the whole source line.
    private struct LineBuffer {
        let base: UnsafeMutablePointer<UInt8>
        var count = 0

        var last: UInt8? { count > 0 ? base[count - 1] : nil }

        mutating func append(_ byte: UInt8) {
            base[count] = byte
            count += 1
        }

        /// A space, unless the line is empty so far or already ends with one.
        mutating func appendSpace() {
            if let last, last != 0x20 { append(0x20) }
        }

        /// `”` or `’` (E2 80 9D / E2 80 99) at the end.
        var endsWithClosingQuote: Bool {
            count >= 3 && base[count - 3] == 0xE2 && base[count - 2] == 0x80 && (base[count - 1] == 0x9D || base[count - 1] == 0x99)
        }

        /// `.”` or `,”`: the quote closes a sentence, so a `?` after it cannot be the speaker's.
        var endsWithSentencePunctuationBeforeQuote: Bool {
            count >= 4 && isClosingPunctuation(base[count - 4])
        }
    }

    private static func normalizeLine(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, into out: inout LineBuffer) {
        var i = start
        while i < end {
            // Most bytes are copied as they are, eight at a time where they can be: all but controls,
            // `?`, the lead bytes of the characters handled below, and a space that would be dropped.
            if i + 8 <= end, out.count > 0 {
                let block = ByteBlock.load(b.baseAddress! + i)
                let spaces = ByteBlock.matches(0x20, block)
                let special = ByteBlock.below(0x20, block) | ByteBlock.matches(0x3F, block) | ByteBlock.matches(0xC2, block)
                    | ByteBlock.matches(0xE2, block) | ByteBlock.matches(0xEF, block)
                    | spaces & (spaces << 8 | (out.last == 0x20 ? 0x80 : 0))
                let plain = special.trailingZeroBitCount / 8
                if plain > 0 {
                    // The buffer has room for the whole line, so all eight bytes can be stored.
                    UnsafeMutableRawPointer(out.base + out.count).storeBytes(of: block.littleEndian, as: UInt64.self)
                    out.count += plain
                    i += plain
                    continue
                }
            }
            let c = b[i]
            if c > 0x20 && c != 0x3F && c != 0xC2 && c != 0xE2 && c != 0xEF {
                out.append(c)
                i += 1
                continue
            }
            switch c {
            case 0x0D, 0x00:
                i += 1
            case 0x09, 0x20:
                out.appendSpace()
                i += 1
            case 0x3F: // '?'
                repairQuestionMark(b, at: i, end: end, into: &out)
                i += 1
            case 0xC2 where i + 1 < end && b[i + 1] == 0xA0: // NBSP
                out.appendSpace()
                i += 2
            case 0xE2 where i + 2 < end && b[i + 1] == 0x80 && isSpaceLike(b[i + 2]):
                if b[i + 2] != 0x8B && b[i + 2] != 0x8C && b[i + 2] != 0x8D { out.appendSpace() } // zero-width: drop
                i += 3
            case 0xEF where i + 2 < end && b[i + 1] == 0xBB && b[i + 2] == 0xBF: // BOM
                i += 3
            default:
                out.append(c)
                i += 1
            }
        }
        while out.last == 0x20 { out.count -= 1 }
    }

    /// U+2000…U+200D and U+202F (after the E2 80 prefix).
    private static func isSpaceLike(_ third: UInt8) -> Bool {
        (0x80...0x8D).contains(third) || third == 0xAF
    }

    /// Decides what a `?` at `i` was: a lost NBSP between words becomes a space, debris after
    /// punctuation or a space disappears, anything else stays a question mark.
    private static func repairQuestionMark(_ b: UnsafeBufferPointer<UInt8>, at i: Int, end: Int, into out: inout LineBuffer) {
        let prev = out.last
        let next: UInt8? = i + 1 < end ? b[i + 1] : nil
        let prevIsWord = (prev.map { isWordByte($0) || $0 == 0x27 } ?? false) && !out.endsWithClosingQuote
        let prevIsClosing = prev.map { isClosingPunctuation($0) || out.endsWithClosingQuote } ?? false
        guard let next else {
            // At the end of the line: keep after a word ("leave?"), drop after punctuation or space.
            if prevIsWord { out.append(0x3F) }
            return
        }
        if next == 0x20 || next == 0x09 || next == 0x3F {
            if prevIsWord || prev == 0x22 || (out.endsWithClosingQuote && !out.endsWithSentencePunctuationBeforeQuote) {
                out.append(0x3F)
            }
            return
        }
        if next == 0xC2 && i + 2 < end && b[i + 2] == 0xA0 { return } // "?" followed by NBSP: debris
        let nextIsOpening = isOpeningQuoteAt(b, i + 1, end)
        let nextIsClosing = isClosingQuoteAt(b, i + 1, end)
        if next == 0x22, i + 2 < end, isWordByte(b[i + 2]), prevIsWord {
            out.appendSpace() // `says?"situation`: a lost space before an opening straight quote
            return
        }
        if nextIsClosing || next == 0x22 || next == 0x29 || next == 0x5D || next == 0x2C || next == 0x2E {
            out.append(0x3F) // "Why?”", "(why?)", "what?," — a real question mark
            return
        }
        if (prevIsWord || prevIsClosing) && (isWordByte(next) || nextIsOpening) {
            out.appendSpace()
            return
        }
        out.append(0x3F)
    }

    private static func isWordByte(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c >= 0x80
    }

    private static func isClosingPunctuation(_ c: UInt8) -> Bool {
        c == 0x2E || c == 0x2C || c == 0x3B || c == 0x3A || c == 0x21 || c == 0x29
    }

    private static func isOpeningQuoteAt(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> Bool {
        i + 2 < end && b[i] == 0xE2 && b[i + 1] == 0x80 && (b[i + 2] == 0x9C || b[i + 2] == 0x98)
    }

    private static func isClosingQuoteAt(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> Bool {
        i + 2 < end && b[i] == 0xE2 && b[i + 1] == 0x80 && (b[i + 2] == 0x9D || b[i + 2] == 0x99)
    }

    /// A line of HTML attribute debris: `… data-fave-thumbnails="{…}" data-x="…"` or a line
    /// starting with `" data-`: ` data-`, a name of lower-case letters and dashes, then `="`.
    private static func isAttributeDebris(_ out: inout LineBuffer) -> Bool {
        guard out.count >= 8 else { return false }
        let line = out.base
        let n = out.count
        line[n] = 0 // normalised text has no NUL: the line is a C string for strstr
        var from = UnsafePointer<CChar>(OpaquePointer(line))
        while let hit = strstr(from, " data-") {
            var j = UnsafeRawPointer(hit) - UnsafeRawPointer(line) + 6
            while j < n && ((line[j] >= 0x61 && line[j] <= 0x7A) || line[j] == 0x2D) { j += 1 }
            if j + 1 < n && line[j] == 0x3D && line[j + 1] == 0x22 { return true }
            from = UnsafePointer(hit) + 1
        }
        return false
    }
}
