import Storage

/// Writes one page of a cursor-paginated list: `{"items":[…],"next_cursor":…}`.
///
/// Queries ask for `limit + 1` rows; the extra row only tells that another page exists, and the
/// cursor then points after the last item shown.
struct ListPage {
    let limit: Int
    let cursorKind: String
    let version: String
    private(set) var json = JSONWriter(capacity: 4096)
    private var count = 0
    private var lastPosition = 0
    private var hasMore = false

    init(limit: Int, cursorKind: String, version: String) {
        self.limit = limit
        self.cursorKind = cursorKind
        self.version = version
        json.raw("{\"items\":[")
    }

    /// Adds an item whose cursor position is `position`, unless the page is already full.
    mutating func add(position: Int, _ write: (inout JSONWriter) -> Void) {
        guard count < limit else {
            hasMore = true
            return
        }
        json.separator(count)
        write(&json)
        count += 1
        lastPosition = position
    }

    /// Closes the list and returns the body.
    mutating func finish() -> [UInt8] {
        json.raw("],\"next_cursor\":")
        json.string(hasMore ? Cursor(kind: cursorKind, position: lastPosition).encoded(version: version) : nil)
        json.raw("}")
        return json.bytes
    }
}
