/// One word or punctuation mark of a paragraph, as byte offsets into the paragraph's UTF-8.
///
/// Words carry a hash of their case-folded bytes (see ``NameForms/fold``), so that lexicon and
/// gazetteer look-ups need no `String`.
struct Token {
    enum Kind: UInt8 {
        case word, comma, stop, colon, semicolon, openQuote, closeQuote, dash, openParen, closeParen, other
    }

    /// A set of ``Kind``s.
    struct Kinds: OptionSet {
        let rawValue: UInt16
        init(rawValue: UInt16) { self.rawValue = rawValue }
        init(_ kind: Kind) { rawValue = 1 << kind.rawValue }
    }

    struct Flags: OptionSet {
        let rawValue: UInt16
        /// First letter upper-case.
        static let capitalized = Flags(rawValue: 1 << 0)
        /// At least two letters and no lower-case ASCII letter (`NATO`, `U.S.`).
        static let allCaps = Flags(rawValue: 1 << 1)
        static let hasDigit = Flags(rawValue: 1 << 2)
        /// Followed by `'s` / `’s` (or a bare `'` after `s`), which is not part of the token.
        static let possessive = Flags(rawValue: 1 << 3)
        /// Ends with an abbreviation's period (`Gen.`, `J.`, `U.S.`), which the token includes.
        static let abbreviation = Flags(rawValue: 1 << 4)
        /// The first word of a sentence (after an opening quote, too).
        static let sentenceStart = Flags(rawValue: 1 << 5)
        static let hyphenated = Flags(rawValue: 1 << 6)
        /// Can be part of a capitalised run (``PostScanner``): capitalised or all capitals, without
        /// a digit, and of no class that ends a run (``WordClass/breaker``).
        static let nameWord = Flags(rawValue: 1 << 7)
    }

    var start: Int32
    var end: Int32
    var hash: UInt64
    var kind: Kind
    var flags: Flags
    var classes: WordClass

    var isCapitalized: Bool { flags.contains(.capitalized) }
    var length: Int { Int(end - start) }
}

