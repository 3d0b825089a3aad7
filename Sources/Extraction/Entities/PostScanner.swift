/// The per-post pass: finds the names a post uses and what the post says about each, and its quotes.
///
/// Each paragraph is tokenised (``Tokenizer``) and read as *runs*: maximal sequences of
/// capitalised words, joined by `of`, `for`, particles (`von der`) or, inside organisation names,
/// `and`/`in`. A run is then taken apart by evidence: a title in front (`US Secretary of State
/// Antony Blinken` → a person with a title, and the place `US`), an organisation or place head
/// word, an acronym, the gazetteer, a demonym, or the shape of a personal name. The words around a
/// run add evidence: a role before it (`national security adviser Jake Sullivan`), an apposition
/// (`…, the minister`), a speech verb, `in`/`near` before a place. Headlines in title case are read
/// word by word. Nothing here decides what a lone word is: ``EntityResolver`` does that with the
/// whole corpus in view.
struct PostScanner {
    private var mentions: [SurfaceMention] = []
    private var indexByKey = HashTable<Int>()
    /// Room for the tokens of a paragraph (as many as its bytes), reused from one paragraph to the next.
    private var tokens: [Token] = []
    /// The names found in the paragraph being read.
    private var spans: [Span] = []
    private var quotes = QuoteFinder()
    /// The most recent mention that looked like a person, for `he said`.
    private var lastPerson: Int?
    /// The post's words that are not capitalised.
    private var lowercase = LowercaseWords()

    static func scan(_ post: PostText) -> PostCandidates {
        var scanner = PostScanner()
        return scanner.scan(post)
    }

    /// Scans every post on all cores, results in input order; each worker reuses one scanner's
    /// buffers for a run of posts.
    static func scan(_ posts: [PostText]) -> [PostCandidates] {
        let run = 64
        let runs = Parallel.map(Array(stride(from: 0, to: posts.count, by: run))) { start in
            var scanner = PostScanner()
            // By index: iterating the slice would copy (retain) each post's fields.
            return (start..<min(start + run, posts.count)).map { scanner.scan(posts[$0]) }
        }
        return runs.flatMap { $0 }
    }

    /// Reads one post, starting from a clean state but keeping the buffers of the last one.
    mutating func scan(_ post: PostText) -> PostCandidates {
        lowercase.removeAll()
        indexByKey.removeAll()
        quotes = QuoteFinder()
        lastPerson = nil
        pendingLongForm = nil
        // The texts are read in place, by index: a `for` loop would retain and release each one,
        // and other threads are reading the same strings.
        for i in post.authors.indices { addByline(post.authors[i]) }
        for i in post.contributors.indices { addByline(post.contributors[i]) }
        if post.headline != nil { scanParagraph(post.headline!, headline: true) }
        for i in post.captions.indices { scanParagraph(post.captions[i], headline: false) }
        for i in post.body.indices { scanParagraph(post.body[i], headline: false) }
        quotes.finish()
        for m in mentions.indices where mentions[m].words == 1 && lowercase.contains(mentions[m].key) {
            mentions[m].evidence.insert(.commonWord)
        }
        for quote in quotes.found {
            if let speaker = quote.speaker { mentions[speaker].evidence.insert(.quoted) }
        }
        return PostCandidates(context: post.context, mentions: takeMentions(), quotes: quotes.found)
    }

    /// The post's mentions, moved into an array of their number (the corpus holds every post's
    /// until it is resolved: lists grown append by append held half as much room again, 26 MB at
    /// 50 MB); the scanner's list keeps its room for the next post.
    private mutating func takeMentions() -> [SurfaceMention] {
        let count = mentions.count
        let taken = [SurfaceMention](unsafeUninitializedCapacity: count) { taken, initialized in
            guard count > 0 else { return }
            mentions.withUnsafeMutableBufferPointer { own in
                taken.baseAddress!.moveInitialize(from: own.baseAddress!, count: count)
                // The moved-from slots get a value that holds nothing, for `removeAll` to drop.
                own.baseAddress!.initialize(repeating: SurfaceMention(surface: "", key: 0, hint: .word, evidence: [], count: 0, words: 0),
                                            count: count)
            }
            initialized = count
        }
        mentions.removeAll(keepingCapacity: true)
        return taken
    }

