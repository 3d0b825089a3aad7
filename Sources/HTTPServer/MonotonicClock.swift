import Glibc

/// CLOCK_MONOTONIC in nanoseconds: deadlines and durations that wall-clock jumps cannot disturb.
enum MonotonicClock {
    static func nanoseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) &* 1_000_000_000 &+ UInt64(now.tv_nsec)
    }

    /// Seconds as nanoseconds, saturating; negative means zero.
    static func nanoseconds(fromSeconds seconds: Double) -> UInt64 {
        seconds <= 0 ? 0 : seconds >= 1e9 ? UInt64(1e18) : UInt64(seconds * 1e9)
    }
}
