import CZlib

/// Decompresses gzip data through zlib, refusing to produce more than a set number of bytes
/// (a gzip bomb is reported, not unpacked).
public enum Gunzip {
    /// Why data could not be decompressed.
    public enum Failure: Error, Equatable {
        case tooLarge(limit: Int)
        case corrupt(String)
        case truncated
    }

    /// Whether `bytes` start with the gzip magic number.
    public static func isGzip(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
    }

    /// The decompressed bytes (all members of a multi-member file).
    public static func decompress(_ input: [UInt8], limit: Int) throws(Failure) -> [UInt8] {
        if let whole = singleMember(input, limit: limit) { return whole }
        return try decompressInChunks(input, limit: limit)
    }

    /// One-shot inflate into an array of exactly the size the gzip trailer announces (ISIZE), for the
    /// common case of one member under 4 GiB; nil when the data is anything else (then the chunked
    /// path decides, with its errors).
    private static func singleMember(_ input: [UInt8], limit: Int) -> [UInt8]? {
        guard let size = GzipInflater.inflatedSize(of: input), size > 0, size <= limit else { return nil }
        var stream = z_stream()
        guard inflateInit2_(&stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
        defer { inflateEnd(&stream) }
        var complete = false
        let output = input.withUnsafeBufferPointer { source in
            [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
                stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
                stream.avail_in = UInt32(source.count)
                stream.next_out = buffer.baseAddress
                stream.avail_out = UInt32(size)
                let status = inflate(&stream, Z_FINISH)
                complete = status == Z_STREAM_END && stream.avail_in == 0 && stream.avail_out == 0
                count = complete ? size : 0
            }
        }
        return complete ? output : nil
    }

    private static func decompressInChunks(_ input: [UInt8], limit: Int) throws(Failure) -> [UInt8] {
        var stream = z_stream()
        guard inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw .corrupt("zlib could not start")
        }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        output.reserveCapacity(min(limit, max(input.count * 4, 1 << 16)))
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var status: Int32 = Z_OK
        var failure: Failure?
        input.withUnsafeBufferPointer { inBuf in
            stream.next_in = UnsafeMutablePointer(mutating: inBuf.baseAddress)
            stream.avail_in = UInt32(inBuf.count)
            repeat {
                chunk.withUnsafeMutableBufferPointer { outBuf in
                    stream.next_out = outBuf.baseAddress
                    stream.avail_out = UInt32(outBuf.count)
                    status = inflate(&stream, Z_NO_FLUSH)
                    let produced = outBuf.count - Int(stream.avail_out)
                    if output.count + produced > limit {
                        failure = .tooLarge(limit: limit)
                    } else {
                        output.append(contentsOf: outBuf[0..<produced])
                    }
                }
                if failure != nil { return }
                if status == Z_STREAM_END && stream.avail_in > 0 {
                    status = inflateReset(&stream) // another gzip member follows
                }
            } while status == Z_OK && (stream.avail_in > 0 || stream.avail_out == 0)
        }
        if let failure { throw failure }
        switch status {
        case Z_STREAM_END: return output
        case Z_OK, Z_BUF_ERROR: throw .truncated
        default:
            let message = stream.msg.map { String(cString: $0) } ?? "error \(status)"
            throw .corrupt(message)
        }
    }
}
