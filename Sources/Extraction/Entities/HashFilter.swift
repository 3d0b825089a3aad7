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

/// A ``HashTable`` with a ``HashFilter`` of its keys in front, for a large table that most
/// look-ups miss (the gazetteer's names, the lexicon's words): a miss is mostly answered by the
/// filter, which stays in the core's cache, without a probe into the table.
struct FilteredHashTable<Value> {
    private var table: HashTable<Value>
    private var filter: HashFilter

    /// A table for `capacity` keys behind a filter of `1 << filterBits` bits.
    init(capacity: Int, filterBits: Int) {
        table = HashTable(capacity: capacity)
        filter = HashFilter(bits: filterBits)
    }

    @inline(__always)
    subscript(key: UInt64) -> Value? {
        filter.mayContain(key) ? table[key] : nil
    }

    /// Sets the value for `key`, replacing an existing one.
    mutating func set(_ key: UInt64, _ value: Value) {
        table.set(key, value)
        filter.insert(key)
    }
}

extension FilteredHashTable: Sendable where Value: Sendable {}
