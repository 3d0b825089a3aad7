/// The persons of a corpus known by a full name, grouped so that each real person is one group,
/// and the look-up that gives a lone surname its person.
///
/// Two full names are one person when their surnames have the same skeleton (`Zelensky`,
/// `Zelenskyy`; see ``NameForms/skeleton(_:)``) or differ by one letter in a long surname, and
/// their given names agree: same skeleton, an initial, a short form (`Alex`, `Alexander`), or an
/// obvious typo with a role in common: one letter off, or two letters off a much more frequent
/// spelling (`Jack Sullivan` and `Jake Sullivan`, both national security adviser).
struct PersonIndex {
    /// Group of each full-name surface.
    private(set) var groupOfSurface: SurfaceGroups
    /// The number of groups.
    private(set) var groupCount = 0
    /// Groups by surname skeleton.
    private var bySurname: [Skeleton: [Int]] = [:]
    /// Long surname skeletons one letter apart (`peskov`, `peskow`).
    private var nearSurnames: [Skeleton: [Skeleton]] = [:]

    /// A full name's parts: skeletons of the given name and the surname, and its mention count.
    struct NameParts {
        var given: Skeleton
        var surname: Skeleton
        var count: Int

        /// The parts of surface `id` of `table`, from the fields it needs (not from a copy of the
        /// surface, which would retain and release all its lists).
        init?(_ table: SurfaceTable, _ id: Int) {
            // The fields read through a buffer, which copies no more of the surface than them.
            let (forms, tableSurname, count) = table.surfaces.withUnsafeBufferPointer { ($0[id].forms, $0[id].surname, $0[id].count) }
            var form = SurfaceTable.Surface.mostFrequent(forms)
            let ranges = NameForms.wordRanges(form)
            // The surname is the surface's last word, whose skeleton the table has, unless that word is dropped.
            let lastWord = ranges.last
            let names: (given: Skeleton, surname: Skeleton?)? = form.withUTF8 { bytes in
                // The words without initials (`J.`) and suffixes (`Jr`).
                var kept = ranges.lazy.filter { word in
                    let text = UnsafeBufferPointer(rebasing: bytes[word])
                    let initial = text.last == 0x2E && (text.count <= 3
                        || !text.allSatisfy({ $0 < 0x80 }) && String(decoding: text, as: UTF8.self).count <= 3)
                    return !initial && !Lexicon.classes(NameForms.hash(bytes, word)).contains(.nameSuffix)
                }.makeIterator()
                guard let first = kept.next(), var last = kept.next(),
                      !Lexicon.classes(NameForms.hash(bytes, first)).contains(.particle) else { return nil }
                while let next = kept.next() { last = next }
                return (Skeleton(bytes, first.lowerBound, first.upperBound),
                        last == lastWord ? nil : Skeleton(bytes, last.lowerBound, last.upperBound))
            }
            guard let names else { return nil }
            let surname = names.surname ?? tableSurname
            guard !surname.isEmpty else { return nil }
            (given, self.surname, self.count) = (names.given, surname, count)
        }
    }

    /// Head words of titles (`adviser` of `national security adviser`), as hashes; those of each
    /// title are looked up in `known` by the title's folded hash, and found and kept there when new
    /// (the same titles recur over many names).
    static func roles(_ titles: SurfaceTable.Counts, known: inout HashTable<Set<UInt64>>) -> Set<UInt64> {
        var roles: Set<UInt64> = []
        for (title, _) in titles {
            let key = NameForms.hash(title)
            if let found = known[key] {
                roles.formUnion(found)
                continue
            }
            var found: Set<UInt64> = []
            var text = title
            let ranges = NameForms.wordRanges(title)
            text.withUTF8 { bytes in
                for word in ranges {
                    let hash = NameForms.hash(bytes, word)
                    if Lexicon.classes(hash).contains(.titleHead) { found.insert(hash) }
                }
            }
            known.set(key, found)
            roles.formUnion(found)
        }
        return roles
    }

