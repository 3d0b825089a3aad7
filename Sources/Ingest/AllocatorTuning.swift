#if canImport(CMalloc) && os(Linux)
import CMalloc
#endif

/// glibc allocator settings for the length of an ingest.
///
/// An ingest allocates and frees hundreds of MB. By default glibc hands freed memory at the top of
/// its heaps back to the system, and the next allocations fault the same pages in again. During an
/// ingest freed memory is kept for reuse and the heap grows in 64 MiB steps (50 MB corpus, medians
/// of 4 alternating runs: system time 0.42 → 0.35 s, wall 2.05 → 1.96 s). The defaults come back
/// when the ingest ends, so that what its structures free afterwards (``releaseInBackground(_:)``)
/// goes back to the system, for a server that ingested at startup and keeps running.
enum AllocatorTuning {
    /// Keeps freed memory in the process.
    static func holdMemory() {
        #if canImport(CMalloc) && os(Linux)
        _ = mallopt(M_TRIM_THRESHOLD, 1 << 30)
        _ = mallopt(M_TOP_PAD, 64 << 20)
        #endif
    }

    /// glibc's defaults (128 KiB each).
    static func restoreDefaults() {
        #if canImport(CMalloc) && os(Linux)
        _ = mallopt(M_TRIM_THRESHOLD, 128 << 10)
        _ = mallopt(M_TOP_PAD, 128 << 10)
        #endif
    }
}
