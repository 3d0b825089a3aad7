/// The corpus-wide pass: decides what each name is with all posts in view, gives each real
/// entity one group whatever its spelling, and counts mentions and links quotes.
///
/// 1. Every spelling's evidence is pooled over the corpus (``SurfaceTable``).
/// 2. Full names with personal evidence (a title, a byline, a speech verb, a given name, being
///    quoted), or whose surname is known as a person's, become persons and are grouped
///    (``PersonIndex``); organisations are grouped (``OrganizationIndex``); gazetteer places by
///    their place, other places by their skeleton.
/// 3. Each mention is resolved in its post: a lone word is first a surname of a person named in
///    the same post, the same context, or the corpus; a gazetteer word that is also a known
///    surname (`Austin`) is the person when that person is named nearby or the word is used like
///    a person's; an ambiguous place name (`Mobile`) needs a capital mid-sentence or `in …`; a demonym counts
///    for its country only when the country itself is named somewhere in the corpus. A lone
///    capitalised word with no evidence at all (a sentence's first word, a headline's capitals)
///    is dropped.
///
/// Step 3 and the naming of the entities run on all cores; clusters are numbered in post order, so
/// the result does not depend on scheduling.
enum EntityResolver {
    static func resolve(_ posts: [PostCandidates], leftovers: Leftovers? = nil) -> EntityCorpus {
        let resolver = Resolution(table: SurfaceTable(posts), posts: posts)
        // Runs of posts on all cores, each reusing one scope's tables.
        let run = 64
        let keys = Parallel.map(Array(stride(from: 0, to: posts.count, by: run))) { start in
            var here = Resolution.Scope()
            return (start..<min(start + run, posts.count)).map { resolver.clusterKeys(post: $0, posts[$0].mentions, &here) }
        }
        var clusters = Resolution.Clusters(resolver)
        // The posts' mentions are passed, not the posts (a copy of a post would retain its quotes too).
        for p in posts.indices {
            clusters.assign(post: p, posts[p].mentions, keys: keys[p / run][p % run], surfaces: resolver.table.postSurfaces[p])
        }
        clusters.poolSpellings(resolver.table, posts)
        let corpus = resolver.build(posts, clusters)
        // Freeing the clusters, their names and the table takes 0.07–0.09 s at 50 MB, while the
        // ingest waits for the corpus.
        if let leftovers {
            leftovers.keep((consume resolver, consume keys, consume clusters))
        } else {
            releaseInBackground((consume resolver, consume keys, consume clusters))
        }
        return corpus
    }
}

/// What one resolution knows of the corpus, set in `init` and never changed, so that `clusterKeys`
/// and `build` may run on several threads at once; the clusters are made in ``Clusters``.
private final class Resolution: @unchecked Sendable {
    /// What a mention refers to; lone names and places outside the gazetteer by the number of
    /// their skeleton (``skeletonOfSurface``), so that a key holds no reference.
    enum ClusterKey {
        // 32-bit numbers: the keys of every mention are kept until the corpus is written (8 bytes each, not 16).
        case personGroup(Int32), loneName(Int32), organization(Int32), gazetteer(Int32), place(Int32)

        var type: EntityType {
            switch self {
            case .personGroup, .loneName: return .person
            case .organization: return .organization
            case .gazetteer, .place: return .place
            }
        }
    }

    struct Cluster {
        var key: ClusterKey
        var type: EntityType
        var count = 0
        var posts = 0
        var lastPost = -1
        var forms: SurfaceTable.Counts = []
        var titles: SurfaceTable.Counts = []
        var titledForms: SurfaceTable.Counts = []

        /// Counts `count` mentions in post `post` (posts are counted in order).
        mutating func count(_ count: Int, post: Int) {
            self.count += count
            if lastPost != post {
                posts += 1
                lastPost = post
            }
        }

    }

