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

    /// Tunes a connection that only serves reads: `query_only`, so any write fails, plain reads
    /// through the operating system's file cache (no mmap: every connection would map the whole
    /// file and count it again in the process's resident memory) and a 2 MiB page cache each.
    public func configureForReading() throws {
        try execute("""
            PRAGMA mmap_size = 0;
            PRAGMA cache_size = -2048;
            PRAGMA query_only = 1;
            """)
    }
}
