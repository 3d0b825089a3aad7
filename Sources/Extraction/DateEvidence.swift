/// What a page shows about its own date, and the date that evidence supports.
///
/// Strongest first: post times (the most common day), `Updated …` stamps, then dates in image
/// captions (the latest one; photos are not taken after the page), moved forward to the weekday
/// the page talks about most (`Saturday`) when that is within a week. A caption date without a year
/// takes the year, among those the page mentions (or the corpus's, given as `fallbackYear`), that
/// agrees best with that weekday.
public struct DateEvidence: Sendable, Equatable {
    public var postTimes: [Timestamp] = []
    public var updates: [Timestamp] = []
    /// Dates read in captions; `year` nil when the caption gives none.
    public var captionDates: [PartialDate] = []
    /// How often each weekday (0 = Sunday) is named in the text.
    public var weekdayCounts = [Int](repeating: 0, count: 7)
    /// Years the text mentions.
    public var years: Set<Int> = []

    public init() {}

    /// A month and day, with the year when it was written.
    public struct PartialDate: Sendable, Equatable {
        public var month: Int
        public var day: Int
        public var year: Int?
    }

    mutating func collect(header: PageHeader, body: [PageLine], posts: [ParsedPost]) {
        updates = header.updates
        postTimes = posts.compactMap(\.time)
        for caption in header.captions { addCaption(caption) }
        for post in posts {
            for image in post.images { if let caption = image.caption { addCaption(caption) } }
        }
        for line in body {
            switch line.kind {
            case .text, .byline: countWeekdaysAndYears(line.text)
            default: continue
            }
        }
    }

