import XCTest
@testable import Extraction

final class PageParserTests: XCTestCase {
    private func parse(_ text: String) -> ParsedPage { PageParser.parse(Array(text.utf8)) }

    /// The headlines of ``Fixtures/timestamped``, in page order.
    private static let timestampedHeadlines = ["Union leader says the strike will go on until wages rise",
                                               "Ships begin to queue outside the harbour", "Talks collapse after midnight"]

    /// ``Fixtures/timestamped`` with its three post stamps replaced, in page order.
    private func timestamped(stamps: [String]) -> String {
        zip(["9:45 p.m. ET, March 14, 2023", "3:05 p.m. ET, March 14, 2023", "12:10 a.m. ET, March 14, 2023"], stamps)
            .reduce(Fixtures.timestamped) { $0.replacingOccurrences(of: $1.0, with: $1.1) }
    }

    func testTimestampedLayout() {
        let page = parse(Fixtures.timestamped)
        XCTAssertEqual(page.layout, .timestamped)
        XCTAssertEqual(page.title, "The latest on the harbour strike")
        XCTAssertEqual(page.summary.count, 2)
        XCTAssertEqual(page.statusLine, "Our live coverage has ended for the day. Read more here.")
        XCTAssertEqual(page.posts.map(\.headline), Self.timestampedHeadlines)
        XCTAssertEqual(page.posts.map { $0.time?.description }, ["2023-03-14T21:45:00-04:00", "2023-03-14T15:05:00-04:00",
                                                                 "2023-03-14T00:10:00-04:00"])
        let first = page.posts[0]
        XCTAssertEqual(first.images, [PostImage(caption: "Union chair Mara Odell speaks to workers outside the east gate on Tuesday.",
                                                credit: "Lena Fisk/Harbour Press")])
        XCTAssertEqual(first.body.count, 2)
        XCTAssertEqual(first.contributors, ["Ivo Brandt", "Sade Kim"])
        XCTAssertEqual(page.posts[1].images, [PostImage(caption: nil, credit: "Getty Images")])
        XCTAssertEqual(page.posts[1].body.count, 2)
        XCTAssertEqual(page.date, CalendarDay(year: 2023, month: 3, day: 14))
    }

    /// The same page with its stamps written date first, as other sites print them.
    func testTimestampedLayoutWithDateFirstStamps() {
        let text = timestamped(stamps: ["Tue March 14, 2023 at 9:45 PM EDT", "Mar. 14, 2023, 3:05 p.m. ET", "14 March 2023 04:10 GMT"])
        let page = parse(text)
        XCTAssertEqual(page.layout, .timestamped)
        XCTAssertEqual(page.posts.map(\.headline), Self.timestampedHeadlines)
        XCTAssertEqual(page.posts.map { $0.time?.description }, ["2023-03-14T21:45:00-04:00", "2023-03-14T15:05:00-04:00",
                                                                 "2023-03-14T04:10:00+00:00"])
        XCTAssertEqual(page.date, CalendarDay(year: 2023, month: 3, day: 14))
    }

    /// Stamps that print only the clock get their day from the page's `Updated …` stamp, a day
    /// earlier for each midnight crossed going down a newest-first page.
    func testClockOnlyStampsAreDatedFromThePage() {
        let text = "Updated 12:40 a.m. ET, Wed March 15, 2023\n\n" + timestamped(stamps: ["12:35 a.m. ET", "11:50 p.m. ET", "9:05 p.m. ET"])
        let page = parse(text)
        XCTAssertEqual(page.layout, .timestamped)
        XCTAssertEqual(page.posts.map(\.headline), Self.timestampedHeadlines)
        XCTAssertEqual(page.posts.map { $0.time?.description }, ["2023-03-15T00:35:00-04:00", "2023-03-14T23:50:00-04:00",
                                                                 "2023-03-14T21:05:00-04:00"])
    }

    func testClockOnlyStampsWithoutADateKeepTheirPostsButInventNoDay() {
        let text = timestamped(stamps: ["9:45 p.m. ET", "3:05 p.m. ET", "12:10 a.m. ET"])
        let page = parse(text)
        XCTAssertEqual(page.posts.count, 3)
        XCTAssertEqual(page.posts.last?.headline, "Talks collapse after midnight")
        XCTAssertEqual(page.posts.compactMap(\.time), [])
    }

    /// The same page with each time printed under its headline instead of above it.
    func testTimesUnderTheHeadlines() {
        var text = Fixtures.timestamped.replacingOccurrences(of: "Our live coverage has ended for the day. Read more here.\n", with: "")
        for (stamp, headline) in zip(["9:45 p.m. ET, March 14, 2023", "3:05 p.m. ET, March 14, 2023", "12:10 a.m. ET, March 14, 2023"],
                                     Self.timestampedHeadlines) {
            let printed = text.range(of: headline + "\u{20}") != nil ? headline + "\u{20}" : headline
            text = text.replacingOccurrences(of: stamp + "\n\n" + printed, with: headline + "\n" + stamp)
        }
        XCTAssertTrue(text.contains("midnight\n12:10 a.m."), "the fixture was rearranged")
        let page = parse(text)
        XCTAssertEqual(page.layout, .timestamped)
        XCTAssertEqual(page.posts.map(\.headline), Self.timestampedHeadlines)
        XCTAssertEqual(page.posts.map { $0.time?.description }, ["2023-03-14T21:45:00-04:00", "2023-03-14T15:05:00-04:00",
                                                                 "2023-03-14T00:10:00-04:00"])
        XCTAssertEqual(page.posts.map(\.body.count), [2, 2, 1])
    }