    let table: SurfaceTable
    let people: PersonIndex
    let organizations: OrganizationIndex
    /// Gazetteer places named (not only as demonyms) somewhere in the corpus.
    let namedPlaces: Set<Int32>
    /// The context of each post, numbered in the order of first use.
    let contextOfPost: [Int]
    /// Full-name persons and qualified organisations by context number, with their mention counts.
    let peopleByContext: [GroupCounts]
    let organizationsByContext: [GroupCounts]
    /// Mentions of each person group in the corpus.
    let personWeight: [Int]
    /// For each surface that may be a lone surname, the person groups its skeleton may refer to
    /// (``PersonIndex/candidates(forSurname:)``), looked up once rather than per mention.
    let skeletonPeople: [[Int]]
    /// The number of each surface's skeleton, and of the skeleton its place is keyed by
    /// (``placeKey(_:)``), skeletons numbered as first met (-1: organisations and demonyms, which
    /// need none); and how many skeletons there are.
    let skeletonOfSurface: [Int32]
    let placeSkeletonOfSurface: [Int32]
    let skeletonCount: Int

    init(table: SurfaceTable, posts: [PostCandidates]) {
        self.table = table
        var fullNames: [Int] = []
        var organizationSurfaces: [Int] = []
        var surnames: Set<Skeleton> = []
        var places: Set<Int32> = []
        for id in table.surfaces.indices {
            let evidence = table[id].evidence
            switch table[id].hint {
            case .person where table[id].words >= 2:
                fullNames.append(id)
                surnames.insert(table[id].surname)
            case .name where !evidence.isDisjoint(with: Evidence.personal):
                fullNames.append(id)
                surnames.insert(table[id].surname)
            case .person, .word:
                if !evidence.isDisjoint(with: [.title, .speech, .who, .quoted, .byline]) {
                    surnames.insert(table[id].skeleton)
                }
            case .organization:
                organizationSurfaces.append(id)
            case .place:
                if table[id].place >= 0 && Self.acceptsPlace(evidence) { places.insert(table[id].place) }
            default:
                break
            }
        }
        var confirmed = [Bool](repeating: false, count: table.surfaces.count)
        for id in fullNames { confirmed[id] = true }
        for id in table.surfaces.indices where table[id].hint == .name && !confirmed[id] {
            if surnames.contains(table[id].surname) { fullNames.append(id) }
        }
        let people = PersonIndex(table: table, fullNames: fullNames)
        self.people = people
        organizations = OrganizationIndex(table: table, organizations: organizationSurfaces)
        namedPlaces = places
        var personWeight = [Int](repeating: 0, count: people.groupCount)
        var contextNumbers = HashTable<Int>(capacity: 256)
        var contextOfPost: [Int] = []
        contextOfPost.reserveCapacity(posts.count)
        var peopleByContext: [GroupCounts] = []
        var organizationsByContext: [GroupCounts] = []
        for p in posts.indices {
            let ids = table.postSurfaces[p]
            let key = UInt64(truncatingIfNeeded: posts[p].context)
            let context: Int
            if let known = contextNumbers[key] {
                context = known
            } else {
                context = peopleByContext.count
                contextNumbers.set(key, context)
                peopleByContext.append(GroupCounts())
                organizationsByContext.append(GroupCounts())
            }
            contextOfPost.append(context)
            for m in posts[p].mentions.indices {
                let count = posts[p].mentions[m].count
                if let group = people.groupOfSurface[Int(ids[m])] {
                    peopleByContext[context].add(count, to: group)
                    personWeight[group] += count
                } else if case .organization = posts[p].mentions[m].hint, posts[p].mentions[m].words > 1,
                          let group = organizations.groupOfSurface[Int(ids[m])] {
                    organizationsByContext[context].add(count, to: group)
                }
            }
        }
        self.personWeight = personWeight
        self.contextOfPost = contextOfPost
        self.peopleByContext = peopleByContext
        self.organizationsByContext = organizationsByContext
        (skeletonOfSurface, placeSkeletonOfSurface, skeletonCount) = Self.numberSkeletons(table)
        skeletonPeople = table.surfaces.indices.map { id in
            switch table[id].hint {
            case .person, .name, .word, .place: return people.candidates(forSurname: table[id].skeleton)
            case .organization, .demonym: return []
            }
        }
    }

    /// A gazetteer name that is also a common word (`Mobile`) counts only when some post writes it
    /// with a capital in the middle of a sentence, or with `in …`-style evidence.
    static func acceptsPlace(_ evidence: Evidence) -> Bool {
        !evidence.contains(.ambiguous) || !evidence.isDisjoint(with: [.placeContext, .running])
    }

