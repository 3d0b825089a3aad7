import CZlib

/// A reusable inflate stream for gzip data this process compressed itself (``Gzip/compress(_:)``),
/// such as cached responses sent to clients that do not accept gzip.
///
/// Unlike ``Gunzip`` it trusts its input: the output size comes from the gzip trailer and the CRC is
/// not recomputed (the bytes never left memory), and the content goes straight into the caller's
/// buffer. zlib's inflate state is set up once per stream and reset per call. Not thread-safe: one
/// per thread.
public final class GzipInflater {
    private let stream: UnsafeMutablePointer<z_stream>

    /// A stream that reads one gzip member (windowBits 15 + 16) without checking its CRC.
    public init() {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let status = inflateInit2_(stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        precondition(status == Z_OK, "inflateInit2 failed with \(status)")
        inflateValidate(stream, 0)
    }

    deinit {
        inflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// The content size a gzip member announces in its trailer (ISIZE, the size modulo 2³²), or nil
    /// when `gzip` is too short to be a member.
    public static func inflatedSize(of gzip: [UInt8]) -> Int? {
        guard gzip.count >= 18 else { return nil }
        return gzip[(gzip.count - 4)...].reversed().reduce(0) { $0 << 8 | Int($1) }
    }

    /// Appends the content of the single gzip member `gzip`, exactly `size` bytes
    /// (``inflatedSize(of:)``), to `output`. Returns false, with `output` as it was, when the data is
    /// not one complete, non-empty member of that size.
    public func inflate(_ gzip: [UInt8], size: Int, appendingTo output: inout [UInt8]) -> Bool {
        // Deflate expands at most about 1032:1, so a larger size is a damaged trailer.
        guard size > 0, size / 1032 <= gzip.count else { return false }
        inflateReset(stream)
        defer {
            stream.pointee.next_in = nil
            stream.pointee.next_out = nil
        }
        let start = output.count
        output.append(contentsOf: repeatElement(0, count: size))
        let complete = gzip.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { buffer in
                stream.pointee.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
                stream.pointee.avail_in = uInt(source.count)
                stream.pointee.next_out = buffer.baseAddress! + start
                stream.pointee.avail_out = uInt(size)
                let status = CZlib.inflate(stream, Z_FINISH)
                return status == Z_STREAM_END && stream.pointee.avail_in == 0 && stream.pointee.avail_out == 0
            }
        }
        if !complete { output.removeSubrange(start...) }
        return complete
    }
}
