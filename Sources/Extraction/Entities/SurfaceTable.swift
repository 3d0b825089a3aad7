/// Every spelling of every name in the corpus, with the evidence of all the posts that use it.
///
/// A spelling is told apart by its folded form and its hint (`Austin` as a lone word and `Austin`
/// as a gazetteer city are two surfaces). ``postSurfaces`` maps each post's mentions to surfaces.
struct SurfaceTable {
    struct Surface {
        var key: UInt64
        var hint: Hint
        var words: Int
        var evidence: Evidence = []
        var count = 0
        var posts = 0
        /// Spellings as printed, with their counts (case and diacritics may differ).
        var forms: [String: Int] = [:]
        var titles: [String: Int] = [:]
        var titledForms: [String: Int] = [:]
        var place: Int32 = -1
        var qualifiers: [Int32: Int] = [:]
        var expansion: UInt64?

        /// The most frequent printed spelling (ties: the first in code-point order).
        var form: String { Surface.mostFrequent(forms) ?? "" }

        static func mostFrequent(_ counts: [String: Int]) -> String? {
            counts.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key
        }
    }

    private(set) var surfaces: [Surface] = []
    /// For each post, the surface of each of its mentions.
    private(set) var postSurfaces: [[Int]] = []

    private var index: [SurfaceKey: Int] = [:]

    init(_ posts: [PostCandidates]) {
        postSurfaces.reserveCapacity(posts.count)
        for post in posts {
            var ids: [Int] = []
            ids.reserveCapacity(post.mentions.count)
            for mention in post.mentions {
                let key = SurfaceKey(key: mention.key, hint: mention.hint)
                let id: Int
                if let existing = index[key] {
                    id = existing
                } else {
                    id = surfaces.count
                    index[key] = id
                    surfaces.append(Surface(key: mention.key, hint: mention.hint, words: mention.words, place: mention.place))
                }
                surfaces[id].evidence.formUnion(mention.evidence)
                surfaces[id].count += mention.count
                surfaces[id].posts += 1
                surfaces[id].forms[mention.surface, default: 0] += mention.count
                for title in mention.titles { surfaces[id].titles[title, default: 0] += 1 }
                for form in mention.titledForms { surfaces[id].titledForms[form, default: 0] += 1 }
                if mention.qualifier >= 0 { surfaces[id].qualifiers[mention.qualifier, default: 0] += 1 }
                if surfaces[id].expansion == nil { surfaces[id].expansion = mention.expansion }
                ids.append(id)
            }
            postSurfaces.append(ids)
        }
    }

    subscript(id: Int) -> Surface { surfaces[id] }

    /// The surface with folded key `key` and hint `hint`, if the corpus has it.
    func find(_ key: UInt64, _ hint: Hint) -> Int? {
        index[SurfaceKey(key: key, hint: hint)]
    }
}

private struct SurfaceKey: Hashable {
    let key: UInt64
    let hint: Hint
}