    /// What each of the `mentions` of post `p` refers to (nil: not an entity); `here` is set to the post's
    /// scope (its tables are reused from post to post).
    func clusterKeys(post p: Int, _ mentions: [SurfaceMention], _ here: inout Scope) -> [ClusterKey?] {
        let ids = table.postSurfaces[p]
        here.people.removeAll()
        here.organizations.removeAll()
        here.peopleInContext = peopleByContext[contextOfPost[p]]
        here.organizationsInContext = organizationsByContext[contextOfPost[p]]
        for m in mentions.indices {
            if let group = people.groupOfSurface[Int(ids[m])] { here.people.add(mentions[m].count, to: group) }
            // (A pattern, not `==`, which perf shows called through the Equatable witness here.)
            if case .organization = mentions[m].hint, let group = organizations.groupOfSurface[Int(ids[m])] {
                here.organizations.add(1, to: group)
            }
        }
        var keys: [ClusterKey?] = []
        keys.reserveCapacity(ids.count)
        for m in mentions.indices { keys.append(clusterKey(mentions, m, Int(ids[m]), here)) }
        return keys
    }

    /// The groups named in one post and in its context, which decide what its short names refer to.
    struct Scope {
        /// Person groups named in full in the post, with their mention counts.
        var people = GroupCounts()
        /// Organisation groups named in the post (count: how many of its spellings).
        var organizations = GroupCounts()
        var peopleInContext = GroupCounts()
        var organizationsInContext = GroupCounts()
    }

    /// What mention `m` of a post's `mentions`, of surface `id`, refers to. (Mentions are read in place: a copy
    /// of one costs more than the look-up.)
    private func clusterKey(_ mentions: [SurfaceMention], _ m: Int, _ id: Int, _ here: Scope) -> ClusterKey? {
        let (words, place) = (mentions[m].words, mentions[m].place)
        let evidence = table[id].evidence
        switch mentions[m].hint {
        case .person, .name:
            if let group = people.groupOfSurface[id] { return .personGroup(Int32(group)) }
            if words == 1 { return lone(id, here) }
            if evidence.contains(.placeContext) && evidence.contains(.running) {
                return placeKey(id)
            }
            // `Von der Leyen`: a surname without its given name.
            guard let group = people.group(among: people.candidates(forSurname: table[id].surname), inPost: here.people,
                                           inContext: here.peopleInContext, weight: personWeight) else { return nil }
            return .personGroup(Int32(group))
        case .word:
            return lone(id, here)
        case .place:
            if words == 1 && place >= 0 {
                let usedAsPerson = !mentions[m].evidence.isDisjoint(with: [.title, .speech, .quoted])
                if people.knows(surname: table[id].skeleton),
                   let group = people.group(among: skeletonPeople[id], inPost: here.people, inContext: here.peopleInContext,
                                            weight: personWeight),
                   usedAsPerson || here.people[group: group] != nil || here.peopleInContext[group: group] != nil {
                    return .personGroup(Int32(group))
                }
            }
            if place >= 0 { return Self.acceptsPlace(evidence) ? .gazetteer(place) : nil }
            return placeKey(id)
        case .organization:
            return organizations.group(for: id, inPost: here.organizations, inContext: here.organizationsInContext)
                .map { .organization(Int32($0)) }
        case .demonym:
            return namedPlaces.contains(place) ? .gazetteer(place) : nil
        }
    }

    /// The key of a place outside the gazetteer.
    private func placeKey(_ id: Int) -> ClusterKey { .place(placeSkeletonOfSurface[id]) }

