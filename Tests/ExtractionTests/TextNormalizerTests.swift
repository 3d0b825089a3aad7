import XCTest
@testable import Extraction

final class TextNormalizerTests: XCTestCase {
    func testQuestionMarkThatStoodForANonBreakingSpaceBecomesASpace() {
        XCTAssertEqual(TextNormalizer.normalize("at their?highest level"), "at their highest level")
        XCTAssertEqual(TextNormalizer.normalize("said a?“fair deal”"), "said a “fair deal”")
        XCTAssertEqual(TextNormalizer.normalize("a “fair deal”?for all"), "a “fair deal” for all")
        XCTAssertEqual(TextNormalizer.normalize("says?\"it is over\""), "says \"it is over\"")
    }

    func testRealQuestionMarksStay() {
        XCTAssertEqual(TextNormalizer.normalize("“Again? We went through this,” she said."), "“Again? We went through this,” she said.")
        XCTAssertEqual(TextNormalizer.normalize("He asked: “Why?”"), "He asked: “Why?”")
        XCTAssertEqual(TextNormalizer.normalize("Is the strike over?"), "Is the strike over?")
    }

    func testDebrisAfterPunctuationOrSpaceDisappears() {
        XCTAssertEqual(TextNormalizer.normalize("The ships left.?"), "The ships left.")
        XCTAssertEqual(TextNormalizer.normalize("according to officials ?"), "according to officials")
        XCTAssertEqual(TextNormalizer.normalize("the port.??"), "the port.")
        XCTAssertEqual(TextNormalizer.normalize("“we will stay,”?"), "“we will stay,”")
    }

    func testSpacesAreNormalised() {
        XCTAssertEqual(TextNormalizer.normalize("a\u{A0}b\u{2009}c\u{200B}d  e\t f \u{A0}"), "a b cd e f")
        XCTAssertEqual(TextNormalizer.normalize("\u{FEFF}text\r"), "text")
        // Long lines, where plain bytes are copied in blocks: what breaks a block falls at every offset.
        for pad in 0..<9 {
            let lead = String(repeating: "x", count: pad)
            XCTAssertEqual(TextNormalizer.normalize(" \(lead)Rivers   rose\tat  Quay Street,\u{A0}\u{A0}officials said?  "),
                           "\(lead)Rivers rose at Quay Street, officials said?")
            XCTAssertEqual(TextNormalizer.normalize("\(lead)Sandbags\u{0}held\u{200B}overnight\r along\u{2009} the quay"),
                           "\(lead)Sandbagsheldovernight along the quay")
        }
    }

    func testLinesKeepBlanksAndDropAttributeDebris() {
        let input = "Title\r\n\r\n- Source: X \" data-fave-thumbnails=\"{}\" data-vr=\"false\"\nBody line.  \n"
        XCTAssertEqual(TextNormalizer.lines(Array(input.utf8)), ["Title", "", "", "Body line."])
    }

    func testLongLinesAndAttributeLookalikes() {
        let long = String(repeating: "water level ", count: 800) + "end"
        let input = long + "\nthe data-led report \" data-x=\"1\"\ndata-x=\"1\" only\nsee data-x = \"2\"\n a data-b=\""
        XCTAssertEqual(TextNormalizer.lines(Array(input.utf8)), [long, "", "data-x=\"1\" only", "see data-x = \"2\"", ""])
    }
}
