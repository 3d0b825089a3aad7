import XCTest
@testable import Extraction

/// Direct quotes and their speakers, on invented paragraphs.
final class QuoteTests: XCTestCase {
    private func quotes(_ paragraphs: [String]) -> [(speaker: String?, text: String)] {
        let corpus = EntityExtractor.resolve([EntityExtractor.candidates(PostText(body: paragraphs))])
        return corpus.quotes.map { ($0.speaker.map { corpus.entities[$0].name } ?? $0.speakerText, $0.text) }
    }

    func testSpeakerAfterTheQuote() {
        let found = quotes(["Energy Minister Halvard Stien visited the plant on Monday.",
                            "“The turbines will run again by winter,” Stien said. “Nobody will be left in the cold.”"])
        XCTAssertEqual(found.count, 1)
        XCTAssertEqual(found.first?.speaker, "Halvard Stien")
        XCTAssertEqual(found.first?.text, "The turbines will run again by winter … Nobody will be left in the cold.")
    }

    func testSaidFirstAccordingToAndStraightQuotes() {
        let found = quotes([
            "Mayor Oona Brisk said: “The bridge stays closed until the engineers are done.”",
            "\"Traffic will be diverted through the north gate,\" said the city council.",
            "“Repairs could take three weeks,” according to a statement from the Port Authority.",
        ])
        XCTAssertEqual(found.map(\.speaker), ["Oona Brisk", "the city council", "Port Authority"])
    }

    func testSpeakerAfterTheVerbWithATitleIsThePerson() {
        let found = quotes(["“The harbour will reopen within a week,” said Provincial Governor Ilka Marsh, who toured the docks."])
        XCTAssertEqual(found.map(\.speaker), ["Ilka Marsh"])
    }

    func testPronounIsTheLastPersonNamed() {
        let found = quotes(["Coach Dario Fenn spoke after the match.", "“We were not sharp enough today,” he said."])
        XCTAssertEqual(found.first?.speaker, "Dario Fenn")
    }

    func testMultiParagraphQuote() {
        let found = quotes([
            "Senator Abel Quist wrote in a letter: “The committee must hear every witness.",
            "“Anything less would fail the public.”",
            "The letter was sent on Tuesday.",
        ])
        XCTAssertEqual(found.count, 1)
        XCTAssertEqual(found.first?.speaker, "Abel Quist")
        XCTAssertEqual(found.first?.text, "The committee must hear every witness. Anything less would fail the public.")
    }

    func testPartialQuoteNeedsItsSpeakerAndLength() {
        let found = quotes([
            "Inspector Rune Hale said the damage was “far worse than anyone expected” after the storm.",
            "Residents called the repairs “too slow.”",
        ])
        XCTAssertEqual(found.map(\.speaker), ["Rune Hale"])
        XCTAssertEqual(found.first?.text, "far worse than anyone expected")
    }
}