    init(table: SurfaceTable, fullNames: [Int]) {
        groupOfSurface = SurfaceGroups(surfaceCount: table.surfaces.count)
        // The full names in surface order, and their parts.
        var ids: [Int] = []
        var parts: [NameParts] = []
        for id in fullNames.sorted() {
            guard let name = NameParts(table, id) else { continue }
            ids.append(id)
            parts.append(name)
        }
        var union = UnionFind(count: ids.count)
        // The surnames, numbered in the order of their first names, and the names of each surname
        // in name order: `members[start[k]..<start[k + 1]]` for surname `k`.
        var numberOfSurname: [Skeleton: Int] = [:]
        numberOfSurname.reserveCapacity(ids.count)
        var surnames: [Skeleton] = []
        var surnameOfName: [Int] = []
        surnameOfName.reserveCapacity(ids.count)
        for n in ids.indices {
            if let known = numberOfSurname[parts[n].surname] {
                surnameOfName.append(known)
            } else {
                numberOfSurname[parts[n].surname] = surnames.count
                surnameOfName.append(surnames.count)
                surnames.append(parts[n].surname)
            }
        }
        var start = [Int](repeating: 0, count: surnames.count + 1)
        for k in surnameOfName { start[k + 1] += 1 }
        for k in surnames.indices { start[k + 1] += start[k] }
        var members = [Int](repeating: 0, count: ids.count)
        var next = start
        for n in ids.indices {
            members[next[surnameOfName[n]]] = n
            next[surnameOfName[n]] += 1
        }
        // Same surname: compare given names. The roles of a name are needed only when its surname
        // has a few given names, and are found then.
        var roles = [Set<UInt64>](repeating: [], count: ids.count)
        var rolesOfTitle = HashTable<Set<UInt64>>(capacity: 256)
        var distinct: [Int] = []
        for k in surnames.indices {
            // The first name of each given name (most surnames have a few names: a list is quicker
            // than a dictionary), in the order of the given names.
            distinct.removeAll(keepingCapacity: true)
            for n in members[start[k]..<start[k + 1]] {
                if let same = distinct.first(where: { Self.sameSkeleton(parts[$0].given, parts[n].given) }) {
                    union.join(same, n)
                } else {
                    distinct.append(n)
                }
            }
            // Many people share a common surname: too many to tell typos from relatives.
            guard distinct.count > 1, distinct.count <= 12 else { continue }
            for n in distinct { roles[n] = Self.roles(table[ids[n]].titles, known: &rolesOfTitle) }
            distinct.sort { parts[$0].given < parts[$1].given }
            for i in distinct.indices {
                for j in distinct.indices where j > i {
                    if Self.sameGiven(parts, roles, distinct[i], distinct[j]) {
                        union.join(distinct[i], distinct[j])
                    }
                }
            }
        }
        // Surnames one letter apart: join names with the same given name.
        nearSurnames = Self.nearPairs(surnames)
        for (k, surname) in surnames.enumerated() {
            for other in nearSurnames[surname] ?? [] where surname < other {
                let l = numberOfSurname[other]!
                for n in members[start[k]..<start[k + 1]] {
                    for m in members[start[l]..<start[l + 1]] where Self.sameSkeleton(parts[n].given, parts[m].given) {
                        union.join(n, m)
                    }
                }
            }
        }
        let (groupOfName, groupCount) = union.numbered()
        self.groupCount = groupCount
        for (n, id) in ids.enumerated() { groupOfSurface[id] = groupOfName[n] }
        // The groups of each surname, in the order of their first names.
        bySurname.reserveCapacity(surnames.count)
        for (k, surname) in surnames.enumerated() {
            var surnameGroups: [Int] = []
            for n in members[start[k]..<start[k + 1]] where !surnameGroups.contains(groupOfName[n]) { surnameGroups.append(groupOfName[n]) }
            bySurname[surname] = surnameGroups
        }
    }

    /// Whether `a == b`, read in place: the keys first (which differ for most pairs), so that most
    /// comparisons do not retain the bytes.
    @inline(__always)
    private static func sameSkeleton(_ a: borrowing Skeleton, _ b: borrowing Skeleton) -> Bool {
        a.key == b.key && a.bytes == b.bytes
    }

    /// Whether the given names of names `i` and `j` of `parts` (with the same surname) name one person;
    /// `roles` has the ``roles(_:)`` of their titles.
    private static func sameGiven(_ parts: [NameParts], _ roles: [Set<UInt64>], _ i: Int, _ j: Int) -> Bool {
        let (x, y) = (parts[i].given.bytes, parts[j].given.bytes)
        if x.count == 1 || y.count == 1 { return x.first == y.first }
        let (short, long) = x.count <= y.count ? (x, y) : (y, x)
        if short.count >= 3 && long.starts(with: short) { return true }
        // A typo, with a role in common: one letter off, or two off next to a much more frequent spelling.
        guard !roles[i].isDisjoint(with: roles[j]), min(x.count, y.count) >= 3 else { return false }
        let distance = NameForms.distance(x, y, limit: 2)
        let (a, b) = (parts[i].count, parts[j].count)
        return distance <= 1 || distance == 2 && min(a, b) * 3 <= max(a, b)
    }

