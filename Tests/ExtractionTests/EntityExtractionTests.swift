import XCTest
@testable import Extraction

/// Recognition and resolution rules, each on a few invented sentences.
final class EntityExtractionTests: XCTestCase {
    private func extract(_ posts: [PostText]) -> EntityCorpus {
        EntityExtractor.resolve(posts.map(EntityExtractor.candidates))
    }

    private func extract(_ paragraphs: String...) -> EntityCorpus {
        extract([PostText(body: paragraphs)])
    }

    private func entity(_ corpus: EntityCorpus, _ name: String) -> Entity? {
        corpus.entities.first { $0.name == name }
    }

    func testFixtureStoryEntitiesAliasesAndTitles() throws {
        let corpus = extract(EntityFixtures.posts)
        let lowell = try XCTUnwrap(entity(corpus, "Kieran Lowell"))
        XCTAssertEqual(lowell.type, .person)
        XCTAssertEqual(lowell.id, "kieran-lowell")
        XCTAssertTrue(lowell.aliases.contains("Lowell"))
        XCTAssertTrue(lowell.aliases.contains("Kerran Lowell"), "a one-letter typo with the same role joins: \(lowell.aliases)")
        XCTAssertTrue(lowell.titles.contains("US national security adviser"), "\(lowell.titles)")
        let moigun = try XCTUnwrap(corpus.entities.first { $0.id == "arkady-moigun" || $0.id == "arkady-moygun" })
        XCTAssertEqual(Set([moigun.name] + moigun.aliases).intersection(["Arkady Moigun", "Arkady Moygun", "Moygun"]).count, 3)
        let dubensky = try XCTUnwrap(corpus.entities.first { $0.name.hasPrefix("Yaroslav Dubensk") })
        XCTAssertTrue(dubensky.titles.contains("Ostrevian Foreign Minister"))
        let ansc = try XCTUnwrap(corpus.entities.first { $0.aliases.contains("ANSC") || $0.name == "ANSC" })
        XCTAssertEqual(ansc.type, .organization)
        XCTAssertTrue(([ansc.name] + ansc.aliases).contains("Alliance for Northern Security and Cooperation"))
        XCTAssertEqual(entity(corpus, "Oslo")?.type, .place)
        XCTAssertEqual(entity(corpus, "Port Selva")?.type, .place)
        XCTAssertEqual(entity(corpus, "Keldmarsh")?.type, .place)
        XCTAssertEqual(entity(corpus, "Ilka Brannock")?.postCount, 2, "bylines make journalists persons")
        XCTAssertEqual(entity(corpus, "Irena Kovacs")?.titles, ["spokesperson"])
    }

    func testSurnameThatIsACityIsThePersonWhenUsedLikeOne() throws {
        let corpus = extract("Defense Secretary Nadia Hamilton spoke with her counterpart.",
                             "Hamilton stressed the commitment of the alliance.")
        XCTAssertEqual(entity(corpus, "Nadia Hamilton")?.mentionCount, 2)
        XCTAssertNil(corpus.entities.first { $0.type == .place })
        let city = extract("Flights to Hamilton were cancelled, officials in Hamilton said.")
        XCTAssertEqual(entity(city, "Hamilton")?.type, .place)
    }

    func testLoneSurnameJoinsThePersonNamedInItsContext() {
        let posts = [
            PostText(body: ["Senator Ruth Calder said the vote would pass.", "Calder spoke after the session."], context: 0),
            PostText(body: ["Governor Paul Calder signed the budget.", "Calder said it was balanced."], context: 1),
            PostText(body: ["Calder said more funds were needed."], context: 1),
        ]
        let corpus = extract(posts)
        let ruth = corpus.entities.first { $0.name == "Ruth Calder" }
        let paul = corpus.entities.first { $0.name == "Paul Calder" }
        XCTAssertEqual(ruth?.mentionCount, 2)
        XCTAssertEqual(paul?.mentionCount, 3, "the third post shares the second's context")
        XCTAssertEqual(corpus.entities.filter { $0.type == .person }.count, 2)
    }

