/// A day on the calendar, with no time of day and no zone.
public struct CalendarDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// `2022-02-11`.
    public var description: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(10)
        append(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends ``description``'s bytes.
    public func append(to bytes: inout [UInt8]) {
        appendPadded(year, 4, to: &bytes)
        bytes.append(0x2D)
        appendPadded(month, 2, to: &bytes)
        bytes.append(0x2D)
        appendPadded(day, 2, to: &bytes)
    }

    public static func < (a: CalendarDay, b: CalendarDay) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    /// Day of the week, 0 = Sunday (Sakamoto's method).
    public var weekday: Int {
        let offsets = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4]
        let y = month < 3 ? year - 1 : year
        return (y + y / 4 - y / 100 + y / 400 + offsets[month - 1] + day) % 7
    }

    /// Whether the date exists (no February 30th).
    public var isValid: Bool {
        guard (1...12).contains(month), day >= 1 else { return false }
        return day <= CalendarDay.daysIn(month: month, year: year)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The `n`-th given weekday (0 = Sunday) of a month.
    static func nth(_ n: Int, weekday: Int, month: Int, year: Int) -> CalendarDay {
        let first = CalendarDay(year: year, month: month, day: 1).weekday
        return CalendarDay(year: year, month: month, day: 1 + (weekday - first + 7) % 7 + 7 * (n - 1))
    }
}

/// A wall-clock time as printed on the page, with the UTC offset that applied then.
public struct Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var day: CalendarDay
    public var hour: Int
    public var minute: Int
    /// Minutes east of UTC (`-300` for EST, `-240` for EDT).
    public var offsetMinutes: Int

    public init(day: CalendarDay, hour: Int, minute: Int, offsetMinutes: Int) {
        self.day = day
        self.hour = hour
        self.minute = minute
        self.offsetMinutes = offsetMinutes
    }

    /// ISO 8601 with offset: `2022-02-11T20:08:00-05:00`.
    public var description: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(25)
        append(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends ``description``'s bytes (made for every post and for every entity's first and last post).
    public func append(to bytes: inout [UInt8]) {
        day.append(to: &bytes)
        bytes.append(0x54) // T
        appendPadded(hour, 2, to: &bytes)
        bytes.append(0x3A)
        appendPadded(minute, 2, to: &bytes)
        bytes += ":00".utf8
        bytes.append(offsetMinutes < 0 ? 0x2D : 0x2B)
        appendPadded(abs(offsetMinutes) / 60, 2, to: &bytes)
        bytes.append(0x3A)
        appendPadded(abs(offsetMinutes) % 60, 2, to: &bytes)
    }

    /// Minutes since 1970-01-01T00:00Z, for ordering instants printed in different zones.
    public var epochMinutes: Int {
        let y = day.month <= 2 ? day.year - 1 : day.year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (day.month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day.day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146097 + doe - 719468
        return days * 1440 + hour * 60 + minute - offsetMinutes
    }

    public static func < (a: Timestamp, b: Timestamp) -> Bool { a.epochMinutes < b.epochMinutes }
}

/// A time of day printed without its date (`8:08 p.m. ET`), with its zone.
public struct ClockTime: Sendable, Hashable {
    public var hour: Int
    public var minute: Int
    public var zone: String

    /// Minutes since midnight.
    var minutes: Int { hour * 60 + minute }

    /// The timestamp on `day`, when the zone is known.
    func on(_ day: CalendarDay) -> Timestamp? {
        ZoneAbbreviation.offset(for: zone, on: day, hour: hour).map { Timestamp(day: day, hour: hour, minute: minute, offsetMinutes: $0) }
    }
}

/// Time zones as printed after a time: US ones (`ET`, `EST`, `PT`, …) with their daylight-saving
/// rules, and zones with one offset (`GMT`, `CET`, `EEST`, …).
enum ZoneAbbreviation {
    /// Standard offset in minutes for a zone abbreviation, and whether the abbreviation follows DST
    /// (`ET`) or names one season explicitly (`EST`, `EDT`).
    static func offset(for abbreviation: String, on day: CalendarDay, hour: Int) -> Int? {
        if let fixed = fixedZones[abbreviation] { return fixed }
        let standard: Int
        switch abbreviation.first {
        case "E": standard = -300
        case "C": standard = -360
        case "M": standard = -420
        case "P": standard = -480
        default:
            return nil
        }
        switch abbreviation.count {
        case 2: return standard + (isDaylightSaving(day, hour: hour) ? 60 : 0)
        case 3 where abbreviation.hasSuffix("ST"): return standard
        case 3 where abbreviation.hasSuffix("DT"): return standard + 60
        default: return nil
        }
    }

    /// Zones whose abbreviation names one offset: Greenwich, and Europe's (Kyiv is on EET/EEST,
    /// Moscow on MSK).
    private static let fixedZones: [String: Int] = [
        "GMT": 0, "UTC": 0, "BST": 60, "CET": 60, "CEST": 120, "EET": 120, "EEST": 180, "MSK": 180,
    ]

    /// US rules since 2007: from 2:00 on the second Sunday of March to 2:00 on the first Sunday of November.
    static func isDaylightSaving(_ day: CalendarDay, hour: Int) -> Bool {
        let start = CalendarDay.nth(2, weekday: 0, month: 3, year: day.year)
        let end = CalendarDay.nth(1, weekday: 0, month: 11, year: day.year)
        if day == start { return hour >= 2 }
        if day == end { return hour < 2 }
        return day > start && day < end
    }
}

/// Appends `value` in decimal, zero-padded to at least `width` digits (`7` → `07`). The digits are
/// found last first, by constant divisions (a multiplication each), into a buffer on the stack.
public func appendPadded(_ value: Int, _ width: Int, to bytes: inout [UInt8]) {
    if value >= 0 && value < 10 && width <= 1 { // most counts
        bytes.append(0x30 + UInt8(truncatingIfNeeded: value))
        return
    }
    if value < 0 { bytes.append(0x2D) }
    var rest = value.magnitude
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in // UInt.max has 20
        var start = digits.count
        repeat {
            start -= 1
            digits[start] = 0x30 + UInt8(truncatingIfNeeded: rest % 10)
            rest /= 10
        } while rest > 0
        let count = digits.count - start
        if width > count { bytes.append(contentsOf: repeatElement(0x30, count: width - count)) }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start...]))
    }
}
