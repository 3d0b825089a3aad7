/// State owned by one worker thread and shared by that thread's connections; it never crosses
/// threads, so it needs no locks: the cached `Date` value, the request-id counter and a reusable
/// zlib stream.
final class WorkerContext {
    var date = HTTPDateCache()
    var requestIDs: RequestIDGenerator
    private(set) lazy var gzip = GzipCompressor()

    init(index: Int, requestIDPrefix: UInt64) {
        requestIDs = RequestIDGenerator(serverPrefix: requestIDPrefix, workerIndex: index)
    }
}
