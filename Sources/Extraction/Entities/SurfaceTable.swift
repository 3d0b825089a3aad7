/// Every spelling of every name in the corpus, with the evidence of all the posts that use it.
///
/// A spelling is told apart by its folded form and its hint (`Austin` as a lone word and `Austin`
/// as a gazetteer city are two surfaces). ``postSurfaces`` maps each post's mentions to surfaces.
struct SurfaceTable {
    /// Texts as printed with their counts, in the order first met: a short list, searched by
    /// ``addForm(_:_:to:)`` (cheaper than hashing each text into a dictionary).
    typealias Counts = [(form: String, count: Int)]

    struct Surface {
        var key: UInt64
        var hint: Hint
        var words: Int
        var evidence: Evidence = []
        var count = 0
        var posts = 0
        /// Spellings as printed, with their counts (case and diacritics may differ).
        var forms: Counts = []
        /// Skeletons (``NameForms/skeleton(_:)``) of the whole name and of its last word.
        var skeleton = Skeleton(bytes: [])
        var surname = Skeleton(bytes: [])
        /// Titles given to it and titled spellings, each counted once per post.
        var titles: Counts = []
        var titledForms: Counts = []
        var place: Int32 = -1
        var qualifiers: [Int32: Int] = [:]
        var expansion: UInt64?

        /// The most frequent printed spelling (ties: the first in code-point order).
        var form: String { Self.mostFrequent(forms) }

        /// The most frequent spelling of `forms` (ties: the first in code-point order). (Called
        /// with the list of a surface in the table, it does not copy the surface as ``form`` may.)
        static func mostFrequent(_ forms: Counts) -> String {
            forms.max { $0.count != $1.count ? $0.count < $1.count : $0.form > $1.form }?.form ?? ""
        }
    }

    private(set) var surfaces: [Surface] = []
    /// For each post, the surface of each of its mentions (32-bit: kept until the corpus is written).
    private(set) var postSurfaces: [[Int32]] = []

    /// Surface ids by folded key, one table per hint.
    private var index = [HashTable<Int>](repeating: HashTable(capacity: 1024), count: Hint.allCases.count)

    init(_ posts: [PostCandidates]) {
        postSurfaces.reserveCapacity(posts.count)
        for post in posts {
            var ids: [Int32] = []
            ids.reserveCapacity(post.mentions.count)
            for m in post.mentions.indices { ids.append(Int32(add(post.mentions, m))) }
            postSurfaces.append(ids)
        }
    }

    /// Pools mention `m` of a post into its surface, creating the surface when it is new; returns its
    /// id. (The mention is read in place: copying it would cost more than the rest.)
    private mutating func add(_ mentions: [SurfaceMention], _ m: Int) -> Int {
        let (key, hint) = (mentions[m].key, mentions[m].hint)
        let id: Int
        if let existing = index[Int(hint.rawValue)][key] {
            id = existing
        } else {
            id = surfaces.count
            index[Int(hint.rawValue)].set(key, id)
            let words = mentions[m].words
            var surface = Surface(key: key, hint: hint, words: words, place: mentions[m].place)
            var text = mentions[m].surface
            let last = words == 1 ? nil : NameForms.wordRanges(text).last
            text.withUTF8 { bytes in
                surface.skeleton = Skeleton(bytes, 0, bytes.count)
                surface.surname = last.map { Skeleton(bytes, $0.lowerBound, $0.upperBound) } ?? surface.skeleton
            }
            surfaces.append(consume surface)
        }
        Self.pool(mentions, m, into: &surfaces[id])
        return id
    }

    /// Pools the evidence, counts, spellings and titles of mention `m` into `surface`.
    private static func pool(_ mentions: [SurfaceMention], _ m: Int, into surface: inout Surface) {
        let count = mentions[m].count
        surface.evidence.formUnion(mentions[m].evidence)
        surface.count += count
        surface.posts += 1
        Self.addForm(mentions[m].surface, count, to: &surface.forms)
        for title in mentions[m].titles { addForm(title, 1, to: &surface.titles) }
        for form in mentions[m].titledForms { addForm(form, 1, to: &surface.titledForms) }
        if mentions[m].qualifier >= 0 { surface.qualifiers[mentions[m].qualifier, default: 0] += 1 }
        if surface.expansion == nil { surface.expansion = mentions[m].expansion }
    }

    /// Counts `count` more uses of the text `form` in `forms`.
    @inline(__always)
    static func addForm(_ form: String, _ count: Int, to forms: inout Counts) {
        for f in forms.indices where forms[f].form == form {
            forms[f].count += count
            return
        }
        forms.append((form, count))
    }

    /// Adds the counts of `other` to `forms`; an empty `forms` takes `other` as it is (shared, not
    /// rebuilt entry by entry).
    static func addForms(_ other: Counts, to forms: inout Counts) {
        if forms.isEmpty {
            forms = other
        } else {
            for (form, count) in other { addForm(form, count, to: &forms) }
        }
    }

    /// Surface `id`, read in place (a copy would retain and release its five arrays and dictionaries).
    subscript(id: Int) -> Surface {
        _read { yield surfaces[id] }
    }

    /// The surface with folded key `key` and hint `hint`, if the corpus has it.
    func find(_ key: UInt64, _ hint: Hint) -> Int? {
        index[Int(hint.rawValue)][key]
    }
}

/// The group of each surface of a ``SurfaceTable`` (nil: in none), in a flat array indexed by
/// surface id: the resolver looks groups up once per mention.
struct SurfaceGroups {
    private var groups: [Int32]

    init(surfaceCount: Int) { groups = Array(repeating: -1, count: surfaceCount) }

    subscript(surface: Int) -> Int? {
        get { groups[surface] < 0 ? nil : Int(groups[surface]) }
        set { groups[surface] = newValue.map(Int32.init) ?? -1 }
    }
}
