import XCTest
@testable import Extraction

/// Folding, skeletons, slugs, word ranges, set numbering and the tokenizer's word boundaries.
final class NameFormsTests: XCTestCase {
    func testFoldSkeletonSlugAndHash() {
        XCTAssertEqual(NameForms.fold("Mélanie  Łódź-Żuraw U.S."), "melanie lodz-zuraw us")
        XCTAssertEqual(NameForms.skeleton("Zelenskyy"), NameForms.skeleton("Zelensky"))
        XCTAssertEqual(NameForms.skeleton("Shoygu"), NameForms.skeleton("Shoigu"))
        XCTAssertNotEqual(NameForms.skeleton("Peskov"), NameForms.skeleton("Pesko"))
        XCTAssertEqual(NameForms.distance(Array("jake".utf8), Array("jack".utf8), limit: 2), 2)
        XCTAssertEqual(NameForms.distance(Array("abcdef".utf8), Array("uvwxyz".utf8), limit: 2), 3)
        for (x, y) in [("peskov", "peskow"), ("peskov", "peskv"), ("peskov", "pesckov"), ("peskov", "peskov"), ("", "a"),
                       ("peskov", "pekosv"), ("peskov", "peskovic"), ("abc", "xbc"), ("abc", "abx"), ("ab", "ba"), ("", "")] {
            let (a, b) = (Array(x.utf8), Array(y.utf8))
            XCTAssertEqual(NameForms.withinOneEdit(a, b), NameForms.distance(a, b, limit: 1) <= 1, "\(x) \(y)")
            XCTAssertEqual(NameForms.withinOneEdit(b, a), NameForms.withinOneEdit(a, b))
        }
        XCTAssertEqual(NameForms.slug("Antony Blinken"), "antony-blinken")
        XCTAssertEqual(NameForms.slug("Straße ß"), "strasse-ss")
        XCTAssertEqual(NameForms.slug("—"), "entity")
        XCTAssertEqual(NameForms.hash("U.S."), NameForms.hash("us"))
        XCTAssertEqual(NameForms.hash("São  Paulo"), NameForms.hash("sao paulo"))
    }

    func testWordsSplitLikeCharactersWithOrWithoutNonASCII() {
        for name in [" Tamsin  Okoro ", "Oskara River", "", "   ", "Mélanie  Joly", "e\u{301} x", "Jo \u{301}Quist", "A\r\n B"] {
            XCTAssertEqual(NameForms.words(name), name.split(separator: " "), name)
        }
        XCTAssertEqual(NameForms.words("Kestria  flood warden").map(String.init), ["Kestria", "flood", "warden"])
    }

