import Dispatch
import Foundation

/// Lets go of `value` on a background thread.
///
/// Tearing down an ingest's parsed pages, posts and entities (millions of strings and arrays) takes
/// about a tenth of a second at 50 MB once the database is complete, the entity resolver's working
/// state 0.07–0.09 s, and the merge's own working structures a few hundredths. Nothing needs to
/// wait for any of them: a command that exits next never pays the first.
public func releaseInBackground<T>(_ value: consuming T) {
    let parcel = Parcel(value)
    DispatchQueue.global(qos: .utility).async { parcel.empty() }
}

/// Holds the only reference to a value until a background thread empties it. Only that thread
/// touches the value after the hand-over.
private final class Parcel<T>: @unchecked Sendable {
    private var value: T?

    init(_ value: consuming T) { self.value = value }

    func empty() { value = nil }
}

/// Working state that is no longer needed but is not freed yet: it goes when its holder goes. An
/// ingest holds what its entity passes leave until the archive is in place and lets the lot go in
/// the background then (``releaseInBackground(_:)``): freeing it earlier competed with the ingest
/// for the cores, and a command that exits once the archive is in place never frees it at all.
public final class Leftovers: @unchecked Sendable {
    private let lock = NSLock()
    private var held: [Any] = []

    public init() {}

    /// Holds `value` until this object goes.
    public func keep(_ value: Any) {
        lock.withLock { held.append(value) }
    }
}
