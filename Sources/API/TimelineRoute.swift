import HTTPServer
import Storage

/// `/api/timeline?granularity=day|hour`: posts grouped into time buckets, oldest first.
///
/// A post known only to its day sits in that day's bucket, also in hour granularity (a bucket with
/// `"precision":"day"` just before the day's hours), never in a made-up hour; a post with no date
/// at all is listed under `undated`. Buckets keep the archive's time order inside them.
enum TimelineRoute {
    /// Posts listed per bucket at most (`count` is always the full number).
    static let defaultPostsPerBucket = 100

    static func timeline(_ request: Request, _ parameters: PathParameters, _ archive: ArchiveReader) throws -> [UInt8] {
        try timeline(request, archive, entity: nil)
    }

    /// The timeline; `pathEntity` is the entity of `/api/entities/{id}/timeline` (else the `entity`
    /// parameter may name one).
    static func timeline(_ request: Request, _ archive: ArchiveReader, entity pathEntity: String?) throws -> [UInt8] {
        let query = try QueryParameters(request, allowed: ["granularity", "page", "since", "until", "per_bucket"]
                                                          + (pathEntity == nil ? ["entity"] : []))
        let hourly = try query.choice("granularity", ["day", "hour"]) == "hour"
        let perBucket = try perBucketLimit(query)
        let filter = try PostFilter(query, archive, entity: pathEntity)
        let statement = try archive.statement("""
            SELECT p.id, p.headline, p.published_at, p.time_precision, p.page_id, p.published_day
            FROM posts p \(filter.conditions.isEmpty ? "" : "WHERE " + filter.conditions.joined(separator: " AND "))
            ORDER BY p.timeline_rank
            """)
        try statement.bind(filter.values)
        var buckets: [Bucket] = []
        var undated = Bucket(key: "", precision: "day", start: "")
        var bucketIndex: [String: Int] = [:]
        while try statement.step() {
            let row = statement.row
            guard !row.isNull(5) else {
                undated.add(row, limit: perBucket)
                continue
            }
            let day = row.text(5)
            let published = row.optionalText(2) ?? ""
            let isMinute = row.withUTF8(3) { $0.elementsEqual("minute".utf8) }
            var key = day
            var start = day
            if hourly, isMinute, published.utf8.count >= 25 {
                let hour = published.prefix(13)
                key = String(hour)
                start = hour + ":00:00" + published.suffix(6)
            }
            if bucketIndex[key] == nil {
                bucketIndex[key] = buckets.count
                buckets.append(Bucket(key: key, precision: key.utf8.count == 10 ? "day" : "hour", start: start))
            }
            buckets[bucketIndex[key]!].add(row, limit: perBucket)
        }
        // Rank order interleaves a day's untimed posts with its hours; in hour granularity the day
        // bucket goes first. Keys sort as text: a day's key is a prefix of its hours' keys.
        if hourly { buckets.sort { $0.key < $1.key } }
        var json = JSONWriter(capacity: 16384)
        json.raw("{\"granularity\":")
        json.string(hourly ? "hour" : "day")
        json.raw(",\"items\":[")
        for (index, bucket) in buckets.enumerated() {
            json.separator(index)
            json.raw("{\"key\":"); json.string(bucket.key)
            json.raw(",\"precision\":"); json.string(bucket.precision)
            json.raw(",\"start\":"); json.string(bucket.start)
            json.raw(",\"count\":"); json.int(bucket.count)
            json.raw(",\"posts\":"); bucket.writePosts(to: &json)
            json.raw("}")
        }
        json.raw("],\"undated\":{\"count\":")
        json.int(undated.count)
        json.raw(",\"posts\":"); undated.writePosts(to: &json)
        json.raw("}}")
        return json.bytes
    }

    private static func perBucketLimit(_ query: QueryParameters) throws(APIProblem) -> Int {
        guard let text = query.string("per_bucket") else { return defaultPostsPerBucket }
        guard text.utf8.count <= 4, let value = Int(text), (0...1000).contains(value) else {
            throw .badRequest("per_bucket must be an integer from 0 to 1000, not \"\(text)\".")
        }
        return value
    }

    private static let post = RowObject([
        "id": .text, "headline": .text, "published_at": .text, "time_precision": .text, "page_id": .text,
    ])

    private struct Bucket {
        let key: String
        let precision: String
        let start: String
        var count = 0
        /// The `posts` array so far, without its closing bracket.
        private var json = JSONWriter(capacity: 512)

        init(key: String, precision: String, start: String) {
            self.key = key
            self.precision = precision
            self.start = start
            json.raw("[")
        }

        /// Appends the `posts` array.
        func writePosts(to out: inout JSONWriter) {
            out.append(json)
            out.raw("]")
        }

        mutating func add(_ row: Row, limit: Int) {
            defer { count += 1 }
            guard count < limit else { return }
            json.separator(count)
            TimelineRoute.post.write(row, to: &json)
        }
    }
}