    func testWordsReadAsBytesHashAndSkeletonLikeTheirStrings() {
        for name in ["Tamsin  Okoro-Vey", "Mélanie Joly", "Jo \u{301}Quist", "Łukasz Nowak Jr.", "Dr. Ayo Oyelaran"] {
            var copy = name
            let words = name.split(separator: " ")
            let ranges = NameForms.wordRanges(name)
            XCTAssertEqual(ranges.count, words.count, name)
            copy.withUTF8 { bytes in
                for (range, word) in zip(ranges, words) {
                    XCTAssertEqual(String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self), String(word))
                    XCTAssertEqual(NameForms.hash(bytes, range), NameForms.hash(String(word)), String(word))
                    XCTAssertEqual(Skeleton(bytes, range.lowerBound, range.upperBound), Skeleton(String(word)), String(word))
                }
            }
        }
    }

    func testUnionFindNumbersSetsInTheOrderOfTheirFirstElements() {
        var union = UnionFind(count: 6)
        union.join(4, 1)
        union.join(5, 2)
        union.join(2, 4)
        let (numbers, count) = union.numbered()
        XCTAssertEqual(numbers, [0, 1, 1, 2, 1, 1])
        XCTAssertEqual(count, 3)
    }

    func testTokenizerKeepsNamesWholeAndSplitsPossessives() {
        let text = "Gen. J. R. O'Neill’s U.S. team met Ukraine-Russia envoys\u{00A0}in Kyiv. “Yes,” she said."
        var tokens = [Token](repeating: Token(start: 0, end: 0, hash: 0, kind: .other, flags: [], classes: []), count: text.utf8.count)
        var copy = text
        var lowercase = LowercaseWords()
        let (count, marks) = copy.withUTF8 { bytes in
            tokens.withUnsafeMutableBufferPointer { tokens in
                lowercase.write(room: bytes.count) { Tokenizer.tokenize(bytes, into: tokens, lowercase: &$0) }
            }
        }
        XCTAssertEqual(marks, [Token.Kinds(.stop), Token.Kinds(.openQuote), Token.Kinds(.closeQuote), Token.Kinds(.comma)])
        tokens.removeLast(tokens.count - count)
        let words = tokens.filter { $0.kind == .word }.map { token -> String in
            let bytes = Array(text.utf8)[Int(token.start)..<Int(token.end)]
            return String(decoding: bytes, as: UTF8.self)
        }
        XCTAssertEqual(words, ["Gen.", "J.", "R.", "O'Neill", "U.S.", "team", "met", "Ukraine-Russia", "envoys", "in", "Kyiv",
                               "Yes", "she", "said"])
        let oneill = tokens.first { $0.kind == .word && $0.hash == NameForms.hash("oneill") }
        XCTAssertTrue(oneill?.flags.contains(.possessive) ?? false)
        XCTAssertTrue(tokens.first { $0.hash == NameForms.hash("us") }?.flags.contains(.allCaps) ?? false)
        XCTAssertEqual(tokens.filter { $0.flags.contains(.nameWord) }.count, 7) // `Gen.` … `Kyiv`, not `Yes` (a function word)
        XCTAssertEqual(tokens.filter { $0.kind == .stop }.count, 2)
        XCTAssertTrue(tokens.first { $0.hash == NameForms.hash("yes") }?.flags.contains(.sentenceStart) ?? false)
        XCTAssertEqual(tokens.filter { $0.kind == .openQuote }.count, 1)
        XCTAssertEqual(tokens.first { $0.hash == NameForms.hash("she") }?.classes.contains(.personPronoun), true)
        XCTAssertEqual(tokens.first { $0.hash == NameForms.hash("gen") }?.classes.contains(.titleHead), true)
        XCTAssertTrue(lowercase.contains(NameForms.hash("envoys")))
        XCTAssertFalse(lowercase.contains(NameForms.hash("kyiv")))
    }

    func testTokenHashesAndTheirRunsEqualTheHashesOfTheirText() {
        // Words of every length around the eight-byte steps, at the very end of the text too, with
        // digits, separators, hyphens, apostrophes, periods and non-ASCII letters in them.
        let text = "Ab ABCDEFG Abcdefgh ABCDEFGHI Quartermasters Interoperability-Assessment 1,250 3.5 F-16 "
            + "O'Hara Gen. U.S. Żurawski-Mélançon Straßenbahn abcdefgé éabcdefgh Kestrel-Vey Abcdefghijklmnop"
        var tokens = [Token](repeating: Token(start: 0, end: 0, hash: 0, kind: .other, flags: [], classes: []), count: text.utf8.count)
        var copy = text
        var lowercase = LowercaseWords()
        copy.withUTF8 { bytes in
            tokens.withUnsafeMutableBufferPointer { buffer in
                let count = lowercase.write(room: bytes.count) { Tokenizer.tokenize(bytes, into: buffer, lowercase: &$0) }.count
                let words = UnsafeBufferPointer(rebasing: buffer[..<count])
                let string = { (k: Int) in String(decoding: UnsafeBufferPointer(rebasing: bytes[Int(words[k].start)..<Int(words[k].end)]), as: UTF8.self) }
                XCTAssertEqual(count, 18)
                XCTAssertEqual(string(count - 1), "Abcdefghijklmnop")
                for k in 0..<count {
                    XCTAssertEqual(words[k].hash, NameForms.hash(string(k)), string(k))
                }
                let paragraph = Paragraph(text: bytes, tokens: words, marks: [], headline: false)
                XCTAssertEqual(paragraph.hash(1, 4), NameForms.hash("abcdefg abcdefgh abcdefghi"))
                XCTAssertEqual(paragraph.hash(10, 13), NameForms.hash("gen. U.S.  zurawski-melancon"))
                XCTAssertNotEqual(paragraph.hash(1, 3), paragraph.hash(2, 4))
            }
        }
        XCTAssertNotEqual(NameForms.hash("abcdefgh"), NameForms.hash("abcdefg"))
        XCTAssertNotEqual(NameForms.hash("ab cd"), NameForms.hash("abcd"))
        XCTAssertNotEqual(NameForms.hash("ab cd"), NameForms.hash("cd ab"))
    }

    func testEightBytesAtATimeFindTheEndOfALetterRun() {
        for position in 0..<8 {
            for byte in UInt8.min...UInt8.max {
                var bytes = [UInt8](repeating: 0x61 + UInt8(position), count: 8) // `a`…`h`, some upper-case
                if position % 2 == 1 { bytes[0] = 0x5A }
                bytes[position] = byte
                let word = bytes.reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
                XCTAssertEqual(Tokenizer.asciiLetters(word), Tokenizer.isASCIILetter(byte) ? 8 : position, "\(byte) at \(position)")
            }
        }
    }

    func testHashFilterKeepsEveryHashItHoldsAndRulesMostOthersOut() {
        var filter = HashFilter(bits: 12)
        let held = (0..<200).map { NameForms.hash("held\($0)") }
        for hash in held { filter.insert(hash) }
        XCTAssertTrue(held.allSatisfy { filter.mayContain($0) })
        let others = (0..<1000).filter { filter.mayContain(NameForms.hash("other\($0)")) }.count
        XCTAssertLessThan(others, 150) // about 200 of 4096 bits are set
    }

    func testGazetteerAndGivenNamesLoad() {
        XCTAssertGreaterThan(Gazetteer.data.places.count, 5000)
        let kyiv = Gazetteer.entry(NameForms.hash("Kiev")).map { Gazetteer.data.places[Int($0.place)].name }
        XCTAssertEqual(kyiv, "Kyiv")
        XCTAssertEqual(Gazetteer.entry(NameForms.hash("US"))?.upperOnly, true)
        XCTAssertNotNil(Gazetteer.demonym(NameForms.hash("Ukrainians")))
        XCTAssertTrue(GivenNames.lookup(NameForms.hash("Laura")).known)
        XCTAssertEqual(GivenNames.lookup(NameForms.hash("Will")).ambiguous, true)
    }
}
