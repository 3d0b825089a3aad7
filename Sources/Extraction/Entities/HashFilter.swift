/// A set of word hashes that may wrongly answer "maybe" but never "no" for a hash it holds: one bit
/// per hash, chosen by its top bits. Read before a large ``HashTable`` that most look-ups miss, it
/// answers most of them from a few kilobytes instead of a cache miss into the table.
struct HashFilter {
    private var words: [UInt64]
    private let shift: UInt64

    /// A filter of `1 << bits` bits (at least 64).
    init(bits: Int) {
        words = [UInt64](repeating: 0, count: 1 << (max(bits, 6) - 6))
        shift = UInt64(64 - max(bits, 6))
    }

    mutating func insert(_ hash: UInt64) {
        let bit = hash >> shift
        words[Int(bit >> 6)] |= 1 << (bit & 63)
    }

    @inline(__always)
    func mayContain(_ hash: UInt64) -> Bool {
        let bit = hash >> shift
        return words.withUnsafeBufferPointer { $0[Int(bit >> 6)] } & (1 << (bit & 63)) != 0
    }
}
