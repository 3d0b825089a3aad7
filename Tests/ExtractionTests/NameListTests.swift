import XCTest
@testable import Extraction

final class NameListTests: XCTestCase {
    func testBylines() {
        XCTAssertEqual(NameList.byline("From CNN's Ana Bell and Tom Reyes"), ["Ana Bell", "Tom Reyes"])
        XCTAssertEqual(NameList.byline("From CNN’s Ana Bell in Lisbon and Tom Reyes in Madrid"), ["Ana Bell", "Tom Reyes"])
        XCTAssertEqual(NameList.byline("Analysis from CNN Business' Ana Bell"), ["Ana Bell"])
        XCTAssertEqual(NameList.byline("By Ana Bell, Tom Reyes and Li Wen"), ["Ana Bell", "Tom Reyes", "Li Wen"])
        XCTAssertEqual(NameList.byline("By Ana Bell and Tom Reyes, MNN"), ["Ana Bell", "Tom Reyes"], "the outlet is no author")
        XCTAssertEqual(NameList.byline("By Ana Bell | MNN"), ["Ana Bell"])
        XCTAssertEqual(NameList.byline("By MNN Staff"), [], "a byline, with no named author")
        XCTAssertEqual(NameList.contributors("Reporting by Ana Bell and Tom Reyes in Lisbon; Editing by Li Wen"), ["Ana Bell", "Tom Reyes"])
        XCTAssertEqual(NameList.contributors("Additional reporting by Ana Bell."), ["Ana Bell"])
        XCTAssertNil(NameList.contributors("Reporting by the ministry suggests otherwise; nobody agreed."))
        XCTAssertNil(NameList.byline("From the start, the talks went badly."))
        XCTAssertNil(NameList.byline("From here the road goes north"))
    }

    func testContributors() {
        XCTAssertEqual(NameList.contributors("CNN’s Ana Bell, Tom Reyes and Li Wen contributed reporting to this post."),
                       ["Ana Bell", "Tom Reyes", "Li Wen"])
        XCTAssertEqual(NameList.contributors("Ana Bell and Tom Reyes contributed reporting to this post."), ["Ana Bell", "Tom Reyes"])
        XCTAssertNil(NameList.contributors("Five nations contributed troops to the mission in the north of the country."))
    }
}
