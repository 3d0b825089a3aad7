/// Reads the people named in bylines and contributor lines.
///
/// `From CNN's Ellie Kaufman and Michael Conte` → `["Ellie Kaufman", "Michael Conte"]`;
/// `From CNN’s Matthew Chance in Kyiv and Vasco Cotovio in London` drops the places;
/// `CNN's A, B and C contributed reporting to this post.` → `["A", "B", "C"]`.
public enum NameList {
    /// The authors of a byline line, or nil when the line is not a byline.
    public static func byline(_ line: String) -> [String]? {
        guard line.utf8.count <= 200, let last = line.utf8.last, !sentencePunctuation.contains(last),
              line.hasBytePrefix("From ") || line.hasBytePrefix("By ") || line.containsBytes(" from ") else { return nil }
        var words = line.splitOnSpaces()
        guard words.count >= 2, words.count <= 24 else { return nil }
        if words.count > 2, words[0].first?.isUppercase == true, words[1] == "from" {
            words.removeFirst() // "Analysis from …", "Opinion from …"
        } else if words[0] != "From" && words[0] != "By" {
            return nil
        }
        words.removeFirst()
        if words.first == "by" { words.removeFirst() }
        // `By A | CNN`, `By A - Reuters`: the outlet after a separator.
        if let separator = words.firstIndex(where: { ["|", "-", "–", "—"].contains($0) }) { words.removeSubrange(separator...) }
        guard let names = names(in: words), !names.isEmpty else { return nil }
        // `By A and B, CNN`, `By CNN Staff`: an outlet is no author.
        return names.enumerated().filter { index, name in
            !(index == names.count - 1 && index > 0 && !name.contains(" ")) && !isStaff(name)
        }.map(\.element)
    }

    /// `CNN Staff`, `Reuters staff`.
    private static func isStaff(_ name: String) -> Bool {
        name.hasSuffix(" Staff") || name.hasSuffix(" staff") || name == "Staff"
    }

    /// `.!?:;,`: a line ending in one is a sentence, not a byline.
    private static let sentencePunctuation: [UInt8] = Array(".!?:;,".utf8)

    /// The contributors of a `… contributed reporting to this post.` line, or of a wire story's
    /// `Reporting by A and B; Editing by C` (the reporters), or nil.
    public static func contributors(_ line: String) -> [String]? {
        if line.hasBytePrefix("Reporting by ") || line.hasBytePrefix("Additional reporting by ") {
            return reporters(line)
        }
        guard line.utf8.count <= 600, line.containsBytes(" contributed"),
              let range = line.firstByteRange(of: " contributed ") ?? line.firstByteRange(of: " contributed.") else { return nil }
        let tail = line[range.upperBound...]
        guard tail.utf8.count <= 60, line.hasSuffix(".") else { return nil }
        let words = line[..<range.lowerBound].splitOnSpaces()
        guard !words.isEmpty, words.count <= 60 else { return nil }
        if let names = names(in: words), !names.isEmpty { return names }
        return nil
    }

    /// `Reporting by A and B in Kyiv; Editing by C` → `["A", "B"]`.
    private static func reporters(_ line: String) -> [String]? {
        guard line.utf8.count <= 300, let by = line.firstByteRange(of: " by ") else { return nil }
        var part = line[by.upperBound...].prefix { $0 != ";" }
        if part.last == "." { part.removeLast() }
        guard let names = names(in: part.splitOnSpaces()), !names.isEmpty else { return nil }
        return names
    }

    /// Splits `CNN's A, B and C in Kyiv` into names, dropping an organisation possessive in front
    /// and `in Place` after each name. Nil when a part does not look like a name.
    static func names(in input: [Substring]) -> [String]? {
        var words = input
        if let ownerEnd = words.prefix(4).firstIndex(where: isPossessive) {
            words.removeSubrange(...ownerEnd)
        }
        var names: [String] = []
        var current: [Substring] = []
        var skippingPlace = false
        func flush() -> Bool {
            defer { current.removeAll(); skippingPlace = false }
            guard !current.isEmpty else { return true }
            guard current.count <= 5, current.allSatisfy(isNameWord), current.count >= 2 || current[0].count >= 2
            else { return false }
            names.append(current.joined(separator: " "))
            return true
        }
        for var word in words {
            if word == "and" || word == "&" {
                guard flush() else { return nil }
                continue
            }
            let endsPart = word.last == ","
            if endsPart { word.removeLast() }
            if word == "in" && !current.isEmpty {
                skippingPlace = true
            } else if !skippingPlace {
                current.append(word)
            }
            if endsPart { guard flush() else { return nil } }
        }
        guard flush() else { return nil }
        return names
    }

    private static func isPossessive(_ word: Substring) -> Bool {
        word.hasSuffix("'s") || word.hasSuffix("’s") || ((word.hasSuffix("'") || word.hasSuffix("’")) && word.count > 2)
    }

    /// A capitalised word, an initial, or a lower-case particle that names carry (`de`, `van`, `bin`).
    private static func isNameWord(_ word: Substring) -> Bool {
        let utf8 = word.utf8
        if let first = utf8.first, utf8.allSatisfy({ $0 < 0x80 }) { // each byte a character: decided on bytes
            guard first >= 0x41 && first <= 0x5A else { return particles.contains(word) }
            return utf8.allSatisfy { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A || $0 == 0x2E || $0 == 0x2D || $0 == 0x27 }
        }
        guard let first = word.first else { return false }
        if first.isUppercase { return word.allSatisfy { $0.isLetter || $0 == "." || $0 == "-" || $0 == "'" || $0 == "’" } }
        return particles.contains(word)
    }

    private static let particles: [Substring] = ["de", "da", "van", "von", "der", "bin", "al", "la", "le", "du", "dos", "del"]
}