    private mutating func addByline(_ name: String) {
        let words = NameForms.wordRanges(name).count
        guard words >= 1, words <= 5 else { return }
        _ = record(name, key: NameForms.hash(name), hint: .person, evidence: [.byline, .running], words: words)
    }

    private mutating func scanParagraph(_ paragraph: String, headline: Bool) {
        // In place when the text is stored as UTF-8 (parsed text is), else through a copy.
        if paragraph.utf8.withContiguousStorageIfAvailable({ scanParagraph($0, headline: headline) }) == nil {
            var text = paragraph
            text.withUTF8 { scanParagraph($0, headline: headline) }
        }
    }

    private mutating func scanParagraph(_ bytes: UnsafeBufferPointer<UInt8>, headline: Bool) {
        // The token buffer is taken out of `self` while it is read: the scan below records mentions in `self`.
        var buffer: [Token] = []
        swap(&buffer, &tokens)
        defer { swap(&buffer, &tokens) }
        if buffer.count < bytes.count { // a token takes at least one byte
            buffer = [Token](repeating: Token(start: 0, end: 0, hash: 0, kind: .other, flags: [], classes: []),
                             count: max(bytes.count, 2 * buffer.count))
        }
        buffer.withUnsafeMutableBufferPointer { buffer in
            var (count, marks) = lowercase.write(room: bytes.count) { Tokenizer.tokenize(bytes, into: buffer, lowercase: &$0) }
            if marks.contains(Token.Kinds(.openParen)) { // brackets are rare
                count = Self.dropEditorialParentheses(UnsafeMutableBufferPointer(rebasing: buffer[..<count]))
            }
            let tokens = UnsafeMutableBufferPointer(rebasing: buffer[..<count])
            let paragraph = Paragraph(text: bytes, tokens: UnsafeBufferPointer(tokens), marks: marks, headline: headline)
            let personBefore = lastPerson
            spans.removeAll(keepingCapacity: true)
            findRuns(paragraph, wordByWord: headline && paragraph.isTitleCase)
            if !headline { quotes.read(paragraph, spans: spans, mentions: mentions, lastPerson: personBefore) }
        }
    }

    /// Removes the brackets of an editor's insertion into a quote, `(Russian President Vladimir)
    /// Putin` or `President (Vladimir) Putin`, so that the name reads whole: capitalised words in
    /// parentheses right before a capitalised word. An acronym alone in parentheses (`(NATO) Council`)
    /// stays bracketed: it names the words before it. Returns how many tokens are left (at the front).
    static func dropEditorialParentheses(_ tokens: UnsafeMutableBufferPointer<Token>) -> Int {
        var count = tokens.count
        var next = 0
        while let k = tokens[next..<count].firstIndex(where: { $0.kind == .openParen }) {
            next = k + 1
            var m = k + 1
            while m < count, m - k <= 4, tokens[m].kind == .word, tokens[m].isCapitalized { m += 1 }
            guard m > k + 1, m + 1 < count, tokens[m].kind == .closeParen,
                  tokens[m + 1].kind == .word, tokens[m + 1].isCapitalized,
                  !(m == k + 2 && tokens[k + 1].flags.contains(.allCaps)) else { continue }
            for x in k..<count - 2 { tokens[x] = tokens[x + (x < m - 1 ? 1 : 2)] } // without `(` at k and `)` at m
            count -= 2
        }
        return count
    }

    // MARK: runs

    /// A stretch of a paragraph's tokens recognised as a name, and the mention it became.
    struct Span {
        var start: Int
        var end: Int
        var mention: Int
    }

    private mutating func findRuns(_ p: Paragraph, wordByWord: Bool) {
        let t = p.tokens
        var i = 0
        while i < t.count {
            guard startsRun(t[i]) else { i += 1; continue }
            var j = i + 1
            if !wordByWord {
                while j < t.count, !t[j - 1].flags.contains(.possessive) {
                    if joinsRun(t[j]) { j += 1; continue }
                    let listed = listedNameLength(t, at: j)
                    if listed > 0 {
                        j += listed
                        break
                    }
                    let joined = connectorLength(t, runStart: i, at: j)
                    if joined == 0 { break }
                    j += joined + 1
                }
            }
            analyze(p, i, j)
            i = j
        }
    }

