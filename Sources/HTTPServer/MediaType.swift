/// Content types: by file extension for static files, and which ones are worth compressing.
enum MediaType {
    /// The Content-Type for a file name, `application/octet-stream` when the extension is unknown.
    static func forFileName(_ name: String) -> String {
        guard let dot = name.lastIndex(of: ".") else { return "application/octet-stream" }
        switch name[name.index(after: dot)...].lowercased() {
        case "html", "htm": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js", "mjs": return "application/javascript; charset=utf-8"
        case "json", "map": return "application/json"
        case "txt": return "text/plain; charset=utf-8"
        case "xml": return "application/xml"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "gif": return "image/gif"
        case "webp": return "image/webp"
        case "avif": return "image/avif"
        case "ico": return "image/x-icon"
        case "woff": return "font/woff"
        case "woff2": return "font/woff2"
        case "wasm": return "application/wasm"
        case "pdf": return "application/pdf"
        case "webmanifest": return "application/manifest+json"
        default: return "application/octet-stream"
        }
    }

    /// Whether gzip is worth applying: text/*, JSON, problem+json, JavaScript and SVG.
    static func isCompressible(_ contentType: String?) -> Bool {
        guard let contentType else { return false }
        let essence = contentType.utf8.prefix { $0 != ASCII.semicolon && !ASCII.isWhitespace($0) }
        if essence.count > 5, ASCII.equalsIgnoringCase(essence.prefix(5), "text/".utf8) { return true }
        for compressible in ["application/json", "application/problem+json", "application/javascript",
                             "image/svg+xml", "application/manifest+json"]
        where ASCII.equalsIgnoringCase(essence, compressible.utf8) {
            return true
        }
        return false
    }
}
