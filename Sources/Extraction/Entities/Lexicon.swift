/// What a word can be, as far as entity recognition cares. A word can belong to several classes
/// (`press` is a title word and an organisation head).
struct WordClass: OptionSet {
    let rawValue: UInt32
    static let month = WordClass(rawValue: 1 << 0)
    static let weekday = WordClass(rawValue: 1 << 1)
    /// Determiners, pronouns, conjunctions, adverbs: capitalised only at a sentence start, never part of a name.
    static let function = WordClass(rawValue: 1 << 2)
    /// Lower-case words that may join capitalised words inside a name (`of`, `for`, `the`).
    static let connector = WordClass(rawValue: 1 << 3)
    /// Name particles (`de`, `van`, `al`): join a name whatever comes before.
    static let particle = WordClass(rawValue: 1 << 4)
    /// The head of a title or role (`president`, `adviser`, `Gen.`).
    static let titleHead = WordClass(rawValue: 1 << 5)
    /// Words that build titles around a head (`deputy`, `foreign`, `security`).
    static let titleWord = WordClass(rawValue: 1 << 6)
    /// The head of an organisation's name (`Ministry`, `Department`, `Agency`).
    static let orgHead = WordClass(rawValue: 1 << 7)
    /// A one-word institution (`Kremlin`, `Pentagon`).
    static let institution = WordClass(rawValue: 1 << 8)
    /// The head of a place name (`Sea`, `Square`, `Airport`).
    static let placeHead = WordClass(rawValue: 1 << 9)
    /// The head of an event or document name (`War`, `Olympics`, `Treaty`): not an entity.
    static let eventHead = WordClass(rawValue: 1 << 10)
    /// `said`, `told`, `added` … (only in lower case).
    static let speechVerb = WordClass(rawValue: 1 << 11)
    /// `he`, `she`.
    static let personPronoun = WordClass(rawValue: 1 << 12)
    /// `in`, `near`, `outside` … before a place.
    static let placePreposition = WordClass(rawValue: 1 << 13)
    /// `region`, `city`, `village` … around a place name in lower case.
    static let placeNoun = WordClass(rawValue: 1 << 14)
    /// Page furniture (`Link`, `Copied`, `Read`, `Watch`).
    static let chrome = WordClass(rawValue: 1 << 15)
    /// Capitals that are not organisations (`ET`, `CEO`, `TV`, Roman numerals).
    static let acronymStop = WordClass(rawValue: 1 << 16)
    /// `Jr.`, `Sr.`, `III`.
    static let nameSuffix = WordClass(rawValue: 1 << 17)
    /// `Western`, `Eastern`, `North` … in front of a place.
    static let direction = WordClass(rawValue: 1 << 18)
    /// `a`, `an`, `the`.
    static let determiner = WordClass(rawValue: 1 << 19)
    /// `who`: after a name and a comma, evidence of a person.
    static let relativeWho = WordClass(rawValue: 1 << 20)
    /// `according` (as in `according to`).
    static let according = WordClass(rawValue: 1 << 21)

    /// Words that end a capitalised run and are never part of a name.
    static let breaker: WordClass = [.month, .weekday, .function, .chrome]
}

/// The word lists of entity recognition: titles and roles, organisation and place heads, speech
/// verbs, and the small words and page furniture that are never names.
///
/// Lists are keyed by the hash of the folded word (see ``NameForms``), built once at first use.
enum Lexicon {
    static func classes(_ hash: UInt64) -> WordClass { table[hash] ?? [] }

    static func isAbbreviation(_ hash: UInt64) -> Bool { abbreviations[hash] != nil }