    /// ``skeletonOfSurface``, ``placeSkeletonOfSurface`` and ``skeletonCount`` of `table`. A place
    /// whose name ends with a natural feature's word is keyed by the words before it, so that
    /// `Oskara River` and a later bare `Oskara` are one place.
    private static func numberSkeletons(_ table: SurfaceTable) -> (skeletons: [Int32], places: [Int32], count: Int) {
        var numbers = HashTable<Int32>(capacity: table.surfaces.count)
        var numbered: [Skeleton] = []
        func number(_ skeleton: Skeleton) -> Int32 {
            let number = find(skeleton.key, in: &numbers, matching: { numbered[Int($0)] == skeleton }) { Int32(numbered.count) }
            if number == numbered.count { numbered.append(skeleton) }
            return number
        }
        var skeletons: [Int32] = []
        var places: [Int32] = []
        skeletons.reserveCapacity(table.surfaces.count)
        places.reserveCapacity(table.surfaces.count)
        for id in table.surfaces.indices {
            let hint = table[id].hint
            guard hint != .organization && hint != .demonym else {
                skeletons.append(-1)
                places.append(-1)
                continue
            }
            let skeleton = number(table[id].skeleton)
            skeletons.append(skeleton)
            // Only these surfaces may be keyed as places by a name of several words.
            let evidence = table[id].evidence
            guard hint == .place || evidence.contains(.placeContext) && evidence.contains(.running) else {
                places.append(skeleton)
                continue
            }
            let words = NameForms.words(table[id].form)
            if words.count > 1, let last = words.last, featureHeads.contains(NameForms.hash(String(last))) {
                places.append(number(Skeleton(words.dropLast().joined(separator: " "))))
            } else {
                places.append(skeleton)
            }
        }
        return (skeletons, places, numbered.count)
    }

    private static let featureHeads = Set("river lake sea ocean gulf bay strait peninsula mountains valley desert canal"
        .split(separator: " ").map { NameForms.hash(String($0)) })

    /// A lone capitalised word: a surname, a person known by one name (with a title, a byline or
    /// `, who`), a place (`in …`), or nothing. A word the posts also use in lower case is neither of
    /// the last two.
    private func lone(_ id: Int, _ here: Scope) -> ClusterKey? {
        guard !table[id].skeleton.isEmpty else { return nil }
        let skeleton = skeletonOfSurface[id]
        if let group = people.group(among: skeletonPeople[id], inPost: here.people, inContext: here.peopleInContext, weight: personWeight) {
            return .personGroup(Int32(group))
        }
        let evidence = table[id].evidence
        guard !evidence.contains(.commonWord) else { return nil }
        if !evidence.isDisjoint(with: [.title, .who, .byline]) { return .loneName(skeleton) }
        if evidence.contains(.placeContext) && evidence.contains(.running) { return .place(skeleton) }
        return nil
    }

    /// The clusters of a resolution and the cluster of each mention, made post by post in post order.
    struct Clusters {
        var list: [Cluster] = []
        /// The cluster of each key (-1: none yet): person groups, lone names, organisation groups,
        /// gazetteer places and other places by number, each kind from its ``firstSlot``.
        private var clusterOfKey: [Int32]
        private let firstSlot: (loneName: Int, organization: Int, gazetteer: Int, place: Int)
        /// Cluster of each mention of each post (-1: not an entity).
        private(set) var resolved: [[Int32]] = []
        /// The number of mentions that have a cluster.
        private(set) var resolvedCount = 0
        /// The cluster of all the mentions of each surface (-1: none seen yet; -2: not all in one cluster).
        private var clusterOfSurface: [Int32]

        init(_ resolution: Resolution) {
            let loneName = resolution.people.groupCount
            let organization = loneName + resolution.skeletonCount
            let gazetteer = organization + resolution.organizations.groups.count
            let place = gazetteer + Gazetteer.data.places.count
            firstSlot = (loneName, organization, gazetteer, place)
            clusterOfKey = Array(repeating: -1, count: place + resolution.skeletonCount)
            clusterOfSurface = Array(repeating: -1, count: resolution.table.surfaces.count)
        }

        /// Counts the `mentions` of post `p` in their clusters, creating clusters as they first appear.
        /// Their spellings and titles are pooled later, by ``poolSpellings(_:_:)``.
        mutating func assign(post p: Int, _ mentions: [SurfaceMention], keys: [ClusterKey?], surfaces ids: [Int32]) {
            var row: [Int32] = []
            row.reserveCapacity(mentions.count)
            for m in mentions.indices {
                guard let key = keys[m] else {
                    clusterOfSurface[Int(ids[m])] = -2
                    row.append(-1)
                    continue
                }
                let cluster = Int32(self.cluster(key))
                let one = clusterOfSurface[Int(ids[m])]
                clusterOfSurface[Int(ids[m])] = one == -1 || one == cluster ? cluster : -2
                row.append(cluster)
                resolvedCount += 1
            }
            // Counted once the post's clusters exist, in place (not through a uniqueness check each).
            list.withUnsafeMutableBufferPointer { clusters in
                for m in mentions.indices where row[m] >= 0 {
                    clusters[Int(row[m])].count(mentions[m].count, post: p)
                }
            }
            resolved.append(row)
        }