    private func startsRun(_ token: Token) -> Bool {
        token.flags.contains(.nameWord)
    }

    private func joinsRun(_ token: Token) -> Bool {
        startsRun(token)
    }

    /// How many lower-case connectors at `j` join the run to a capitalised word after them (0: none).
    private func connectorLength(_ t: UnsafeBufferPointer<Token>, runStart: Int, at j: Int) -> Int {
        var k = j
        while k < t.count, k - j < 2, t[k].kind == .word, !t[k].isCapitalized, t[k].classes.contains(.connector) { k += 1 }
        guard k > j, k < t.count, joinsRun(t[k]) else { return 0 }
        let previous = t[j - 1].classes
        for c in j..<k {
            let word = t[c].classes
            if word.contains(.particle) { continue }
            let heads: WordClass = [.titleHead, .titleWord, .orgHead, .placeHead, .eventHead, .institution]
            if t[c].hash == Self.ofHash || t[c].hash == Self.forHash {
                // `Secretary of State`, `Bank of …`, `Office for the Coordination of Humanitarian Affairs`
                if c > j || !previous.isDisjoint(with: heads) || t[runStart..<j].contains(where: { $0.classes.contains(.orgHead) }) {
                    continue
                }
                return 0
            }
            if t[c].hash == Self.theHash, c > j { continue }
            if (t[c].hash == Self.andHash || t[c].hash == Self.inHash && isRegion(t[k])), c == j,
               previous.isDisjoint(with: [.orgHead, .institution]), t[runStart..<j].contains(where: { $0.classes.contains(.orgHead) }),
               !t[runStart..<j].contains(where: { $0.classes.contains(.titleHead) }) {
                continue // `Organization for Security and Co-operation in Europe`, not `… Secretary X and …`
            }
            return 0
        }
        return k - j
    }

    /// `Foreign, Commonwealth and Development Office`: single capitalised words joined by commas and
    /// a last `and`, ending with an organisation's head word, are one name with the run before the
    /// first comma. How many tokens at `j` join the run (0: none).
    private func listedNameLength(_ t: UnsafeBufferPointer<Token>, at j: Int) -> Int {
        guard t[j].kind == .comma, !t[j - 1].classes.contains(.orgHead) else { return 0 }
        var k = j
        while k + 2 < t.count, t[k].kind == .comma, joinsRun(t[k + 1]), t[k + 1].classes.isDisjoint(with: [.orgHead, .connector]) {
            k += 2
        }
        guard k > j, k < t.count, t[k].kind == .word, t[k].hash == Self.andHash else { return 0 }
        var end = k + 1
        while end < t.count, end - k <= 3, joinsRun(t[end]) { end += 1 }
        guard end > k + 1, t[end - 1].classes.contains(.orgHead) else { return 0 }
        return end - j
    }

    /// A continent or region (`Europe`), which an organisation's name may end with after `in`.
    private func isRegion(_ token: Token) -> Bool {
        guard let entry = Gazetteer.entry(token.hash) else { return false }
        let kind = Gazetteer.data.places[Int(entry.place)].kind
        return kind == .continent || kind == .region
    }

    private static let ofHash = NameForms.hash("of")
    private static let forHash = NameForms.hash("for")
    private static let theHash = NameForms.hash("the")
    private static let andHash = NameForms.hash("and")
    private static let inHash = NameForms.hash("in")
    private static let toHash = NameForms.hash("to")

