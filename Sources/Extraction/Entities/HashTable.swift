/// A read-mostly map from word hashes to values: open addressing with linear probing, keyed by
/// the hashes of ``NameForms`` (already well mixed, so no second hashing as `Dictionary` does).
/// Used on the per-word hot path (lexicon, gazetteer and given-name look-ups) and for the
/// corpus's surfaces. Each slot holds its key and value side by side, so a probe reads one cache line.
struct HashTable<Value> {
    fileprivate struct Slot {
        var key: UInt64
        var value: Value?
    }

    private var slots: [Slot]
    private var mask: Int
    private(set) var count = 0

    /// A table for `capacity` keys; it stays at most half full, growing as needed.
    init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Slot](repeating: Slot(key: 0, value: nil), count: size)
        mask = size - 1
    }

    subscript(key: UInt64) -> Value? {
        slots.withUnsafeBufferPointer { slots in
            var i = Int(truncatingIfNeeded: key ^ (key >> 29)) & mask
            while true {
                if slots[i].key == key, let value = slots[i].value { return value }
                if slots[i].value == nil { return nil }
                i = (i + 1) & mask
            }
        }
    }

    /// Sets the value for `key`, replacing an existing one.
    mutating func set(_ key: UInt64, _ value: Value) {
        if (count + 1) * 2 > slots.count { grow() }
        var i = Int(truncatingIfNeeded: key ^ (key >> 29)) & mask
        while slots[i].value != nil {
            if slots[i].key == key { slots[i].value = value; return }
            i = (i + 1) & mask
        }
        slots[i] = Slot(key: key, value: value)
        count += 1
    }

    /// Empties the table, keeping its room.
    mutating func removeAll() {
        slots.withUnsafeMutableBufferPointer { slots in
            for i in slots.indices { slots[i].value = nil }
        }
        count = 0
    }

    private mutating func grow() {
        var bigger = HashTable(capacity: slots.count)
        for slot in slots { if let value = slot.value { bigger.set(slot.key, value) } }
        self = bigger
    }
}

extension HashTable: Sendable where Value: Sendable {}
extension HashTable.Slot: Sendable where Value: Sendable {}

/// Mention counts by group number (of ``PersonIndex`` or ``OrganizationIndex``), for the
/// resolver's look-ups per post and per context. Group numbers are small and dense, so they go
/// into the table unhashed: distinct numbers take distinct slots until it wraps.
typealias GroupCounts = HashTable<Int>

extension HashTable where Value == Int {
    /// The count of `group`, nil when it has none.
    subscript(group group: Int) -> Int? { self[UInt64(truncatingIfNeeded: group)] }

    /// Adds `count` to the count of `group`.
    mutating func add(_ count: Int, to group: Int) {
        let key = UInt64(truncatingIfNeeded: group)
        set(key, (self[key] ?? 0) + count)
    }
}