        /// Pools the spellings, titles and titled forms of the mentions into their clusters: those of
        /// a surface whose mentions are all in one cluster at once (the table has pooled them over
        /// the same mentions; the first such surface of a cluster lends it its lists), the others
        /// mention by mention.
        mutating func poolSpellings(_ table: SurfaceTable, _ posts: [PostCandidates]) {
            for id in table.surfaces.indices where clusterOfSurface[id] >= 0 {
                let c = Int(clusterOfSurface[id])
                if table[id].hint != .demonym { SurfaceTable.addForms(table[id].forms, to: &list[c].forms) }
                SurfaceTable.addForms(table[id].titles, to: &list[c].titles)
                SurfaceTable.addForms(table[id].titledForms, to: &list[c].titledForms)
            }
            guard clusterOfSurface.contains(-2) else { return }
            for p in posts.indices {
                let (ids, mentions) = (table.postSurfaces[p], posts[p].mentions)
                for m in mentions.indices where clusterOfSurface[Int(ids[m])] == -2 {
                    let c = Int(resolved[p][m])
                    guard c >= 0 else { continue }
                    if mentions[m].hint != .demonym { SurfaceTable.addForm(mentions[m].surface, mentions[m].count, to: &list[c].forms) }
                    for title in mentions[m].titles { SurfaceTable.addForm(title, 1, to: &list[c].titles) }
                    for form in mentions[m].titledForms { SurfaceTable.addForm(form, 1, to: &list[c].titledForms) }
                }
            }
        }

        /// The cluster of `key`, created when it has none yet.
        private mutating func cluster(_ key: ClusterKey) -> Int {
            let slot: Int
            switch key {
            case .personGroup(let group): slot = Int(group)
            case .loneName(let skeleton): slot = firstSlot.loneName + Int(skeleton)
            case .organization(let group): slot = firstSlot.organization + Int(group)
            case .gazetteer(let place): slot = firstSlot.gazetteer + Int(place)
            case .place(let skeleton): slot = firstSlot.place + Int(skeleton)
            }
            if clusterOfKey[slot] < 0 { clusterOfKey[slot] = newCluster(key) }
            return Int(clusterOfKey[slot])
        }

        private mutating func newCluster(_ key: ClusterKey) -> Int32 {
            list.append(Cluster(key: key, type: key.type))
            return Int32(list.count - 1)
        }
    }

    // MARK: output

    func build(_ posts: [PostCandidates], _ clusters: Clusters) -> EntityCorpus {
        var entities: [Entity] = Parallel.map(clusters.list) { cluster in
            let name = self.name(cluster)
            return Entity(id: NameForms.slug(name), name: name, type: cluster.type, aliases: aliases(cluster, name: name),
                          titles: titles(cluster), mentionCount: cluster.count, postCount: cluster.posts)
        }
        // Entities that share a slug get `-2`, `-3` … in an order that does not depend on input
        // order: by type (in the order of its name), then most mentioned, then first made.
        for var shared in Self.sharedSlugs(entities) {
            shared.sort { (Self.typeOrder[entities[$0].type]!, -entities[$0].mentionCount, $0)
                < (Self.typeOrder[entities[$1].type]!, -entities[$1].mentionCount, $1) }
            for (n, index) in shared.enumerated() where n > 0 { entities[index].id += "-\(n + 1)" }
        }
        // Most mentioned first, then by id (compared by its first eight bytes first, which order
        // like the whole ids); sorted as keys with the count and the prefix, so that comparisons
        // read the entities only when both tie.
        var ranked = entities.indices.map { (count: entities[$0].mentionCount, prefix: Self.prefix(entities[$0].id), cluster: $0) }
        ranked.sort {
            if $0.count != $1.count { return $0.count > $1.count }
            if $0.prefix != $1.prefix { return $0.prefix < $1.prefix }
            return entities[$0.cluster].id < entities[$1.cluster].id
        }
        var entityOfCluster = [Int](repeating: 0, count: clusters.list.count)
        for (rank, key) in ranked.enumerated() { entityOfCluster[key.cluster] = rank }
        // The entities put in rank order by swaps in the buffer, which move them without copying.
        var position = entityOfCluster
        entities.withUnsafeMutableBufferPointer { entities in
            for index in entities.indices {
                while position[index] != index {
                    let target = position[index]
                    entities.swapAt(index, target)
                    position.swapAt(index, target)
                }
            }
        }

        var mentions: [EntityMention] = []
        mentions.reserveCapacity(clusters.resolvedCount)
        var quotes: [Quote] = []
        quotes.reserveCapacity(posts.reduce(0) { $0 + $1.quotes.count })
        for p in posts.indices {
            Self.appendRows(post: p, posts[p], clusters: clusters.resolved[p], entityOfCluster: entityOfCluster,
                            mentions: &mentions, quotes: &quotes)
        }
        return EntityCorpus(entities: entities, mentions: mentions, quotes: quotes)
    }