    /// Takes a run `[a, b)` apart into the names it holds.
    private mutating func analyze(_ p: Paragraph, _ a: Int, _ b: Int) {
        let t = p.tokens
        if b - a == 1 { return single(p, a) }
        if let place = p.place(a, b) { return emitPlace(p, a, b, place) }
        var firstPlace = a
        while firstPlace < b - 1, t[firstPlace].classes.contains(.direction) { firstPlace += 1 }
        if firstPlace > a, let place = p.place(firstPlace, b) { return emitPlace(p, firstPlace, b, place) }

        // The name at the end of the run, after any title.
        var nameStart = b
        while nameStart > a, b - nameStart < 4, isNameWord(t[nameStart - 1]) || isInnerParticle(t, nameStart - 1, a) {
            nameStart -= 1
        }
        while nameStart < b, !t[nameStart].isCapitalized { nameStart += 1 }
        // A name never follows `of`/`the` (`Ambassador of the United Arab Emirates`): what is after is read on its own.
        if nameStart > a, nameStart < b, t[nameStart - 1].classes.contains(.connector), !t[nameStart - 1].isCapitalized {
            let classes = t[a..<nameStart].reduce(into: WordClass()) { $0.formUnion($1.classes) }
            if classes.contains(.orgHead) && !(a..<nameStart).contains(where: { isTitleHead(t, $0) }) {
                return emitOrganization(p, a, b) // `Embassy of the United Arab Emirates`
            }
            emitTitlePrefix(p, a, nameStart)
            return analyze(p, nameStart, b)
        }
        let prefixHasTitle = (a..<nameStart).contains { isTitleHead(t, $0) }
        if nameStart < b && nameStart > a && prefixHasTitle {
            // `Defense Secretary Lloyd Austin`, `President Biden`, `Gen. Mark Milley`.
            let title = p.string(a, nameStart)
            emitTitlePrefix(p, a, nameStart)
            let words = b - nameStart
            var evidence: Evidence = [.title, .running]
            evidence.formUnion(contextEvidence(p, nameStart, b, runStart: a).evidence)
            let titled = nameStart - a <= 2 && words == 1 ? p.string(a, b) : nil
            let mention = record(p.string(nameStart, b), key: p.hash(nameStart, b), hint: words == 1 ? .word : .person, evidence: evidence,
                                 words: words, title: title, titledForm: titled)
            lastPerson = mention
            spans.append(Span(start: a, end: b, mention: mention))
            return
        }
        if nameStart == a && b - a >= 3, let place = p.place(a, a + 1), !place.ambiguous {
            // `Russia John Sullivan` (after `ambassador to`): the place, then the name.
            emitPlace(p, a, a + 1, place)
            return analyze(p, a + 1, b)
        }
        if nameStart == a && b - a <= 4 {
            return emitName(p, a, b)
        }
        if nameStart > a && !prefixHasTitle && nameStart < b && b - nameStart >= 2 {
            // `Ukrainian Volodymyr Zelensky`: what stands before the name is read on its own.
            analyze(p, a, nameStart)
            return emitName(p, nameStart, b)
        }
        if isTitleHead(t, a) { return emitTitlePrefix(p, a, b) } // `Commander-in-Chief of the Armed Forces`
        let classes = t[a..<b].reduce(into: WordClass()) { $0.formUnion($1.classes) }
        if !classes.isDisjoint(with: [.orgHead, .institution]) && !prefixHasTitle || classes.contains(.orgHead) && !t[b - 1].classes.contains(.titleHead) {
            if classes.contains(.eventHead) && !classes.contains(.orgHead) { return emitInnerPlaces(p, a, b) }
            return emitOrganization(p, a, b)
        }
        if classes.contains(.placeHead) && !classes.contains(.eventHead) && !prefixHasTitle {
            let mention = record(p.string(a, b), key: p.hash(a, b), hint: .place, evidence: [.running], words: b - a)
            spans.append(Span(start: a, end: b, mention: mention))
            return
        }
        if prefixHasTitle { return emitTitlePrefix(p, a, b) }
        emitInnerPlaces(p, a, b)
    }

    /// A word that can be part of a personal name (a city's name can: `Austin`; a country's cannot).
    private func isNameWord(_ token: Token) -> Bool {
        guard token.kind == .word, token.isCapitalized else { return false }
        let notName: WordClass = [.titleHead, .titleWord, .orgHead, .placeHead, .eventHead, .institution, .direction, .breaker]
        if !token.classes.isDisjoint(with: notName) { return false }
        if token.flags.contains(.allCaps) && !token.flags.contains(.abbreviation) { return false }
        if let entry = Gazetteer.entry(token.hash), Gazetteer.data.places[Int(entry.place)].kind != .city { return false }
        return Gazetteer.demonym(token.hash) == nil
    }

