/// Finds direct quotes in a post's paragraphs and who said them.
///
/// Attribution, in order: after the quote (`“…,” Sullivan said.`, `“…,” said the ministry.`,
/// `“…,” according to a statement.`), then before it in the same sentence (`Blinken said: “…”`,
/// `Zelensky told reporters, “…”`, and for a quote of four words or more inside a sentence,
/// `Quist said the river “would crest by Wednesday morning”`). A quote without its own
/// attribution takes the speaker of the quote before it in the same paragraph. A quote left open
/// at the end of a paragraph goes on in the next paragraph when that one opens with a quote mark
/// (the multi-paragraph convention). `he`/`she` is the last person named before it in the
/// paragraph, else the last speaker, else the last person named in an earlier paragraph.
/// Quotes with no speaker at all (scare quotes, headlines) are not kept. Parts of one quote cut by
/// its attribution (`“…,” she said. “…”`) are joined with ` … `; paragraphs of one quote with a space.
struct QuoteFinder {
    private(set) var found: [QuoteCandidate] = []
    /// A quote that runs on into the next paragraph.
    private var pending: (parts: [String], speaker: Int?, speakerText: String?)?
    private var lastSpeaker: Int?
    /// The paragraph number of the last quote found, to join quotes split by their attribution.
    private var paragraphNumber = 0
    private var lastFoundParagraph = -1

    mutating func read(_ p: Paragraph, spans: [PostScanner.Span], mentions: [SurfaceMention], lastPerson: Int?) {
        paragraphNumber += 1
        let t = p.tokens
        var marks: [(open: Int, close: Int?)] = []
        var k = p.marks.contains(Token.Kinds(.openQuote)) ? 0 : t.count // most paragraphs quote nothing
        while k < t.count {
            guard t[k].kind == .openQuote else { k += 1; continue }
            var c = k + 1
            while c < t.count, t[c].kind != .closeQuote, t[c].kind != .openQuote { c += 1 }
            if c == t.count {
                marks.append((k, nil))
                break
            }
            if t[c].kind == .closeQuote {
                marks.append((k, c))
                k = c + 1
            } else {
                k = c
            }
        }
        let continues = pending != nil && t.first?.kind == .openQuote
        if !continues { flushPending() }
        var previousSpeaker: (Int?, String?)?
        for (n, mark) in marks.enumerated() {
            let text = quoteText(p, mark.open, mark.close)
            let words = wordCount(t, mark.open, mark.close)
            var attribution = mark.close.flatMap { after(p, $0, spans, mentions, lastPerson) }
                ?? before(p, mark.open, quoteWords: words, spans, mentions, lastPerson)
            if n == 0 && continues {
                pending!.parts.append(text)
                if let (speaker, speakerText) = attribution, pending!.speaker == nil && pending!.speakerText == nil {
                    pending!.speaker = speaker
                    pending!.speakerText = speakerText
                }
                if mark.close != nil { flushPending() }
                previousSpeaker = attribution
                continue
            }
            if attribution == nil, let previous = previousSpeaker { attribution = previous }
            previousSpeaker = attribution
            if mark.close == nil {
                pending = ([text], attribution?.0, attribution?.1)
            } else if words >= 2, let (speaker, speakerText) = attribution {
                add(text, speaker, speakerText)
            }
        }
    }

    /// Keeps a quote that was still open when the post ended, if its speaker is known.
    mutating func finish() {
        flushPending()
    }

    private mutating func flushPending() {
        guard let open = pending else { return }
        pending = nil
        if open.speaker != nil || open.speakerText != nil {
            add(open.parts.joined(separator: " "), open.speaker, open.speakerText)
        }
    }

    private mutating func add(_ text: String, _ speaker: Int?, _ speakerText: String?) {
        guard !text.isEmpty else { return }
        if lastFoundParagraph == paragraphNumber, let last = found.last, last.speaker == speaker, last.speakerText == speakerText {
            found[found.count - 1].text += " … " + text // the attribution stood here
        } else {
            found.append(QuoteCandidate(text: text, speaker: speaker, speakerText: speakerText))
        }
        lastFoundParagraph = paragraphNumber
        if let speaker { lastSpeaker = speaker }
    }

    // MARK: attribution

