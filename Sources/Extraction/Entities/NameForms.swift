/// Spelling-insensitive forms of names: case and diacritic folding, hashes, skeletons, edit
/// distance and URL slugs.
///
/// The *folded* form of a name is lower-case ASCII where a Latin letter has an ASCII base
/// (`Mélanie` → `melanie`, `Łódź` → `lodz`), without apostrophes and periods (`U.S.` → `us`),
/// words separated by one space. A name's hash is made word by word: each word's folded bytes are
/// hashed by a ``WordHasher``, and the words' hashes are chained (``chain(_:_:)``), so the tokenizer
/// can hash words as it reads them, the scanner can hash a run of words from its tokens' hashes, and
/// the lexicon and gazetteer can be keyed by hash.
enum NameForms {
    /// Offset basis of the byte-wise FNV-1a hash (``mix(_:_:)``), for keys that are not names.
    static let fnvOffset: UInt64 = 0xcbf2_9ce4_8422_2325

    /// One step of FNV-1a: mixes `byte` into `hash`.
    @inline(__always)
    static func mix(_ hash: UInt64, _ byte: UInt8) -> UInt64 {
        (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }

    /// The hash of a name whose words before the last hash to `name` and whose last word hashes to `word`.
    @inline(__always)
    static func chain(_ name: UInt64, _ word: UInt64) -> UInt64 {
        var x = name &* 0x9E37_79B9_7F4A_7C15 &+ word
        x ^= x >> 29
        x &*= 0xBF58_476D_1CE4_E5B9
        return x ^ x >> 32
    }

    /// The hash of a name given as a string, equal to the hash of the same words read by the tokenizer.
    static func hash(_ text: String) -> UInt64 {
        var hasher = NameHasher()
        forEachFolded(text) { hasher.append($0) }
        return hasher.finish()
    }

    /// ``hash(_:)`` of the word at `text[word]` (a ``wordRanges(_:)`` range: a space in it belongs to a
    /// larger character).
    static func hash(_ text: UnsafeBufferPointer<UInt8>, _ word: Range<Int>) -> UInt64 {
        var hasher = NameHasher()
        foldBytes(text, word.lowerBound, word.upperBound) { hasher.append($0) }
        return hasher.finish()
    }

    /// Hashes folded bytes that may hold spaces: each space ends a word, and the words' hashes are chained.
    private struct NameHasher {
        var name: UInt64?
        var word = WordHasher()

        mutating func append(_ byte: UInt8) {
            guard byte == 0x20 else { return word.append(byte) }
            name = finish()
            word = WordHasher()
        }

        func finish() -> UInt64 {
            let last = word.finish()
            return name.map { chain($0, last) } ?? last
        }
    }

    /// Lower-case folded form of `text` (see the type's note), as a string.
    static func fold(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        appendFolded(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the bytes of ``fold(_:)`` of `text`.
    static func appendFolded(_ text: String, to out: inout [UInt8]) {
        forEachFolded(text) { out.append($0) }
    }

    /// Calls `emit` with the bytes of ``fold(_:)`` of `text`, without making the string: spaces at
    /// the ends are dropped and runs of them written as one.
    @inline(__always)
    private static func forEachFolded(_ text: String, _ emit: (UInt8) -> Void) {
        var copy = text
        var started = false
        var space = false
        copy.withUTF8 { b in
            foldBytes(b, 0, b.count) { byte in
                if byte == 0x20 {
                    space = started
                    return
                }
                if space { emit(0x20) }
                emit(byte)
                started = true
                space = false
            }
        }
    }

    /// Calls `emit` with the folded bytes of `text[start..<end]`: ASCII letters lower-cased, digits,
    /// hyphens and spaces kept, Latin letters with diacritics replaced by their ASCII base, other
    /// non-ASCII letters as they are; apostrophes, periods, quotes and other punctuation dropped.
    @inline(__always)
    static func foldBytes(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ emit: (UInt8) -> Void) {
        var i = start
        while i < end {
            let c = text[i]
            if c < 0x80 {
                if (c | 0x20) &- 0x61 < 26 { // a letter, lower-cased
                    emit(c | 0x20)
                } else if c >= 0x30 && c <= 0x39 || c == 0x2D || c == 0x20 {
                    emit(c)
                }
                i += 1
            } else {
                let next = min(i + Tokenizer.utf8Length(c), end)
                if c != 0xE2 && c != 0xC2 { // general punctuation (quotes, dashes) and Latin-1 symbols, NBSP
                    if let folded = foldedLatin(text, i, next) {
                        for byte in folded.utf8 { emit(byte) }
                    } else {
                        for k in i..<next { emit(text[k]) }
                    }
                }
                i = next
            }
        }
    }

    /// The space-separated words of `text`, as `text.split(separator: " ")` gives them, but split on
    /// bytes where that gives the same words (``wordRanges(_:)``), which is several times faster than
    /// splitting by characters.
    static func words(_ text: String) -> [Substring] {
        let utf8 = text.utf8
        return wordRanges(text).map {
            text[utf8.index(utf8.startIndex, offsetBy: $0.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: $0.upperBound)]
        }
    }

    /// The UTF-8 offsets of the ``words(_:)`` of `text`, for callers that read the words as bytes.
    /// Split on bytes where every space has ASCII bytes (or nothing) on both sides, so that no
    /// space can be part of a larger character (`" \u{301}"`); by characters otherwise.
    static func wordRanges(_ text: String) -> [Range<Int>] {
        var copy = text
        let byBytes: [Range<Int>]? = copy.withUTF8 { bytes in
            var ranges: [Range<Int>] = []
            ranges.reserveCapacity(4)
            var start = 0
            for i in bytes.indices where bytes[i] == 0x20 {
                if i > 0 && bytes[i - 1] >= 0x80 || i + 1 < bytes.count && bytes[i + 1] >= 0x80 { return nil }
                if i > start { ranges.append(start..<i) }
                start = i + 1
            }
            if bytes.count > start { ranges.append(start..<bytes.count) }
            return ranges
        }
        if let byBytes { return byBytes }
        let utf8 = text.utf8
        return text.split(separator: " ").map {
            utf8.distance(from: utf8.startIndex, to: $0.startIndex)..<utf8.distance(from: utf8.startIndex, to: $0.endIndex)
        }
    }

    /// A key that survives transliteration: folded letters only, `y` read as `i`, `j` after a
    /// vowel as `i`, doubled letters written once (`Zelenskyy`, `Zelensky` → `zelenski`;
    /// `Shoygu`, `Shoigu` → `shoigu`).
    static func skeleton(_ text: String) -> [UInt8] {
        var copy = text
        return copy.withUTF8 { skeleton($0, 0, $0.count) }
    }

    /// ``skeleton(_:)`` of the text in `text[start..<end]`.
    static func skeleton(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(end - start)
        var last: UInt8 = 0
        foldBytes(text, start, end) { c in
            guard c >= 0x61 && c <= 0x7A || c >= 0x80 else { return }
            var letter = c == 0x79 ? 0x69 : c
            if letter == 0x6A, isVowel(last) { letter = 0x69 }
            if last != letter {
                out.append(letter)
                last = letter
            }
        }
        return out
    }

    private static func isVowel(_ c: UInt8) -> Bool {
        c == 0x61 || c == 0x65 || c == 0x69 || c == 0x6F || c == 0x75
    }

    /// Levenshtein distance, giving up (returning `limit + 1`) once it exceeds `limit`.
    static func distance(_ a: [UInt8], _ b: [UInt8], limit: Int) -> Int {
        if abs(a.count - b.count) > limit { return limit + 1 }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMin = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                rowMin = min(rowMin, current[j])
            }
            if rowMin > limit { return limit + 1 }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// Whether `a` and `b` are at most one edit apart (``distance(_:_:limit:)`` with limit 1 is at
    /// most 1), found in one pass without the distance table.
    static func withinOneEdit(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        let (short, long) = a.count <= b.count ? (a, b) : (b, a)
        guard long.count - short.count <= 1 else { return false }
        var i = 0
        while i < short.count, short[i] == long[i] { i += 1 }
        if i == short.count { return true }
        // The first difference is one substitution (same lengths) or one insertion into `short`.
        let skip = short.count == long.count ? 1 : 0
        return short[(i + skip)...].elementsEqual(long[(i + 1)...])
    }

    /// `Antony Blinken` → `antony-blinken`; `Mélanie Joly` → `melanie-joly`.
    static func slug(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(min(text.utf8.count, 80))
        forEachFolded(text) { c in
            guard out.count < 80 else { return }
            if c >= 0x61 && c <= 0x7A || c >= 0x30 && c <= 0x39 {
                out.append(c)
            } else if c < 0x80, !out.isEmpty, out.last != 0x2D {
                out.append(0x2D)
            }
        }
        while out.last == 0x2D { out.removeLast() }
        return out.isEmpty ? "entity" : String(decoding: out, as: UTF8.self)
    }

    /// Whether the scalar starting at `text[i]` is an upper-case letter. (Out of line: inlined, the
    /// look-up of Unicode properties costs every caller a metadata call and a stack allocation.)
    @inline(never)
    static func isUppercaseScalar(_ text: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        guard let scalar = decode(text, i) else { return false }
        return scalar.properties.isUppercase
    }

    private static func decode(_ text: UnsafeBufferPointer<UInt8>, _ i: Int) -> Unicode.Scalar? {
        let lead = text[i]
        let length = Tokenizer.utf8Length(lead)
        guard i + length <= text.count, length > 1 else { return nil }
        var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for k in 1..<length { value = value << 6 | UInt32(text[i + k] & 0x3F) }
        return Unicode.Scalar(value)
    }

    /// The ASCII base of a Latin-1 or Latin Extended-A letter (`é` → `e`, `ß` → `ss`), or nil.
    private static func foldedLatin(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Substring? {
        guard end - start == 2, let scalar = decode(text, start) else { return nil }
        let v = Int(scalar.value)
        guard v >= 0xC0, v < 0x180, let entry = latinTable[v - 0xC0] else { return nil }
        return entry
    }

    /// Bases of U+00C0…U+017F, in order; `_` marks a symbol that is not folded.
    private static let latinTable: [Substring?] = {
        let latin1 = "a a a a a a ae c e e e e i i i i d n o o o o o _ o u u u u y th ss "
            + "a a a a a a ae c e e e e i i i i d n o o o o o _ o u u u u y th y"
        let extendedA = "a a a a a a c c c c c c c c d d d d e e e e e e e e e e g g g g g g g g h h h h "
            + "i i i i i i i i i i ij ij j j k k k l l l l l l l l l l n n n n n n n n n o o o o o o oe oe "
            + "r r r r r r s s s s s s s s t t t t t t u u u u u u u u u u u u w w y y y z z z z z z s"
        return (latin1 + " " + extendedA).split(separator: " ").map { $0 == "_" ? nil : $0 }
    }()
}

/// The hash of one word's folded bytes (see ``NameForms``): the bytes are mixed eight at a time,
/// so a word of up to seven letters costs one multiplication. Folded bytes are never zero, so the
/// zero padding of the last eight keeps different words apart.
struct WordHasher {
    private var state = Self.seed
    /// Bytes not mixed yet, the first in the low byte.
    private var pending: UInt64 = 0
    /// How many bytes `pending` holds (0 to 7).
    private var count = 0

    /// Appends a folded byte other than a space.
    @inline(__always)
    mutating func append(_ byte: UInt8) {
        pending |= UInt64(byte) &<< UInt64(truncatingIfNeeded: count &* 8)
        count &+= 1
        if count == 8 {
            state = Self.mix(state, pending)
            pending = 0
            count = 0
        }
    }

    /// Appends the folded form (``NameForms/foldBytes(_:_:_:_:)``) of `text[start..<end]`, a word without spaces.
    mutating func appendFolded(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) {
        NameForms.foldBytes(text, start, end) { append($0) }
    }

    /// The hash of the bytes appended so far.
    @inline(__always)
    func finish() -> UInt64 {
        Self.finish(state, pending)
    }

    /// The hash of a word of ASCII letters, digits and hyphens at `text[start..<end]` (whose folded
    /// form is its bytes with letters lower-cased), the same as appending those bytes one by one,
    /// and whether it has a lower-case letter. Reads eight bytes at a time.
    @inline(__always)
    static func plain(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> (hash: UInt64, lowercase: Bool) {
        let base = UnsafeRawPointer(text.baseAddress.unsafelyUnwrapped)
        var state = seed
        // A letter is lower-case when bits 0x40 and 0x20 are both set; digits and `-` lack 0x40.
        var caseBits: UInt64 = 0
        var i = start
        while end &- i >= 8 {
            let eight = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            caseBits |= eight & eight &<< 1
            state = mix(state, eight | 0x2020_2020_2020_2020)
            i &+= 8
        }
        let mask = (1 &<< UInt64(truncatingIfNeeded: (end &- i) &* 8)) &- 1 // the bytes left, fewer than eight
        var last: UInt64 = 0
        if i &+ 8 <= text.count {
            last = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt64.self)) & mask
        } else {
            for k in 0..<(end &- i) { last |= UInt64(text[i &+ k]) &<< UInt64(truncatingIfNeeded: k &* 8) }
        }
        caseBits |= last & last &<< 1
        return (finish(state, last | 0x2020_2020_2020_2020 & mask), caseBits & 0x4040_4040_4040_4040 != 0)
    }

    private static let seed: UInt64 = 0x243F_6A88_85A3_08D3

    @inline(__always)
    private static func mix(_ state: UInt64, _ eight: UInt64) -> UInt64 {
        let x = (state ^ eight) &* 0x9FB2_1C65_1E98_DF25
        return x ^ x >> 29
    }

    @inline(__always)
    private static func finish(_ state: UInt64, _ last: UInt64) -> UInt64 {
        let x = (state ^ last) &* 0xD6E8_FEB8_6659_FD93
        return x ^ x >> 32
    }
}

/// A name's skeleton (``NameForms/skeleton(_:)``) with its hash, so that dictionaries keyed by
/// skeletons hash one number instead of every byte.
struct Skeleton: Hashable, Comparable {
    let bytes: [UInt8]
    let key: UInt64

    init(_ text: String) {
        self.init(bytes: NameForms.skeleton(text))
    }

    /// The skeleton of the text in `text[start..<end]`.
    init(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) {
        self.init(bytes: NameForms.skeleton(text, start, end))
    }

    init(bytes: [UInt8]) {
        self.bytes = bytes
        var h = NameForms.fnvOffset
        for byte in bytes { h = NameForms.mix(h, byte) }
        key = h
    }

    var isEmpty: Bool { bytes.isEmpty }

    static func == (a: Skeleton, b: Skeleton) -> Bool { a.key == b.key && a.bytes == b.bytes }
    static func < (a: Skeleton, b: Skeleton) -> Bool { a.bytes.lexicographicallyPrecedes(b.bytes) }
    func hash(into hasher: inout Hasher) { hasher.combine(key) }
}