    /// The indices of the entities that share their slug with others, by slug; the slugs are told
    /// apart by their FNV hashes (the next key is probed when two slugs share one).
    private static func sharedSlugs(_ entities: [Entity]) -> Dictionary<Int, [Int]>.Values {
        var firstOfSlug = HashTable<Int>(capacity: entities.count)
        var shared: [Int: [Int]] = [:]
        for index in entities.indices {
            var slug = entities[index].id
            let hash = slug.withUTF8 { $0.reduce(NameForms.fnvOffset, NameForms.mix) }
            let first = find(hash, in: &firstOfSlug, matching: { entities[$0].id == entities[index].id }) { index }
            if first != index { shared[first, default: [first]].append(index) }
        }
        return shared.values
    }

    /// The ranks of the types by name, the order in which entities that share a slug are numbered.
    private static let typeOrder = Dictionary(uniqueKeysWithValues: EntityType.allCases
        .sorted { $0.rawValue < $1.rawValue }.enumerated().map { ($1, $0) })

    /// The first eight bytes of `text` as a number (zeros after a shorter text): two texts whose
    /// prefixes differ are in the order of their prefixes.
    private static func prefix(_ text: String) -> UInt64 {
        var text = text
        return text.withUTF8 { bytes in
            var prefix: UInt64 = 0
            for (n, byte) in bytes.prefix(8).enumerated() { prefix |= UInt64(byte) << (56 - 8 * n) }
            return prefix
        }
    }

    /// Appends the mention rows of post `p` (one per entity, in entity order) and its quotes;
    /// `clusters` has the cluster of each of its mentions (-1: none).
    private static func appendRows(post p: Int, _ post: PostCandidates, clusters: [Int32], entityOfCluster: [Int],
                                   mentions: inout [EntityMention], quotes: inout [Quote]) {
        let start = mentions.count
        for m in post.mentions.indices {
            if clusters[m] >= 0 { mentions.append(EntityMention(post: p, entity: entityOfCluster[Int(clusters[m])], count: post.mentions[m].count)) }
        }
        // Sorted in place (sorting `mentions[start...]` would copy the slice out and back).
        mentions.withUnsafeMutableBufferPointer { rows in
            var tail = UnsafeMutableBufferPointer(rebasing: rows[start...])
            tail.sort { $0.entity < $1.entity }
        }
        var last = start - 1
        for row in start..<mentions.count {
            if last >= start, mentions[last].entity == mentions[row].entity {
                mentions[last].count += mentions[row].count
            } else {
                last += 1
                mentions[last] = mentions[row]
            }
        }
        mentions.removeLast(mentions.count - last - 1)
        for quote in post.quotes {
            var speaker: Int?
            var speakerText = quote.speakerText
            if let m = quote.speaker {
                if clusters[m] >= 0 { speaker = entityOfCluster[Int(clusters[m])] } else { speakerText = post.mentions[m].surface }
            }
            quotes.append(Quote(post: p, speaker: speaker, speakerText: speakerText, text: quote.text))
        }
    }

