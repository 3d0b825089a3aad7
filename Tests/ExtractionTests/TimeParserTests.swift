import XCTest
@testable import Extraction

final class TimeParserTests: XCTestCase {
    func testISOFormsArePaddedAndSigned() {
        let day = CalendarDay(year: 2022, month: 2, day: 1)
        XCTAssertEqual(day.description, "2022-02-01")
        XCTAssertEqual(CalendarDay(year: 987, month: 12, day: 31).description, "0987-12-31")
        XCTAssertEqual(CalendarDay(year: 12022, month: 10, day: 9).description, "12022-10-09")
        XCTAssertEqual(Timestamp(day: day, hour: 0, minute: 5, offsetMinutes: -300).description, "2022-02-01T00:05:00-05:00")
        XCTAssertEqual(Timestamp(day: day, hour: 23, minute: 59, offsetMinutes: 330).description, "2022-02-01T23:59:00+05:30")
        XCTAssertEqual(Timestamp(day: day, hour: 9, minute: 0, offsetMinutes: 0).description, "2022-02-01T09:00:00+00:00")
        XCTAssertEqual(Timestamp(day: day, hour: 12, minute: 30, offsetMinutes: -570).description, "2022-02-01T12:30:00-09:30")
    }

    func testNumbersAreWrittenInDecimalToAMinimumWidth() {
        func written(_ value: Int, _ width: Int) -> String {
            var bytes = Array("x".utf8)
            appendPadded(value, width, to: &bytes)
            return String(decoding: bytes, as: UTF8.self)
        }
        XCTAssertEqual(written(0, 1), "x0")
        XCTAssertEqual(written(7, 2), "x07")
        XCTAssertEqual(written(1234, 2), "x1234")
        XCTAssertEqual(written(-42, 4), "x-0042")
        XCTAssertEqual(written(Int.max, 1), "x\(Int.max)")
        XCTAssertEqual(written(Int.min, 1), "x\(Int.min)")
    }

    func testEasternTimeFollowsDaylightSaving() {
        XCTAssertEqual(TimeParser.timestamp(in: "8:08 p.m. ET, February 11, 2022")?.description, "2022-02-11T20:08:00-05:00")
        XCTAssertEqual(TimeParser.timestamp(in: "9:30 a.m. ET, July 4, 2023")?.description, "2023-07-04T09:30:00-04:00")
        // 2023: DST from March 12 02:00 to November 5 02:00.
        XCTAssertEqual(TimeParser.timestamp(in: "1:59 a.m. ET, March 12, 2023")?.offsetMinutes, -300)
        XCTAssertEqual(TimeParser.timestamp(in: "3:00 a.m. ET, March 12, 2023")?.offsetMinutes, -240)
        XCTAssertEqual(TimeParser.timestamp(in: "1:30 a.m. ET, November 5, 2023")?.offsetMinutes, -240)
        XCTAssertEqual(TimeParser.timestamp(in: "3:00 a.m. ET, November 5, 2023")?.offsetMinutes, -300)
    }

    func testExplicitZonesAndMidnight() {
        XCTAssertEqual(TimeParser.timestamp(in: "12:15 a.m. EST, Jan 3, 2022")?.description, "2022-01-03T00:15:00-05:00")
        XCTAssertEqual(TimeParser.timestamp(in: "12:15 p.m. PT, Sept. 3, 2022")?.description, "2022-09-03T12:15:00-07:00")
        XCTAssertEqual(TimeParser.timestamp(in: "4:00 pm GMT, March 1, 2022")?.description, "2022-03-01T16:00:00+00:00")
    }

    func testOtherOrdersAndClocks() {
        let expected = "2022-02-11T20:08:00-05:00"
        for line in ["Feb. 11, 2022, 8:08 p.m. ET", "February 11, 2022 at 8:08 PM EST", "Fri February 11, 2022 8:08pm ET",
                     "8:08 PM EST, Fri February 11, 2022", "Friday, February 11, 2022 | 8:08 p.m. ET",
                     "Posted at 8:08 p.m. ET, February 11, 2022", "11 February 2022 20:08 EST"] {
            XCTAssertEqual(TimeParser.timestamp(in: line)?.description, expected, line)
        }
        XCTAssertEqual(TimeParser.timestamp(in: "20:08 GMT, 11 Feb 2022")?.description, "2022-02-11T20:08:00+00:00")
        XCTAssertEqual(TimeParser.timestamp(in: "Updated 14:05 EET, February 24, 2022")?.description, "2022-02-24T14:05:00+02:00")
        XCTAssertEqual(TimeParser.timestamp(in: "24 February 2022 07:30 MSK")?.description, "2022-02-24T07:30:00+03:00")
    }

