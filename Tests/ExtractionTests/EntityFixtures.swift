@testable import Extraction

/// An invented live-blog story (a border dispute between the invented states of Ostrevia and
/// Durnland) for the entity tests, with its gold list of entities. People and organisations are
/// made up; a few real cities and countries stand in where the gazetteer is what is tested.
enum EntityFixtures {
    static let posts: [PostText] = [
        PostText(
            headline: "Ostrevia Warns Durnland As Troops Mass Near The Border",
            body: [
                "Ostrevian President Marta Vellani said Tuesday that her government would not accept any change to the border, as satellite images showed Durnish units moving toward the frontier town of Keldmarsh.",
                "“We will defend every village and every field,” Vellani said. “Nobody should doubt it.”",
                "Meanwhile, Durnland’s Foreign Ministry accused Ostrevia of staging provocations, according to a statement published on its website.",
                "Link Copied!",
            ],
            captions: ["President Marta Vellani speaks to reporters in Port Selva on Tuesday."],
            authors: ["Tomas Reyd", "Ilka Brannock"],
            context: 0),
        PostText(
            headline: "What we know about the troop buildup",
            body: [
                "The Alliance for Northern Security and Cooperation (ANSC) said it was monitoring the situation closely.",
                "ANSC Secretary General Oskar Lindqvist told reporters in Oslo: “The alliance stands with Ostrevia. Our members are united.”",
                "Lindqvist added that the allies would meet in Lisbon on Friday.",
                "Durnish Defense Minister Arkady Moigun, speaking on state television, called the deployment “a routine exercise planned long ago.”",
            ],
            contributors: ["Sela Vardanyan"],
            context: 0),
        PostText(
            headline: "US national security adviser says an attack could come within days",
            body: [
                "US national security adviser Kieran Lowell said Wednesday that an attack on Ostrevia could begin at any moment.",
                "“We cannot predict the future, but the risk is now high enough that this is what prudence demands,” Lowell said.",
                "Lowell, who briefed lawmakers on Tuesday evening, declined to say whether the United States would send more troops.",
                "Defense Secretary Nadia Hamilton spoke with her Ostrevian counterpart, according to a readout of the call. Hamilton stressed the commitment of the United States to the alliance.",
            ],
            authors: ["Ilka Brannock"],
            context: 0),
        PostText(
            headline: "Durnish minister denies plans for an offensive",
            body: [
                "Defense Minister Arkady Moygun on Thursday rejected reports that Durnland was preparing an offensive.",
                "“There are no plans to cross the border. These are exercises,” Moygun said.",
                "The Durnish Ministry of Foreign Affairs repeated the claim in a statement, saying the troops would return to their bases in March.",
                "Ostrevian Foreign Minister Yaroslav Dubenskyy said the words of the Durnish government could not be trusted.",
            ],
            context: 1),
        PostText(
            headline: "Ostrevia’s foreign minister meets counterparts in Geneva",
            body: [
                "Ostrevian Foreign Minister Yaroslav Dubensky met his Canadian and Norwegian counterparts in Geneva on Monday.",
                "Dubensky wrote on social media: “We are grateful for the support of our friends in Canada and Norway.",
                "“Together we will find a peaceful way out of this crisis.”",
                "Canadian troops are due to arrive in Ostrevia next month, the Canadian government said.",
            ],
            captions: ["Foreign Minister Yaroslav Dubensky arrives for talks in Geneva on Monday."],
            context: 1),
        PostText(
            headline: "White House calls the situation serious",
            body: [
                "National security adviser Kerran Lowell told reporters at the White House that the United States was ready for every outcome.",
                "The Harbor Times reported on Thursday that Kieran Lowell had spoken with Vellani twice this week.",
                "Sunday will be a decisive day, officials said. In February, similar warnings went unheeded.",
                "“This is a serious moment,” said Irena Kovacs, a spokesperson for the Ostrevian Red Shield Society.",
            ],
            authors: ["Tomas Reyd"],
            context: 2),
        PostText(
            headline: "Refugees arrive in Port Selva",
            body: [
                "Hundreds of families crossed into Ostrevia overnight and reached Port Selva by bus, said Irena Kovacs of the Red Shield Society.",
                "Kovacs, who coordinates the shelters, said the city was running out of beds.",
                "The mayor of Port Selva, Dalia Ostermann, appealed for blankets and water.",
                "Ostermann said: “We need help from every town in the country.”",
            ],
            context: 2),
    ]

    /// The gold list: every entity of the story, with every name it goes by.
    static let gold: [(type: EntityType, names: [String])] = [
        (.person, ["Marta Vellani", "Vellani"]),
        (.person, ["Oskar Lindqvist", "Lindqvist"]),
        (.person, ["Arkady Moigun", "Moigun", "Arkady Moygun", "Moygun"]),
        (.person, ["Kieran Lowell", "Lowell", "Kerran Lowell"]),
        (.person, ["Nadia Hamilton", "Hamilton"]),
        (.person, ["Yaroslav Dubensky", "Yaroslav Dubenskyy", "Dubensky"]),
        (.person, ["Irena Kovacs", "Kovacs"]),
        (.person, ["Dalia Ostermann", "Ostermann"]),
        (.person, ["Tomas Reyd"]),
        (.person, ["Ilka Brannock"]),
        (.person, ["Sela Vardanyan"]),
        (.organization, ["Alliance for Northern Security and Cooperation", "ANSC"]),
        (.organization, ["Durnish Ministry of Foreign Affairs", "Foreign Ministry", "Durnland’s Foreign Ministry"]),
        (.organization, ["White House"]),
        (.organization, ["Harbor Times"]),
        (.organization, ["Red Shield Society", "Ostrevian Red Shield Society"]),
        (.place, ["Ostrevia"]),
        (.place, ["Durnland"]),
        (.place, ["Keldmarsh"]),
        (.place, ["Port Selva"]),
        (.place, ["Oslo"]),
        (.place, ["Lisbon"]),
        (.place, ["Geneva"]),
        (.place, ["United States", "US"]),
        (.place, ["Canada"]),
        (.place, ["Norway"]),
    ]
}
