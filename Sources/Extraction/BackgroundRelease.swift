import Dispatch

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
