/// What Extraction produces from one source file: a page with its chrome separated from its posts.
///
/// All text is normalised (see ``TextNormalizer``); nothing here knows about files or databases.
public struct ParsedPage: Sendable, Equatable {
    /// The layout the page was recognised as.
    public var layout: Layout
    /// The page's own title, when the scrape shows one.
    public var title: String?
    /// Summary bullets (`Where things stand`, `What we covered here`, …), in order.
    public var summary: [String]
    /// The size the page announces (`36 Posts`), when it does.
    public var declaredPosts: Int?
    /// A status line such as `Our live coverage has ended …`.
    public var statusLine: String?
    /// The posts, in the order the page shows them.
    public var posts: [ParsedPost]
    /// The page's calendar day, from evidence in the page (post times, dated captions, `Updated …`).
    public var date: CalendarDay?
    /// What the page shows about its date; ``DateEvidence/resolve(fallbackYear:)`` turns it into `date`.
    public var dateEvidence: DateEvidence
    /// Things the parser noticed but could not use.
    public var warnings: [String]

    public init(layout: Layout, title: String? = nil, summary: [String] = [], declaredPosts: Int? = nil,
                statusLine: String? = nil, posts: [ParsedPost] = [], date: CalendarDay? = nil,
                warnings: [String] = []) {
        self.layout = layout
        self.title = title
        self.summary = summary
        self.declaredPosts = declaredPosts
        self.statusLine = statusLine
        self.posts = posts
        self.date = date
        self.dateEvidence = DateEvidence()
        self.warnings = warnings
    }
}

/// One post as one scrape shows it.
public struct ParsedPost: Sendable, Equatable {
    public var headline: String?
    /// The time printed above the post, when there is one (always minute precision). A clock
    /// printed without its date (`8:08 p.m. ET`) gets its day from the page (see ``ClockDays``).
    public var time: Timestamp?
    /// The clock printed above the post without a date, until ``ClockDays`` dates it.
    var printedClock: ClockTime?
    /// The byline as printed (`From CNN's Ellie Kaufman and Michael Conte`).
    public var byline: String?
    /// People named in the byline.
    public var authors: [String]
    public var images: [PostImage]
    /// Body paragraphs in order; contributor lines and chrome are not among them.
    public var body: [String]
    /// People named in a `… contributed reporting to this post.` line.
    public var contributors: [String]

    public init(headline: String? = nil, time: Timestamp? = nil, byline: String? = nil, authors: [String] = [],
                images: [PostImage] = [], body: [String] = [], contributors: [String] = []) {
        self.headline = headline
        self.time = time
        self.byline = byline
        self.authors = authors
        self.images = images
        self.body = body
        self.contributors = contributors
    }
}

/// An image as the post shows it: its caption and, when printed, its credit.
public struct PostImage: Sendable, Equatable, Hashable {
    /// The caption; `nil` when the scrape shows only a credit.
    public var caption: String?
    public var credit: String?

    public init(caption: String?, credit: String? = nil) {
        self.caption = caption
        self.credit = credit
    }
}

/// The page layouts the segmenter knows, told apart by structural evidence.
public enum Layout: String, Sendable, Equatable, CaseIterable {
    /// Posts start with a time line (`8:08 p.m. ET, February 11, 2022`) above the headline.
    case timestamped
    /// Posts start with a bare headline, paragraphs separated by blank lines.
    case headlined
    /// One line per paragraph, posts separated by `Link Copied!` and often carrying `From …` bylines.
    case linkSeparated = "link-separated"
    /// Aggregator copy: no headlines at all; posts are told apart by images and closing lines.
    case headless
}
