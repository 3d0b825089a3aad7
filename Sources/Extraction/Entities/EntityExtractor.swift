/// Entity and quote extraction: persons, organisations and places, who said what.
///
/// Two passes. `candidates` reads one post and is pure; given all posts, it runs on all cores, each
/// worker reusing one scanner's buffers. ``resolve(_:)`` then sees the whole corpus: it
/// decides what each name is, joins all the names of one entity (`Joe Biden`, `Biden`,
/// `President Biden`; `Zelensky`, `Zelenskyy`; a lone surname and the full name it refers to;
/// an obvious typo of a known name with the same role), gives each entity a stable slug id, and
/// counts mentions per post and links quotes to their speakers.
///
/// ```swift
/// let perPost = EntityExtractor.candidates(posts.map { PostText($0, context: pageIndex) })
/// let corpus = EntityExtractor.resolve(perPost)   // entities, mentions, quotes
/// ```
/// Evidence comes from the text (titles and roles, organisation and place patterns, acronyms,
/// bylines, speech verbs) and from shipped data: the gazetteer (GeoNames) and a list of given
/// names (US Census). Demonyms (`Russian troops`) count as mentions of their country when the
/// country is also named in the corpus; they never create an entity on their own.
public enum EntityExtractor {
    /// The names and quotes of one post, before the corpus is seen.
    public static func candidates(_ post: PostText) -> PostCandidates {
        PostScanner.scan(post)
    }

    /// The candidates of every post, on all cores, in input order.
    public static func candidates(_ posts: [PostText]) -> [PostCandidates] {
        PostScanner.scan(posts)
    }

    /// Entities, mentions and quotes of a corpus; `posts[i]` is post `i` in the result. The
    /// working state goes to `leftovers` when given, else it is freed in the background.
    public static func resolve(_ posts: [PostCandidates], leftovers: Leftovers? = nil) -> EntityCorpus {
        EntityResolver.resolve(posts, leftovers: leftovers)
    }

    /// Loads the shipped data (gazetteer, given names, word lists) now rather than when the first
    /// post is read: building them takes a few hundredths of a second, once per process, and every
    /// thread that reads a post waits for it. A caller with an idle core can do it there first.
    public static func prepare() {
        _ = Gazetteer.entry(0)
        _ = GivenNames.lookup(0)
        _ = Lexicon.classes(0)
        _ = Lexicon.isAbbreviation(0)
    }
}

extension EntityExtractor {
    /// The folded form of a name that search compares (`Mélanie Joly` → `melanie joly`): lower-case,
    /// diacritics and punctuation removed, one space between words.
    public static func searchKey(_ name: String) -> String {
        NameForms.fold(name)
    }

    /// Appends the bytes of ``searchKey(_:)`` of `name`.
    public static func appendSearchKey(_ name: String, to bytes: inout [UInt8]) {
        NameForms.appendFolded(name, to: &bytes)
    }
}
