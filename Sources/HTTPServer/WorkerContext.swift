/// State owned by one worker thread and shared by that thread's connections; it never crosses
/// threads, so it needs no locks: the cached `Date` value, the request-id counter and a reusable
/// zlib stream. Per-request compression uses zlib's fastest level: on JSON it is about twice as
/// fast as the default level for output ~3% larger (responses served many times are precompressed
/// at the default level instead, see ``Response/precompressed()``).
final class WorkerContext {
    var date = HTTPDateCache()
    var requestIDs: RequestIDGenerator
    private(set) lazy var gzip = GzipCompressor(level: 1)

    init(index: Int, requestIDPrefix: UInt64) {
        requestIDs = RequestIDGenerator(serverPrefix: requestIDPrefix, workerIndex: index)
    }
}
