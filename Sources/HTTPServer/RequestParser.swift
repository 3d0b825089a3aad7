/// Byte ranges of one header field inside the buffer given to ``RequestParser/parse(_:)``.
struct HeaderFieldRange {
    var name: Range<Int>
    var value: Range<Int>
}

/// What the parser learnt from one request. Ranges index the buffer that was parsed.
struct RequestHead {
    /// nil for a syntactically valid method token this server does not know (→ 501).
    var method: HTTPMethod?
    var methodToken: Range<Int> = 0..<0
    var target: Range<Int> = 0..<0
    var isHTTP10 = false
    var fields: [HeaderFieldRange] = []
    var connectionClose = false
    var connectionKeepAlive = false
    var acceptEncoding: Range<Int>?
    var ifNoneMatch: Range<Int>?
    var requestID: Range<Int>?
    var accessControlRequestHeaders: Range<Int>?
    /// Bytes this request occupies in the buffer: head plus any (small, discarded) body.
    var length = 0

    /// The client's keep-alive preference per RFC 9112 §9.3 (before server policy).
    var wantsKeepAlive: Bool { isHTTP10 ? connectionKeepAlive && !connectionClose : !connectionClose }

    mutating func reset() {
        method = nil
        methodToken = 0..<0
        target = 0..<0
        isHTTP10 = false
        fields.removeAll(keepingCapacity: true)
        connectionClose = false
        connectionKeepAlive = false
        acceptEncoding = nil
        ifNoneMatch = nil
        requestID = nil
        accessControlRequestHeaders = nil
        length = 0
    }
}

/// The parser's verdict on the bytes received so far.
enum ParseResult {
    /// More bytes are needed.
    case incomplete
    /// `RequestParser.head` describes one complete request.
    case complete
    /// The request is malformed or over a limit; answer with this status and close.
    case invalid(HTTPStatus, String)
}

/// Strict HTTP/1.1 request-head parser working directly on the connection's input bytes (RFC 9112).
///
/// Policy: lines must end in CRLF (a bare LF or bare CR is a 400, never silently accepted);
/// obs-fold, whitespace before the colon, invalid field names and control characters in values are
/// 400s; duplicate or non-numeric Content-Length is a 400; Transfer-Encoding is a 413 (a 400 together
/// with Content-Length, the classic smuggling pattern); HTTP/1.1 requires exactly one Host.
/// One empty line before the request line is ignored, as RFC 9112 §2.2 recommends.
///
/// Incremental: after `.incomplete` the parser remembers how far it got, and the next call (with the
/// same request's bytes, only more of them) carries on from there. Every byte is examined once, so a
/// head trickled one byte per packet costs linear work rather than a re-parse per packet.
struct RequestParser {
    let maxRequestLineBytes: Int
    let maxHeaderBytes: Int
    let maxBodyBytes: Int
    private(set) var head = RequestHead()
    private var progress = Progress()

    /// How far the current request has been parsed; reset after every verdict.
    private struct Progress {
        /// Index just after the request line's LF; 0 until the request line is parsed.
        var headerStart = 0
        /// Start of the first header line not parsed yet.
        var position = 0
        /// Bytes of the unfinished line before this index were already checked (a trailing CR is
        /// never counted, since what follows decides whether it is allowed).
        var checked = 0
        var framing = Framing()
        /// Index just after the empty line ending the head; 0 until it arrived.
        var headEnd = 0
    }

    init(maxRequestLineBytes: Int, maxHeaderBytes: Int, maxBodyBytes: Int) {
        self.maxRequestLineBytes = maxRequestLineBytes
        self.maxHeaderBytes = maxHeaderBytes
        self.maxBodyBytes = maxBodyBytes
    }

    /// Input-buffer size at which a full buffer is guaranteed to produce `.complete` or `.invalid`.
    var requiredBufferCapacity: Int { 2 + maxRequestLineBytes + 2 + maxHeaderBytes + maxBodyBytes }

    /// Parses the request at the start of `buffer`. After `.incomplete`, call again with the same
    /// bytes plus whatever arrived since; after a verdict, the next call starts a new request.
    mutating func parse(_ buffer: UnsafeRawBufferPointer) -> ParseResult {
        let result = resume(buffer)
        if case .incomplete = result { return result }
        progress = Progress()
        return result
    }