    /// Skeletons of six letters or more that are one edit apart. One edit leaves either the first
    /// two letters or the last three alone, and changes the length by at most one, so only skeletons
    /// that share those letters and are as long or one longer are compared.
    private static func nearPairs(_ surnames: [Skeleton]) -> [Skeleton: [Skeleton]] {
        // Bucket keys: the length above bit 40, and the first two letters, or 1 << 32 and the last three.
        var buckets: [UInt64: [Skeleton]] = [:]
        for surname in surnames where surname.bytes.count >= 6 {
            let b = surname.bytes, n = b.count, length = UInt64(n) << 40
            buckets[length | UInt64(b[0]) << 8 | UInt64(b[1]), default: []].append(surname)
            buckets[length | 1 << 32 | UInt64(b[n - 3]) << 16 | UInt64(b[n - 2]) << 8 | UInt64(b[n - 1]), default: []].append(surname)
        }
        var near: [Skeleton: Set<Skeleton>] = [:]
        func compare(_ a: Skeleton, _ b: Skeleton) {
            if NameForms.withinOneEdit(a.bytes, b.bytes) {
                near[a, default: []].insert(b)
                near[b, default: []].insert(a)
            }
        }
        for (key, bucket) in buckets {
            let longer = buckets[key + 1 << 40] ?? []
            for i in bucket.indices {
                for j in bucket.indices where j > i { compare(bucket[i], bucket[j]) }
                for other in longer { compare(bucket[i], other) }
            }
        }
        return near.mapValues { $0.sorted() }
    }

    /// Whether some full name has this surname skeleton.
    func knows(surname: Skeleton) -> Bool { bySurname[surname] != nil }

    /// The groups a lone surname may refer to: those with a full name of that surname skeleton, else
    /// those whose surname is one letter off.
    func candidates(forSurname surname: Skeleton) -> [Int] {
        var candidates = bySurname[surname] ?? []
        if candidates.isEmpty, let near = nearSurnames[surname] {
            for other in near { candidates += bySurname[other] ?? [] }
        }
        return candidates
    }

    /// The group a lone surname refers to, among its ``candidates(forSurname:)``: a group named in
    /// full in the same post, else in the same context, else the corpus's most frequent one.
    /// `weight` gives each group's mention count in the corpus; `inPost` and `inContext` its count there.
    func group(among candidates: [Int], inPost: GroupCounts, inContext: GroupCounts, weight: [Int]) -> Int? {
        guard !candidates.isEmpty else { return nil }
        if candidates.count == 1 { return candidates[0] }
        return Self.heaviest(candidates) { inPost[group: $0] } ?? Self.heaviest(candidates) { inContext[group: $0] }
            ?? Self.heaviest(candidates) { weight[$0] }
    }

    /// The candidate with the largest count (ties: the lowest group), among those that have one.
    private static func heaviest(_ candidates: [Int], _ count: (Int) -> Int?) -> Int? {
        var best: (group: Int, count: Int)?
        for group in candidates {
            guard let n = count(group) else { continue }
            if let current = best, (current.count, -current.group) >= (n, -group) { continue }
            best = (group, n)
        }
        return best?.group
    }
}

/// Disjoint sets over `0..<count` with path halving.
struct UnionFind {
    private var parent: [Int]

    init(count: Int) { parent = Array(0..<count) }

    mutating func find(_ x: Int) -> Int {
        var x = x
        while parent[x] != x {
            parent[x] = parent[parent[x]]
            x = parent[x]
        }
        return x
    }

    /// The number of each element's set, the sets numbered in the order of their first elements,
    /// and the number of sets.
    mutating func numbered() -> (numbers: [Int], count: Int) {
        var numberOfRoot = [Int](repeating: -1, count: parent.count)
        var numbers: [Int] = []
        numbers.reserveCapacity(parent.count)
        var count = 0
        for x in parent.indices {
            let root = find(x)
            if numberOfRoot[root] < 0 {
                numberOfRoot[root] = count
                count += 1
            }
            numbers.append(numberOfRoot[root])
        }
        return (numbers, count)
    }

    /// Joins the sets of `a` and `b`; the smaller root survives, so the result does not depend on order.
    mutating func join(_ a: Int, _ b: Int) {
        let (ra, rb) = (find(a), find(b))
        if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
    }
}