    func testNoJunkFromCalendarChromeSentenceStartsAndTitleCaseHeadlines() {
        let corpus = extract([PostText(
            headline: "Leaders Gather In Oslo As Pressure Mounts Over Talks",
            body: ["Meanwhile, on Sunday the talks continued. Earlier in February the envoys met twice.",
                   "Link Copied!", "Read more here.", "Where things stand",
                   "However, Canadian diplomats said the mood was calm."])])
        XCTAssertEqual(corpus.entities.map(\.name), ["Oslo"])
    }

    func testImageCreditsAreNotMentions() {
        var post = ParsedPost(body: ["Rescue teams worked through the night in Lisbon."])
        post.images = [PostImage(caption: "Rescuers in Lisbon on Monday.", credit: "Marek Holt/Northlight Pictures")]
        let corpus = extract([PostText(post)])
        XCTAssertEqual(corpus.entities.map(\.name), ["Lisbon"])
        XCTAssertEqual(corpus.entities.first?.mentionCount, 2)
    }

    func testDemonymsCountOnlyForCountriesNamedInTheCorpus() {
        let corpus = extract("Canadian troops arrived on Monday.", "Portuguese officials stayed away.", "Canada said more would follow.")
        XCTAssertEqual(entity(corpus, "Canada")?.mentionCount, 2)
        XCTAssertNil(entity(corpus, "Portugal"))
    }

    func testTitlesRolesAndAppositions() throws {
        let corpus = extract(
            "Harbor Authority spokesperson Lena Mirov said the port would reopen.",
            "Gen. Tomas Bredt arrived later. Bredt, the army chief of staff, declined to comment.",
            "Ines Carvo, a senior adviser to the mayor, said the plan was ready.")
        XCTAssertEqual(entity(corpus, "Lena Mirov")?.titles, ["Harbor Authority spokesperson"])
        XCTAssertEqual(entity(corpus, "Harbor Authority")?.type, .organization)
        let bredt = try XCTUnwrap(entity(corpus, "Tomas Bredt"))
        XCTAssertEqual(bredt.mentionCount, 2)
        XCTAssertTrue(bredt.titles.contains("Gen."))
        XCTAssertEqual(entity(corpus, "Ines Carvo")?.titles, ["senior adviser"])
    }

    func testOrganisationNamesAgreeAcrossWordOrderAndAcronyms() throws {
        let corpus = extract(
            "The Vardish Ministry of Foreign Affairs issued a statement.",
            "Later the Foreign Ministry said talks would resume.",
            "The Coastal Energy Agency (CEA) raised its forecast. CEA analysts expect more.")
        let ministry = try XCTUnwrap(entity(corpus, "Vardish Ministry of Foreign Affairs"))
        XCTAssertEqual(ministry.mentionCount, 2)
        XCTAssertEqual(ministry.aliases, ["Foreign Ministry"])
        let agency = try XCTUnwrap(entity(corpus, "CEA") ?? entity(corpus, "Coastal Energy Agency"))
        XCTAssertEqual(agency.mentionCount, 3)
    }

    func testANameThatStartsWithAnAcronymJoinsTheNameThatSpellsItOut() throws {
        let corpus = extract(
            "The Coastal Energy Agency (CEA) raised its forecast on Monday.",
            "The CEA Review Board met in the morning.",
            "Members of the Coastal Energy Agency Review Board left without comment.")
        let board = try XCTUnwrap(entity(corpus, "CEA Review Board") ?? entity(corpus, "Coastal Energy Agency Review Board"))
        XCTAssertEqual(board.mentionCount, 2)
        XCTAssertEqual(corpus.entities.filter { $0.name.hasSuffix("Review Board") }.count, 1)
        XCTAssertNotEqual(board.id, entity(corpus, "Coastal Energy Agency")?.id)
    }

    func testAnOrganisationNamedWithACommaListIsOneName() throws {
        let corpus = extract(
            "The Vardish Harbour, Fisheries and Coastal Office (HFCO) closed the docks on Tuesday.",
            "HFCO inspectors are expected back next week, while Kestria, Vardia and Ostland wait.")
        let office = try XCTUnwrap(entity(corpus, "HFCO"))
        XCTAssertEqual(office.aliases, ["Vardish Harbour, Fisheries and Coastal Office"])
        XCTAssertEqual(office.mentionCount, 3) // the long form, `(HFCO)` and `HFCO`
        XCTAssertEqual(office.type, .organization)
        XCTAssertEqual(corpus.entities.filter { $0.name.contains("Harbour") || $0.name.contains("Fisheries") }.count, 0)
        XCTAssertNil(corpus.entities.first { $0.name.contains("Kestria,") }, "a plain list of names is not one name")
    }

