import Extraction

/// Puts every post of the corpus in one oldest-to-newest order, stored as `posts.timeline_rank`,
/// so the API can list and paginate posts by an integer.
///
/// Order: day (undated posts first, i.e. last when newest comes first), then time. A post without a
/// time of its own sorts just above the nearest older timed post on its page of the same day (live
/// pages show the newest post first, so "older" is further down the page), or at the start of its day
/// when there is none; ties keep the page's order. No minute is invented: the rank only orders.
enum Chronology {
    /// Rank (1 = oldest) of each post, keyed by post id.
    static func ranks(posts: [ArchivePost], pages: [ArchivePage]) -> [String: Int] {
        // Post indices by id: looking posts up by index does not copy them.
        let byID = Dictionary(uniqueKeysWithValues: posts.indices.map { (posts[$0].id, $0) })
        var keys: [String: Key] = [:]
        keys.reserveCapacity(posts.count)
        for page in pages {
            var olderMinute: Int?
            var olderDay: CalendarDay?
            // Walk the page bottom-up (oldest first) so each untimed post sees the timed post below it.
            for seq in stride(from: page.postIDs.count - 1, through: 0, by: -1) {
                let id = page.postIDs[seq]
                let index = byID[id]
                guard keys[id] == nil, let index, posts[index].pageIDs.first == page.id else {
                    if let index, let minute = posts[index].time?.epochMinutes { olderMinute = minute; olderDay = posts[index].day }
                    continue
                }
                let (time, day) = (posts[index].time, posts[index].day)
                let anchor: Int
                if let minute = time?.epochMinutes {
                    anchor = minute
                    olderMinute = minute
                    olderDay = day
                } else if let minute = olderMinute, olderDay == day {
                    anchor = minute
                } else {
                    anchor = Int.min
                }
                keys[id] = Key(day: day, minute: anchor, timed: time != nil, page: page.id, seq: seq, id: id)
            }
        }
        for index in posts.indices where keys[posts[index].id] == nil {
            let (id, time, day) = (posts[index].id, posts[index].time, posts[index].day)
            keys[id] = Key(day: day, minute: time?.epochMinutes ?? Int.min, timed: time != nil,
                           page: posts[index].pageIDs.first ?? "", seq: 0, id: id)
        }
        let ordered = keys.values.sorted()
        var ranks: [String: Int] = [:]
        ranks.reserveCapacity(ordered.count)
        for (index, key) in ordered.enumerated() { ranks[key.id] = index + 1 }
        return ranks
    }

    private struct Key: Comparable {
        let day: CalendarDay?
        let minute: Int
        let timed: Bool
        let page: String
        let seq: Int
        let id: String

        static func < (a: Key, b: Key) -> Bool {
            if a.day != b.day {
                guard let left = a.day else { return true }
                guard let right = b.day else { return false }
                return left < right
            }
            if a.minute != b.minute { return a.minute < b.minute }
            if a.timed != b.timed { return a.timed }
            if a.page != b.page { return a.page < b.page }
            if a.seq != b.seq { return a.seq > b.seq }
            return a.id < b.id
        }
    }
}
