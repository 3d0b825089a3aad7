/// The organisations of a corpus, grouped so that each is one group whatever its spelling.
///
/// Names are compared by their *core*: the folded words without `of`, `the`, `and`, `for`, `in`,
/// `affairs` and the country word in front, in sorted order, so that `Ministry of Foreign Affairs`
/// and `Foreign Ministry` agree, and `Department of State` and `State Department`. The country in
/// front (`Russian`, `US`, `Israel's`) is the *qualifier*: a core with a qualifier is its own
/// organisation, and the same core without one is matched to a qualified one by context (see
/// ``group(for:inPost:inContext:)``). An acronym joins the long form printed before it in
/// parentheses, else the one long form whose initials it spells (`OSCE`); a name that starts with
/// such an acronym joins the name that spells it out.
struct OrganizationIndex {
    private(set) var groupOfSurface: SurfaceGroups
    private(set) var groups: [[Int]] = []
    /// For each unqualified group, the qualified groups with its core (empty for the others).
    private var qualifiedOfGroup: [[Int]] = []
    private var weight: [Int] = []

    init(table: SurfaceTable, organizations: [Int]) {
        groupOfSurface = SurfaceGroups(surfaceCount: table.surfaces.count)
        var byKey: [String: Int] = [:]
        var union = UnionFind(count: organizations.count)
        var position: [Int: Int] = [:]
        var initials: [String: [Int]] = [:]
        var cores: [Int: (core: String, qualifier: String)] = [:]
        for (n, id) in organizations.enumerated() {
            position[id] = n
            let surface = table[id]
            let (core, qualifier) = Self.core(surface)
            cores[n] = (core, qualifier)
            let key = "\(qualifier)|\(core)"
            if let same = byKey[key] { union.join(same, n) } else { byKey[key] = n }
            if surface.words > 1 { initials[Self.initials(surface.form), default: []].append(n) }
        }
        for (n, id) in organizations.enumerated() where table[id].words == 1 {
            let surface = table[id]
            if let expansion = surface.expansion, let long = table.find(expansion, .organization), let m = position[long] {
                union.join(n, m)
            } else if let longForms = initials[NameForms.fold(surface.form)] {
                let roots = Set(longForms.map { union.find($0) })
                if roots.count == 1 { union.join(n, longForms[0]) }
            }
        }
        Self.joinSpelledOutAcronyms(table: table, organizations: organizations, byKey: byKey, union: &union)
        let (groupOfName, groupCount) = union.numbered()
        groups = Array(repeating: [], count: groupCount)
        weight = Array(repeating: 0, count: groupCount)
        for (n, id) in organizations.enumerated() {
            let group = groupOfName[n]
            groups[group].append(id)
            weight[group] += table[id].count
            groupOfSurface[id] = group
        }
        // Qualified groups by core, and the core of each unqualified group.
        var qualifiedByCore: [String: [Int]] = [:]
        var unqualifiedCore: [Int: String] = [:]
        for (n, id) in organizations.enumerated() {
            guard let group = groupOfSurface[id], table[id].words > 1 else { continue }
            let (core, qualifier) = cores[n]!
            if !qualifier.isEmpty {
                if !(qualifiedByCore[core]?.contains(group) ?? false) { qualifiedByCore[core, default: []].append(group) }
            } else if !groups[group].contains(where: { !cores[position[$0]!]!.qualifier.isEmpty }) {
                unqualifiedCore[group] = core
            }
        }
        qualifiedOfGroup = Array(repeating: [], count: groupCount)
        for (group, core) in unqualifiedCore { qualifiedOfGroup[group] = qualifiedByCore[core] ?? [] }
    }

    /// The group for an organisation mention: an unqualified name (`Foreign Ministry`) goes to the
    /// qualified group with its core named in the same post, else in the same context, else the one
    /// that has two thirds of the qualified mentions.
    func group(for surface: Int, inPost: GroupCounts, inContext: GroupCounts) -> Int? {
        guard let group = groupOfSurface[surface] else { return nil }
        let qualified = qualifiedOfGroup[group]
        guard !qualified.isEmpty else { return group }
        if let here = qualified.first(where: { inPost[group: $0] != nil }) { return here }
        if let best = qualified.filter({ inContext[group: $0] != nil })
            .max(by: { (inContext[group: $0]!, -$0) < (inContext[group: $1]!, -$1) }) {
            return best
        }
        let total = qualified.reduce(0) { $0 + weight[$1] }
        if let top = qualified.max(by: { (weight[$0], -$0) < (weight[$1], -$1) }), weight[top] * 3 >= total * 2 { return top }
        return group
    }

