import ZlibCodec
/// Facts about the request that shape how its response is serialised.
struct ResponseContext {
    var isHead: Bool
    var acceptsGzip: Bool
    /// The raw `If-None-Match` value, valid for the duration of the write.
    var ifNoneMatch: UnsafeRawBufferPointer?
    var keepAlive: Bool
    var isHTTP10: Bool
    var requestID: String
}

/// Serialises a response into a connection's output buffer (status line, headers and body in one
/// buffer, sent with one send(2)), applying the rules every response shares: server-owned headers,
/// conditional GET, gzip negotiation, HEAD and CORS.
enum ResponseWriter {
    /// Writes `response` and returns the status actually sent and the content bytes written.
    static func write(_ response: Response, context: ResponseContext, configuration: ServerConfiguration,
                      worker: WorkerContext, into out: inout [UInt8]) -> (status: Int, bodyBytes: Int) {
        var status = response.status
        let gzipEligible = configuration.gzip && !status.forbidsContent
            && !response.headers.contains("Content-Encoding")
            && (response.gzippedBody != nil
                || (response.body.count >= configuration.gzipMinimumBytes
                    && MediaType.isCompressible(response.headers["Content-Type"])))
        let useGzip = gzipEligible && context.acceptsGzip

        if status == .ok, let ifNoneMatch = context.ifNoneMatch, let etag = response.headers["ETag"],
           HeaderValues.entityTagList(ifNoneMatch, matches: etag) {
            status = .notModified
        }
        var body: [UInt8] = []
        /// Content kept only gzip-encoded, for a client that does not take gzip: inflated straight
        /// into `out` after the headers.
        var inflating: (gzip: [UInt8], size: Int)?
        if !status.forbidsContent {
            if useGzip {
                body = response.gzippedBody ?? worker.gzip.compress(response.body)
            } else if response.body.isEmpty, let gzip = response.gzippedBody {
                guard let size = GzipInflater.inflatedSize(of: gzip) else {
                    return write(.damagedContent, context: context, configuration: configuration, worker: worker, into: &out)
                }
                inflating = (gzip, size)
            } else {
                body = response.body
            }
        }
        let responseStart = out.count

        ASCII.append("HTTP/1.1 ", to: &out)
        ASCII.appendDecimal(status.code, to: &out)
        out.append(ASCII.space)
        out.append(contentsOf: status.reasonPhrase.utf8)
        ASCII.append("\r\nDate: ", to: &out)
        worker.date.append(to: &out)
        ASCII.append("\r\nServer: dateline\r\nX-Request-Id: ", to: &out)
        out.append(contentsOf: context.requestID.utf8)
        ASCII.append("\r\n", to: &out)
        if !context.keepAlive {
            ASCII.append("Connection: close\r\n", to: &out)
        } else if context.isHTTP10 {
            ASCII.append("Connection: keep-alive\r\n", to: &out)
        }

        for field in response.headers {
            switch role(of: field.name) {
            case .serverOwned:
                continue
            case .entityTag where useGzip && field.value.utf8.first == ASCII.quote:
                // A gzip body is a different representation: weaken the tag so it never matches the
                // identity body strongly (If-None-Match uses weak comparison, so revalidation still works).
                appendHeader(field.name, "W/" + field.value, to: &out)
            case .other where status == .notModified:
                continue
            default:
                appendHeader(field.name, field.value, to: &out)
            }
        }
        if gzipEligible { ASCII.append("Vary: Accept-Encoding\r\n", to: &out) }
        if useGzip && !status.forbidsContent { ASCII.append("Content-Encoding: gzip\r\n", to: &out) }
        if let origin = configuration.corsAllowedOrigin {
            appendHeader("Access-Control-Allow-Origin", origin, to: &out)
            if origin != "*" { ASCII.append("Vary: Origin\r\n", to: &out) }
        }
        let contentLength = inflating?.size ?? body.count
        if !status.forbidsContent {
            ASCII.append("Content-Length: ", to: &out)
            ASCII.appendDecimal(contentLength, to: &out)
            ASCII.append("\r\n", to: &out)
        }
        ASCII.append("\r\n", to: &out)
        if context.isHead || contentLength == 0 { return (status.code, 0) }
        if let inflating {
            guard worker.gunzip.inflate(inflating.gzip, size: inflating.size, appendingTo: &out) else {
                out.removeSubrange(responseStart...)
                return write(.damagedContent, context: context, configuration: configuration, worker: worker, into: &out)
            }
        } else {
            out.append(contentsOf: body)
        }
        return (status.code, contentLength)
    }

    /// How the writer treats a header a handler set.
    private enum HeaderRole {
        /// Framing and identity headers the server writes itself; handler values are dropped.
        case serverOwned
        /// `ETag`: kept, weakened when the body is gzipped.
        case entityTag
        /// Kept in a 304 (RFC 9110 §15.4.5).
        case validator
        /// Describes the content; dropped from a 304.
        case other
    }

    private static func role(of name: String) -> HeaderRole {
        let bytes = name.utf8
        func named(_ candidate: StaticString) -> Bool {
            ASCII.equalsIgnoringCase(bytes, UnsafeBufferPointer(start: candidate.utf8Start, count: candidate.utf8CodeUnitCount))
        }
        switch bytes.count {
        case 4: return named("etag") ? .entityTag : named("date") ? .serverOwned : named("vary") ? .validator : .other
        case 6: return named("server") ? .serverOwned : .other
        case 7: return named("expires") ? .validator : .other
        case 10: return named("connection") || named("keep-alive") ? .serverOwned : .other
        case 12: return named("x-request-id") ? .serverOwned : .other
        case 13: return named("cache-control") || named("last-modified") ? .validator : .other
        case 14: return named("content-length") ? .serverOwned : .other
        case 16: return named("content-location") ? .validator : .other
        case 17: return named("transfer-encoding") ? .serverOwned : .other
        default: return .other
        }
    }

    /// Appends `name: value`, dropping the field if either part could break the message framing.
    private static func appendHeader(_ name: String, _ value: String, to out: inout [UInt8]) {
        guard !name.isEmpty, name.utf8.allSatisfy(ASCII.isTokenChar),
              value.utf8.allSatisfy(ASCII.isFieldValueChar) else { return }
        out.append(contentsOf: name.utf8)
        ASCII.append(": ", to: &out)
        out.append(contentsOf: value.utf8)
        ASCII.append("\r\n", to: &out)
    }
}

private extension Response {
    /// Sent instead of content kept gzip-encoded that does not inflate: a bug or damaged memory,
    /// never the client's doing.
    static var damagedContent: Response {
        .problem(status: .internalServerError, detail: "The server's stored copy of this response is damaged.")
    }
}
