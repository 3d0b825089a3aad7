import CZlib
import Synchronization

/// gzip encoding through zlib (`deflateInit2` with windowBits 31, i.e. a gzip wrapper).
public enum Gzip {
    /// Idle compressors: zlib's ~256 KiB of state per stream is set up once, not per call.
    private static let idle = Mutex<[GzipCompressor]>([])

    /// `bytes` gzip-compressed at zlib's fastest level, in an array no larger than the result. Use it
    /// to precompute bodies that are served many times. Thread-safe.
    ///
    /// The fastest level costs about half the time of the default one for output 5–15% larger on
    /// JSON: a cache that holds less than its working set compresses on most misses, so compression
    /// speed matters more than the last bytes.
    public static func compress(_ bytes: [UInt8]) -> [UInt8] {
        let compressor = idle.withLock { $0.popLast() } ?? GzipCompressor()
        defer { idle.withLock { if $0.count < 8 { $0.append(compressor) } } }
        let compressed = compressor.compress(bytes)
        return [UInt8](unsafeUninitializedCapacity: compressed.count) { buffer, count in
            count = buffer.initialize(fromContentsOf: compressed)
        }
    }
}

/// A reusable deflate stream. zlib allocates ~256 KiB of state per stream, so each worker thread keeps
/// one and resets it per response instead of initialising a new one. Not thread-safe: `Sendable` only
/// so ``Gzip``'s idle pool can hand it between threads, one user at a time.
public final class GzipCompressor: @unchecked Sendable {
    private let stream: UnsafeMutablePointer<z_stream>

    /// A stream at `level` (zlib's fastest by default).
    public init(level: Int32 = Z_BEST_SPEED) {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let status = deflateInit2_(stream, level, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY,
                                   ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        precondition(status == Z_OK, "deflateInit2 failed with \(status)")
    }

    deinit {
        deflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// One complete gzip member holding `input`.
    public func compress(_ input: [UInt8]) -> [UInt8] {
        deflateReset(stream)
        let bound = Int(deflateBound(stream, uLong(input.count)))
        return input.withUnsafeBufferPointer { source in
            [UInt8](unsafeUninitializedCapacity: bound) { output, initialized in
                stream.pointee.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
                stream.pointee.avail_in = uInt(source.count)
                stream.pointee.next_out = output.baseAddress
                stream.pointee.avail_out = uInt(bound)
                let status = deflate(stream, Z_FINISH)
                precondition(status == Z_STREAM_END, "deflate did not finish within deflateBound: \(status)")
                initialized = Int(stream.pointee.total_out)
                stream.pointee.next_in = nil
                stream.pointee.next_out = nil
            }
        }
    }
}