    func testAnEditorsBracketsInsideANameDoNotSplitIt() throws {
        let corpus = extract(
            "Vardish Prime Minister Tomas Ketterin arrived on Monday.",
            "“There is no doubt that (Vardish Prime Minister Tomas) Ketterin is cornered,” an aide said.",
            "“I welcome President (Ilse) Marrow’s offer,” the envoy said. Marrow did not reply.",
            "The Coastal Energy Agency (CEA) Review Board met.")
        let ketterin = try XCTUnwrap(entity(corpus, "Tomas Ketterin"))
        XCTAssertEqual(ketterin.mentionCount, 2)
        XCTAssertNil(entity(corpus, "Tomas"))
        let marrow = try XCTUnwrap(entity(corpus, "Ilse Marrow"))
        XCTAssertEqual(marrow.mentionCount, 2)
        XCTAssertNil(entity(corpus, "Ilse"))
        XCTAssertNil(corpus.entities.first { $0.name.contains("CEA Review") }, "an acronym in brackets stays apart")
    }

    func testARiverAndItsBareNameAreOnePlace() throws {
        let corpus = extract(
            "Heavy rain pushed the Varnel River over its banks on Sunday.",
            "Boats were seen in the Varnel by morning, and the water kept rising in Varnel towns.",
            "Officials said the Varnel River would crest on Tuesday.")
        let river = try XCTUnwrap(entity(corpus, "Varnel River"))
        XCTAssertEqual(river.type, .place)
        XCTAssertEqual(river.aliases, ["Varnel"])
        XCTAssertEqual(corpus.entities.filter { $0.name.hasPrefix("Varnel") }.count, 1)
    }

    func testTitlesThatDifferOnlyInCaseKeepOneSpellingChosenTheSameWayEveryRun() throws {
        let lower = "The plan is ready, said spokesperson Ines Carvo."
        let upper = "Spokesperson Ines Carvo said the work would start soon."
        // Two spellings, equally frequent: the one first in text order is kept (whatever order a
        // dictionary hands them over in, which changes from process to process).
        let tie = extract([PostText(body: [lower]), PostText(body: [upper])])
        XCTAssertEqual(entity(tie, "Ines Carvo")?.titles, ["Spokesperson"])
        // The more frequent spelling wins.
        let majority = extract([PostText(body: [lower]), PostText(body: [upper]), PostText(body: [lower])])
        XCTAssertEqual(entity(majority, "Ines Carvo")?.titles, ["spokesperson"])
    }

    /// A capitalised word the posts also use in lower case is no lone name; the check is exact, so a
    /// lower-case word that only shares some bits of its hash does not hide a place.
    func testALowerCaseWordWithAnOverlappingHashDoesNotHideAPlace() throws {
        let place = "Vellmark"
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        // A made-up lower-case word whose hash ends in the same 12 bits as the place's.
        let collider = try XCTUnwrap((0..<100_000).lazy.map { n -> String in
            var word = "zq", rest = n
            for _ in 0..<4 { word.append(letters[rest % 26]); rest /= 26 }
            return word
        }.first { NameForms.hash($0) & 4095 == NameForms.hash(place) & 4095 && NameForms.hash($0) != NameForms.hash(place) })
        let corpus = extract("Floods reached Vellmark overnight.", "Residents in Vellmark were moved to the school.",
                             "The \(collider) road was closed.")
        XCTAssertEqual(entity(corpus, place)?.type, .place, "\(corpus.entities.map(\.name))")
        // A real lower-case use still rules the word out.
        let common = extract("Floods reached Vellmark overnight.", "Residents in Vellmark were moved.", "The vellmark was closed.")
        XCTAssertNil(entity(common, place))
    }

    func testAPluralHeadNamesTheSameOrganisation() throws {
        let corpus = extract("The Vardish Coastal Fleet sailed on Monday.", "Ships from the Northern and Vardish Coastal Fleets left port.")
        let fleets = corpus.entities.filter { $0.name.hasPrefix("Vardish Coastal Fleet") }
        XCTAssertEqual(fleets.count, 1)
        let fleet = try XCTUnwrap(fleets.first)
        XCTAssertEqual(Set([fleet.name] + fleet.aliases), ["Vardish Coastal Fleet", "Vardish Coastal Fleets"])
        XCTAssertEqual(fleet.mentionCount, 2)
    }

