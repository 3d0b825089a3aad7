import Storage

/// The post columns every post list selects, and how they become a PostSummary or Post object.
enum PostJSON {
    /// Columns 0…12 of a post row, from `posts p`: `page_id` and `page_seq` name the post's first page.
    static let summaryColumns = summaryColumns(page: "p.page_id", seq: "p.page_seq")

    /// ``summaryColumns`` with `page_id` and `page_seq` taken from other expressions, e.g. the page a
    /// list is about.
    static func summaryColumns(page: String, seq: String) -> String {
        """
        p.id, p.headline, p.byline, p.authors_json, p.published_at, p.time_precision, p.published_day,
        \(page), \(seq), p.word_count, p.excerpt, p.image_count, p.timeline_rank
        """
    }
    /// ``summaryColumns`` followed by the columns only the full post has (13…15).
    static let detailColumns = summaryColumns + ", p.body_json, p.images_json, p.contributors_json"
    /// The column that orders posts in time (1 = oldest).
    static let rankColumn = 12

    /// Writes the fields of a PostSummary, without the braces, so a Post can continue the object.
    static func writeSummaryFields(_ row: Row, to json: inout JSONWriter) {
        json.raw("\"id\":"); json.text(row, 0)
        json.raw(",\"headline\":"); json.text(row, 1)
        json.raw(",\"byline\":"); json.text(row, 2)
        json.raw(",\"authors\":"); json.json(row, 3)
        json.raw(",\"published_at\":"); json.text(row, 4)
        json.raw(",\"time_precision\":"); json.text(row, 5)
        json.raw(",\"day\":"); json.text(row, 6)
        json.raw(",\"page_id\":"); json.text(row, 7)
        json.raw(",\"page_seq\":"); json.integer(row, 8)
        json.raw(",\"word_count\":"); json.integer(row, 9)
        json.raw(",\"excerpt\":"); json.text(row, 10)
        json.raw(",\"image_count\":"); json.integer(row, 11)
        json.raw(",\"entities\":[]")
    }

    /// Writes `{…}` for a PostSummary row.
    static func writeSummary(_ row: Row, to json: inout JSONWriter) {
        json.raw("{")
        writeSummaryFields(row, to: &json)
        json.raw("}")
    }

    /// Writes the body, images and contributors of a ``detailColumns`` row (fields, no braces).
    static func writeContentFields(_ row: Row, to json: inout JSONWriter) {
        json.raw(",\"body\":"); json.json(row, 13)
        json.raw(",\"images\":"); json.json(row, 14)
        json.raw(",\"contributors\":"); json.json(row, 15)
    }
}
