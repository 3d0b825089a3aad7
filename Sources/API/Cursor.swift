/// An opaque pagination cursor: which list it belongs to, the archive version it was made for, and
/// a position (a timeline rank, a page position or an offset), as base64url text.
///
/// A cursor from another list, another archive build, or tampered with is a 400 that says so;
/// a new build renumbers positions, so an old cursor could skip or repeat items.
struct Cursor {
    let kind: String
    let position: Int

    init(kind: String, position: Int) {
        self.kind = kind
        self.position = position
    }

    /// The cursor text for `version` (the archive's version tag).
    func encoded(version: String) -> String {
        Self.base64URL(Array("\(kind).\(version).\(position)".utf8))
    }

    /// Decodes `text`, requiring the given kind and version.
    init(_ text: String, kind: String, version: String) throws(APIProblem) {
        guard text.utf8.count <= 128, let decoded = Self.decodeBase64URL(text) else {
            throw .badRequest("cursor is not a cursor this server issued; use next_cursor from a previous response.")
        }
        let parts = String(decoding: decoded, as: UTF8.self).split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == kind, let position = Int(parts[2]), position >= 0 else {
            throw .badRequest("cursor does not belong to this list; use next_cursor from a previous response.")
        }
        guard parts[1] == version else {
            throw .badRequest("cursor was issued for an earlier build of the archive; start again without cursor.")
        }
        self.kind = kind
        self.position = position
    }

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    static func base64URL(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let chunk = min(3, bytes.count - index)
            var value = 0
            for offset in 0..<3 { value = value << 8 | (offset < chunk ? Int(bytes[index + offset]) : 0) }
            for digit in 0...chunk { out.append(alphabet[(value >> (18 - 6 * digit)) & 63]) }
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func decodeBase64URL(_ text: String) -> [UInt8]? {
        var values: [Int] = []
        for byte in text.utf8 {
            guard let value = alphabet.firstIndex(of: byte) else { return nil }
            values.append(value)
        }
        guard values.count % 4 != 1 else { return nil }
        var out: [UInt8] = []
        var index = 0
        while index < values.count {
            let chunk = min(4, values.count - index)
            var value = 0
            for offset in 0..<4 { value = value << 6 | (offset < chunk ? values[index + offset] : 0) }
            for byte in 0..<(chunk - 1) { out.append(UInt8((value >> (16 - 8 * byte)) & 0xFF)) }
            index += 4
        }
        return out
    }
}
