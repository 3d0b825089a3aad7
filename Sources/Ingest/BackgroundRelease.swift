import Dispatch

/// Frees large structures on a background thread, so the caller does not wait for it.
enum BackgroundRelease {
    /// Takes `value` over and lets it go on a utility thread (its memory is freed there unless
    /// something else still holds it).
    static func hand<T: Sendable>(_ value: consuming T) {
        let box = Box(value)
        DispatchQueue.global(qos: .utility).async { box.empty() }
    }
}

/// The value in transit; after `init` only the background block touches it.
private final class Box<T>: @unchecked Sendable {
    private var value: T?

    init(_ value: consuming T) { self.value = value }

    func empty() { value = nil }
}