    func testClockOnlyStamps() {
        XCTAssertEqual(TimeParser.clockStamp(in: "8:08 p.m. ET"), ClockTime(hour: 20, minute: 8, zone: "ET"))
        XCTAssertEqual(TimeParser.clockStamp(in: "00:15 GMT"), ClockTime(hour: 0, minute: 15, zone: "GMT"))
        XCTAssertNil(TimeParser.clockStamp(in: "8:08 p.m."))
        XCTAssertNil(TimeParser.clockStamp(in: "8:08 p.m. XYZ"))
        XCTAssertNil(TimeParser.clockStamp(in: "02:29 - Source: CNN"))
        XCTAssertNil(TimeParser.clockStamp(in: "8:08 p.m. ET, February 11, 2022"))
    }

    func testNonTimesAreRejected() {
        XCTAssertNil(TimeParser.timestamp(in: "8:08 p.m. ET, February 30, 2022"))
        XCTAssertNil(TimeParser.timestamp(in: "13:08 p.m. ET, February 11, 2022"))
        XCTAssertNil(TimeParser.timestamp(in: "8:08 p.m. ET, February 11, 2022 and more"))
        XCTAssertNil(TimeParser.timestamp(in: "At 8:08 p.m. ET the call began."))
        XCTAssertNil(TimeParser.timestamp(in: "February 11, 2022, 8:08 p.m."), "no zone: no offset is guessed")
        XCTAssertNil(TimeParser.timestamp(in: "February 11, 2022"))
        XCTAssertNil(TimeParser.timestamp(in: "02:29 - Source: CNN"))
        XCTAssertNil(TimeParser.timestamp(in: "February 11, 2022, 8:08 p.m. XYZ"))
        XCTAssertNil(TimeParser.timestamp(in: "Friday 13:30 p.m. ET, February 11, 2022"))
    }

    func testUpdateStampsAndProseDates() {
        XCTAssertTrue(TimeParser.isUpdateLine("Updated 7:29 a.m. ET, February 12, 2022"))
        XCTAssertNotNil(TimeParser.timestamp(in: "Updated 7:29 a.m. ET, February 12, 2022"))
        let dates = TimeParser.dates(in: "in Washington, Friday, Feb. 18, 2022, and again on March 2.")
        XCTAssertEqual(dates.map(\.month), [2, 3])
        XCTAssertEqual(dates.map(\.day), [18, 2])
        XCTAssertEqual(dates.map(\.year), [2022, nil])
    }

    func testCalendarArithmetic() {
        XCTAssertEqual(CalendarDay(year: 2022, month: 2, day: 12).weekday, 6)
        XCTAssertEqual(CalendarDay(year: 2024, month: 2, day: 28).adding(days: 2), CalendarDay(year: 2024, month: 3, day: 1))
        XCTAssertEqual(CalendarDay(year: 2022, month: 12, day: 31).adding(days: 1), CalendarDay(year: 2023, month: 1, day: 1))
    }

    func testWeekdaysAndYearsCountedInTheText() {
        var evidence = DateEvidence()
        let body = PageLine.make(["Rain fell all Friday’ and Friday, then Friday1 again.",
                                  "Fridays are calm; Friday’s storm was not. Fri. Saturday",
                                  "In 2023, not 20234 or 1989, and 2024"])
        evidence.collect(header: PageHeader([]), body: body, posts: [])
        XCTAssertEqual(evidence.weekdayCounts, [0, 0, 0, 0, 0, 3, 1])
        XCTAssertEqual(evidence.years, [2023, 2024])

        // At the start and end of a line, across the eight-byte blocks, and `day` inside other words.
        var more = DateEvidence()
        more.collect(header: PageHeader([]), body: PageLine.make(["2022 Monday today Wednesday 1999x daydreams 2001 Sunday",
                                                                   "Tuesday", "2020", "Sunday Sunday2 x2021 Thursdays,"]),
                     posts: [])
        XCTAssertEqual(more.weekdayCounts, [3, 1, 1, 1, 0, 0, 0]) // `Sunday2` counts, as `Friday1` does
        XCTAssertEqual(more.years, [2022, 1999, 2001, 2020])
    }
}
