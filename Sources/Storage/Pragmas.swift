/// Connection tuning presets for the two ways Dateline uses a database file.
extension Database {
    /// Tunes a connection that builds a brand-new file which is renamed into place
    /// only when complete: 16 KiB pages (fewer pages to fill, link and index than the default
    /// 4 KiB for rows of a few KiB; must come before the first table), no durability (the caller
    /// syncs at the end), in-memory rollback journal (so `transaction` can still roll back), a
    /// 16 MiB page cache (pages are written once, in order: a larger cache did not build faster)
    /// and an exclusive lock for the whole build.
    public func configureForBulkWrite() throws {
        try execute("""
            PRAGMA page_size = 16384;
            PRAGMA locking_mode = EXCLUSIVE;
            PRAGMA journal_mode = MEMORY;
            PRAGMA synchronous = OFF;
            PRAGMA temp_store = MEMORY;
            PRAGMA cache_size = -16384;
            """)
    }

    /// Tunes a connection that only serves reads: `query_only`, so any write fails, plain reads
    /// through the operating system's file cache (no mmap: every connection would map the whole
    /// file and count it again in the process's resident memory) and a 512 KiB page cache each
    /// (the server caches whole responses; a page SQLite no longer holds is one read from the file
    /// cache, and every connection's cache filled to 2 MiB cost 6 MB of resident memory with four).
    public func configureForReading() throws {
        try execute("""
            PRAGMA mmap_size = 0;
            PRAGMA cache_size = -512;
            PRAGMA query_only = 1;
            """)
    }
}
