#include <sqlite3.h>

/// `sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0)`, which Swift cannot call (C variadic): stops SQLite
/// from counting every allocation under one process-wide mutex, which serialises connections that
/// run on different threads. Must run before SQLite is initialised; returns SQLITE_MISUSE after.
static inline int dateline_sqlite3_disable_memstatus(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
