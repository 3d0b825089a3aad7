/// The page furniture of live pages: separators, status lines, footers and widgets.
///
/// These are the only places where the parser recognises words rather than structure, and they
/// name the furniture of the page template (never the news in it).
enum Chrome {
    static func isLinkSeparator(_ line: String) -> Bool {
        line.utf8.count <= 16 && (line.hasPrefix("Link ") || line.hasPrefix("link ")) && line.lowercased().hasPrefix("link copied")
    }

    /// `GO DEEPER`, `Related`, `Paid content`, Outbrain widgets.
    static func isFooterHeading(_ line: String) -> Bool {
        guard line.utf8.count <= 40 else { return false }
        // An ASCII line keeps its length when lower-cased: only these lengths can match a heading.
        if !(9...15).contains(line.utf8.count) && line.utf8.allSatisfy({ $0 < 0x80 }) { return line.containsBytes("Outbrain") }
        switch line.lowercased() {
        case "go deeper", "paid content", "more from cnn", "related content", "more stories", "recommended":
            return true
        default:
            return line.containsBytes("Outbrain") && line.contains("Outbrain")
        }
    }

    /// `Our live coverage has ended for the day…`, `Live coverage has ended.`, `Our live coverage has moved…`.
    static func isStatus(_ line: String) -> Bool {
        guard line.utf8.count <= 240, line.containsBytes("overage") else { return false }
        let lower = line.lowercased()
        guard let range = lower.firstRange(of: "coverage") else { return false }
        guard lower.distance(from: lower.startIndex, to: range.lowerBound) <= 20 else { return false }
        let after = lower[range.upperBound...]
        return after.hasPrefix(" has ended") || after.hasPrefix(" has moved") || after.hasPrefix(" ended")
            || after.hasPrefix(" has concluded") || after.hasPrefix(" is over")
    }

    /// Lines of embedded widgets that are neither headline nor paragraph, share buttons among them.
    static func isWidget(_ line: String) -> Bool {
        line.hasBytePrefix("Related article ") || line.hasBytePrefix("Related Article ") || line == "Select Page"
            || line == "Live Updates" || line.hasBytePrefix("Stay Updated on")
            || line.utf8.count <= 24 && shareButtons.contains(line.lowercased())
    }

    private static let shareButtons: Set<String> = [
        "copy link", "copied!", "share", "share this post", "share this article", "share on facebook",
        "share on twitter", "share on x", "share via email", "tweet",
    ]

    /// Whether a line closes a post's body: a "Read more"-style pointer.
    static func isReadMore(_ line: String) -> Bool {
        line.hasPrefix("Read ") && line.utf8.count <= 120 && (line.hasSuffix("here.") || line.hasSuffix(":") || line.hasSuffix("here"))
    }
}
