/// Why a request-target was refused; the server answers 400 with this description as detail.
public enum RequestTargetError: Error, Equatable, CustomStringConvertible {
    /// Not origin-form or absolute-form, or contains characters a request-target may not contain.
    case invalidTarget
    /// A `%` not followed by two hexadecimal digits.
    case invalidPercentEncoding
    /// `%00` somewhere in the path or query.
    case encodedNUL
    /// The decoded bytes are not valid UTF-8.
    case invalidUTF8

    /// A sentence suitable for a problem detail.
    public var description: String {
        switch self {
        case .invalidTarget: return "The request target is not a valid origin-form path."
        case .invalidPercentEncoding: return "The request target contains an invalid percent-encoding."
        case .encodedNUL: return "The request target contains an encoded NUL byte."
        case .invalidUTF8: return "The decoded request target is not valid UTF-8."
        }
    }
}

/// One `name=value` pair from a query string, decoded (`+` is a space).
public struct QueryItem: Sendable, Equatable {
    /// The decoded parameter name.
    public var name: String
    /// The decoded value; empty for a bare `name` without `=`.
    public var value: String

    /// A query pair.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// A request-target split into its raw and decoded parts (RFC 9112 §3.2).
///
/// Works on bytes: the fast path (no `%`, no `+`) creates Strings straight from the raw bytes;
/// decoding happens in a temporary stack buffer.
struct RequestTarget {
    var rawPath: String
    var rawQuery: String?
    var path: String
    var pathSegments: [String]
    var queryItems: [QueryItem]

    /// Parses origin-form (`/a/b?x=1`) or absolute-form (`http://host/a/b?x=1`, whose path is taken).
    static func parse(_ target: UnsafeRawBufferPointer) throws(RequestTargetError) -> RequestTarget {
        guard !target.isEmpty, ASCII.isVisible(target),
              target.firstIndex(of: ASCII.hash, in: 0..<target.count) == nil else { throw .invalidTarget }
        let pathStart = try originStart(of: target)
        let queryMark = target.firstIndex(of: ASCII.question, in: pathStart..<target.count)
        let pathEnd = queryMark ?? target.count
        let rawPathBytes = target.slice(pathStart..<pathEnd)

        let rawPath = rawPathBytes.isEmpty ? "/" : String(decoding: rawPathBytes, as: UTF8.self)
        let segments = try decodeSegments(rawPathBytes)
        let path: String
        if rawPathBytes.firstIndex(of: ASCII.percent, in: 0..<rawPathBytes.count) == nil {
            path = rawPath
        } else {
            path = "/" + segments.joined(separator: "/")
        }

        var rawQuery: String?
        var queryItems: [QueryItem] = []
        if let queryMark {
            let queryBytes = target.slice(queryMark + 1..<target.count)
            rawQuery = String(decoding: queryBytes, as: UTF8.self)
            queryItems = try decodeQuery(queryBytes)
        }
        return RequestTarget(rawPath: rawPath, rawQuery: rawQuery, path: path,
                             pathSegments: segments, queryItems: queryItems)
    }

    /// Where the path begins: 0 for origin-form, after the authority for absolute-form.
    /// Returns `target.count` for `http://host` (empty path, read as `/`).
    private static func originStart(of target: UnsafeRawBufferPointer) throws(RequestTargetError) -> Int {
        if target[0] == ASCII.slash { return 0 }
        let schemes: [StaticString] = ["http://", "https://"]
        for scheme in schemes where target.count > scheme.utf8CodeUnitCount {
            let prefix = UnsafeRawBufferPointer(start: scheme.utf8Start, count: scheme.utf8CodeUnitCount)
            guard ASCII.equalsIgnoringCase(target.slice(0..<prefix.count), prefix) else { continue }
            let authority = prefix.count..<target.count
            guard target[prefix.count] != ASCII.slash else { throw .invalidTarget }
            let slash = target.firstIndex(of: ASCII.slash, in: authority) ?? target.count
            let question = target.firstIndex(of: ASCII.question, in: authority) ?? target.count
            return min(slash, question)
        }
        throw .invalidTarget
    }

    /// Splits a raw path on `/` and decodes each segment, so `%2F` stays inside its segment.
    /// `/` gives no segments; `/a/` gives `["a", ""]`.
    private static func decodeSegments(_ rawPath: UnsafeRawBufferPointer) throws(RequestTargetError) -> [String] {
        guard rawPath.count > 1 else { return [] }
        var segments: [String] = []
        var start = 1
        while true {
            let end = rawPath.firstIndex(of: ASCII.slash, in: start..<rawPath.count) ?? rawPath.count
            segments.append(try decode(rawPath.slice(start..<end), plusIsSpace: false))
            if end == rawPath.count { return segments }
            start = end + 1
        }
    }

    /// Splits `a=1&b=2` into decoded pairs; empty pieces are skipped, a piece without `=` has an empty value.
    private static func decodeQuery(_ query: UnsafeRawBufferPointer) throws(RequestTargetError) -> [QueryItem] {
        var items: [QueryItem] = []
        var start = 0
        while start < query.count {
            let end = query.firstIndex(of: ASCII.ampersand, in: start..<query.count) ?? query.count
            if end > start {
                let equals = query.firstIndex(of: ASCII.equals, in: start..<end)
                let name = try decode(query.slice(start..<(equals ?? end)), plusIsSpace: true)
                let value = try equals.map { (index: Int) throws(RequestTargetError) -> String in
                    try decode(query.slice(index + 1..<end), plusIsSpace: true)
                } ?? ""
                items.append(QueryItem(name: name, value: value))
            }
            start = end + 1
        }
        return items
    }

    /// Percent-decodes one component, rejecting bad escapes, NUL and invalid UTF-8.
    static func decode(_ raw: UnsafeRawBufferPointer, plusIsSpace: Bool) throws(RequestTargetError) -> String {
        var needsDecoding = false
        for byte in raw where byte == ASCII.percent || (plusIsSpace && byte == ASCII.plus) {
            needsDecoding = true
            break
        }
        if !needsDecoding { return String(decoding: raw, as: UTF8.self) }

        return try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: raw.count) {
            (out: UnsafeMutableBufferPointer<UInt8>) throws(RequestTargetError) -> String in
            var count = 0
            var index = 0
            var sawNonASCII = false
            while index < raw.count {
                var byte = raw[index]
                if byte == ASCII.percent {
                    guard index + 2 < raw.count,
                          let high = ASCII.hexValue(raw[index + 1]),
                          let low = ASCII.hexValue(raw[index + 2]) else { throw .invalidPercentEncoding }
                    byte = high << 4 | low
                    guard byte != 0 else { throw .encodedNUL }
                    index += 3
                } else {
                    if plusIsSpace && byte == ASCII.plus { byte = ASCII.space }
                    index += 1
                }
                sawNonASCII = sawNonASCII || byte >= 0x80
                out[count] = byte
                count += 1
            }
            let decoded = UnsafeBufferPointer(rebasing: out[..<count])
            guard sawNonASCII else { return String(decoding: decoded, as: UTF8.self) }
            guard let text = String(validating: decoded, as: UTF8.self) else { throw .invalidUTF8 }
            return text
        }
    }
}
