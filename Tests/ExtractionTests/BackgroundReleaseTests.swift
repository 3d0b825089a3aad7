import Foundation
import XCTest
import Extraction

/// What an ingest or the entity resolver hands to `releaseInBackground` is torn down on another thread, not the caller's.
final class BackgroundReleaseTests: XCTestCase {
    /// Reports the thread its deinit runs on.
    private final class Tracked: @unchecked Sendable {
        let released: (Bool) -> Void
        init(released: @escaping (Bool) -> Void) { self.released = released }
        deinit { released(Thread.isMainThread) }
    }

    func testValueIsReleasedOnAnotherThread() {
        XCTAssertTrue(Thread.isMainThread)
        let released = expectation(description: "released")
        nonisolated(unsafe) var onMainThread: Bool?
        let tracked = Tracked { onMainThread = $0; released.fulfill() }
        releaseInBackground(consume tracked)
        wait(for: [released], timeout: 10)
        XCTAssertEqual(onMainThread, false)
    }

    func testEveryElementOfAnArrayIsReleased() {
        let count = 1000
        let released = expectation(description: "released")
        released.expectedFulfillmentCount = count
        let values = (0..<count).map { _ in Tracked { _ in released.fulfill() } }
        releaseInBackground(consume values)
        wait(for: [released], timeout: 10)
    }

    /// What `Leftovers` keeps lives exactly as long as the `Leftovers` itself.
    func testLeftoversKeepWhatTheyAreGivenUntilTheyGo() {
        nonisolated(unsafe) var releasedCount = 0
        var leftovers: Leftovers? = Leftovers()
        for _ in 0..<3 { leftovers!.keep(Tracked { _ in releasedCount += 1 }) }
        leftovers!.keep([Tracked { _ in releasedCount += 1 }])
        XCTAssertEqual(releasedCount, 0)
        leftovers = nil
        XCTAssertEqual(releasedCount, 4)
    }
}