    private static let lists: [(WordClass, String)] = [
        (.month, "january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec"),
        (.weekday, "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thurs fri sat sun weekend"),
        (.function, """
         the a an this that these those his her hers its their theirs our ours my your he she it they we i you him them \
         in on at by for from with without within after before during as but and or nor if when whenever while where why \
         how what who whom whose which whether meanwhile also however still yet now then there here earlier later today \
         tonight yesterday tomorrow last next some many much most more less other others another both all each every any \
         such no not none one two three four five six seven eight nine ten despite although though since until unless \
         because so even just only already again instead separately additionally asked speaking amid among about over \
         under between against into through across toward towards around following including upon via per than once \
         perhaps maybe indeed thus therefore moreover furthermore nevertheless nonetheless otherwise overall currently \
         recently previously initially finally ultimately eventually almost nearly roughly approximately several few \
         either neither is are was were be been being has have had do does did will would can could should shall might \
         must yes okay please thank thanks hello well oh let lets its it's here's there's that's what's who's \
         like unlike whatever whoever wherever hours minutes days weeks months years people officials experts sources \
         residents troops many critics analysts witnesses satellite speaking asked according to of \
         latest key exclusive inside live breaking update updates senior former acting top ive im ill id weve theyre \
         youre dont cant wont didnt isnt arent wasnt doesnt hes shes thats whats theres heres weve youve theyve
         """),
        (.connector, "of for and the in de du da van von der den bin ibn al el la le dos das del della di ter ten y"),
        (.particle, "de du da van von der den bin ibn al el la le dos das del della di ter ten"),
        (.titleHead, """
         president vice-president president-elect premier minister secretary secretary-general chancellor king queen prince \
         princess pope emperor sultan emir sheikh ayatollah ambassador envoy spokesperson spokesman spokeswoman adviser \
         advisor director director-general chief head leader chairman chairwoman chair chairperson commander \
         commander-in-chief general gen lieutenant lt colonel col major maj sergeant sgt admiral adm captain capt cmdr \
         senator sen representative rep congressman congresswoman governor gov mayor judge dr mr mrs ms prof professor \
         rev bishop patriarch cardinal archbishop rabbi imam correspondent reporter journalist analyst anchor editor \
         producer photographer photojournalist official diplomat negotiator lawmaker legislator deputy counselor \
         attorney attorney-general prosecutor officer commissioner coordinator ceo founder economist researcher aide \
         strategist mp mep speaker marshal brigadier undersecretary under-secretary ombudsman consul governor-general \
         lord lady sir dame dean rector monarch ruler administrator superintendent inspector chaplain coach manager \
         owner lawyer activist meteorologist scientist engineer doctor nurse teacher farmer volunteer historian \
         author writer expert hydrologist geologist surgeon pilot architect
         """),
        (.titleWord, """
         vice deputy prime first acting former senior top chief assistant associate special executive managing national \
         security foreign defense defence state interior home health finance justice economy economic energy homeland \
         treasury commerce trade education agriculture transport transportation culture labor labour environment \
         emergency emergencies veterans housing development digital information intelligence policy operations staff \
         joint chiefs armed forces press public diplomacy political european international cooperation strategic \
         communications relations services civil military naval air army navy general supreme principal lead affairs \
         majority minority senate presidential of the and for
         """),
        (.orgHead, """
         ministry department agency council committee commission organization organisation union party parliament \
         assembly senate congress court army navy forces force guard service services office bank fund university \
         institute school college foundation association alliance corporation corp inc ltd llc company co group airlines \
         airways times post news network press administration command bureau authority embassy consulate coalition \
         league board cabinet secretariat directorate police reserve club media television radio channel journal herald \
         tribune gazette daily centre center initiative movement front brigade battalion regiment division corps fleet \
         house chiefs federation trust society fleets laboratory observatory watchdog agencies ministries committees nations \
         international cross crescent societies
         """),
        (.institution, "kremlin pentagon congress senate parliament duma knesset bundestag rada politburo vatican interpol europol frontex taliban hamas hezbollah"),
        (.placeHead, """
         sea ocean river lake gulf bay strait peninsula island islands mountains mount valley region oblast province \
         county district square street avenue airport bridge base camp canal desert forest park palace plaza hill \
         heights coast station port harbor harbour plant cathedral republic kingdom territory territories strip room \
         hall hotel building tower stadium arena church mosque
         """),
        (.eventHead, """
         olympics olympic games war summit conference cup championship championships festival agreement agreements \
         accords accord treaty act protocol format day eve week month year stream pipeline program programme plan \
         doctrine declaration charter article resolution amendment revolution crisis prize award bowl series tour show \
         christmas easter ramadan covid covid-19 coronavirus omicron internet index report law bill constitution code \
         operation exercise exercises drills mission strategy project agenda budget election elections referendum talks \
         forum memorandum communique statement deal sanctions
         """),
        (.speechVerb, """
         said says say told tells tell added adds wrote writes tweeted posted stated noted notes warned warns explained \
         explains continued continues stressed stresses insisted insists asked asks replied answered announced announces \
         declared declares argued argues claimed claims urged urges acknowledged admitted confirmed confirms denied \
         denies cautioned emphasized emphasised underscored suggested suggests recalled remarked responded commented \
         concluded reiterated observed predicted vowed pledged promised assured alleged
         """),
        (.personPronoun, "he she"),
        (.placePreposition, "in near outside across into throughout inside toward towards"),
        (.placeNoun, "region oblast province city town village district border capital area port peninsula"),
        (.chrome, "link copied read watch video photos photo live updates update updated breaking posted related advertisement share click subscribe newsletter listen follow stay developing stories story note editor's opinion analysis"),
        (.acronymStop, """
         et est edt gmt utc bst cet am pm tv ok ceo id gdp covid dna ii iii iv vi vii viii ix xi xii live breaking watch \
         update new hq rsvp faq mp mps vip pr it diy usd eur km mph lol ps aka asap fyi qa ad bc ai pdf gps sms url www \
         com jr sr dc q vp ip
         """),
        (.nameSuffix, "jr sr ii iii iv"),
        (.direction, "western eastern northern southern central north south east west northeast northwest southeast southwest northeastern northwestern southeastern southwestern"),
        (.determiner, "a an the"),
        (.relativeWho, "who"),
        (.according, "according"),
    ]

    /// The classes of the listed words, by hash. A loop over many words reads it into a local
    /// first: each read of a `static let` is a call. Most words of a text are in no list, and a
    /// table of the ~1,000 listed words does not stay in the core's first cache: a 4 KB filter
    /// answers most words without touching it.
    static let table: FilteredHashTable<WordClass> = {
        var table = FilteredHashTable<WordClass>(capacity: 4096, filterBits: 15) // mostly empty: a miss ends at the first probe
        for (wordClass, words) in lists {
            for word in words.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
                let hash = NameForms.hash(String(word))
                table.set(hash, (table[hash] ?? []).union(wordClass))
            }
        }
        return table
    }()

    private static let abbreviations: HashTable<Bool> = {
        var table = HashTable<Bool>(capacity: 256)
        for word in """
            gen lt col maj sgt adm capt cmdr cdr dr mr mrs ms sen rep reps gov govs prof rev st jr sr inc corp co ltd no vs \
            feb jan aug sept sep oct nov dec mt ft pres amb gens brig pvt cpl hon messrs mme mlle dept univ approx
            """.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            table.set(NameForms.hash(String(word)), true)
        }
        return table
    }()
}
