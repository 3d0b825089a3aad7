/// Reads the dates and times printed in live pages.
///
/// Post times: `8:08 p.m. ET, February 11, 2022`, optionally after `Updated` / `Posted`, with
/// US zone abbreviations (DST applied for `ET`, `CT`, `MT`, `PT`) or `GMT`/`UTC`.
/// Dates in prose: `Friday, Feb. 18, 2022`, `on January 28`, for page-date evidence.
public enum TimeParser {
    /// The timestamp a whole line holds, or nil. `Updated …` lines are recognised too (see ``isUpdateLine``).
    public static func timestamp(in line: String) -> Timestamp? {
        // The clock comes first (`Int` reads an optional sign, then digits), or after one of the prefixes.
        guard let first = line.utf8.first else { return nil }
        guard (0x30...0x39).contains(first) || first == 0x2B || first == 0x2D || line.hasBytePrefix("Updated ")
                || line.hasBytePrefix("Posted ") || line.hasBytePrefix("Published ") else { return nil }
        var words = Words(line)
        if let first = words.peek, first == "Updated" || first == "Posted" || first == "Published" { words.next() }
        guard let clock = words.next(), let (h, m) = clockTime(clock) else { return nil }
        guard let meridiem = words.next() else { return nil }
        var hour = h
        switch meridiem.lowercased() {
        case "a.m.", "am": if hour == 12 { hour = 0 }
        case "p.m.", "pm": if hour != 12 { hour += 12 }
        default: return nil
        }
        guard hour < 24, let zoneWord = words.next() else { return nil }
        var zone = String(zoneWord)
        if zone.hasSuffix(",") { zone.removeLast() }
        guard let date = fullDate(&words), words.peek == nil else { return nil }
        guard let offset = USZone.offset(for: zone, on: date, hour: hour) else { return nil }
        return Timestamp(day: date, hour: hour, minute: m, offsetMinutes: offset)
    }

    /// Whether a timestamp line is an `Updated …` stamp (page-level evidence, not a post time).
    public static func isUpdateLine(_ line: String) -> Bool {
        line.hasPrefix("Updated ") || line.hasPrefix("Posted ") || line.hasPrefix("Published ")
    }

    /// Calendar dates written out in a line: full ones (`February 11, 2022`) and partial ones
    /// (`January 28`, year `nil`).
    public static func dates(in line: String) -> [(month: Int, day: Int, year: Int?)] {
        var found: [(Int, Int, Int?)] = []
        var words = Words(line)
        while let word = words.next() {
            guard let month = monthNumber(word) else { continue }
            guard let dayWord = words.peek, let day = leadingNumber(dayWord), (1...31).contains(day),
                  dayWord.count <= 4 else { continue }
            words.next()
            var year: Int?
            if dayWord.hasSuffix(","), let y = words.peek.flatMap(leadingNumber), (1900...2100).contains(y) {
                year = y
                words.next()
            }
            found.append((month, day, year))
        }
        return found
    }

    /// Weekday mentioned by a word (`Friday`, `Friday,` → 5), 0 = Sunday.
    public static func weekday(_ word: Substring) -> Int? {
        var w = word
        while let last = w.last, !last.isLetter { w.removeLast() }
        switch w {
        case "Sunday": return 0
        case "Monday": return 1
        case "Tuesday": return 2
        case "Wednesday": return 3
        case "Thursday": return 4
        case "Friday": return 5
        case "Saturday": return 6
        default: return nil
        }
    }

    static func fullDate(_ words: inout Words) -> CalendarDay? {
        guard let monthWord = words.next(), let month = monthNumber(monthWord),
              let dayWord = words.next(), let day = leadingNumber(dayWord),
              let yearWord = words.next(), let year = leadingNumber(yearWord), (1900...2100).contains(year)
        else { return nil }
        let date = CalendarDay(year: year, month: month, day: day)
        return date.isValid ? date : nil
    }

    static func clockTime(_ word: Substring) -> (Int, Int)? {
        let parts = word.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]), parts[1].count == 2,
              (0...23).contains(h), (0...59).contains(m) else { return nil }
        return (h, m)
    }

    /// `February`, `Feb`, `Feb.`, `Sept.` → month number.
    static func monthNumber(_ word: Substring) -> Int? {
        // Month names start with one of these letters.
        guard let initial = word.utf8.first, [0x41, 0x44, 0x46, 0x4A, 0x4D, 0x4E, 0x4F, 0x53].contains(initial) else { return nil }
        var w = word
        if w.last == "." || w.last == "," { w.removeLast() }
        guard w.count >= 3, let first = w.first, first.isUppercase else { return nil }
        let names = ["January", "February", "March", "April", "May", "June", "July", "August",
                     "September", "October", "November", "December"]
        for (index, name) in names.enumerated() {
            if w == name { return index + 1 }
            if w.count <= 4 && name.hasPrefix(w) && word.last == "." { return index + 1 }
            if w.count == 3 && name.hasPrefix(w) && name != "May" { return index + 1 }
        }
        return nil
    }

    static func leadingNumber(_ word: Substring) -> Int? {
        var value = 0
        var digits = 0
        for byte in word.utf8 {
            guard byte >= 0x30 && byte <= 0x39 else { break }
            value = value * 10 + Int(byte - 0x30)
            digits += 1
            if digits > 4 { return nil }
        }
        guard digits > 0 else { return nil }
        let rest = word.utf8.dropFirst(digits)
        // Allow "11," "11." "11th" but not "11am" or "1,000".
        if let r = rest.first, r != 0x2C && r != 0x2E && r != 0x74 && r != 0x73 && r != 0x6E && r != 0x72 { return nil }
        if rest.first == 0x2C && rest.count > 1 { return nil }
        return value
    }
}

/// A cursor over the space-separated words of a line.
struct Words {
    private var rest: Substring

    init(_ line: String) { rest = Substring(line) }

    var peek: Substring? {
        let trimmed = rest.drop(while: { $0 == " " })
        guard !trimmed.isEmpty else { return nil }
        return trimmed.prefix(while: { $0 != " " })
    }

    @discardableResult
    mutating func next() -> Substring? {
        rest = rest.drop(while: { $0 == " " })
        guard !rest.isEmpty else { return nil }
        let word = rest.prefix(while: { $0 != " " })
        rest = rest[word.endIndex...]
        return word
    }
}
