/// Dates the posts whose time is printed without a date (`8:08 p.m. ET`), from the page.
///
/// The newest post is on the day of the page's latest `Updated …` stamp (the day before when its
/// clock is later than the stamp's), else on the page's day. Going from the newest post to the
/// oldest, a clock later than the one before means midnight was crossed: the day before. Whether
/// the page lists its posts newest first is read from the clocks themselves (mostly falling).
enum ClockDays {
    static func assign(_ posts: inout [ParsedPost], latestUpdate: Timestamp?, pageDate: CalendarDay?) {
        let dated = posts.indices.filter { posts[$0].time == nil && posts[$0].printedClock != nil }
        guard let anchor = latestUpdate?.day ?? pageDate, !dated.isEmpty else { return }
        let minutes = dated.map { posts[$0].printedClock!.minutes }
        var falling = 0
        var rising = 0
        for (a, b) in zip(minutes, minutes.dropFirst()) {
            if b < a { falling += 1 } else if b > a { rising += 1 }
        }
        let newestFirst = Array(falling >= rising ? dated : dated.reversed())
        var day = anchor
        if let update = latestUpdate, posts[newestFirst[0]].printedClock!.minutes > update.hour * 60 + update.minute {
            day = day.adding(days: -1)
        }
        var previous = Int.max
        for index in newestFirst {
            let clock = posts[index].printedClock!
            if previous != Int.max && clock.minutes > previous { day = day.adding(days: -1) }
            previous = clock.minutes
            posts[index].time = clock.on(day)
        }
    }
}