    func testIdsAreStableSlugsAndIndependentOfPostOrder() {
        let forward = extract(EntityFixtures.posts)
        let backward = extract(Array(EntityFixtures.posts.reversed()))
        XCTAssertEqual(Set(forward.entities.map(\.id)), Set(backward.entities.map(\.id)))
        XCTAssertEqual(Set(forward.entities.map(\.id)).count, forward.entities.count)
        for entity in forward.entities {
            XCTAssertTrue(entity.id.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" }, entity.id)
        }
        let melanie = extract("Foreign Minister Mélanie Durocq-Lévesque spoke.")
        XCTAssertEqual(melanie.entities.first?.id, "melanie-durocq-levesque")
    }

    func testMentionsCountPerPost() {
        let corpus = extract([PostText(body: ["Oslo and Lisbon signed.", "Oslo agreed."]), PostText(body: ["Lisbon waited."])])
        let oslo = corpus.entities.firstIndex { $0.name == "Oslo" }!
        let lisbon = corpus.entities.firstIndex { $0.name == "Lisbon" }!
        XCTAssertEqual(corpus.mentions.map { [$0.post, $0.entity, $0.count] }.sorted { $0.lexicographicallyPrecedes($1) },
                       [[0, oslo, 2], [0, lisbon, 1], [1, lisbon, 1]].sorted { $0.lexicographicallyPrecedes($1) })
    }

    func testEmptyAndOddInputDoesNotCrash() {
        let odd = ["", " ", "“", "”", "\"", "’s", "U.S.", "A.", "——", "Ä", String(repeating: "Big ", count: 500), "\u{00A0}Oslo\u{00A0}"]
        let corpus = extract([PostText(headline: "", body: odd, captions: [""], authors: [""], contributors: [])])
        XCTAssertTrue(corpus.entities.contains { $0.name == "Oslo" })
        XCTAssertEqual(extract([]).entities, [])
    }

    /// The batch pass reuses one scanner for a run of posts: nothing of one post (an open quote, the
    /// last person, a lower-case word) may leak into the next, across runs too.
    func testCandidatesOfManyPostsEqualThoseOfEachPost() {
        let kinds: [PostText] = [
            PostText(headline: "Flood Warden Tamsin Okoro Orders Evacuation",
                     body: ["Tamsin Okoro, the flood warden, said the line would hold.",
                            "“We are watching the levee every hour,” she said. “The river is still rising"],
                     authors: ["Ida Brandt"], context: 1),
            PostText(body: ["“Nobody should drive through the water,” Line said.",
                            "He added that the Kestria road was closed near Varholm."], context: 1),
            PostText(body: ["Line crews from MNN reported outages in Varholm, according to the utility."], context: 2),
        ]
        let posts = (0..<150).map { kinds[$0 % kinds.count] }
        let batch = EntityExtractor.resolve(EntityExtractor.candidates(posts))
        let single = EntityExtractor.resolve(posts.map(EntityExtractor.candidates))
        XCTAssertEqual(batch, single)
        XCTAssertFalse(batch.quotes.isEmpty)
    }

    /// The corpus holds one ``SurfaceMention`` per post and spelling until it is resolved; a field
    /// added or widened carelessly grows every one of them.
    func testSurfaceMentionStaysCompact() {
        XCTAssertLessThanOrEqual(MemoryLayout<SurfaceMention>.stride, 72)
    }

    /// A mention keeps counts and word numbers beyond what its narrow fields hold, clamped.
    func testSurfaceMentionClampsItsCounts() {
        var mention = SurfaceMention(surface: "Ana Lima", key: 1, hint: .name, evidence: [], count: 3, words: 2)
        XCTAssertEqual(mention.count, 3)
        XCTAssertEqual(mention.words, 2)
        mention.count += 1
        XCTAssertEqual(mention.count, 4)
        mention.count = Int.max
        XCTAssertEqual(mention.count, Int(Int32.max))
        XCTAssertEqual(SurfaceMention(surface: "", key: 0, hint: .word, evidence: [], count: 1, words: 70_000).words, Int(UInt16.max))
    }
}