    func testAFirstPostWithoutHeadlineDoesNotTakeThePageTitle() {
        let text = """
        The latest on the harbour strike
        9:45 p.m. ET, March 14, 2023

        The head of the dock workers' union said the walkout would continue.
        3:05 p.m. ET, March 14, 2023

        Ships begin to queue outside the harbour

        At least twelve cargo ships were anchored off the coast by the afternoon.
        12:10 a.m. ET, March 14, 2023

        Talks collapse after midnight

        Negotiators left the ministry building without an agreement.
        """
        let page = parse(text)
        XCTAssertEqual(page.title, "The latest on the harbour strike")
        XCTAssertEqual(page.posts.map(\.headline), [nil, "Ships begin to queue outside the harbour", "Talks collapse after midnight"])
    }

    func testShareButtonsAreNotParagraphs() {
        let text = Fixtures.timestamped.replacingOccurrences(of: "The coast guard said there was no danger to shipping.",
                                                            with: "The coast guard said there was no danger to shipping.\n\nShare\n\nCopy link")
        let page = parse(text)
        XCTAssertEqual(page.posts.map(\.headline), Self.timestampedHeadlines)
        XCTAssertEqual(page.posts[1].body.last, "The coast guard said there was no danger to shipping.")
    }

    func testHeadlinedLayoutWithDeclaredCountDebrisAndFooter() {
        let page = parse(Fixtures.headlined)
        XCTAssertEqual(page.layout, .headlined)
        XCTAssertEqual(page.title, "The latest on the harbour strike")
        XCTAssertEqual(page.declaredPosts, 3)
        XCTAssertEqual(page.summary.first, "Dock workers in Port Selva walked out at dawn over a pay dispute.")
        XCTAssertEqual(page.posts.map(\.headline), ["Union leader says the strike will go on until wages rise",
                                                    "Ships begin to queue outside the harbour",
                                                    "What happens to fresh food deliveries now"])
        XCTAssertEqual(page.posts[0].body.first?.hasPrefix("The head of the dock workers' union said"), true)
        XCTAssertEqual(page.posts[1].body.count, 4, "list items after a colon stay in the body")
        XCTAssertEqual(page.posts[2].body.last, "Read the full story here.")
        XCTAssertFalse(page.posts.contains { $0.body.contains { $0.contains("GO DEEPER") || $0.contains("Source:") } })
        XCTAssertTrue(page.warnings.isEmpty)
        XCTAssertNil(page.posts[0].time)
    }

    func testLinkSeparatedLayoutWithBylinesAndAMissingSeparator() {
        let page = parse(Fixtures.linkSeparated)
        XCTAssertEqual(page.layout, .linkSeparated)
        XCTAssertNil(page.title)
        XCTAssertEqual(page.summary.count, 2)
        XCTAssertEqual(page.posts.count, 3)
        XCTAssertEqual(page.posts[0].headline, "Port authority offers \"a fair deal\" as strike enters second day")
        XCTAssertEqual(page.posts[0].authors, ["Ivo Brandt", "Sade Kim"])
        XCTAssertEqual(page.posts[1].authors, ["Lina Ortiz"])
        XCTAssertEqual(page.posts[1].images.first?.credit, "Tom Weld/Harbour Press")
        XCTAssertEqual(page.posts[1].body.count, 2)
        XCTAssertEqual(page.posts[2].headline, "Fishermen say their catch is spoiling")
        XCTAssertEqual(page.posts[2].byline, "Analysis from Harbour Business' Tariq Moss")
        XCTAssertEqual(page.posts[2].authors, ["Tariq Moss"])
        XCTAssertNil(page.date, "a caption date without a year does not date the page by itself")
        XCTAssertEqual(page.dateEvidence.resolve(fallbackYear: 2023), CalendarDay(year: 2023, month: 3, day: 15))
    }

    func testHeadlessLayoutSplitsOnImagesAndClosingLines() {
        let page = parse(Fixtures.headless)
        XCTAssertEqual(page.layout, .headless)
        XCTAssertEqual(page.posts.count, 3)
        XCTAssertTrue(page.posts.allSatisfy { $0.headline == nil })
        XCTAssertEqual(page.posts[1].images, [PostImage(caption: "Union chair Mara Odell arrives for talks in Port Selva, on March 16.",
                                                        credit: "Lena Fisk/Harbour Press")])
        XCTAssertEqual(page.posts[1].contributors, ["Ivo Brandt"])
        XCTAssertEqual(page.posts[2].body.count, 2)
    }

    func testHeadlineQuestionMarks() {
        XCTAssertEqual(HeadlineDetector.cleanHeadline("What we know so far about the strike?"), "What we know so far about the strike")
        XCTAssertEqual(HeadlineDetector.cleanHeadline("Is the strike over?"), "Is the strike over?")
        XCTAssertEqual(HeadlineDetector.cleanHeadline("Analysis: Why is the port still shut?"), "Analysis: Why is the port still shut?")
        XCTAssertEqual(HeadlineDetector.cleanHeadline("Union leader says the strike will go on?"), "Union leader says the strike will go on")
    }

    func testDeclaredCountPrunesTheWeakestCandidates() {
        let text = """
        2 Posts

        First headline of the page

        A paragraph that ends properly.

        An unpunctuated line in a body that is not a headline

        Another paragraph follows it.

        CNN's Ana Bell contributed reporting to this post.

        Second headline after contributors

        Its paragraph.
        """
        let page = parse(text)
        XCTAssertEqual(page.posts.map(\.headline), ["First headline of the page", "Second headline after contributors"])
        XCTAssertEqual(page.posts[0].body.count, 3)
    }

    func testPageWithoutPostsHasNone() {
        XCTAssertTrue(parse("Just one sentence of text.\n").posts.count <= 1)
        XCTAssertTrue(parse("\n\n").posts.isEmpty)
    }
}
