/// Reads the dates and times printed in live pages.
///
/// Post times: `8:08 p.m. ET, February 11, 2022` and the other orders of ``timestamp(in:)``,
/// optionally after `Updated` / `Posted`, with US zone abbreviations (DST applied for `ET`, `CT`,
/// `MT`, `PT`), `GMT`/`UTC` or a European zone (`BST`, `CET`, `CEST`, `EET`, `EEST`, `MSK`).
/// Dates in prose: `Friday, Feb. 18, 2022`, `on January 28`, for page-date evidence.
public enum TimeParser {
    /// The timestamp a whole line holds, or nil. `Updated …` lines are recognised too (see ``isUpdateLine``).
    ///
    /// The clock comes first (`8:08 p.m. ET, February 11, 2022`, `8:08 PM EST, Fri February 11, 2022`,
    /// `20:08 GMT, 11 February 2022`) or the date does (`Feb. 11, 2022, 8:08 p.m. ET`,
    /// `Friday 11 February 2022 at 20:08 GMT`, `February 11, 2022 | 8:08 PM ET`). A clock without
    /// `a.m.`/`p.m.` is a 24-hour clock. The zone is required: no offset is ever guessed.
    public static func timestamp(in line: String) -> Timestamp? {
        guard let first = line.utf8.first, line.utf8.count <= maxLineBytes,
              (0x30...0x39).contains(first) || (0x41...0x5A).contains(first),
              // Every order has a clock, and a clock has its `:`.
              line.utf8.withContiguousStorageIfAvailable({ $0.contains(0x3A) }) ?? line.utf8.contains(0x3A) else { return nil }
        var words = Words(line)
        if let word = words.peek, word == "Updated" || word == "Posted" || word == "Published" {
            words.next()
            if words.peek == "at" || words.peek == "on" { words.next() }
        }
        let stamp = words.peek.flatMap(clockTime) != nil ? clockFirst(&words) : dateFirst(&words)
        guard let stamp, words.peek == nil else { return nil }
        return stamp
    }

    /// A line that is only a clock and its zone (`8:08 p.m. ET`, `20:08 GMT`): a post's time whose
    /// date the page gives.
    public static func clockStamp(in line: String) -> ClockTime? {
        guard let first = line.utf8.first, (0x30...0x39).contains(first), line.utf8.count <= 20 else { return nil }
        var words = Words(line)
        guard let (hour, minute) = clock(&words), let zone = zone(&words), words.peek == nil,
              ZoneAbbreviation.offset(for: zone, on: CalendarDay(year: 2000, month: 1, day: 1), hour: hour) != nil
        else { return nil }
        return ClockTime(hour: hour, minute: minute, zone: zone)
    }

    /// Longer lines are prose, not a time stamp.
    private static let maxLineBytes = 72

    /// `8:08 p.m. ET, February 11, 2022`: clock, zone, an optional weekday, date.
    private static func clockFirst(_ words: inout Words) -> Timestamp? {
        guard let (hour, minute) = clock(&words), let zone = zone(&words) else { return nil }
        skipWeekday(&words)
        guard let date = date(&words) else { return nil }
        return stamp(date, hour, minute, zone)
    }

    /// `Feb. 11, 2022, 8:08 p.m. ET`: an optional weekday, date, an optional `at` or separator, clock, zone.
    private static func dateFirst(_ words: inout Words) -> Timestamp? {
        skipWeekday(&words)
        guard let date = date(&words) else { return nil }
        if let word = words.peek, ["at", "-", "–", "—", "|", "·", "•"].contains(word) { words.next() }
        guard let (hour, minute) = clock(&words), let zone = zone(&words) else { return nil }
        return stamp(date, hour, minute, zone)
    }

