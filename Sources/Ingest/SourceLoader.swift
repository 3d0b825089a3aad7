import ZlibCodec
import Foundation

/// Reads one source file into checked UTF-8 text, or says why it cannot be used.
///
/// Only regular files are read (a FIFO would block the ingest forever, a device could stream without
/// end), with the system's reason when opening fails. Gzip files (by their magic bytes, whatever their
/// name) are inflated through zlib up to `maxBytes`; larger files and larger inflated output are
/// refused, as are empty files, binary files (NUL bytes), text that is not valid UTF-8 and text with a
/// line over ``maxLineBytes`` (no page scrape has one; a 50 MB line is junk, not a post).
struct SourceLoader {
    let maxBytes: Int

    /// Longest line accepted; the longest in real scrapes is under a kilobyte.
    static let maxLineBytes = 1 << 20

    struct Loaded: Sendable {
        /// SHA-256 of the file as stored (compressed or not).
        var sha256: String
        var fileBytes: Int
        var text: [UInt8]
    }

    enum Problem: Error, Equatable, CustomStringConvertible {
        case unreadable(String)
        case notARegularFile(String)
        case empty
        case tooLarge(Int)
        case lineTooLong(Int)
        case binary
        case invalidUTF8(offset: Int)
        case gzip(String)

        var description: String {
            switch self {
            case .unreadable(let why): return "cannot be read: \(why)"
            case .notARegularFile(let kind): return "not a regular file (\(kind))"
            case .empty: return "empty file"
            case .tooLarge(let limit): return "larger than the limit of \(limit) bytes"
            case .lineTooLong(let length): return "a line of \(length) bytes, over the limit of \(SourceLoader.maxLineBytes)"
            case .binary: return "binary data, not text"
            case .invalidUTF8(let offset): return "not valid UTF-8 (first bad byte at offset \(offset))"
            case .gzip(let why): return "broken gzip data: \(why)"
            }
        }
    }

    func load(_ path: String) -> Result<Loaded, Problem> {
        var info = stat()
        guard stat(path, &info) == 0 else { return .failure(.unreadable(Self.reason(errno))) }
        guard info.st_mode & S_IFMT == S_IFREG else { return .failure(.notARegularFile(Self.kind(info.st_mode))) }
        if Int(info.st_size) > maxBytes { return .failure(.tooLarge(maxBytes)) }
        // O_NONBLOCK: should a FIFO replace the file after the check, opening it must not wait for a writer.
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return .failure(.unreadable(Self.reason(errno))) }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        let data: Data
        do {
            guard let read = try handle.read(upToCount: maxBytes + 1) else { return .failure(.empty) }
            data = read
        } catch {
            return .failure(.unreadable(String(describing: error)))
        }
        if data.count > maxBytes { return .failure(.tooLarge(maxBytes)) }
        let raw = [UInt8](data)
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
        return .success(Loaded(sha256: SHA256.hex(raw), fileBytes: raw.count, text: text))
    }

    /// strerror's sentence with a lower-case first letter, e.g. `permission denied`.
    private static func reason(_ code: Int32) -> String {
        let text = String(cString: strerror(code))
        return text.prefix(1).lowercased() + text.dropFirst()
    }

    private static func kind(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFDIR: return "a folder"
        case S_IFIFO: return "a FIFO"
        case S_IFSOCK: return "a socket"
        case S_IFCHR, S_IFBLK: return "a device"
        default: return "a special file"
        }
    }

    /// Empty, over-long lines, binary or invalid UTF-8 text.
    static func check(_ text: [UInt8]) -> Problem? {
        if text.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return .empty }
        let longest = longestLine(text)
        if longest > maxLineBytes { return .lineTooLong(longest) }
        if text.withUnsafeBytes({ bytes in bytes.baseAddress.map { memchr($0, 0, bytes.count) != nil } ?? false }) { return .binary }
        if let offset = firstInvalidUTF8(text) { return .invalidUTF8(offset: offset) }
        return nil
    }

    /// Length in bytes of the longest line (memchr from line feed to line feed).
    static func longestLine(_ text: [UInt8]) -> Int {
        text.withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress else { return 0 }
            var longest = 0
            var start = 0
            while start < bytes.count {
                let end = memchr(base + start, 0x0A, bytes.count - start).map { base.distance(to: UnsafeRawPointer($0)) } ?? bytes.count
                longest = max(longest, end - start)
                start = end + 1
            }
            return longest
        }
    }

    /// Offset of the first byte that breaks UTF-8 (RFC 3629: no overlongs, surrogates or values over U+10FFFF).
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { b in
            var i = 0
            let n = b.count
            while i < n {
                // ASCII runs eight bytes at a time.
                while i + 8 <= n, UnsafeRawPointer(b.baseAddress! + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { i += 8 }
                guard i < n else { break }
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
