import Foundation

/// Runs an iterator on a thread of its own while the caller takes its values in order, so that
/// preparing values overlaps with using them. At most `lookahead` values wait to be taken, which
/// bounds the memory they hold.
final class Prefetcher<Value: Sendable>: @unchecked Sendable {
    // `condition` guards every stored property below it.
    private let condition = NSCondition()
    private var waiting: [Value] = []
    private var finished = false
    private var cancelled = false

    /// Starts the thread; `makeValues` runs on it, so setup work done there overlaps too.
    init(lookahead: Int, _ makeValues: @escaping @Sendable () -> AnyIterator<Value>) {
        Thread.detachNewThread { [self] in
            let values = makeValues()
            while true {
                condition.lock()
                while !cancelled && waiting.count >= lookahead { condition.wait() }
                let stop = cancelled
                condition.unlock()
                guard !stop, let value = values.next() else { break }
                condition.lock()
                waiting.append(value)
                condition.broadcast()
                condition.unlock()
            }
            condition.lock()
            finished = true
            condition.broadcast()
            condition.unlock()
        }
    }

    /// The next value, waiting for it when it is not ready yet; nil after the last one.
    func next() -> Value? {
        condition.lock()
        defer { condition.unlock() }
        while waiting.isEmpty && !finished { condition.wait() }
        guard !waiting.isEmpty else { return nil }
        condition.broadcast()
        return waiting.removeFirst()
    }

    /// Stops the producer early, when the consumer gives up before the end.
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }
}
