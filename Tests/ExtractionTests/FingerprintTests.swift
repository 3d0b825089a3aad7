import XCTest
@testable import Extraction

final class FingerprintTests: XCTestCase {
    func testComparableKeepsLettersAndDigitsOnly() {
        XCTAssertEqual(Fingerprint.comparable("River Kes, 2023: “Don’t wait” — now…"), Array("riverkes2023dontwaitnow".utf8))
        // NBSP, the word joiner and Latin-1 signs go; other letters and symbols stay as they are.
        XCTAssertEqual(Fingerprint.comparable("Café\u{A0}«Ørsted»\u{2060}€5"), Array("caféØrsted€5".utf8))
        XCTAssertEqual(Fingerprint.comparable("their?highest"), Fingerprint.comparable("their highest"))
    }

    func testShortIDIsTheHashsFirstTwelveHexDigits() {
        for text in ["", "Sandbags on Quay Street.", "b:rivers rose"] {
            let bytes = Fingerprint.comparable(text)
            let hex = String(Fingerprint.hash(bytes: bytes), radix: 16)
            XCTAssertEqual(Fingerprint.shortID(bytes), String((String(repeating: "0", count: 16 - hex.count) + hex).prefix(12)))
        }
        XCTAssertEqual(Fingerprint.shortID([]), "cbf29ce48422") // FNV-1a offset basis
    }

    func testComparableOfIsTheComparableForm() {
        let key = Fingerprint.comparable("Sandbags on Quay Street.")
        for text in ["Sandbags on Quay Street.", "“Sandbags on quay street”", "Sandbags on Quay Street ?", "Sandbags on Quay",
                     "Sandbags on Quay Streets", "", "Café\u{A0}«Ørsted»"] {
            XCTAssertEqual(Fingerprint.comparable(of: text, is: key), Fingerprint.comparable(text) == key, text)
        }
        XCTAssertTrue(Fingerprint.comparable(of: " — ", is: []))
        XCTAssertFalse(Fingerprint.comparable(of: "a", is: []))
    }
}
