/// The hashes of a post's words that are not capitalised, for the test whether a capitalised
/// name is also a common word of the post (`Line`, `line`): a 4096-bit filter that rules most
/// names out at once, and the hashes themselves, which decide (the filter alone wrongly matched
/// about one capitalised word in fifteen in a post of 300 distinct lower-case words). The
/// tokenizer notes the words as it reads them, through a ``Writer``.
struct LowercaseWords {
    private var filter = [UInt64](repeating: 0, count: 64)
    /// The first `count` are the hashes; the rest is room, grown when a paragraph needs more.
    private var hashes = [UInt64](repeating: 0, count: 512)
    private var count = 0

    /// Forgets the words, keeping the room.
    mutating func removeAll() {
        for k in filter.indices { filter[k] = 0 }
        count = 0
    }

    func contains(_ hash: UInt64) -> Bool {
        let bit = hash & 4095
        return filter[Int(bit >> 6)] & (1 << (bit & 63)) != 0 && hashes[..<count].contains(hash)
    }

    /// Runs `body` with a writer that has room for `room` more words.
    mutating func write<R>(room: Int, _ body: (inout Writer) -> R) -> R {
        if hashes.count < count + room {
            hashes += repeatElement(0, count: max(room, hashes.count))
        }
        var written = count
        let result = filter.withUnsafeMutableBufferPointer { filter in
            hashes.withUnsafeMutableBufferPointer { hashes in
                var writer = Writer(filter: filter.baseAddress!, hashes: hashes.baseAddress!, count: written)
                defer { written = writer.count }
                return body(&writer)
            }
        }
        count = written
        return result
    }

    /// Adds words to a ``LowercaseWords`` through pointers: no uniqueness or bounds check per word.
    struct Writer {
        fileprivate let filter: UnsafeMutablePointer<UInt64>
        fileprivate let hashes: UnsafeMutablePointer<UInt64>
        fileprivate var count: Int

        @inline(__always)
        mutating func insert(_ hash: UInt64) {
            let bit = hash & 4095
            filter[Int(bit >> 6)] |= 1 << (bit & 63)
            hashes[count] = hash
            count += 1
        }
    }
}
