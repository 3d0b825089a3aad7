import Storage

/// The post columns every post list selects, and how they become a PostSummary or Post object.
enum PostJSON {
    /// Columns 0…13 of a post row, from `posts p`: `page_id` and `page_seq` name the post's first page;
    /// 13 is the post's entities as `post_entities` stores them (NULL when it has none).
    static let summaryColumns = summaryColumns(page: "p.page_id", seq: "p.page_seq")

    /// ``summaryColumns`` with `page_id` and `page_seq` taken from other expressions, e.g. the page a
    /// list is about.
    static func summaryColumns(page: String, seq: String) -> String {
        """
        p.id, p.headline, p.byline, p.authors_json, p.published_at, p.time_precision, p.published_day,
        \(page), \(seq), p.word_count, p.excerpt, p.image_count, p.timeline_rank,
        (SELECT entities_json FROM post_entities WHERE post_rowid = p.rowid)
        """
    }
    /// ``summaryColumns`` followed by the columns only the full post has (14…16).
    static let detailColumns = summaryColumns + ", p.body_json, p.images_json, p.contributors_json"
    /// The column that orders posts in time (1 = oldest).
    static let rankColumn = 12

    /// The PostSummary fields of columns 0…11 (no braces, so a Post can continue the object).
    private static let summary = RowObject([
        "id": .text, "headline": .text, "byline": .text, "authors": .json, "published_at": .text,
        "time_precision": .text, "day": .text, "page_id": .text, "page_seq": .integer, "word_count": .integer,
        "excerpt": .text, "image_count": .integer,
    ])

    /// The body, images and contributors of a ``detailColumns`` row (14…16).
    private static let content = RowObject(["body": .json, "images": .json, "contributors": .json], firstColumn: 14)

    /// How many of its entities, most mentioned first, a post lists in a post list: enough for a
    /// line of chips, while the whole post (`/api/posts/{id}`) has them all.
    static let listedEntities = 3

    /// Which of a post's entities to write.
    enum Entities {
        /// Every one (the whole post).
        case all
        /// The ``listedEntities`` most mentioned, and the entity ranked `including` (the entity a
        /// list is filtered by) wherever it ranks.
        case listed(including: Int?)
    }

    /// Writes the fields of a PostSummary, without the braces, so a Post can continue the object:
    /// `entities` as chosen, named by `chips`, and `entity_count`, how many the post has in all.
    static func writeSummaryFields(_ row: Row, entities: Entities, chips: EntityChips, to json: inout JSONWriter) {
        summary.writeFields(row, to: &json)
        json.raw(",\"entities\":[")
        var count = 0
        var keep = Int.max
        var including: Int?
        if case .listed(let rank) = entities {
            keep = listedEntities
            including = rank
        }
        var written = 0
        row.withUTF8(13) { stored in
            RankedEntities.forEach(in: stored) { rank, mentions in
                if count < keep || rank == including, chips.contains(rank: rank) {
                    json.separator(written)
                    chips.write(rank: rank, count: mentions, to: &json)
                    written += 1
                }
                count += 1
                return true
            }
        }
        json.raw("],\"entity_count\":")
        json.int(count)
    }

    /// Writes `{…}` for a PostSummary row in a list; `entity` is the rank of the entity the list is
    /// filtered by.
    static func writeSummary(_ row: Row, entity: Int? = nil, chips: EntityChips, to json: inout JSONWriter) {
        json.raw("{")
        writeSummaryFields(row, entities: .listed(including: entity), chips: chips, to: &json)
        json.raw("}")
    }

    /// Writes the body, images and contributors of a ``detailColumns`` row (fields, no braces).
    static func writeContentFields(_ row: Row, to json: inout JSONWriter) {
        json.raw(",")
        content.writeFields(row, to: &json)
    }
}