    /// `UN Security Council` is `United Nations Security Council` when the corpus spells `UN` out:
    /// a name whose first word is an acronym joined to a long form is also looked up with the long
    /// form in its place.
    private static func joinSpelledOutAcronyms(table: SurfaceTable, organizations: [Int], byKey: [String: Int],
                                               union: inout UnionFind) {
        var longFormOfRoot: [Int: [String]] = [:]
        for (n, id) in organizations.enumerated() where table[id].words > 1 {
            let root = union.find(n)
            if longFormOfRoot[root] == nil {
                longFormOfRoot[root] = foldedWords(table[id].form)
            }
        }
        var longFormOfAcronym: [String: [String]] = [:]
        for (n, id) in organizations.enumerated() where table[id].words == 1 {
            if let long = longFormOfRoot[union.find(n)] { longFormOfAcronym[NameForms.fold(table[id].form)] = long }
        }
        guard !longFormOfAcronym.isEmpty else { return }
        for (n, id) in organizations.enumerated() where table[id].words > 1 {
            let words = foldedWords(table[id].form)
            guard let long = longFormOfAcronym[words[0]] else { continue }
            let (core, qualifier) = core(words: long + words.dropFirst(), qualifiers: table[id].qualifiers)
            if let same = byKey["\(qualifier)|\(core)"] { union.join(same, n) }
        }
    }

    private static let skipped: Set<String> = ["of", "the", "and", "for", "in", "on", "at", "affairs"]

    /// The core of an organisation's name and its qualifier: `p` and the gazetteer index of a
    /// country or demonym in front or in a possessive before it (`Israel's`), or `s` and the first
    /// letters of an unknown adjective that looks like a demonym (`Durnish` → `s:durn`); empty for none.
    static func core(_ surface: SurfaceTable.Surface) -> (String, String) {
        let words = foldedWords(surface.form)
        if surface.words == 1 { return ("acronym " + (words.first ?? ""), "") }
        return core(words: words, qualifiers: surface.qualifiers)
    }

    /// The words of `form` folded (split on bytes where that is safe: by characters, splitting a
    /// name of a few words costs thousands of instructions).
    private static func foldedWords(_ form: String) -> [String] {
        NameForms.words(NameForms.fold(form)).map(String.init)
    }

    /// ``core(_:)`` of a name of several words, folded, with the countries its mentions name in a
    /// possessive before it.
    private static func core(words: [String], qualifiers: [Int32: Int]) -> (String, String) {
        var words = words
        var qualifier = ""
        if let first = words.first, words.count > 1 {
            let hash = NameForms.hash(first)
            if let country = Gazetteer.demonym(hash) {
                qualifier = "p\(country)"
            } else if let entry = Gazetteer.entry(hash), Gazetteer.data.places[Int(entry.place)].kind == .country {
                qualifier = "p\(entry.place)"
            } else if first.count >= 5, demonymEndings.contains(where: { first.hasSuffix($0) }),
                      Lexicon.classes(hash).isDisjoint(with: [.orgHead, .titleWord, .direction]) {
                qualifier = "s:" + String(decoding: NameForms.skeleton(first).prefix(4), as: UTF8.self)
            }
            if !qualifier.isEmpty { words.removeFirst() }
        }
        if qualifier.isEmpty, let best = qualifiers.max(by: { ($0.value, -$0.key) < ($1.value, -$1.key) }) {
            qualifier = "p\(best.key)" // `Israel's Foreign Ministry`
        }
        if let last = words.last { words[words.count - 1] = singularHead(last) }
        let core = words.filter { !skipped.contains($0) }.map { String($0.filter { $0 != "-" }) }
        return (core.sorted().joined(separator: " "), qualifier)
    }

    /// `fleets` → `fleet`, `ministries` → `ministry`: the plural of an organisation's head word, as
    /// in `the Northern and Black Sea Fleets`, is compared as the singular (only names of the same
    /// corpus are compared, so `Armed Forces` meets no `Armed Force`).
    private static func singularHead(_ word: String) -> String {
        guard word.hasSuffix("s") else { return word }
        let singular = word.hasSuffix("ies") ? String(word.dropLast(3)) + "y" : String(word.dropLast())
        return Lexicon.classes(NameForms.hash(singular)).contains(.orgHead) ? singular : word
    }

    private static let demonymEndings = ["ian", "ish", "ese", "ean", "an", "i"]

    /// `Organization for Security and Co-operation in Europe` → `osce`.
    static func initials(_ name: String) -> String {
        var out = ""
        for word in NameForms.words(name) {
            guard let first = word.first, first.isUppercase else { continue }
            out += String(first).lowercased()
        }
        return NameForms.fold(out)
    }
}
