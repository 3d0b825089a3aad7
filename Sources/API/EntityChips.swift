import Storage

/// Every entity's `{"id":…,"name":…,"type":…,"count":` by rank: the start of the object that
/// names an entity in a post's `entities` and in `related`. Read once when the archive opens (a
/// few bytes per entity) so that `post_entities` can store ranks and counts only.
struct EntityChips: Sendable {
    /// The chips one after another; chip `rank` is `bytes[ends[rank - 1]..<ends[rank]]`.
    private let bytes: [UInt8]
    private let ends: [Int]

    /// Reads the chips of every entity from `entities`, whose ranks run from 1 without gaps.
    init(connection: ReadConnection) throws {
        var bytes: [UInt8] = []
        var ends = [0]
        try connection.statement("SELECT id, name, type FROM entities ORDER BY rank").forEachRow { row in
            bytes += "{\"id\":".utf8
            row.withUTF8(0) { JSONText.appendQuoted($0, to: &bytes) }
            bytes += ",\"name\":".utf8
            row.withUTF8(1) { JSONText.appendQuoted($0, to: &bytes) }
            bytes += ",\"type\":".utf8
            row.withUTF8(2) { JSONText.appendQuoted($0, to: &bytes) }
            bytes += ",\"count\":".utf8
            ends.append(bytes.count)
        }
        self.bytes = bytes
        self.ends = ends
    }

    /// Whether an entity has this rank.
    func contains(rank: Int) -> Bool {
        rank >= 1 && rank < ends.count
    }

    /// Appends `{"id":…,"name":…,"type":…,"count":COUNT}` for the entity ranked `rank`, which
    /// must exist (``contains(rank:)``).
    func write(rank: Int, count: Int, to json: inout JSONWriter) {
        bytes.withUnsafeBytes { json.append(bytes: UnsafeRawBufferPointer(rebasing: $0[ends[rank - 1]..<ends[rank]])) }
        json.int(count)
        json.raw("}")
    }
}

/// A post's entities as `post_entities` stores them: `[[rank,count],…]`, most mentioned first.
enum RankedEntities {
    /// Calls `body` with each (rank, count) pair in order, until it returns false. Reads the digits
    /// only: every other number is a rank, the next its count.
    static func forEach(in stored: UnsafeRawBufferPointer, _ body: (_ rank: Int, _ count: Int) -> Bool) {
        var number = 0
        var inNumber = false
        var rank: Int?
        for byte in stored {
            if byte &- UInt8(ascii: "0") < 10 {
                number = number &* 10 &+ Int(byte &- UInt8(ascii: "0"))
                inNumber = true
            } else if inNumber {
                if let first = rank {
                    guard body(first, number) else { return }
                    rank = nil
                } else {
                    rank = number
                }
                number = 0
                inNumber = false
            }
        }
    }
}