    /// Counts weekday names and four-digit years in a line without splitting it into words: only the
    /// words that hold a `day` (as every weekday name does) or start with `1` or `2` are read, and
    /// those are found eight positions at a time. A word may be read twice (a year with a `day` in
    /// it): a year is a set member, and a weekday name holds one `day`, so nothing counts twice.
    private mutating func countWeekdaysAndYears(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
            let n = bytes.count
            if bytes[0] == 0x31 || bytes[0] == 0x32 { readWord(bytes, from: 0, at: 0) }
            var i = 0
            while i + 10 <= n {
                let x0 = ByteBlock.load(base + i), x1 = ByteBlock.load(base + i + 1), x2 = ByteBlock.load(base + i + 2)
                var days = ByteBlock.matches(0x64, x0) & ByteBlock.matches(0x61, x1) & ByteBlock.matches(0x79, x2)
                var years = ByteBlock.matches(0x20, x0) & (ByteBlock.matches(0x31, x1) | ByteBlock.matches(0x32, x1))
                while days != 0 {
                    let p = i + days.trailingZeroBitCount / 8
                    var start = p
                    while start > 0 && bytes[start - 1] != 0x20 { start -= 1 }
                    readWord(bytes, from: start, at: p)
                    days &= days &- 1
                }
                while years != 0 {
                    let p = i + years.trailingZeroBitCount / 8 + 1
                    readWord(bytes, from: p, at: p)
                    years &= years &- 1
                }
                i += 8
            }
            while i < n { // the last positions one at a time
                if i + 2 < n && bytes[i] == 0x64 && bytes[i + 1] == 0x61 && bytes[i + 2] == 0x79 {
                    var start = i
                    while start > 0 && bytes[start - 1] != 0x20 { start -= 1 }
                    readWord(bytes, from: start, at: i)
                }
                if i + 1 < n && bytes[i] == 0x20 && (bytes[i + 1] == 0x31 || bytes[i + 1] == 0x32) { readWord(bytes, from: i + 1, at: i + 1) }
                i += 1
            }
        }
    }

    /// Counts the word that starts at `start` and holds `p` (it runs to the next space) when it is a
    /// weekday name or a year.
    private mutating func readWord(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, at p: Int) {
        var end = p + 1
        while end < bytes.count && bytes[end] != 0x20 { end += 1 }
        let length = end - start
        let first = bytes[start]
        if length >= 6 && length <= 10 && (first == 0x4D || first == 0x54 || first == 0x57 || first == 0x46 || first == 0x53) {
            if let weekday = Self.weekday(UnsafeBufferPointer(rebasing: bytes[start..<end])) {
                weekdayCounts[weekday] += 1
            }
        } else if length >= 4 && (first == 0x31 || first == 0x32) {
            var year = 0
            var digits = 0
            while digits < 4 && bytes[start + digits] >= 0x30 && bytes[start + digits] <= 0x39 {
                year = year * 10 + Int(bytes[start + digits] - 0x30)
                digits += 1
            }
            let next = start + 4 < end ? bytes[start + 4] : 0x20
            if digits == 4 && (1990...2100).contains(year) && !(next >= 0x30 && next <= 0x39) { years.insert(year) }
        }
    }

    /// ``TimeParser/weekday(_:)`` of a word's bytes. Trailing ASCII non-letters are dropped here;
    /// a word ending in other bytes is left to `TimeParser`, which knows which characters are letters.
    private static func weekday(_ word: UnsafeBufferPointer<UInt8>) -> Int? {
        var end = word.count
        while end > 0 && word[end - 1] < 0x80 && !((word[end - 1] | 0x20) >= 0x61 && (word[end - 1] | 0x20) <= 0x7A) { end -= 1 }
        if end > 0 && word[end - 1] >= 0x80 { return TimeParser.weekday(Substring(String(decoding: word, as: UTF8.self))) }
        let stem = UnsafeBufferPointer(rebasing: word[..<end])
        return weekdayNames.firstIndex { $0.elementsEqual(stem) }
    }

    private static let weekdayNames: [[UInt8]] = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"].map { Array($0.utf8) }

    private mutating func addCaption(_ caption: String) {
        for date in TimeParser.dates(in: caption) {
            captionDates.append(PartialDate(month: date.month, day: date.day, year: date.year))
        }
    }

    /// The page's day, or nil when the evidence does not show one.
    public func resolve(fallbackYear: Int?) -> CalendarDay? {
        if !postTimes.isEmpty {
            var counts: [CalendarDay: Int] = [:]
            for time in postTimes { counts[time.day, default: 0] += 1 }
            return counts.max { $0.value != $1.value ? $0.value < $1.value : $0.key < $1.key }?.key
        }
        if let latest = updates.max() { return latest.day }
        let weekday = dominantWeekday
        var best: CalendarDay?
        for date in captionDates {
            guard let day = complete(date, fallbackYear: fallbackYear, weekday: weekday) else { continue }
            if best.map({ day > $0 }) ?? true { best = day }
        }
        guard let base = best else { return nil }
        guard let weekday else { return base }
        return base.adding(days: (weekday - base.weekday + 7) % 7)
    }

    /// The weekday named most often, when it is named at least twice and more than any other.
    var dominantWeekday: Int? {
        guard let top = weekdayCounts.indices.max(by: { weekdayCounts[$0] < weekdayCounts[$1] }),
              weekdayCounts[top] >= 2,
              weekdayCounts.enumerated().allSatisfy({ $0.offset == top || $0.element < weekdayCounts[top] })
        else { return nil }
        return top
    }

    private func complete(_ date: PartialDate, fallbackYear: Int?, weekday: Int?) -> CalendarDay? {
        if let year = date.year {
            let day = CalendarDay(year: year, month: date.month, day: date.day)
            return day.isValid ? day : nil
        }
        var candidates = years
        if let fallbackYear { candidates.insert(fallbackYear) }
        let days = candidates.map { CalendarDay(year: $0, month: date.month, day: date.day) }.filter(\.isValid)
        // Fewest days to the page's weekday wins; then the latest year.
        return days.min { a, b in
            let sa = weekday.map { ($0 - a.weekday + 7) % 7 } ?? 0
            let sb = weekday.map { ($0 - b.weekday + 7) % 7 } ?? 0
            return sa != sb ? sa < sb : a > b
        }
    }
}

extension CalendarDay {
    /// The day `days` later (or earlier, when negative).
    public func adding(days: Int) -> CalendarDay {
        let stamp = Timestamp(day: self, hour: 0, minute: 0, offsetMinutes: 0)
        var total = stamp.epochMinutes / 1440 + days + 719468
        let era = (total >= 0 ? total : total - 146096) / 146097
        let doe = total - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        total = yoe + era * 400 + (month <= 2 ? 1 : 0)
        return CalendarDay(year: total, month: month, day: day)
    }
}
