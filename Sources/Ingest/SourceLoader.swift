import Foundation

/// Reads one source file into checked UTF-8 text, or says why it cannot be used.
///
/// Gzip files (by their magic bytes, whatever their name) are inflated through zlib up to
/// `maxBytes`; larger files and larger inflated output are refused, as are empty files, binary
/// files (NUL bytes) and text that is not valid UTF-8.
struct SourceLoader {
    let maxBytes: Int

    struct Loaded: Sendable {
        /// SHA-256 of the file as stored (compressed or not).
        var sha256: String
        var fileBytes: Int
        var text: [UInt8]
    }

    enum Problem: Error, Equatable, CustomStringConvertible {
        case unreadable(String)
        case empty
        case tooLarge(Int)
        case binary
        case invalidUTF8(offset: Int)
        case gzip(String)

        var description: String {
            switch self {
            case .unreadable(let why): return "cannot be read: \(why)"
            case .empty: return "empty file"
            case .tooLarge(let limit): return "larger than the limit of \(limit) bytes"
            case .binary: return "binary data, not text"
            case .invalidUTF8(let offset): return "not valid UTF-8 (first bad byte at offset \(offset))"
            case .gzip(let why): return "broken gzip data: \(why)"
            }
        }
    }

    func load(_ path: String) -> Result<Loaded, Problem> {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            return .failure(.unreadable(FileManager.default.isReadableFile(atPath: path) ? "not a regular file" : "permission denied or missing"))
        }
        defer { try? handle.close() }
        let data: Data
        do {
            guard let read = try handle.read(upToCount: maxBytes + 1) else { return .failure(.empty) }
            data = read
        } catch {
            return .failure(.unreadable(String(describing: error)))
        }
        if data.count > maxBytes { return .failure(.tooLarge(maxBytes)) }
        let raw = [UInt8](data)
        let sha = SHA256.hex(raw)
        var text = raw
        if Gunzip.isGzip(raw) {
            do {
                text = try Gunzip.decompress(raw, limit: maxBytes)
            } catch {
                switch error {
                case .tooLarge(let limit): return .failure(.tooLarge(limit))
                case .truncated: return .failure(.gzip("truncated"))
                case .corrupt(let why): return .failure(.gzip(why))
                }
            }
        }
        if let problem = SourceLoader.check(text) { return .failure(problem) }
        return .success(Loaded(sha256: sha, fileBytes: raw.count, text: text))
    }

    /// Empty, binary or invalid UTF-8 text.
    static func check(_ text: [UInt8]) -> Problem? {
        if text.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return .empty }
        if text.contains(0) { return .binary }
        if let offset = firstInvalidUTF8(text) { return .invalidUTF8(offset: offset) }
        return nil
    }

    /// Offset of the first byte that breaks UTF-8 (RFC 3629: no overlongs, surrogates or values over U+10FFFF).
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { b in
            var i = 0
            let n = b.count
            while i < n {
                let c = b[i]
                if c < 0x80 { i += 1; continue }
                let length: Int
                var lower: UInt8 = 0x80
                var upper: UInt8 = 0xBF
                switch c {
                case 0xC2...0xDF: length = 2
                case 0xE0: length = 3; lower = 0xA0
                case 0xE1...0xEC, 0xEE...0xEF: length = 3
                case 0xED: length = 3; upper = 0x9F
                case 0xF0: length = 4; lower = 0x90
                case 0xF1...0xF3: length = 4
                case 0xF4: length = 4; upper = 0x8F
                default: return i
                }
                guard i + length <= n else { return i }
                guard b[i + 1] >= lower && b[i + 1] <= upper else { return i }
                for k in 2..<length where b[i + k] & 0xC0 != 0x80 { return i }
                i += length
            }
            return nil
        }
    }
}