    private mutating func resume(_ buffer: UnsafeRawBufferPointer) -> ParseResult {
        if progress.headerStart == 0 {
            head.reset()
            var start = 0
            if buffer.count >= 2 && buffer[0] == ASCII.cr && buffer[1] == ASCII.lf { start = 2 }
            let windowEnd = min(buffer.count, start + maxRequestLineBytes + 2)
            let scanFrom = min(max(start, progress.checked), windowEnd)
            guard let lineFeed = buffer.firstIndex(of: ASCII.lf, in: scanFrom..<windowEnd) else {
                if buffer.count - start >= maxRequestLineBytes + 2 {
                    return .invalid(.uriTooLong, "The request line exceeds \(maxRequestLineBytes) bytes.")
                }
                if !Self.isRequestLinePrefix(buffer, lineStart: start, from: scanFrom) {
                    return .invalid(.badRequest, "Malformed request line.")
                }
                progress.checked = Self.checkedEnd(buffer)
                return .incomplete
            }
            guard lineFeed > start, buffer[lineFeed - 1] == ASCII.cr else { return bareLineFeed }
            if let failure = parseRequestLine(buffer, start..<lineFeed - 1) { return failure }
            progress.headerStart = lineFeed + 1
            progress.position = lineFeed + 1
        }

        if progress.headEnd == 0 {
            let headerStart = progress.headerStart
            let headerWindowEnd = min(buffer.count, headerStart + maxHeaderBytes)
            var framing = progress.framing
            defer { progress.framing = framing }
            while true {
                let position = progress.position
                let scanFrom = min(max(position, progress.checked), headerWindowEnd)
                guard let fieldEnd = buffer.firstIndex(of: ASCII.lf, in: scanFrom..<headerWindowEnd) else {
                    if buffer.count - headerStart >= maxHeaderBytes {
                        return .invalid(.requestHeaderFieldsTooLarge,
                                        "The header section exceeds \(maxHeaderBytes) bytes.")
                    }
                    if !Self.isFieldLinePrefix(buffer, from: scanFrom) {
                        return .invalid(.badRequest, "A header field contains a control character.")
                    }
                    progress.checked = Self.checkedEnd(buffer)
                    return .incomplete
                }
                guard fieldEnd > position, buffer[fieldEnd - 1] == ASCII.cr else { return bareLineFeed }
                if fieldEnd - 1 == position {
                    progress.headEnd = fieldEnd + 1
                    break
                }
                if let failure = parseField(buffer, position..<fieldEnd - 1, &framing) { return failure }
                progress.position = fieldEnd + 1
            }

            if framing.hasTransferEncoding {
                return framing.contentLength == nil
                    ? .invalid(.contentTooLarge, "This server does not accept request content.")
                    : .invalid(.badRequest, "Transfer-Encoding and Content-Length must not both be present.")
            }
            if framing.hostCount > 1 { return .invalid(.badRequest, "More than one Host header field.") }
            if framing.hostCount == 0 && !head.isHTTP10 {
                return .invalid(.badRequest, "HTTP/1.1 requests must carry a Host header field.")
            }
            let bodyLength = framing.contentLength ?? 0
            if bodyLength > maxBodyBytes {
                return .invalid(.contentTooLarge, "This server does not accept request content.")
            }
            head.length = progress.headEnd + bodyLength
        }
        return buffer.count >= head.length ? .complete : .incomplete
    }

    /// Where checking resumes next time: the end of the buffer, less a final CR.
    private static func checkedEnd(_ buffer: UnsafeRawBufferPointer) -> Int {
        buffer.last == ASCII.cr ? buffer.count - 1 : buffer.count
    }

    private var bareLineFeed: ParseResult { .invalid(.badRequest, "Lines must end with CRLF.") }

    /// Header facts that decide message framing; only the parser needs them.
    private struct Framing {
        var contentLength: Int?
        var hasTransferEncoding = false
        var hostCount = 0
    }

    /// `method SP request-target SP HTTP/1.x`, single spaces, nothing else.
    private mutating func parseRequestLine(_ buffer: UnsafeRawBufferPointer, _ line: Range<Int>) -> ParseResult? {
        let malformed = ParseResult.invalid(.badRequest, "Malformed request line.")
        let versionLength = 8  // HTTP/1.1
        guard line.count > versionLength + 3,
              let methodEnd = buffer.firstIndex(of: ASCII.space, in: line), methodEnd > line.lowerBound
        else { return malformed }
        let methodToken = buffer.slice(line.lowerBound..<methodEnd)
        for byte in methodToken where !ASCII.isTokenChar(byte) { return malformed }

        let versionStart = line.upperBound - versionLength
        guard versionStart > methodEnd + 1, buffer[versionStart - 1] == ASCII.space else { return malformed }
        let target = methodEnd + 1..<versionStart - 1
        guard ASCII.isVisible(buffer.slice(target)) else {
            return .invalid(.badRequest, "The request target contains characters that are not allowed.")
        }

        let version = buffer.slice(versionStart..<line.upperBound)
        let major = version[5] &- 0x30
        let minor = version[7] &- 0x30
        guard version.starts(with: "HTTP/".utf8), version[6] == 0x2E, major < 10, minor < 10 else {
            return malformed
        }
        guard major == 1 else {
            return .invalid(.httpVersionNotSupported, "Only HTTP/1.0 and HTTP/1.1 are supported.")
        }
        head.method = HTTPMethod(token: methodToken)
        head.methodToken = line.lowerBound..<methodEnd
        head.target = target
        head.isHTTP10 = minor == 0
        return nil
    }

