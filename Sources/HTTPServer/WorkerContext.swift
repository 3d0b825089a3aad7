import ZlibCodec
/// State owned by one worker thread and shared by that thread's connections; it never crosses
/// threads, so it needs no locks: the cached `Date` value, the request-id counter and reusable
/// zlib streams (one compresses, one inflates content kept only gzip-encoded). Per-request
/// compression uses zlib's fastest level, like ``Gzip/compress(_:)``: on JSON it is about twice as
/// fast as the default level for output 5–15% larger.
final class WorkerContext {
    var date = HTTPDateCache()
    var requestIDs: RequestIDGenerator
    private(set) lazy var gzip = GzipCompressor()
    private(set) lazy var gunzip = GzipInflater()

    init(index: Int, requestIDPrefix: UInt64) {
        requestIDs = RequestIDGenerator(serverPrefix: requestIDPrefix, workerIndex: index)
    }
}
