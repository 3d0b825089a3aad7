import Extraction
import HTTPServer

/// Validated access to a request's query parameters: every route names the parameters it takes,
/// and anything else — an unknown name, a repeated name, a value of the wrong form — is a 400 that
/// says what to fix, so a typo such as `?limt=5` never silently returns the default.
struct QueryParameters {
    private let request: Request

    init(_ request: Request, allowed: [String]) throws(APIProblem) {
        self.request = request
        var seen: Set<String> = []
        for item in request.queryItems {
            guard allowed.contains(item.name) else {
                let names = allowed.isEmpty ? "none" : allowed.joined(separator: ", ")
                throw .badRequest("Unknown query parameter \"\(item.name)\". This route takes: \(names).")
            }
            guard seen.insert(item.name).inserted else {
                throw .badRequest("Query parameter \"\(item.name)\" is given more than once.")
            }
        }
    }

    /// The value of `name`; an empty value counts as absent.
    func string(_ name: String) -> String? {
        guard let value = request.query(name), !value.isEmpty else { return nil }
        return value
    }

    /// `limit`: 1…`maximum`, `fallback` when absent.
    func limit(fallback: Int = 20, maximum: Int = 100) throws(APIProblem) -> Int {
        guard let text = string("limit") else { return fallback }
        guard text.utf8.count <= 4, let value = Int(text), (1...maximum).contains(value) else {
            throw .badRequest("limit must be an integer from 1 to \(maximum), not \"\(text)\".")
        }
        return value
    }

    /// One of `choices` (the first is the default when absent).
    func choice(_ name: String, _ choices: [String]) throws(APIProblem) -> String {
        guard let text = string(name) else { return choices[0] }
        guard choices.contains(text) else {
            throw .badRequest("\(name) must be one of \(choices.joined(separator: ", ")), not \"\(text)\".")
        }
        return text
    }

    /// A time bound: `2022-02-11` (a whole day) or `2022-02-11T20:08:00-05:00` / `…Z`.
    func timeBound(_ name: String) throws(APIProblem) -> TimeBound? {
        guard let text = string(name) else { return nil }
        guard let bound = TimeBound(text) else {
            throw .badRequest("\(name) must be a date (2022-02-11) or a date and time with offset "
                              + "(2022-02-11T20:08:00-05:00), not \"\(text)\".")
        }
        return bound
    }
}

/// A `since` or `until` value: a calendar day, or an instant (which also names a day: the date as
/// written, in the offset it was written with).
struct TimeBound {
    let day: CalendarDay
    /// Minutes since 1970-01-01T00:00Z when a time was given.
    let epochMinute: Int?

    init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count >= 10, let year = Self.number(bytes, 0, 4), bytes[4] == 0x2D,
              let month = Self.number(bytes, 5, 2), bytes[7] == 0x2D, let dayOfMonth = Self.number(bytes, 8, 2)
        else { return nil }
        let day = CalendarDay(year: year, month: month, day: dayOfMonth)
        guard day.isValid else { return nil }
        self.day = day
        if bytes.count == 10 {
            epochMinute = nil
            return
        }
        // THH:MM, optional :SS, then Z or ±HH:MM.
        guard bytes.count >= 17, bytes[10] == 0x54 || bytes[10] == 0x20,
              let hour = Self.number(bytes, 11, 2), hour < 24, bytes[13] == 0x3A,
              let minute = Self.number(bytes, 14, 2), minute < 60 else { return nil }
        var index = 16
        if bytes[index] == 0x3A {
            guard let second = Self.number(bytes, 17, 2), second < 60 else { return nil }
            index = 19
        }
        guard index < bytes.count else { return nil }
        let offset: Int
        if bytes[index] == 0x5A, index + 1 == bytes.count {
            offset = 0
        } else if bytes[index] == 0x2B || bytes[index] == 0x2D, index + 6 == bytes.count,
                  let hours = Self.number(bytes, index + 1, 2), bytes[index + 3] == 0x3A,
                  let minutes = Self.number(bytes, index + 4, 2), hours < 24, minutes < 60 {
            offset = (bytes[index] == 0x2D ? -1 : 1) * (hours * 60 + minutes)
        } else {
            return nil
        }
        epochMinute = Timestamp(day: day, hour: hour, minute: minute, offsetMinutes: offset).epochMinutes
    }

    private static func number(_ bytes: [UInt8], _ start: Int, _ count: Int) -> Int? {
        guard start + count <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[start..<(start + count)] {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }
}