    /// A title's head, unless it is `General` after an organisation's head (`Consulate General`).
    private func isTitleHead(_ t: UnsafeBufferPointer<Token>, _ k: Int) -> Bool {
        t[k].classes.contains(.titleHead)
            && !(t[k].hash == Self.generalHash && k > 0 && t[k - 1].kind == .word && t[k - 1].classes.contains(.orgHead))
    }

    private static let generalHash = NameForms.hash("general")

    /// `von`, `der`, `bin` between two name words.
    private func isInnerParticle(_ t: UnsafeBufferPointer<Token>, _ k: Int, _ a: Int) -> Bool {
        k > a && !t[k].isCapitalized && t[k].classes.contains(.particle)
    }

    private mutating func single(_ p: Paragraph, _ a: Int) {
        let token = p.tokens[a]
        if token.flags.contains(.hyphenated), p.place(a, a + 1) == nil {
            return hyphenated(p, a)
        }
        let classes = token.classes
        let allCaps = token.flags.contains(.allCaps)
        if allCaps && token.length <= 8 && !classes.contains(.acronymStop) {
            if let place = p.place(a, a + 1) { return emitPlace(p, a, a + 1, place) }
            if token.flags.contains(.sentenceStart) && p.tokens.count > a + 1 && p.tokens[a + 1].flags.contains(.allCaps) { return }
            return emitOrganization(p, a, a + 1)
        }
        if allCaps && token.length > 8 { return }
        if let place = p.place(a, a + 1) { return emitPlace(p, a, a + 1, place) }
        if let country = Gazetteer.demonym(token.hash) {
            _ = recordDemonym(p, a, country)
            return
        }
        if classes.contains(.institution) { return emitOrganization(p, a, a + 1) }
        let notAlone: WordClass = [.titleHead, .titleWord, .orgHead, .placeHead, .eventHead, .direction, .nameSuffix, .acronymStop]
        guard classes.isDisjoint(with: notAlone) else { return }
        emitName(p, a, a + 1)
    }

    /// `Ukraine-Russia` (two places), `Kremlin-backed` (an institution), `Russian-speaking` (a demonym).
    private mutating func hyphenated(_ p: Paragraph, _ a: Int) {
        let token = p.tokens[a]
        var start = Int(token.start)
        let end = Int(token.end)
        var k = start
        while k <= end {
            if k == end || p.text[k] == 0x2D {
                if k > start, p.text[start] >= 0x41 && p.text[start] <= 0x5A || p.text[start] >= 0xC3 {
                    let part = String(decoding: UnsafeBufferPointer(rebasing: p.text[start..<k]), as: UTF8.self)
                    let hash = NameForms.hash(part)
                    if let entry = Gazetteer.entry(hash), !entry.upperOnly || part.allSatisfy({ !$0.isLowercase }) {
                        let mention = record(part, key: hash, hint: .place, evidence: [.running], words: 1, place: entry.place)
                        spans.append(Span(start: a, end: a + 1, mention: mention))
                    } else if let country = Gazetteer.demonym(hash) {
                        _ = record(part, key: hash, hint: .demonym, evidence: [], words: 1, place: country)
                    } else if Lexicon.classes(hash).contains(.institution) {
                        let mention = record(part, key: hash, hint: .organization, evidence: [.running], words: 1)
                        spans.append(Span(start: a, end: a + 1, mention: mention))
                    }
                }
                start = k + 1
            }
            k += 1
        }
    }

