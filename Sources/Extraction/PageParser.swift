/// Splits a normalised scrape into page chrome and posts.
///
/// The parser reads structure, not wording: time lines above headlines, `Link Copied!`
/// separators, bylines, captions followed by credits, and which lines end like sentences. It first
/// separates the page header (title, summary bullets, status, declared size) from the body and the
/// footer, then decides which body lines are headlines (see ``HeadlineDetector``), then reads each
/// post's byline, images, paragraphs and contributors.
public enum PageParser {
    /// Parses raw UTF-8 bytes.
    public static func parse(_ bytes: [UInt8]) -> ParsedPage {
        parse(lines: TextNormalizer.lines(bytes))
    }

    /// Parses normalised lines (blank lines as empty strings).
    public static func parse(lines raw: [String]) -> ParsedPage {
        var lines = PageLine.make(raw)
        if let footer = lines.indices.dropFirst(3).first(where: { lines[$0].kind == .footer }) {
            lines.removeSubrange(footer...)
        }
        let bodyStart = headerEnd(lines)
        let header = PageHeader(Array(lines[..<bodyStart]))
        let body = bodyLines(Array(lines[bodyStart...]))
        let detection = HeadlineDetector.detect(body, declared: header.declaredPosts)
        var page = ParsedPage(layout: detection.layout, title: header.title, summary: header.summary,
                              declaredPosts: header.declaredPosts, statusLine: header.statusLine)
        page.posts = PostBuilder.build(body, headlines: detection.headlines, layout: detection.layout,
                                       timeBelowHeadline: detection.timeBelowHeadline)
        var evidence = DateEvidence()
        evidence.collect(header: header, body: body, posts: page.posts)
        page.dateEvidence = evidence
        page.date = evidence.resolve(fallbackYear: nil)
        ClockDays.assign(&page.posts, latestUpdate: header.updates.max(), pageDate: page.date)
        if let declared = header.declaredPosts, declared != page.posts.count {
            page.warnings.append("page declares \(declared) posts but \(page.posts.count) were found")
        }
        return page
    }

    /// Where the body begins: after the declared count or status line near the top, else at the
    /// first post time, else after the leading summary bullets.
    static func headerEnd(_ lines: [PageLine]) -> Int {
        let top = lines.prefix(60)
        let markers = top.indices.filter {
            if case .declaredCount = top[$0].kind { return true }
            return top[$0].kind == .status
        }
        if let last = markers.last { return last + 1 }
        if let time = lines.firstIndex(where: \.isPostTime) {
            // On a page that prints times under the headlines, the first post begins at its headline.
            let under = time > 0 && HeadlineDetector.looksLikeHeadline(lines[time - 1]) && HeadlineDetector.timesBelowHeadlines(lines)
            return under ? time - 1 : time
        }
        if let bullet = top.lastIndex(where: { if case .bullet = $0.kind { return true }; return false }) {
            return bullet + 1
        }
        return 0
    }

    /// The body without widgets, stray status lines, and video blurbs (a title line followed by a
    /// duration line).
    static func bodyLines(_ lines: [PageLine]) -> [PageLine] {
        var kept: [PageLine] = []
        kept.reserveCapacity(lines.count)
        for line in lines {
            switch line.kind {
            case .widget, .status, .declaredCount:
                continue
            case .videoDuration:
                if let last = kept.last, last.kind == .text, !last.endsLikeSentence { kept.removeLast() }
                continue
            default:
                kept.append(line)
            }
        }
        return kept
    }
}

/// One non-blank line with its kind and whether blank lines surround it.
struct PageLine: Equatable {
    let text: String
    let kind: LineKind
    let blankBefore: Bool
    var blankAfter: Bool
    /// A text line that prints a caption with its credit (`… . (Agency/Photographer)`), split
    /// once here (``CaptionReader/splitCredit(_:)``) for the readers that ask.
    let captioned: PostImage?

    static func make(_ raw: [String]) -> [PageLine] {
        var lines: [PageLine] = []
        lines.reserveCapacity(raw.count / 2 + 1)
        var blank = true
        for text in raw {
            if text.isEmpty {
                blank = true
                if !lines.isEmpty { lines[lines.count - 1].blankAfter = true }
                continue
            }
            let kind = LineClassifier.classify(text)
            lines.append(PageLine(text: text, kind: kind, blankBefore: blank, blankAfter: false,
                                  captioned: kind == .text ? CaptionReader.splitCredit(text) : nil))
            blank = false
        }
        return lines
    }

    /// Ends with sentence punctuation (`.`, `!`, `?`, `:`, `;`, `,`, `…`), ignoring closing quotes and brackets.
    var endsLikeSentence: Bool {
        switch text.lastMeaningfulByte {
        case 0x2E, 0x21, 0x3A, 0x3B, 0x2C: return true // . ! : ; ,
        case 0x3F: return !HeadlineDetector.isDebrisQuestionMark(text)
        default: return false
        }
    }

    /// A post's time, with or without its date.
    var isPostTime: Bool {
        switch kind {
        case .time, .clock: return true
        default: return false
        }
    }

    var isBullet: Bool {
        if case .bullet = kind { return true }
        return false
    }

    var wordCount: Int { text.spaceSeparatedWordCount }
}

/// The page's furniture above the posts.
struct PageHeader {
    var title: String?
    var summary: [String] = []
    var statusLine: String?
    var declaredPosts: Int?
    var captions: [String] = []
    var updates: [Timestamp] = []

    init(_ lines: [PageLine]) {
        var titleCandidates: [String] = []
        var sentences: [String] = []
        for (i, line) in lines.enumerated() {
            let next = i + 1 < lines.count ? lines[i + 1].kind : nil
            switch line.kind {
            case .bullet(let text):
                summary.append(text)
            case .status:
                statusLine = statusLine ?? line.text
            case .declaredCount(let n):
                declaredPosts = declaredPosts ?? n
            case .updateStamp(let stamp), .time(let stamp):
                updates.append(stamp)
            case .text:
                if next == .videoDuration { continue }
                if case .bullet = next { continue } // "Where things stand": the bullets' heading
                if line.captioned != nil {
                    captions.append(line.text)
                } else if line.endsLikeSentence {
                    if line.wordCount >= 6 { sentences.append(line.text) }
                } else if summary.isEmpty && line.wordCount >= 3 {
                    titleCandidates.append(line.text)
                }
            default:
                continue
            }
        }
        if summary.isEmpty { summary = sentences }
        // An HTML <title> copy (`… | Site`) is only used when the page shows no title of its own.
        title = titleCandidates.last(where: { !$0.contains(" | ") }) ?? titleCandidates.last
    }
}
