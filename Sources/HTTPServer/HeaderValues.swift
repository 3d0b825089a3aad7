/// Parsers for the request header values the server acts on: comma-separated lists,
/// `Accept-Encoding` q-values (RFC 9110 §12.5.3) and `If-None-Match` entity-tag lists (§13.1.2).
enum HeaderValues {
    /// Calls `body` with each non-empty, OWS-trimmed element of a comma-separated list.
    static func forEachElement(of value: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) -> Void) {
        var start = 0
        while start <= value.count {
            let end = value.firstIndex(of: ASCII.comma, in: start..<value.count) ?? value.count
            let element = trimmed(value.slice(start..<end))
            if !element.isEmpty { body(element) }
            start = end + 1
        }
    }

    /// Whether an `Accept-Encoding` value allows gzip: `gzip`/`x-gzip` with q > 0, or `*` with q > 0
    /// when gzip is not listed. `gzip;q=0` refuses it.
    static func acceptsGzip(_ value: UnsafeRawBufferPointer) -> Bool {
        var gzip: Bool?
        var wildcard: Bool?
        forEachElement(of: value) { element in
            let semicolon = element.firstIndex(of: ASCII.semicolon, in: 0..<element.count) ?? element.count
            let coding = trimmed(element.slice(0..<semicolon))
            let accepted = !hasZeroQuality(element.slice(semicolon..<element.count))
            if ASCII.equalsIgnoringCase(coding, "gzip".utf8) || ASCII.equalsIgnoringCase(coding, "x-gzip".utf8) {
                gzip = accepted
            } else if coding.elementsEqual("*".utf8) {
                wildcard = accepted
            }
        }
        return gzip ?? wildcard ?? false
    }

    /// True when the parameters (`;q=0.000`) carry a q-value of zero.
    private static func hasZeroQuality(_ parameters: UnsafeRawBufferPointer) -> Bool {
        var start = 0
        while start < parameters.count {
            let end = parameters.firstIndex(of: ASCII.semicolon, in: start + 1..<parameters.count) ?? parameters.count
            let parameter = trimmed(parameters.slice(start + 1..<end))
            if parameter.count >= 2, ASCII.lowercased(parameter[0]) == 0x71, parameter[1] == ASCII.equals {
                let weight = parameter.slice(2..<parameter.count)
                return weight.first == 0x30 && weight.dropFirst().allSatisfy { $0 == 0x30 || $0 == 0x2E }
            }
            start = end
        }
        return false
    }

    /// Weak comparison of an `If-None-Match` value against a response's ETag: `*` matches,
    /// otherwise any listed tag whose opaque part equals the ETag's (the `W/` prefix is ignored).
    static func entityTagList(_ list: UnsafeRawBufferPointer, matches etag: String) -> Bool {
        var etag = etag
        return etag.withUTF8 { etagBytes in
            guard let current = opaqueTag(UnsafeRawBufferPointer(etagBytes)) else { return false }
            let list = trimmed(list)
            if list.elementsEqual("*".utf8) { return true }
            var index = 0
            while index < list.count {
                let byte = list[index]
                if byte == ASCII.comma || ASCII.isWhitespace(byte) {
                    index += 1
                    continue
                }
                if byte == 0x57, index + 1 < list.count, list[index + 1] == ASCII.slash { index += 2 }
                guard index < list.count, list[index] == ASCII.quote,
                      let close = list.firstIndex(of: ASCII.quote, in: index + 1..<list.count) else { return false }
                if list.slice(index + 1..<close).elementsEqual(current) { return true }
                index = close + 1
            }
            return false
        }
    }

    /// The part between the quotes of `"abc"` or `W/"abc"`.
    private static func opaqueTag(_ tag: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer? {
        let start = tag.starts(with: "W/".utf8) ? 2 : 0
        guard tag.count >= start + 2, tag[start] == ASCII.quote, tag[tag.count - 1] == ASCII.quote else { return nil }
        return tag.slice(start + 1..<tag.count - 1)
    }

    private static func trimmed(_ bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        var start = 0
        var end = bytes.count
        while start < end && ASCII.isWhitespace(bytes[start]) { start += 1 }
        while end > start && ASCII.isWhitespace(bytes[end - 1]) { end -= 1 }
        return bytes.slice(start..<end)
    }
}