    /// A name-shaped run (`Laura Cooper`, or one word such as `Sullivan`) with the evidence around it.
    private mutating func emitName(_ p: Paragraph, _ a: Int, _ b: Int) {
        let t = p.tokens
        var (evidence, title) = contextEvidence(p, a, b, runStart: a)
        if !p.headline && !t[a].flags.contains(.sentenceStart) { evidence.insert(.running) }
        if b - a >= 2 {
            let given = GivenNames.lookup(t[a].hash)
            // `Will`, `Red` (as in `Red Cross`) and city names (`Vienna Document`) prove nothing.
            if given.known && !given.ambiguous && Gazetteer.entry(t[a].hash) == nil {
                evidence.insert(.givenName)
            }
        }
        let mention = record(p.string(a, b), key: p.hash(a, b), hint: b - a == 1 ? .word : .name, evidence: evidence,
                             words: b - a, title: title)
        if !evidence.isDisjoint(with: Evidence.personal) { lastPerson = mention }
        spans.append(Span(start: a, end: b, mention: mention))
    }

    private mutating func emitPlace(_ p: Paragraph, _ a: Int, _ b: Int, _ entry: Gazetteer.Entry) {
        var evidence: Evidence = []
        if entry.ambiguous { evidence.insert(.ambiguous) }
        evidence.formUnion(contextEvidence(p, a, b, runStart: a).evidence.intersection([.placeContext, .title, .speech]))
        if !p.headline && !p.tokens[a].flags.contains(.sentenceStart) { evidence.insert(.running) }
        let mention = record(p.string(a, b), key: p.hash(a, b), hint: .place, evidence: evidence, words: b - a, place: entry.place)
        spans.append(Span(start: a, end: b, mention: mention))
    }

    private mutating func emitOrganization(_ p: Paragraph, _ a: Int, _ b: Int) {
        let t = p.tokens
        var qualifier: Int32 = -1
        if let country = Gazetteer.demonym(t[a].hash) {
            qualifier = country
        } else if b - a > 1, let entry = p.place(a, a + 1) {
            qualifier = entry.place
        } else if a > 0, t[a - 1].flags.contains(.possessive), let entry = p.place(a - 1, a) {
            qualifier = entry.place // `Israel's Foreign Ministry`
        }
        if qualifier >= 0, b - a > 1, Gazetteer.demonym(t[a].hash) == nil {
            // `US State Department`: the country is a place mention too.
            if let entry = p.place(a, a + 1) { emitPlace(p, a, a + 1, entry) }
        }
        var evidence: Evidence = []
        if !p.headline && !t[a].flags.contains(.sentenceStart) { evidence.insert(.running) }
        evidence.formUnion(contextEvidence(p, a, b, runStart: a).evidence.intersection([.speech]))
        var expansion: UInt64?
        if b - a == 1, a >= 2, t[a - 1].kind == .openParen, let long = pendingLongForm, long.end == a - 1 {
            expansion = long.key
        }
        let key = p.hash(a, b)
        let mention = record(p.string(a, b), key: key, hint: .organization, evidence: evidence, words: b - a,
                             qualifier: qualifier, expansion: expansion)
        if b - a > 1 { pendingLongForm = (b, key) }
        spans.append(Span(start: a, end: b, mention: mention))
    }

    /// The last organisation long form, for an acronym in parentheses right after it.
    private var pendingLongForm: (end: Int, key: UInt64)?

    /// Places, demonyms and organisations inside a title (`US` in `US Secretary of State`,
    /// `Pentagon` in `Pentagon Press Secretary`).
    private mutating func emitTitlePrefix(_ p: Paragraph, _ a: Int, _ b: Int) {
        let t = p.tokens
        var end = b
        while end > a, !t[end - 1].classes.isDisjoint(with: [.titleHead, .titleWord, .connector]) || t[end - 1].flags.contains(.abbreviation) && t[end - 1].length <= 4 {
            end -= 1
        }
        if end > a, !t[a..<end].contains(where: { $0.classes.contains(.titleHead) }) {
            return analyze(p, a, end)
        }
        emitInnerPlaces(p, a, b)
    }

    /// The places and demonyms among the words of `[a, b)`.
    private mutating func emitInnerPlaces(_ p: Paragraph, _ a: Int, _ b: Int) {
        for k in a..<b where p.tokens[k].isCapitalized {
            if let entry = p.place(k, k + 1) {
                emitPlace(p, k, k + 1, entry)
            } else if let country = Gazetteer.demonym(p.tokens[k].hash) {
                _ = recordDemonym(p, k, country)
            }
        }
    }

