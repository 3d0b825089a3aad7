/// Connection tuning presets for the two ways Dateline uses a database file.
extension Database {
    /// Tunes a connection that builds a brand-new file which is renamed into place
    /// only when complete: no durability (the caller syncs at the end), in-memory
    /// rollback journal (so `transaction` can still roll back), a 64 MiB page cache
    /// and an exclusive lock for the whole build.
    public func configureForBulkWrite() throws {
        try execute("""
            PRAGMA locking_mode = EXCLUSIVE;
            PRAGMA journal_mode = MEMORY;
            PRAGMA synchronous = OFF;
            PRAGMA temp_store = MEMORY;
            PRAGMA cache_size = -65536;
            """)
    }

    /// Tunes a connection that only serves reads: 256 MiB memory-mapped I/O and
    /// `query_only`, so any write fails.
    public func configureForReading() throws {
        try execute("""
            PRAGMA mmap_size = 268435456;
            PRAGMA query_only = 1;
            """)
    }
}