/// Splits a paragraph into ``Token``s in one pass over its bytes.
///
/// Apostrophes inside words are kept (`O'Brien`), a possessive `'s` is cut off and flagged,
/// hyphenated words stay whole (`Ivano-Frankivsk`), and the period of an initial, of dotted
/// capitals (`U.S.`) and of a known abbreviation (`Gen.`) belongs to its word, so that only real
/// sentence ends become `stop` tokens.
enum Tokenizer {
    /// Writes the tokens of `text` to `tokens`, each word with its ``Lexicon`` classes, notes the
    /// words that are not capitalised in `lowercase`, and returns how many tokens there are and
    /// the kinds of the marks among them. A token takes at least one byte, so `tokens` and
    /// `lowercase` need room for `text.count` of them; only that many bytes are read.
    static func tokenize(_ text: UnsafeBufferPointer<UInt8>, into tokens: UnsafeMutableBufferPointer<Token>,
                         lowercase: inout LowercaseWords.Writer) -> (count: Int, marks: Token.Kinds) {
        let text = UnsafeBufferPointer(rebasing: text[..<min(text.count, tokens.count, Int(Int32.max))])
        let lexicon = Lexicon.table
        let n = text.count
        var count = 0
        var marks: Token.Kinds = []
        var i = 0
        var sentenceStart = true
        while i < n {
            let b = text[i]
            if !isASCIILetter(b) { // most tokens are words that start with a letter
                if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { i += 1; continue }
                if b == 0xC2, i + 1 < n, text[i + 1] == 0xA0 { i += 2; continue } // no-break space
                guard isWordByte(text, i) else {
                    let (kind, length) = mark(text, at: i)
                    if kind == .stop || kind == .colon { sentenceStart = true }
                    marks.insert(Token.Kinds(kind))
                    let end = min(i + length, n)
                    tokens[count] = Token(start: Int32(truncatingIfNeeded: i), end: Int32(truncatingIfNeeded: end), hash: 0,
                                          kind: kind, flags: [], classes: [])
                    count += 1
                    i = end
                    continue
                }
            }
            // A word, read here rather than in a function of its own: a call per word cost as much
            // as reading its letters.
            let start = i
            // Whether the word has only ASCII letters, digits and hyphens so far, so that its folded
            // form is its bytes lower-cased (``WordHasher/plain(_:_:_:)``).
            var plain = true
            var flags: Token.Flags = sentenceStart ? .sentenceStart : []
            sentenceStart = false
            var letters = 0
            // Whether a non-ASCII letter was not upper-case; lower-case ASCII letters are found by the
            // hash of a plain word, or looked for when it matters (``hasLowercaseASCII(_:_:_:)``).
            var lowerNonASCII = false
            var dots = 0
            if b &- 0x41 < 26 {
                flags.insert(.capitalized)
            } else if b >= 0xC3 {
                if NameForms.isUppercaseScalar(text, at: start) { flags.insert(.capitalized) }
            }
            scan: while i < n {
                let run = i
                letters: do {
                    // Most bytes are ASCII letters: skip a stretch of them eight bytes at a time,
                    // then one by one near the end of the text.
                    while i &+ 8 <= n {
                        let length = asciiLetters(UInt64(littleEndian: UnsafeRawPointer(text.baseAddress! + i).loadUnaligned(as: UInt64.self)))
                        i &+= length
                        if length < 8 { break letters } // at a byte that is not a letter
                    }
                    while i < n, isASCIILetter(text[i]) { i &+= 1 }
                }
                letters &+= i &- run
                guard i < n else { break scan }
                let b = text[i]
                if b == 0x20 { break scan } // the usual end of a word
                if b < 0x80 {
                    if b >= 0x30 && b <= 0x39 {
                        flags.insert(.hasDigit)
                        i += 1
                    } else if b == 0x27 { // '
                        if isPossessiveSuffix(text, i) { flags.insert(.possessive); break scan }
                        guard i + 1 < n, isWordByte(text, i + 1) else { break scan }
                        plain = false
                        i += 1
                    } else if b == 0x2D || b == 0x2C && flags.contains(.hasDigit) || b == 0x2E && flags.contains(.hasDigit) && letters == 0 {
                        // hyphen inside a word, or a digit group separator / decimal point inside a number
                        guard i + 1 < n, isWordByte(text, i + 1), b == 0x2D || (text[i + 1] >= 0x30 && text[i + 1] <= 0x39) else { break scan }
                        if b == 0x2D { flags.insert(.hyphenated) } else { plain = false } // a separator or point is not folded
                        i += 1
                    } else if b == 0x2E { // .
                        let lower = lowerNonASCII || hasLowercaseASCII(text, start, i)
                        if absorbsPeriod(letters: letters, lower: lower, dots: dots, hash: Self.hash(text, start, i, plain: plain)) {
                            plain = false
                            dots += 1
                            i += 1
                            flags.insert(.abbreviation)
                            // `U.S.`: a capital right after the period continues the word.
                            guard i + 1 < n, text[i] >= 0x41, text[i] <= 0x5A, text[i + 1] == 0x2E else { break scan }
                        } else {
                            break scan
                        }
                    } else {
                        break scan
                    }
                } else if b == 0xE2 || b == 0xC2 {
                    if b == 0xE2, i + 2 < n, text[i + 1] == 0x80, text[i + 2] == 0x99 { // ’
                        if isPossessiveSuffix(text, i) { flags.insert(.possessive); break scan }
                        guard i + 3 < n, isWordByte(text, i + 3) else { break scan }
                        plain = false
                        i += 3
                    } else {
                        break scan
                    }
                } else {
                    let length = utf8Length(b)
                    letters += 1
                    let end = min(i + length, n)
                    if !NameForms.isUppercaseScalar(text, at: i) { lowerNonASCII = true }
                    plain = false
                    i = end
                }
            }
            let hash: UInt64
            let lower: Bool
            if plain {
                (hash, lower) = WordHasher.plain(text, start, i)
            } else {
                hash = Self.hash(text, start, i, plain: false)
                lower = lowerNonASCII || letters >= 2 && hasLowercaseASCII(text, start, i)
            }
            if letters >= 2 && !lower { flags.insert(.allCaps) }
            let classes = lexicon[hash] ?? []
            if !flags.isDisjoint(with: [.capitalized, .allCaps]) && !flags.contains(.hasDigit) && classes.isDisjoint(with: WordClass.breaker) {
                flags.insert(.nameWord)
            }
            tokens[count] = Token(start: Int32(truncatingIfNeeded: start), end: Int32(truncatingIfNeeded: i), hash: hash,
                                  kind: .word, flags: flags, classes: classes)
            count += 1
            if !flags.contains(.capitalized) { lowercase.insert(hash) }
            if flags.contains(.possessive) {
                i += possessiveLength(text, i)
            } else if i < n, text[i] == 0x20 {
                i += 1 // the usual space after a word, skipped here rather than by another turn of the loop
            }
        }
        return (count, marks)
    }