    private mutating func recordDemonym(_ p: Paragraph, _ k: Int, _ country: Int32) -> Int {
        record(p.string(k, k + 1), key: p.tokens[k].hash, hint: .demonym, evidence: [], words: 1, place: country)
    }

    // MARK: evidence around a name

    /// Evidence from the words around the name `[a, b)` of a run starting at `runStart`, and a title
    /// found there.
    private func contextEvidence(_ p: Paragraph, _ a: Int, _ b: Int, runStart: Int) -> (evidence: Evidence, title: String?) {
        let t = p.tokens
        var evidence: Evidence = []
        var title: String?
        if let role = roleBefore(p, runStart) {
            evidence.insert(.title)
            title = role
        }
        if b < t.count {
            let next = t[b]
            if next.kind == .word && !next.isCapitalized {
                if next.classes.contains(.speechVerb) { evidence.insert(.speech) }
                if next.classes.contains(.placeNoun) && !t[b - 1].flags.contains(.possessive) { evidence.insert(.placeContext) }
            } else if next.kind == .comma, b + 1 < t.count {
                if t[b + 1].classes.contains(.relativeWho) {
                    evidence.insert(.who)
                } else if let role = apposition(p, b + 1) {
                    evidence.insert(.title)
                    title = title ?? role
                }
            }
        }
        if runStart > 0 {
            let previous = t[runStart - 1]
            if previous.kind == .word && !previous.isCapitalized {
                if previous.classes.contains(.speechVerb) { evidence.insert(.speech) }
                if previous.classes.contains(.placePreposition) && !t[b - 1].flags.contains(.possessive) { evidence.insert(.placeContext) }
                if previous.hash == Self.theHash, runStart >= 2, t[runStart - 2].kind == .word,
                   !t[runStart - 2].isCapitalized, t[runStart - 2].classes.contains(.placePreposition) {
                    evidence.insert(.placeContext)
                }
                if previous.hash == Self.ofHash, runStart >= 2, t[runStart - 2].kind == .word,
                   t[runStart - 2].classes.contains(.placeNoun) {
                    evidence.insert(.placeContext)
                }
            }
        }
        return (evidence, title)
    }

    /// A lower-case role right before a run (`national security adviser`), with the capitalised
    /// words right before it (`Kremlin spokesperson`, `White House press secretary`).
    private func roleBefore(_ p: Paragraph, _ runStart: Int) -> String? {
        let t = p.tokens
        let head = runStart - 1
        guard head >= 0, t[head].kind == .word, !t[head].isCapitalized, t[head].classes.contains(.titleHead) else { return nil }
        var left = head
        while left > 0, head - left < 4, t[left - 1].kind == .word, !t[left - 1].isCapitalized,
              !t[left - 1].classes.isDisjoint(with: [.titleWord, .titleHead]), !t[left - 1].classes.contains(.connector) {
            left -= 1
        }
        var owner = left
        while owner > 0, left - owner < 4, startsRun(t[owner - 1]), t[owner - 1].isCapitalized {
            owner -= 1
            if t[owner].flags.contains(.possessive) && owner < left - 1 { owner += 1; break }
        }
        return p.string(owner, head + 1)
    }

    /// `the minister responsible for …`, `the national security adviser` after a name and a comma.
    private func apposition(_ p: Paragraph, _ start: Int) -> String? {
        let t = p.tokens
        var k = start
        if k < t.count, t[k].classes.contains(.determiner) && !t[k].isCapitalized { k += 1 }
        let first = k
        while k < t.count, k - first < 5, t[k].kind == .word {
            if !t[k].isCapitalized && t[k].classes.contains(.titleHead) {
                var end = k + 1 // `deputy national security adviser`
                while end < t.count, t[end].kind == .word, !t[end].isCapitalized,
                      !t[end].classes.isDisjoint(with: [.titleWord, .titleHead]), !t[end].classes.contains(.connector) { end += 1 }
                // `…of Dunmere, the head of the armed forces said`: a new subject, not an apposition.
                var clause = end
                while clause < t.count, clause - end < 12, t[clause].kind == .word {
                    if !t[clause].isCapitalized && t[clause].classes.contains(.speechVerb) { return nil }
                    clause += 1
                }
                return p.string(first, end)
            }
            if !t[k].isCapitalized && !t[k].classes.isDisjoint(with: [.function, .speechVerb]) && !t[k].classes.contains(.titleWord) { return nil }
            k += 1
        }
        return nil
    }