    /// `name: OWS value OWS`; records the field and the facts the server acts on.
    private mutating func parseField(_ buffer: UnsafeRawBufferPointer, _ line: Range<Int>,
                                     _ framing: inout Framing) -> ParseResult? {
        if ASCII.isWhitespace(buffer[line.lowerBound]) {
            return .invalid(.badRequest, "Obsolete line folding is not accepted.")
        }
        guard let colon = buffer.firstIndex(of: ASCII.colon, in: line), colon > line.lowerBound else {
            return .invalid(.badRequest, "Malformed header field.")
        }
        let name = line.lowerBound..<colon
        for byte in buffer.slice(name) where !ASCII.isTokenChar(byte) {
            return .invalid(.badRequest, "Invalid header field name.")
        }
        var valueStart = colon + 1
        var valueEnd = line.upperBound
        while valueStart < valueEnd && ASCII.isWhitespace(buffer[valueStart]) { valueStart += 1 }
        while valueEnd > valueStart && ASCII.isWhitespace(buffer[valueEnd - 1]) { valueEnd -= 1 }
        let value = valueStart..<valueEnd
        for byte in buffer.slice(value) where !ASCII.isFieldValueChar(byte) {
            return .invalid(.badRequest, "A header field value contains a control character.")
        }
        head.fields.append(HeaderFieldRange(name: name, value: value))

        let nameBytes = buffer.slice(name)
        switch name.count {
        case 4 where ASCII.equalsIgnoringCase(nameBytes, "host".utf8):
            framing.hostCount += 1
        case 10 where ASCII.equalsIgnoringCase(nameBytes, "connection".utf8):
            HeaderValues.forEachElement(of: buffer.slice(value)) { token in
                if ASCII.equalsIgnoringCase(token, "close".utf8) { head.connectionClose = true }
                if ASCII.equalsIgnoringCase(token, "keep-alive".utf8) { head.connectionKeepAlive = true }
            }
        case 14 where ASCII.equalsIgnoringCase(nameBytes, "content-length".utf8):
            guard framing.contentLength == nil, let length = Self.contentLength(buffer.slice(value)) else {
                return .invalid(.badRequest, "Invalid or repeated Content-Length.")
            }
            framing.contentLength = length
        case 17 where ASCII.equalsIgnoringCase(nameBytes, "transfer-encoding".utf8):
            framing.hasTransferEncoding = true
        case 15 where ASCII.equalsIgnoringCase(nameBytes, "accept-encoding".utf8):
            if head.acceptEncoding == nil { head.acceptEncoding = value }
        case 13 where ASCII.equalsIgnoringCase(nameBytes, "if-none-match".utf8):
            if head.ifNoneMatch == nil { head.ifNoneMatch = value }
        case 12 where ASCII.equalsIgnoringCase(nameBytes, "x-request-id".utf8):
            if head.requestID == nil { head.requestID = value }
        case 30 where ASCII.equalsIgnoringCase(nameBytes, "access-control-request-headers".utf8):
            if head.accessControlRequestHeaders == nil { head.accessControlRequestHeaders = value }
        default:
            break
        }
        return nil
    }

    /// Whether an unfinished request line (from `lineStart` to the end of `buffer`, already checked
    /// before `from`) can still become a valid one: visible ASCII and spaces, starting with a method
    /// character, with at most a final CR. Binary junk (a TLS handshake, NULs) is refused at once
    /// instead of holding the connection until the header timeout.
    private static func isRequestLinePrefix(_ buffer: UnsafeRawBufferPointer, lineStart: Int, from: Int) -> Bool {
        var index = from
        if index == lineStart && index < buffer.count {
            guard ASCII.isTokenChar(buffer[index]) else { return buffer[index] == ASCII.cr && index == buffer.count - 1 }
            index += 1
        }
        while index < buffer.count && buffer[index] &- 0x20 < 0x5F { index += 1 }
        return index == buffer.count || (index == buffer.count - 1 && buffer[index] == ASCII.cr)
    }

    /// Whether an unfinished header line (already checked before `from`) can still become a valid
    /// one: no control bytes other than HTAB, and CR only as its last byte.
    private static func isFieldLinePrefix(_ buffer: UnsafeRawBufferPointer, from: Int) -> Bool {
        var index = from
        while index < buffer.count && ASCII.isFieldValueChar(buffer[index]) { index += 1 }
        return index == buffer.count || (index == buffer.count - 1 && buffer[index] == ASCII.cr)
    }

    /// `1*DIGIT`; values too large for an Int saturate (they are over any body limit anyway).
    private static func contentLength(_ value: UnsafeRawBufferPointer) -> Int? {
        guard !value.isEmpty else { return nil }
        var result = 0
        for byte in value {
            guard byte &- 0x30 < 10 else { return nil }
            let (times10, overflow1) = result.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(Int(byte &- 0x30))
            result = overflow1 || overflow2 ? Int.max : sum
        }
        return result
    }
}
