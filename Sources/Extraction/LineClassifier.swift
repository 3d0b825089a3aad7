/// What one normalised line of a scrape is, judged from its own shape.
///
/// Context (what comes before and after) is the segmenter's business; this only reads the line.
enum LineKind: Equatable {
    /// A post time above a headline.
    case time(Timestamp)
    /// A post time without its date (`8:08 p.m. ET`) above a headline.
    case clock(ClockTime)
    /// An `Updated …` stamp: page-level date evidence.
    case updateStamp(Timestamp)
    /// `36 Posts`.
    case declaredCount(Int)
    /// `Link Copied!`: the end of a post.
    case linkSeparator
    /// `• text` (the marker removed).
    case bullet(String)
    /// `Our live coverage has ended …`.
    case status
    /// A video's duration line (`02:29 - Source: CNN`).
    case videoDuration
    /// A media slug (`marquardt east ukraine 02.09.22`) or a related-content widget line.
    case widget
    /// `GO DEEPER` and other footer headings: nothing after them is content.
    case footer
    /// A whole-line credit: `(Getty Images)`.
    case credit(String)
    /// `From CNN's A and B`, `Analysis from …`, `By …`, with the authors it names.
    case byline([String])
    /// `CNN's A and B contributed reporting to this post.`, with the people it names.
    case contributors([String])
    /// Anything else: a headline, caption or paragraph.
    case text
}

enum LineClassifier {
    static func classify(_ line: String) -> LineKind {
        let utf8 = line.utf8
        guard let first = utf8.first else { return .text }
        let digit = first >= 0x30 && first <= 0x39
        // A time stamp starts with its clock, a weekday or month (`Feb. 11, 2022, 8:08 p.m. ET`), or `Updated …`.
        if digit || first >= 0x41 && first <= 0x5A, let stamp = TimeParser.timestamp(in: line) {
            return TimeParser.isUpdateLine(line) ? .updateStamp(stamp) : .time(stamp)
        }
        if digit {
            if let clock = TimeParser.clockStamp(in: line) { return .clock(clock) }
            if let count = declaredCount(line) { return .declaredCount(count) }
            if isVideoDuration(line) { return .videoDuration }
        }
        if line.hasBytePrefix("•") {
            return .bullet(String(line.dropFirst().drop(while: { $0 == " " })))
        }
        if first == 0x28, utf8.last == 0x29, utf8.count <= 160, !line.utf8.dropFirst().contains(0x28) {
            return .credit(String(line.dropFirst().dropLast()).trimmingSpaces)
        }
        if Chrome.isLinkSeparator(line) { return .linkSeparator }
        if Chrome.isFooterHeading(line) { return .footer }
        if Chrome.isStatus(line) { return .status }
        if Chrome.isWidget(line) || isMediaSlug(line) { return .widget }
        if let authors = NameList.byline(line) { return .byline(authors) }
        if let names = NameList.contributors(line) { return .contributors(names) }
        return .text
    }

    /// `36 Posts`, `1 post`, `58 updates`.
    static func declaredCount(_ line: String) -> Int? {
        // `Int` reads an optional sign, then digits.
        guard let first = line.utf8.first, (0x30...0x39).contains(first) || first == 0x2B || first == 0x2D else { return nil }
        let parts = line.splitOnSpaces()
        guard parts.count == 2, let n = Int(parts[0]), n >= 0 else { return nil }
        switch parts[1].lowercased() {
        case "posts", "post", "updates", "update", "entries": return n
        default: return nil
        }
    }

    /// `02:29`, `02:29 - Source: CNN`, `1:02:03`.
    static func isVideoDuration(_ line: String) -> Bool {
        let clock = line.prefix(while: { $0 != " " })
        let parts = clock.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.count <= 2 && $0.allSatisfy(\.isASCIIDigitChar) })
        else { return false }
        let rest = line.dropFirst(clock.count)
        return rest.isEmpty || rest.hasPrefix(" - ")
    }

    /// A file-name-like slug: lower-case or numeric first word, a numeric last word, few words,
    /// no sentence punctuation (`02 blinken UN 0217`).
    static func isMediaSlug(_ line: String) -> Bool {
        guard let firstByte = line.utf8.first, (firstByte >= 0x61 && firstByte <= 0x7A) || (firstByte >= 0x30 && firstByte <= 0x39),
              line.utf8.count <= 80 else { return false }
        let words = line.splitOnSpaces()
        guard (2...8).contains(words.count), let first = words.first, let last = words.last,
              let f = first.first, f.isLowercase || first.allSatisfy(\.isASCIIDigitChar) else { return false }
        return last.count >= 4 && last.allSatisfy { $0.isASCIIDigitChar || $0 == "." || $0 == "-" }
    }
}

extension Character {
    var isASCIIDigitChar: Bool { asciiValue.map { $0 >= 0x30 && $0 <= 0x39 } ?? false }
}

extension String {
    /// The text without leading and trailing spaces (space characters, so a space that a combining
    /// mark joins stays).
    var trimmingSpaces: String {
        let utf8 = self.utf8
        var start = utf8.startIndex
        var end = utf8.endIndex
        while start != end && utf8[start] == 0x20 { start = utf8.index(after: start) }
        while end != start && utf8[utf8.index(before: end)] == 0x20 { end = utf8.index(before: end) }
        // Only non-ASCII neighbours can join a space into a larger character: let Characters decide.
        let joinsAfter = start != utf8.startIndex && start != end && utf8[start] >= 0x80
        let joinsBefore = end != utf8.endIndex && end != start && utf8[utf8.index(before: end)] >= 0x80
        if joinsAfter || joinsBefore {
            return String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
        }
        return String(self[start..<end])
    }
}