    // MARK: recording

    @discardableResult
    /// Counts a mention of the name with folded hash `key`; `surface` is only made for a new name.
    private mutating func record(_ surface: @autoclosure () -> String, key: UInt64, hint: Hint, evidence: Evidence, words: Int,
                                 title: String? = nil, titledForm: String? = nil, place: Int32 = -1,
                                 qualifier: Int32 = -1, expansion: UInt64? = nil) -> Int {
        let index: Int
        if let existing = indexByKey[key], mentions[existing].hint == hint {
            index = existing
            mentions[index].count += 1
            mentions[index].evidence.formUnion(evidence)
            if mentions[index].qualifier < 0 { mentions[index].qualifier = qualifier }
            if mentions[index].expansion == nil { mentions[index].expansion = expansion }
        } else {
            index = mentions.count
            indexByKey.set(key, index)
            mentions.append(SurfaceMention(surface: surface(), key: key, hint: hint, evidence: evidence, count: 1, place: place,
                                           qualifier: qualifier, expansion: expansion, words: words))
        }
        if let title, !mentions[index].titles.contains(title) { mentions[index].titles.append(title) }
        if let titledForm, !mentions[index].titledForms.contains(titledForm) { mentions[index].titledForms.append(titledForm) }
        return index
    }

}

/// One paragraph's bytes and tokens, with the look-ups the scanner makes on them.
struct Paragraph {
    let text: UnsafeBufferPointer<UInt8>
    let tokens: UnsafeBufferPointer<Token>
    /// The kinds of the marks among the tokens (brackets may have been dropped since).
    let marks: Token.Kinds
    let headline: Bool

    /// The text from the start of token `a` to the end of token `b - 1`; where brackets were
    /// dropped between two of them (``PostScanner/dropEditorialParentheses(_:)``), one space.
    func string(_ a: Int, _ b: Int) -> String {
        let bracketed = (a + 1..<max(a + 1, b)).contains { k in
            text[Int(tokens[k - 1].end)..<Int(tokens[k].start)].contains { $0 == 0x28 || $0 == 0x29 }
        }
        guard bracketed else {
            return String(decoding: UnsafeBufferPointer(rebasing: text[Int(tokens[a].start)..<Int(tokens[b - 1].end)]), as: UTF8.self)
        }
        return (a..<b).map { String(decoding: UnsafeBufferPointer(rebasing: text[Int(tokens[$0].start)..<Int(tokens[$0].end)]), as: UTF8.self) }
            .joined(separator: " ")
    }

    /// The hash of the folded words `[a, b)` (equal to ``NameForms/hash(_:)`` of their text), chained
    /// from their tokens' hashes.
    func hash(_ a: Int, _ b: Int) -> UInt64 {
        var h = tokens[a].hash
        for k in a + 1..<max(a + 1, b) { h = NameForms.chain(h, tokens[k].hash) }
        return h
    }

    /// The gazetteer entry named by the words `[a, b)`, respecting all-capital aliases.
    func place(_ a: Int, _ b: Int) -> Gazetteer.Entry? {
        guard b - a <= Gazetteer.data.maxWords, let entry = Gazetteer.entry(hash(a, b)) else { return nil }
        if entry.upperOnly && !(a..<b).allSatisfy({ tokens[$0].flags.contains(.allCaps) }) { return nil }
        if b - a == 1, !tokens[a].classes.isDisjoint(with: [.function, .titleHead, .month, .weekday]) { return nil }
        return entry
    }

    /// A headline in title case: most of its longer words are capitalised.
    var isTitleCase: Bool {
        var long = 0
        var capitalised = 0
        for token in tokens where token.kind == .word && token.length >= 4 {
            long += 1
            if token.isCapitalized { capitalised += 1 }
        }
        return long >= 4 && capitalised * 10 >= long * 7
    }
}
