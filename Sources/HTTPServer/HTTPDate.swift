import Glibc

/// IMF-fixdate formatting (RFC 9110 §5.6.7), e.g. `Sun, 06 Nov 1994 08:49:37 GMT`.
public enum HTTPDate {
    /// The IMF-fixdate for a Unix time in seconds; use it for `Last-Modified` and `Expires`.
    public static func string(fromUnixTime seconds: Int) -> String {
        var bytes: [UInt8] = []
        append(unixTime: seconds, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    static func append(unixTime: Int, to out: inout [UInt8]) {
        var seconds = time_t(unixTime)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let days: [StaticString] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months: [StaticString] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        ASCII.append(days[Int(parts.tm_wday)], to: &out)
        ASCII.append(", ", to: &out)
        appendTwoDigits(Int(parts.tm_mday), to: &out)
        out.append(ASCII.space)
        ASCII.append(months[Int(parts.tm_mon)], to: &out)
        out.append(ASCII.space)
        ASCII.appendDecimal(Int(parts.tm_year) + 1900, to: &out)
        out.append(ASCII.space)
        appendTwoDigits(Int(parts.tm_hour), to: &out)
        out.append(ASCII.colon)
        appendTwoDigits(Int(parts.tm_min), to: &out)
        out.append(ASCII.colon)
        appendTwoDigits(Int(parts.tm_sec), to: &out)
        ASCII.append(" GMT", to: &out)
    }

    private static func appendTwoDigits(_ value: Int, to out: inout [UInt8]) {
        out.append(0x30 + UInt8(value / 10))
        out.append(0x30 + UInt8(value % 10))
    }
}

/// The current `Date` header value, formatted at most once per second. One per worker thread.
struct HTTPDateCache {
    private var second = -1
    private var formatted: [UInt8] = []

    /// Appends the IMF-fixdate for now.
    mutating func append(to out: inout [UInt8]) {
        let now = time(nil)
        if now != second {
            second = now
            formatted.removeAll(keepingCapacity: true)
            HTTPDate.append(unixTime: now, to: &formatted)
        }
        out.append(contentsOf: formatted)
    }
}
