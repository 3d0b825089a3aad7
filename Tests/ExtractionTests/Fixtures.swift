/// Small pages in each layout, written for these tests (an invented harbour strike story).
enum Fixtures {
    static let timestamped = """
    Stay Updated on Developing Stories

    The latest on the harbour strike

    Where things stand

      • Dock workers in Port Selva walked out at dawn over a pay dispute.
      • The transport ministry says talks will resume tomorrow.
    Our live coverage has ended for the day. Read more here.
    9:45 p.m. ET, March 14, 2023

    Union leader says the strike will go on until wages rise\u{20}

    Union chair Mara Odell speaks to workers outside the east gate on Tuesday. (Lena Fisk/Harbour Press)

    The head of the dock workers' union said on Tuesday that the walkout would continue until the port authority offered a raise.

    “We have waited three years for this,” Odell said. “We can wait a few more days.”

    Harbour Press's Ivo Brandt and Sade Kim contributed reporting to this post.
    3:05 p.m. ET, March 14, 2023

    Ships begin to queue outside the harbour

    (Getty Images)

    At least twelve cargo ships were anchored off the coast by the afternoon, according to the coast guard.

    The coast guard said there was no danger to shipping.
    \u{A0}
    12:10 a.m. ET, March 14, 2023

    Talks collapse after midnight

    Negotiators left the ministry building shortly after midnight without an agreement.

    """

    static let headlined = """
    The latest on the harbour strike

    - Source: Harbour " data-fave-thumbnails="{"big": { "uri": "https://example.org/a.jpg" }}" data-vr-video="false"
    " data-timestamp-html="" data-publish-date="2023-03-14T02:42:57Z" data-video-section="world"
    harbour strike gate 03.14.23
    Workers gather at the east gate as the strike begins
    01:12 - Source: Harbour Press

    Where things stand

      • Dock workers in Port Selva walked out at dawn over a?pay dispute.
      • The transport ministry says talks will resume tomorrow.

    Our live coverage has ended for the day. Read more here.

    3 Posts

    Union leader says the strike will go on until wages rise?

    The head of the dock workers'?union said on Tuesday that the walkout would continue until the port authority offered a raise.

    “We have waited three years for this,” Odell said. “We can wait a few more days.”

    She added that the union had savings for two weeks.

    Ships begin to queue outside the harbour

    At least twelve cargo ships were anchored off the coast by the afternoon, according to the coast guard.

    Here is what the coast guard advised:

    Keep at least two miles from the breakwater.

    Report any engine trouble at once.

    What happens to fresh food deliveries now

    Supermarkets said on Tuesday that they had stock for a week.

    “Again? We went through this last winter,” one shop owner said.

    Read the full story here.

    GO DEEPER

    Harbour strike: what we know
    The long history of dock disputes in Port Selva

    """

    static let linkSeparated = """
    Dock workers in Port Selva walked out at dawn over a pay dispute.
    The transport ministry says talks will resume tomorrow.
    Live coverage has ended. Read more here.
    3 Posts
    Port authority offers "a fair deal" as strike enters second day
    From Harbour Press's Ivo Brandt and Sade Kim
    The port authority said on Wednesday it had offered the union a raise of four percent.
    “This is a fair deal and we hope the workers accept it,” a spokesperson said.
    Link Copied!
    Transport minister meets union chair
    From Harbour Press’s Lina Ortiz in Port Selva
    Transport Minister Abel Reyes shakes hands with union chair Mara Odell in Port Selva on March 15.
    (Tom Weld/Harbour Press)
    Reyes met Odell for an hour at the ministry on Wednesday.
    Neither side spoke to reporters afterwards.
    Fishermen say their catch is spoiling
    Analysis from Harbour Business' Tariq Moss
    Fishing crews who rely on the port's cold stores said they were losing money every day.
    Link Copied!
    """

    static let headless = """
    Select Page

    Workers gather at the east gate as the strike begins

    01:12

      • Dock workers in Port Selva walked out at dawn over a pay dispute.
      • The transport ministry says talks will resume tomorrow.

    Our coverage has ended for the day. Read the latest here.

    Negotiators for both sides arrived at the ministry on Thursday morning.

    The talks are expected to last all day.

    Read the full story here.

    Union chair Mara Odell arrives for talks in Port Selva, on March 16.

    Union chair Mara Odell arrives for talks in Port Selva, on March 16.

    (Lena Fisk/Harbour Press)

    Odell told reporters she was hopeful on Thursday.

    “We are closer than we were,” she said.

    Harbour Press's Ivo Brandt contributed reporting to this post.

    The coast guard said on Thursday that twenty ships were now waiting offshore.

    Thursday traffic at the airport was normal, officials said.

    """
}