    private func name(_ cluster: Cluster) -> String {
        if case .gazetteer(let place) = cluster.key { return Gazetteer.data.places[Int(place)].name }
        var fullOnly = false
        switch cluster.key {
        case .personGroup, .place:
            // The full name, `Oskara River` rather than `Oskara`.
            fullOnly = cluster.forms.contains { Self.hasSpace($0.form) }
        default:
            break
        }
        return cluster.forms.lazy.filter { !fullOnly || Self.hasSpace($0.form) }
            .max { ($0.count, $0.form.utf8.count, $1.form) < ($1.count, $1.form.utf8.count, $0.form) }?.form ?? ""
    }

    /// Whether `form` has a space (`form.contains(" ")`), read on bytes unless a space byte could be
    /// part of a larger character.
    private static func hasSpace(_ form: String) -> Bool {
        var bytes = form
        // nil: a space byte in a text that is not all ASCII.
        let space: Bool? = bytes.withUTF8 { bytes in
            guard bytes.contains(0x20) else { return false }
            return bytes.allSatisfy { $0 < 0x80 } ? true : nil
        }
        return space ?? form.contains(" ")
    }

    private func aliases(_ cluster: Cluster, name: String) -> [String] {
        // Spellings are told apart by the hashes of their folded forms, like the surfaces of the table
        // (the name itself, most often among them, is known without one).
        if cluster.forms.count <= 1 && cluster.titledForms.isEmpty {
            guard let form = cluster.forms.first?.form, form != name, NameForms.hash(form) != NameForms.hash(name) else { return [] }
            return [form]
        }
        var seen: Set<UInt64> = [NameForms.hash(name)]
        var out: [String] = []
        let ranked = cluster.forms.sorted { ($1.count, $0.form) < ($0.count, $1.form) }
            + cluster.titledForms.sorted { ($1.count, $0.form) < ($0.count, $1.form) }
        for (form, _) in ranked where out.count < 20 && form != name {
            if seen.insert(NameForms.hash(form)).inserted { out.append(form) }
        }
        return out
    }

    private func titles(_ cluster: Cluster) -> [String] {
        guard !cluster.titles.isEmpty else { return [] }
        // Titles told apart by the hashes of their folded forms (a short list).
        var byFolded: [(hash: UInt64, form: String, count: Int)] = []
        // Most frequent first (then in text order), so that the spelling kept for titles that
        // differ only in case is the most frequent one, the same on every run.
        for (title, count) in cluster.titles.sorted(by: { ($1.count, $0.form) < ($0.count, $1.form) }) {
            // The words after any determiners in front, one space apart (nil: none).
            var text = title
            let words = NameForms.wordRanges(title)
            let clean: String? = text.withUTF8 { bytes in
                guard let first = words.firstIndex(where: { !Lexicon.classes(NameForms.hash(bytes, $0)).contains(.determiner) })
                else { return nil }
                // Most titles are that already: no determiner, and words that fill the title but
                // for one byte (a space) between each two.
                if first == 0, words[0].lowerBound == 0, words.reduce(words.count - 1, { $0 + $1.count }) == bytes.count {
                    return title
                }
                var out: [UInt8] = []
                out.reserveCapacity(bytes.count)
                for word in words[first...] {
                    if !out.isEmpty { out.append(0x20) }
                    out.append(contentsOf: bytes[word])
                }
                return String(decoding: out, as: UTF8.self)
            }
            guard let clean else { continue }
            let hash = NameForms.hash(clean)
            if let same = byFolded.firstIndex(where: { $0.hash == hash }) {
                byFolded[same].count += count
            } else {
                byFolded.append((hash, clean, count))
            }
        }
        return byFolded.sorted { ($1.count, $0.form) < ($0.count, $1.form) }.prefix(10).map(\.form)
    }
}

/// The value of `table` for a value with hash `hash`: the one under `hash` or a following key for
/// which `matches` holds (two values may share a hash), else `make()`'s, stored under the first free
/// key from `hash` on.
private func find<Value>(_ hash: UInt64, in table: inout HashTable<Value>, matching matches: (Value) -> Bool,
                         else make: () -> Value) -> Value {
    var key = hash
    while let value = table[key] {
        if matches(value) { return value }
        key &+= 1
    }
    let value = make()
    table.set(key, value)
    return value
}