    /// The hash of the word at `text[start..<end]`; a `plain` one has only ASCII letters, digits and hyphens.
    @inline(__always)
    private static func hash(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, plain: Bool) -> UInt64 {
        if plain { return WordHasher.plain(text, start, end).hash }
        var hasher = WordHasher()
        hasher.appendFolded(text, start, end)
        return hasher.finish()
    }

    /// The kind and length of the mark (not a word, not space) at `i`.
    private static func mark(_ text: UnsafeBufferPointer<UInt8>, at i: Int) -> (Token.Kind, Int) {
        let b = text[i]
        switch b {
        case 0x2C: return (.comma, 1)
        case 0x2E, 0x21, 0x3F: return (.stop, 1)
        case 0x3A: return (.colon, 1)
        case 0x3B: return (.semicolon, 1)
        case 0x28: return (.openParen, 1)
        case 0x29: return (.closeParen, 1)
        case 0x2D: return (.dash, 1)
        case 0x22: return (opensQuote(text, i) ? .openQuote : .closeQuote, 1)
        case 0xE2 where i + 2 < text.count && text[i + 1] == 0x80:
            switch text[i + 2] {
            case 0x9C: return (.openQuote, 3) // “
            case 0x9D: return (.closeQuote, 3) // ”
            case 0x93, 0x94: return (.dash, 3) // – —
            case 0xA6: return (.stop, 3) // …
            default: return (.other, 3)
            }
        default:
            return (.other, b < 0x80 ? 1 : utf8Length(b))
        }
    }

    /// A straight double quote opens when nothing but space or an opening bracket is before it.
    /// (Single quotes are left as `other`: they nest inside quotes and double as apostrophes.)
    private static func opensQuote(_ text: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        guard i > 0 else { return true }
        let before = text[i - 1]
        return before == 0x20 || before == 0x28 || before == 0x09 || before == 0x9C || before == 0x94
    }

    /// Whether a word starts at `i`: an ASCII letter or digit, or a non-ASCII letter (any
    /// multi-byte character outside general punctuation and Latin-1 symbols).
    @inline(__always)
    static func isWordByte(_ text: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        let b = text[i]
        if b < 0x80 { return isASCIILetter(b) || (b >= 0x30 && b <= 0x39) }
        if b == 0xE2 || b == 0xC2 { return false }
        return b >= 0xC3
    }

    @inline(__always)
    static func isASCIILetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }

    @inline(__always)
    static func utf8Length(_ lead: UInt8) -> Int {
        lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
    }

    /// How many of the eight bytes of `word` (the first in the low byte) are ASCII letters before
    /// the first that is not.
    @inline(__always)
    static func asciiLetters(_ word: UInt64) -> Int {
        let lower = word | 0x2020_2020_2020_2020
        let low7 = lower & 0x7F7F_7F7F_7F7F_7F7F // so that adding 0x1F or 0x05 stays within each byte
        let atLeastA = low7 &+ 0x1F1F_1F1F_1F1F_1F1F // high bit set where the byte is `a` or above
        let pastZ = low7 &+ 0x0505_0505_0505_0505 // high bit set where the byte is above `z`
        let notLetter = ~(atLeastA & ~pastZ & ~lower) & 0x8080_8080_8080_8080 // `lower` has the high bit of non-ASCII bytes
        return notLetter.trailingZeroBitCount >> 3 // 8 when all are letters
    }

    /// Whether `text[start..<end]` holds a lower-case ASCII letter.
    @inline(__always)
    private static func hasLowercaseASCII(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var k = start
        while k < end {
            if text[k] &- 0x61 < 26 { return true }
            k += 1
        }
        return false
    }

    /// `'s` or `’s` followed by a non-letter, or a lone `'` / `’` after an `s` at a word's end.
    private static func isPossessiveSuffix(_ text: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        let width = text[i] == 0x27 ? 1 : 3
        let next = i + width
        if next < text.count, text[next] | 0x20 == 0x73 {
            return next + 1 >= text.count || !isWordByte(text, next + 1)
        }
        return i > 0 && text[i - 1] | 0x20 == 0x73 && (next >= text.count || !isWordByte(text, next))
    }

    private static func possessiveLength(_ text: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        let width = text[i] == 0x27 ? 1 : 3
        let next = i + width
        return next < text.count && text[next] | 0x20 == 0x73 ? width + 1 : width
    }

    /// An initial (`J.`), dotted capitals (`U.S.`), or a known abbreviation (`Gen.`, `Jr.`).
    private static func absorbsPeriod(letters: Int, lower: Bool, dots: Int, hash: UInt64) -> Bool {
        if letters == 1 && !lower { return true }
        if dots > 0 { return true }
        return Lexicon.isAbbreviation(hash)
    }
}
