/// Decides which body lines are headlines, and so what layout the page has.
///
/// A headline candidate is a line of 2–30 words that starts like a title and does not end like a
/// sentence. Each candidate is scored by its neighbours: a time line above it (or below it, on a
/// page that prints its times under the headlines) or a byline or credit below it is strong
/// evidence; a `Link Copied!` or contributor line above it is good evidence; a
/// line ending in `:` above it (a list's introduction) is evidence against. When the page declares
/// its size and there are more candidates than posts, the weakest are dropped.
enum HeadlineDetector {
    struct Detection {
        var layout: Layout
        var headlines: Set<Int>
        /// The page prints each post's time under its headline rather than above it.
        var timeBelowHeadline = false
    }

    static func detect(_ body: [PageLine], declared: Int?) -> Detection {
        let times = body.filter(\.isPostTime).count
        let separators = body.filter { $0.kind == .linkSeparator }.count
        let layout: Layout
        let threshold: Int
        if times >= 2 {
            (layout, threshold) = (.timestamped, 4)
        } else if separators >= 2 {
            (layout, threshold) = (.linkSeparated, 3)
        } else {
            (layout, threshold) = (.headlined, 1)
        }
        let timeBelow = times >= 2 && timesBelowHeadlines(body)
        var scored: [(index: Int, score: Int)] = []
        for i in body.indices where isCandidate(body[i]) {
            let s = score(body, i, timeBelow: timeBelow)
            if s >= threshold { scored.append((i, s)) }
        }
        if let declared, declared > 0, scored.count > declared {
            // Keep the strongest `declared` candidates; on equal scores the earlier line wins.
            let kept = scored.sorted { $0.score != $1.score ? $0.score > $1.score : $0.index < $1.index }.prefix(declared)
            scored = kept.sorted { $0.index < $1.index }
        }
        if layout == .headlined && scored.isEmpty { return Detection(layout: .headless, headlines: []) }
        return Detection(layout: layout, headlines: Set(scored.map(\.index)), timeBelowHeadline: timeBelow)
    }

    /// Whether most time lines follow a headline-like line and precede a paragraph, rather than
    /// precede a headline-like line.
    static func timesBelowHeadlines(_ body: [PageLine]) -> Bool {
        var below = 0
        var above = 0
        for i in body.indices where body[i].isPostTime {
            let before = i > 0 && looksLikeHeadline(body[i - 1])
            let after = i + 1 < body.count && looksLikeHeadline(body[i + 1])
            if after { above += 1 } else if before { below += 1 }
        }
        return below > above
    }

    static func isCandidate(_ line: PageLine) -> Bool {
        guard line.kind == .text, !line.endsLikeSentence else { return false }
        let words = line.wordCount
        guard words >= 2, words <= 30, line.text.utf8.count <= 220, let first = line.text.first else { return false }
        return first.isUppercase || first.isNumber || first == "“" || first == "\"" || first == "‘"
    }

    /// A candidate that is not a caption with its credit (`… on Tuesday. (Lena Fisk/Harbour Press)`).
    static func looksLikeHeadline(_ line: PageLine) -> Bool {
        isCandidate(line) && line.captioned == nil
    }

    static func score(_ body: [PageLine], _ i: Int, timeBelow: Bool = false) -> Int {
        var score = 1
        let prev = i > 0 ? body[i - 1] : nil
        let next = i + 1 < body.count ? body[i + 1] : nil
        switch prev?.kind {
        case nil, .linkSeparator: score += 3
        case .time, .clock: score += timeBelow ? -2 : 5
        case .contributors: score += 2
        case .text:
            guard let prev else { break }
            if Chrome.isReadMore(prev.text) {
                score += 2
            } else if prev.text.hasSuffix(":"), let next, isCandidate(next) || next.isBullet {
                score -= 3 // an item of a list that a `…:` line introduces
            }
            if isCandidate(prev) { score -= 1 }
        default: break
        }
        switch next?.kind {
        case .byline: score += 3
        case .credit: score += 2
        case .time, .clock: score += timeBelow ? 5 : -2
        case .linkSeparator, nil: score -= 2
        case .text:
            guard let next else { break }
            if next.text == body[i].text { score -= 3 } // a caption printed twice is not a headline
            if next.captioned != nil { score += 1 }
            if isCandidate(next) { score -= 1 }
        default: break
        }
        if body[i].wordCount > 24 { score -= 1 }
        return score
    }

    /// A `?` at the end of a headline that is not a question: a lost non-breaking space.
    static func isDebrisQuestionMark(_ text: String) -> Bool {
        guard text.hasSuffix("?") else { return false }
        let clause = text.ranges(of: ": ").last.map { text[$0.upperBound...] } ?? Substring(text)
        let words = clause.split(separator: " ").prefix(4)
        guard let first = words.first else { return true }
        if auxiliaries.contains(first.lowercased()) { return false } // "Is Putin creating …?"
        // "What is …?" asks; "What we know so far?" does not: a question word needs an auxiliary soon after.
        return !(questionWords.contains(first) && words.dropFirst().contains { auxiliaries.contains($0.lowercased()) })
    }

    private static let questionWords: Set<Substring> = ["What", "Why", "How", "Who", "Whom", "Whose", "When", "Where", "Which"]
    private static let auxiliaries: Set<String> = ["is", "are", "was", "were", "can", "could", "will", "would", "should",
                                                   "shall", "do", "does", "did", "has", "have", "had", "may", "might",
                                                   "must", "won't", "can't", "isn't", "aren't", "don't", "doesn't"]

    /// The headline as it should be stored: debris `?` removed.
    static func cleanHeadline(_ text: String) -> String {
        isDebrisQuestionMark(text) ? String(text.dropLast()).trimmingSpaces : text
    }
}