    private static func stamp(_ date: CalendarDay, _ hour: Int, _ minute: Int, _ zone: String) -> Timestamp? {
        guard let offset = ZoneAbbreviation.offset(for: zone, on: date, hour: hour) else { return nil }
        return Timestamp(day: date, hour: hour, minute: minute, offsetMinutes: offset)
    }

    /// `8:08 p.m.`, `8:08 PM`, `8:08pm` (12-hour) or `20:08` (24-hour) → hour and minute.
    private static func clock(_ words: inout Words) -> (Int, Int)? {
        guard var word = words.next() else { return nil }
        var meridiem = ""
        if let suffix = meridiems.first(where: { word.count > $0.count && word.hasSuffix($0) }) {
            meridiem = suffix
            word = word.dropLast(suffix.count)
        } else if var next = words.peek {
            if next.last == "," && next.count > 2 { next.removeLast() }
            if meridiems.contains(String(next)) {
                meridiem = String(next)
                words.next()
            }
        }
        guard let (h, m) = clockTime(word) else { return nil }
        if meridiem.isEmpty { return (h, m) }
        guard (1...12).contains(h) else { return nil }
        return meridiem.lowercased().hasPrefix("a") ? (h == 12 ? 0 : h, m) : (h == 12 ? 12 : h + 12, m)
    }

    private static let meridiems = ["a.m.", "p.m.", "am", "pm", "AM", "PM"]

    /// A zone abbreviation (`ET`, `EST`, `GMT`, `CET` …), without a trailing comma.
    private static func zone(_ words: inout Words) -> String? {
        guard var word = words.next() else { return nil }
        if word.last == "," { word.removeLast() }
        guard (2...4).contains(word.count), word.allSatisfy({ $0.isUppercase }) else { return nil }
        return String(word)
    }

    /// Skips a weekday (`Friday`, `Fri`, `Fri,`).
    private static func skipWeekday(_ words: inout Words) {
        guard var word = words.peek else { return }
        if word.last == "," { word.removeLast() }
        if weekday(word) != nil || ["Sun", "Mon", "Tue", "Tues", "Wed", "Thu", "Thurs", "Fri", "Sat"].contains(word) {
            words.next()
        }
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

    /// `February 11, 2022` or `11 February 2022`.
    static func date(_ words: inout Words) -> CalendarDay? {
        guard let first = words.next(), let second = words.next() else { return nil }
        let monthFirst = monthNumber(first) != nil
        guard let month = monthNumber(monthFirst ? first : second), let day = leadingNumber(monthFirst ? second : first),
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
    ///
    /// Decided on bytes: the names are ASCII, and no other character is canonically equivalent to
    /// one of their letters, so a word with a non-ASCII byte is no month.
    static func monthNumber(_ word: Substring) -> Int? {
        var w = word.utf8
        // Month names start with one of these capitals.
        guard let initial = w.first, [0x41, 0x44, 0x46, 0x4A, 0x4D, 0x4E, 0x4F, 0x53].contains(initial) else { return nil }
        let dotted = w.last == 0x2E
        if dotted || w.last == 0x2C { w.removeLast() }
        guard w.count >= 3, w.allSatisfy({ $0 < 0x80 }) else { return nil }
        for (index, name) in monthNames.enumerated() {
            if name.elementsEqual(w) { return index + 1 }
            if w.count <= 4 && name.starts(with: w) && dotted { return index + 1 }
            if w.count == 3 && name.starts(with: w) && index != 4 { return index + 1 } // not `May`
        }
        return nil
    }

    private static let monthNames: [[UInt8]] = ["January", "February", "March", "April", "May", "June", "July", "August",
                                                "September", "October", "November", "December"].map { Array($0.utf8) }

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
    private let words: [Substring]
    private var index = 0

    init(_ line: String) { words = line.splitOnSpaces() }

    var peek: Substring? { index < words.count ? words[index] : nil }

    @discardableResult
    mutating func next() -> Substring? {
        guard index < words.count else { return nil }
        index += 1
        return words[index - 1]
    }
}
