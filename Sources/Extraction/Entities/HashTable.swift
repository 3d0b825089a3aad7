/// A read-mostly map from word hashes to values: open addressing with linear probing, keyed by
/// the FNV hashes of ``NameForms`` (already well mixed, so no second hashing as `Dictionary` does).
/// Used on the per-word hot path (lexicon, gazetteer and given-name look-ups) and for the
/// corpus's surfaces.
struct HashTable<Value> {
    private var keys: [UInt64]
    private var values: [Value?]
    private var mask: Int
    private(set) var count = 0

    init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = [UInt64](repeating: 0, count: size)
        values = [Value?](repeating: nil, count: size)
        mask = size - 1
    }

    subscript(key: UInt64) -> Value? {
        var i = Int(truncatingIfNeeded: key ^ (key >> 29)) & mask
        while let value = values[i] {
            if keys[i] == key { return value }
            i = (i + 1) & mask
        }
        return nil
    }

    /// Sets the value for `key`, replacing an existing one.
    mutating func set(_ key: UInt64, _ value: Value) {
        if (count + 1) * 2 > keys.count { grow() }
        var i = Int(truncatingIfNeeded: key ^ (key >> 29)) & mask
        while values[i] != nil {
            if keys[i] == key { values[i] = value; return }
            i = (i + 1) & mask
        }
        keys[i] = key
        values[i] = value
        count += 1
    }

    private mutating func grow() {
        var bigger = HashTable(capacity: keys.count)
        for i in keys.indices { if let value = values[i] { bigger.set(keys[i], value) } }
        self = bigger
    }
}

extension HashTable: Sendable where Value: Sendable {}
