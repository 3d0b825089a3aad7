/// The kinds of named things that entity extraction recognises.
public enum EntityType: String, Sendable, Equatable, CaseIterable {
    case person, organization, place
}

/// The text of one post that entity extraction reads.
public struct PostText: Sendable, Equatable {
    public var headline: String?
    public var body: [String]
    /// Image captions. Credits are not read: they name photographers and agencies, not the story.
    public var captions: [String]
    /// People named in the byline; journalists are persons too.
    public var authors: [String]
    /// People named in the contributor line.
    public var contributors: [String]
    /// Posts with the same context (their page) are searched first when a lone surname or a short
    /// organisation name has to be matched to a full name.
    public var context: Int

    public init(headline: String? = nil, body: [String] = [], captions: [String] = [], authors: [String] = [],
                contributors: [String] = [], context: Int = 0) {
        self.headline = headline
        self.body = body
        self.captions = captions
        self.authors = authors
        self.contributors = contributors
        self.context = context
    }

    /// The text of a parsed post; image credits are left out.
    public init(_ post: ParsedPost, context: Int = 0) {
        self.init(headline: post.headline, body: post.body, captions: post.images.compactMap(\.caption),
                  authors: post.authors, contributors: post.contributors, context: context)
    }
}

/// What one post yields before the corpus is seen: the names it uses, with the evidence for each,
/// and its quotes. Made by ``EntityExtractor/candidates(_:)``; read by ``EntityExtractor/resolve(_:)``.
public struct PostCandidates: Sendable {
    var context: Int
    var mentions: [SurfaceMention]
    var quotes: [QuoteCandidate]

}

/// The entities of a corpus, each with all its names, and where they are mentioned and quoted.
public struct EntityCorpus: Sendable, Equatable {
    public var entities: [Entity]
    /// One row per post and entity, with how often the post names it; ordered by post, then entity.
    public var mentions: [EntityMention]
    /// In post order, each post's in the order its text gives them.
    public var quotes: [Quote]

    public init(entities: [Entity] = [], mentions: [EntityMention] = [], quotes: [Quote] = []) {
        self.entities = entities
        self.mentions = mentions
        self.quotes = quotes
    }
}

/// One person, organisation or place, resolved across the corpus.
public struct Entity: Sendable, Equatable {
    /// A stable slug of the name (`antony-blinken`); `-2`, `-3` … when two entities share a slug.
    public var id: String
    public var name: String
    public var type: EntityType
    /// Every other spelling the corpus uses for it (`Blinken`, `Secretary Blinken`), most frequent first.
    public var aliases: [String]
    /// Titles and roles it is given (`US Secretary of State`), most frequent first.
    public var titles: [String]
    public var mentionCount: Int
    public var postCount: Int
}

/// How often post `post` names entity `entity` (indices into the input and ``EntityCorpus/entities``).
///
/// Kept in 32 bits each (12 bytes a row, not 24): a corpus has one row per post and entity, and
/// holds them until its tables are written.
public struct EntityMention: Sendable, Equatable {
    private var storedPost: Int32
    private var storedEntity: Int32
    private var storedCount: Int32

    public init(post: Int, entity: Int, count: Int) {
        storedPost = Int32(post)
        storedEntity = Int32(entity)
        storedCount = Int32(clamping: count)
    }

    public var post: Int { Int(storedPost) }
    public var entity: Int { Int(storedEntity) }
    public var count: Int {
        get { Int(storedCount) }
        set { storedCount = Int32(clamping: newValue) }
    }
}

/// A direct quote with its speaker: an entity when the speaker is known, else the words that name it.
public struct Quote: Sendable, Equatable {
    public var post: Int
    /// Index into ``EntityCorpus/entities``.
    public var speaker: Int?
    /// The speaker as written (`a senior Ukrainian official`) when it is no entity.
    public var speakerText: String?
    public var text: String
}

/// The kind of thing a name looks like in the post that uses it, before the corpus is seen.
enum Hint: UInt8, CaseIterable {
    case person, organization, place
    /// A demonym (`Russian`) standing for its country.
    case demonym
    /// Two to four capitalised words shaped like a person's name, with no title in front.
    case name
    /// One capitalised word with no pattern of its own: a surname, a place, or nothing.
    case word
}

/// Why a name was taken for what it is.
struct Evidence: OptionSet {
    let rawValue: UInt32
    /// A title or role in front or in apposition (`Defense Secretary`, `, the national security adviser`).
    static let title = Evidence(rawValue: 1 << 0)
    static let byline = Evidence(rawValue: 1 << 1)
    /// Subject or object of a speech verb (`Sullivan said`, `said Sullivan`).
    static let speech = Evidence(rawValue: 1 << 2)
    /// `, who …` after it.
    static let who = Evidence(rawValue: 1 << 3)
    /// Its first word is a known given name.
    static let givenName = Evidence(rawValue: 1 << 4)
    /// `in …`, `near …`, `… region`.
    static let placeContext = Evidence(rawValue: 1 << 5)
    /// Seen in running text, not at a sentence start and not in a headline.
    static let running = Evidence(rawValue: 1 << 9)
    /// The gazetteer name is also a common English word.
    static let ambiguous = Evidence(rawValue: 1 << 10)
    /// Named as the speaker of a quote.
    static let quoted = Evidence(rawValue: 1 << 11)
    /// The word also occurs in lower case in the same post (`Line`, `line`): a common word.
    static let commonWord = Evidence(rawValue: 1 << 12)

    /// Evidence that a name is a person's.
    static let personal: Evidence = [.title, .byline, .speech, .who, .givenName, .quoted]
}

/// One spelling of a name in one post, with everything the post says about it.
///
/// The corpus holds one per post and spelling until it is resolved (581,692 at 50 MB): the
/// fields are ordered and sized so that one takes 72 bytes rather than 88.
struct SurfaceMention {
    /// The name as printed, possessive removed.
    var surface: String
    /// Hash of the folded surface (see ``NameForms``).
    var key: UInt64
    /// Titles given to it in this post, as printed.
    var titles: [String] = []
    /// Titled spellings (`President Biden`), kept as aliases.
    var titledForms: [String] = []
    /// For an acronym: the key of the long form printed before it in parentheses.
    var expansion: UInt64?
    var hint: Hint
    private var wordCount: UInt16
    var evidence: Evidence
    private var mentionCount: Int32
    /// Gazetteer place (for places and demonyms), or -1.
    var place: Int32 = -1
    /// For an organisation: the country its name starts with (`Russian Defense Ministry`), or -1.
    var qualifier: Int32 = -1

    init(surface: String, key: UInt64, hint: Hint, evidence: Evidence, count: Int, place: Int32 = -1,
         qualifier: Int32 = -1, expansion: UInt64? = nil, words: Int) {
        self.surface = surface
        self.key = key
        self.hint = hint
        self.evidence = evidence
        self.expansion = expansion
        self.place = place
        self.qualifier = qualifier
        wordCount = UInt16(clamping: words)
        mentionCount = Int32(clamping: count)
    }

    /// How often the post uses it.
    var count: Int {
        get { Int(mentionCount) }
        set { mentionCount = Int32(clamping: newValue) }
    }

    /// Number of words.
    var words: Int { Int(wordCount) }
}

/// A quote in one post; the speaker is an index into the post's ``SurfaceMention``s when known.
struct QuoteCandidate {
    var text: String
    var speaker: Int?
    var speakerText: String?
}
