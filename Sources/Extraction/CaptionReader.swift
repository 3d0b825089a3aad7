/// Recognises image captions and their credits.
///
/// Shapes: a caption line followed by a `(Credit)` line; a caption printed twice in a row (then
/// shown once); a caption ending in `. (Credit)` (a repeated credit after it is dropped); a lone
/// `(Credit)` line, an image with no caption.
enum CaptionReader {
    /// An image starting at `i`, and how many lines it takes.
    static func image(in lines: [PageLine], at i: Int) -> (PostImage, Int)? {
        let line = lines[i]
        if case .credit(let credit) = line.kind { return (PostImage(caption: nil, credit: credit), 1) }
        guard line.kind == .text else { return nil }
        let next = i + 1 < lines.count ? lines[i + 1] : nil
        if let next, next.text == line.text {
            var image = PostImage(caption: line.text)
            var used = 2
            if let captioned = line.captioned { image = captioned }
            if i + 2 < lines.count, case .credit(let credit) = lines[i + 2].kind {
                image.credit = credit
                used = 3
            }
            return (image, used)
        }
        if let next, case .credit(let credit) = next.kind, line.wordCount <= 80 {
            return (PostImage(caption: line.text, credit: credit), 2)
        }
        if let captioned = line.captioned { return (captioned, 1) }
        return nil
    }

    /// Splits `Caption text. (Agency/Photographer)` into caption and credit; nil for other lines.
    /// ``PageLine`` keeps the answer for each text line (``PageLine/captioned``).
    static func splitCredit(_ text: String) -> PostImage? {
        guard text.utf8.last == 0x29, let open = text.firstByteRange(of: ". (") ?? text.firstByteRange(of: ".” (") else { return nil }
        let caption = String(text[..<open.lowerBound]) + (text[open].hasPrefix(".”") ? ".”" : ".")
        let credits = text[open.upperBound...].dropLast()
        let credit = credits.firstRange(of: ") (").map { credits[..<$0.lowerBound] } ?? credits
        guard !credit.isEmpty, credit.count <= 120, !credit.contains(". "), !credit.hasSuffix("."),
              credit.split(separator: " ").count <= 12, !credit.contains("(") || credits.contains(") (")
        else { return nil }
        return PostImage(caption: caption, credit: String(credit))
    }
}