    /// `“…,” Sullivan said`, `“…,” said Sullivan`, `“…,” according to the readout`.
    private func after(_ p: Paragraph, _ close: Int, _ spans: [PostScanner.Span], _ mentions: [SurfaceMention],
                       _ lastPerson: Int?) -> (Int?, String?)? {
        let t = p.tokens
        var k = close + 1
        if k < t.count, t[k].kind == .comma { k += 1 }
        guard k < t.count, t[k].kind == .word else { return nil }
        if isSpeechVerb(t[k]) {
            return speaker(p, k + 1, clauseEnd(t, k + 1), spans, mentions, lastPerson)
        }
        if t[k].classes.contains(.according), k + 1 < t.count, t[k + 1].hash == Self.toHash {
            return speaker(p, k + 2, clauseEnd(t, k + 2), spans, mentions, lastPerson)
        }
        var verb = k
        while verb < t.count, verb - k < 7, t[verb].kind == .word, !isSpeechVerb(t[verb]) { verb += 1 }
        guard verb < t.count, verb > k, isSpeechVerb(t[verb]) else { return nil }
        return speaker(p, k, verb, spans, mentions, lastPerson)
    }

    /// `Blinken said: “…”`, `Zelensky told reporters, “…”`, `Quist said the river “would crest …”`.
    private func before(_ p: Paragraph, _ open: Int, quoteWords: Int, _ spans: [PostScanner.Span], _ mentions: [SurfaceMention],
                        _ lastPerson: Int?) -> (Int?, String?)? {
        let t = p.tokens
        var k = open - 1
        guard k >= 0 else { return nil }
        let direct = t[k].kind == .colon || t[k].kind == .comma
        if direct { k -= 1 }
        guard direct || quoteWords >= 4 else { return nil }
        var verb = k
        while verb >= 0, k - verb < 8, t[verb].kind == .word, !isSpeechVerb(t[verb]) { verb -= 1 }
        guard verb >= 0, t[verb].kind == .word, isSpeechVerb(t[verb]) else { return nil }
        var subject = verb
        while subject > 0, verb - subject < 6, t[subject - 1].kind == .word { subject -= 1 }
        if subject < verb, let found = speaker(p, subject, verb, spans, mentions, lastPerson) { return found }
        return direct ? speaker(p, verb + 1, k + 1, spans, mentions, lastPerson) : nil
    }

    /// The speaker named by the words `[a, b)`: a name found there, a pronoun's person, or the words.
    private func speaker(_ p: Paragraph, _ a: Int, _ b: Int, _ spans: [PostScanner.Span], _ mentions: [SurfaceMention],
                         _ lastPerson: Int?) -> (Int?, String?)? {
        guard a < b, b - a <= 8 else { return nil }
        let inside = spans.lazy.filter { $0.end > a && $0.start < b }
        // A full name before a lone capitalised word: `Regional Governor Tamsin Okoro`.
        let named = inside.first { mentions[$0.mention].hint == .person || mentions[$0.mention].hint == .name }
            ?? inside.first { mentions[$0.mention].hint == .word }
            ?? inside.first { mentions[$0.mention].hint == .organization }
            ?? inside.first
        if let named { return (named.mention, nil) }
        let t = p.tokens
        if b - a == 1, t[a].classes.contains(.personPronoun) {
            let named = spans.last { $0.end <= a && Self.isPerson(mentions[$0.mention]) }
            guard let person = named?.mention ?? lastSpeaker ?? lastPerson else { return nil }
            return (person, nil)
        }
        // Words that name a speaker: `the ministry`, `a senior official`, at most six of them.
        guard b - a <= 6, t[a].classes.contains(.determiner) || t[a].isCapitalized && !t[a].classes.contains(.function) else { return nil }
        return (nil, p.string(a, b))
    }

    private static func isPerson(_ mention: SurfaceMention) -> Bool {
        mention.hint == .person || (mention.hint == .name || mention.hint == .word) && !mention.evidence.isDisjoint(with: Evidence.personal)
    }

    private func isSpeechVerb(_ token: Token) -> Bool {
        token.kind == .word && !token.isCapitalized && token.classes.contains(.speechVerb)
    }

    /// The first token at or after `k` that is not a word.
    private func clauseEnd(_ t: UnsafeBufferPointer<Token>, _ k: Int) -> Int {
        var end = k
        while end < t.count, t[end].kind == .word { end += 1 }
        return end
    }

    private static let toHash = NameForms.hash("to")

    // MARK: text

    private func quoteText(_ p: Paragraph, _ open: Int, _ close: Int?) -> String {
        var start = Int(p.tokens[open].end)
        var end = close.map { Int(p.tokens[$0].start) } ?? p.text.count
        while start < end, p.text[start] == 0x20 { start += 1 }
        while end > start, p.text[end - 1] == 0x20 || p.text[end - 1] == 0x2C { end -= 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: p.text[start..<end]), as: UTF8.self)
    }

    private func wordCount(_ t: UnsafeBufferPointer<Token>, _ open: Int, _ close: Int?) -> Int {
        var count = 0
        for k in (open + 1)..<(close ?? t.count) where t[k].kind == .word { count += 1 }
        return count
    }
}
