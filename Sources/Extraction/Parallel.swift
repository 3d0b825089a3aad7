import Dispatch

/// Data-parallel loops on all cores.
public enum Parallel {
    /// `transform` over `items` on all cores, results in input order.
    public static func map<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
        [R](unsafeUninitializedCapacity: items.count) { buffer, count in
            let results = ResultSlots(base: buffer.baseAddress)
            DispatchQueue.concurrentPerform(iterations: items.count) { index in
                results.base?.advanced(by: index).initialize(to: transform(items[index]))
            }
            count = items.count
        }
    }
}

/// The result buffer of ``Parallel/map(_:_:)``: each slot is initialised by exactly one iteration,
/// so the threads never touch the same memory.
private struct ResultSlots<R>: @unchecked Sendable {
    let base: UnsafeMutablePointer<R>?
}
