import HTTPServer

/// `GET /openapi.json`: the OpenAPI 3.1 description of every route and schema.
enum OpenAPIDocument {
    static func route(_ request: Request, _ parameters: PathParameters) -> Response {
        response
    }

    private static let response = Response.json(Array(text.utf8), headers: ["Cache-Control": "public, max-age=300"])
        .precompressed()

    /// The document itself. Keep it in step with ``Routes``: a test checks that every route is here.
    static let text = #"""
    {
      "openapi": "3.1.0",
      "info": {
        "title": "Dateline",
        "version": "1",
        "summary": "An archive of news live blogs: pages, posts, search and timelines.",
        "description": "Read-only JSON over an archive built by `dateline ingest`. Lists are cursor-paginated: pass `next_cursor` back as `cursor`. Times are ISO 8601 with offset when `time_precision` is `minute`, a date when `day`, null when `unknown`. Errors are RFC 9457 problem documents."
      },
      "paths": {
        "/api/pages": {"get": {"operationId": "listPages", "summary": "Every live page, newest first.",
          "responses": {"200": {"description": "The pages.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/PageList"}}}},
                        "400": {"$ref": "#/components/responses/Problem"}}}},
        "/api/pages/{id}": {"get": {"operationId": "getPage", "summary": "One page.",
          "parameters": [{"$ref": "#/components/parameters/id"}],
          "responses": {"200": {"description": "The page.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Page"}}}},
                        "400": {"$ref": "#/components/responses/Problem"}, "404": {"$ref": "#/components/responses/Problem"}}}},
        "/api/pages/{id}/posts": {"get": {"operationId": "listPagePosts", "summary": "A page's posts in the order the page shows them.",
          "parameters": [{"$ref": "#/components/parameters/id"}, {"$ref": "#/components/parameters/limit"}, {"$ref": "#/components/parameters/cursor"}],
          "responses": {"200": {"description": "The posts.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/PostList"}}}},
                        "400": {"$ref": "#/components/responses/Problem"}, "404": {"$ref": "#/components/responses/Problem"}}}},
        "/api/posts": {"get": {"operationId": "listPosts", "summary": "All posts in time order, newest first by default.",
          "parameters": [{"$ref": "#/components/parameters/page"}, {"$ref": "#/components/parameters/entity"}, {"$ref": "#/components/parameters/since"}, {"$ref": "#/components/parameters/until"},
                         {"name": "order", "in": "query", "schema": {"type": "string", "enum": ["desc", "asc"], "default": "desc"}},
                         {"$ref": "#/components/parameters/limit"}, {"$ref": "#/components/parameters/cursor"}],
          "responses": {"200": {"description": "The posts.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/PostList"}}}},
                        "400": {"$ref": "#/components/responses/Problem"}, "404": {"$ref": "#/components/responses/Problem"}}}},
        "/api/posts/{id}": {"get": {"operationId": "getPost", "summary": "One whole post.",
          "parameters": [{"$ref": "#/components/parameters/id"}],
          "responses": {"200": {"description": "The post.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Post"}}}},
                        "400": {"$ref": "#/components/responses/Problem"}, "404": {"$ref": "#/components/responses/Problem"}}}},
        "/api/search": {"get": {"operationId": "search", "summary": "Full-text search over headlines and bodies, best first (FTS5, bm25).",
          "parameters": [{"name": "q", "in": "query", "required": true, "description": "FTS5 query: words, \"a phrase\", prefix*, AND, OR, NOT, NEAR(a b). At most 512 bytes of UTF-8 and 16 words, 4 of them prefixes; a search that runs past 2 s is a 400 asking for a narrower query.",
                          "schema": {"type": "string", "minLength": 1, "maxLength": 512}},
                         {"$ref": "#/components/parameters/limit"}, {"$ref": "#/components/parameters/cursor"}],
          "responses": {"200": {"description": "The hits.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SearchList"}}}},
                        "400": {"$ref": "#/components/responses/Problem"}}}},
        "/api/timeline": {"get": {"operationId": "timeline", "summary": "Posts grouped into day or hour buckets, oldest first.",
          "parameters": [{"name": "granularity", "in": "query", "schema": {"type": "string", "enum": ["day", "hour"], "default": "day"}},
                         {"$ref": "#/components/parameters/page"}, {"$ref": "#/components/parameters/entity"},
                         {"$ref": "#/components/parameters/since"}, {"$ref": "#/components/parameters/until"},
                         {"name": "per_bucket", "in": "query", "description": "Posts listed per bucket at most (count is always complete).",
                          "schema": {"type": "integer", "minimum": 0, "maximum": 1000, "default": 100}}],
          "responses": {"200": {"description": "The buckets.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Timeline"}}}},
                        "400": {"$ref": "#/components/responses/Problem"}, "404": {"$ref": "#/components/responses/Problem"}}}},
        "/api/entities": {"get": {"operationId": "listEntities", "summary": "People, organisations and places, most mentioned first or by name.",
          "parameters": [{"name": "type", "in": "query", "schema": {"type": "string", "enum": ["person", "organization", "place"]}},
                         {"name": "q", "in": "query", "description": "Prefix of a name or alias (case and accents ignored).", "schema": {"type": "string", "minLength": 1, "maxLength": 200}},
                         {"name": "sort", "in": "query", "schema": {"type": "string", "enum": ["mentions", "name"], "default": "mentions"}},
                         {"$ref": "#/components/parameters/limit"}, {"$ref": "#/components/parameters/cursor"}],
          "responses": {"200": {"description": "The entities.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/EntityList"}}}},
                        "400": {"$ref": "#/components/responses/Problem"}}}},
        "/api/entities/{id}": {"get": {"operationId": "getEntity", "summary": "One entity, with the entities most often in the same posts.",
          "parameters": [{"$ref": "#/components/parameters/id"}],
          "responses": {"200": {"description": "The entity.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/EntityDetail"}}}},
                        "400": {"$ref": "#/components/responses/Problem"}, "404": {"$ref": "#/components/responses/Problem"}}}},
        "/api/entities/{id}/posts": {"get": {"operationId": "listEntityPosts", "summary": "The posts that mention an entity, in time order.",
          "parameters": [{"$ref": "#/components/parameters/id"}, {"$ref": "#/components/parameters/page"}, {"$ref": "#/components/parameters/since"},
                         {"$ref": "#/components/parameters/until"}, {"name": "order", "in": "query", "schema": {"type": "string", "enum": ["desc", "asc"], "default": "desc"}},
                         {"$ref": "#/components/parameters/limit"}, {"$ref": "#/components/parameters/cursor"}],
          "responses": {"200": {"description": "The posts.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/PostList"}}}},
                        "400": {"$ref": "#/components/responses/Problem"}, "404": {"$ref": "#/components/responses/Problem"}}}},
        "/api/entities/{id}/quotes": {"get": {"operationId": "listEntityQuotes", "summary": "What an entity said, newest post first.",
          "parameters": [{"$ref": "#/components/parameters/id"}, {"name": "q", "in": "query", "description": "Text the quote contains.", "schema": {"type": "string", "maxLength": 200}},
                         {"$ref": "#/components/parameters/limit"}, {"$ref": "#/components/parameters/cursor"}],
          "responses": {"200": {"description": "The quotes.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/QuoteList"}}}},
                        "400": {"$ref": "#/components/responses/Problem"}, "404": {"$ref": "#/components/responses/Problem"}}}},
        "/api/entities/{id}/timeline": {"get": {"operationId": "entityTimeline", "summary": "An entity's posts in day or hour buckets.",
          "parameters": [{"$ref": "#/components/parameters/id"}, {"name": "granularity", "in": "query", "schema": {"type": "string", "enum": ["day", "hour"], "default": "day"}},
                         {"$ref": "#/components/parameters/page"}, {"$ref": "#/components/parameters/since"}, {"$ref": "#/components/parameters/until"},
                         {"name": "per_bucket", "in": "query", "schema": {"type": "integer", "minimum": 0, "maximum": 1000, "default": 100}}],
          "responses": {"200": {"description": "The buckets.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Timeline"}}}},
                        "400": {"$ref": "#/components/responses/Problem"}, "404": {"$ref": "#/components/responses/Problem"}}}},
        "/api/quotes": {"get": {"operationId": "listQuotes", "summary": "Direct quotes with their speakers, newest post first.",
          "parameters": [{"name": "speaker", "in": "query", "description": "An entity id.", "schema": {"type": "string"}},
                         {"name": "q", "in": "query", "description": "Text the quote contains.", "schema": {"type": "string", "maxLength": 200}},
                         {"$ref": "#/components/parameters/limit"}, {"$ref": "#/components/parameters/cursor"}],
          "responses": {"200": {"description": "The quotes.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/QuoteList"}}}},
                        "400": {"$ref": "#/components/responses/Problem"}, "404": {"$ref": "#/components/responses/Problem"}}}},
        "/api/stats": {"get": {"operationId": "stats", "summary": "Counts that describe the archive.",
          "responses": {"200": {"description": "The figures.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Stats"}}}},
                        "400": {"$ref": "#/components/responses/Problem"}}}},
        "/api/sources": {"get": {"operationId": "listSources", "summary": "Every source file ingest saw, used or skipped, and why.",
          "responses": {"200": {"description": "The sources.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SourceList"}}}},
                        "400": {"$ref": "#/components/responses/Problem"}}}},
        "/healthz": {"get": {"operationId": "health", "summary": "The process is up.",
          "responses": {"200": {"description": "Up.", "content": {"application/json": {"schema": {"type": "object", "required": ["status"], "properties": {"status": {"const": "ok"}}}}}}}}},
        "/readyz": {"get": {"operationId": "ready", "summary": "An archive is open and answers queries.",
          "responses": {"200": {"description": "Ready.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Ready"}}}},
                        "503": {"$ref": "#/components/responses/Problem"}}}},
        "/metrics": {"get": {"operationId": "metrics", "summary": "Prometheus text exposition: requests, latency, connections, ingest and archive figures.",
          "responses": {"200": {"description": "Metrics.", "content": {"text/plain": {"schema": {"type": "string"}}}}}}},
        "/openapi.json": {"get": {"operationId": "openapi", "summary": "This document.",
          "responses": {"200": {"description": "OpenAPI 3.1.", "content": {"application/json": {"schema": {"type": "object"}}}}}}}
      },
      "components": {
        "parameters": {
          "id": {"name": "id", "in": "path", "required": true, "schema": {"type": "string", "minLength": 1}},
          "limit": {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 20}},
          "cursor": {"name": "cursor", "in": "query", "description": "next_cursor of the previous page (opaque; any other value is a 400).",
            "schema": {"type": "string", "pattern": "^[A-Za-z0-9_-]*$", "maxLength": 128}},
          "entity": {"name": "entity", "in": "query", "description": "Only posts that mention this entity (an id from /api/entities).", "schema": {"type": "string"}},
          "page": {"name": "page", "in": "query", "description": "Only posts shown on this page (an id from /api/pages).", "schema": {"type": "string"}},
          "since": {"name": "since", "in": "query", "description": "2022-02-11 or 2022-02-11T20:08:00-05:00 (seconds optional, Z or an offset); inclusive.",
            "schema": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2})?(Z|[+-][0-9]{2}:[0-9]{2}))?$"}, "example": "2023-03-14"},
          "until": {"name": "until", "in": "query", "description": "2022-02-11 or 2022-02-11T20:08:00-05:00 (seconds optional, Z or an offset); inclusive.",
            "schema": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2})?(Z|[+-][0-9]{2}:[0-9]{2}))?$"}, "example": "2023-03-14"}
        },
        "responses": {
          "Problem": {"description": "A problem document saying what went wrong.",
            "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}
        },
        "schemas": {
          "Problem": {"type": "object", "required": ["type", "title", "status"], "properties": {
            "type": {"type": "string"}, "title": {"type": "string"}, "status": {"type": "integer"}, "detail": {"type": "string"}}},
          "NullableString": {"type": ["string", "null"]},
          "Precision": {"type": "string", "enum": ["minute", "day", "unknown"]},
          "SourceRef": {"type": "object", "required": ["path", "sha256"], "properties": {
            "path": {"type": "string"}, "sha256": {"type": ["string", "null"]}, "status": {"type": "string", "enum": ["ok", "skipped", "duplicate"]}}},
          "EntityRef": {"type": "object", "required": ["id", "name", "type", "count"], "properties": {
            "id": {"type": "string"}, "name": {"type": "string"}, "type": {"type": "string", "enum": ["person", "organization", "place"]}, "count": {"type": "integer"}}},
          "Entity": {"type": "object", "required": ["id", "name", "type", "aliases", "titles", "mention_count", "post_count", "first_seen", "last_seen"], "properties": {
            "id": {"type": "string"}, "name": {"type": "string"}, "type": {"type": "string", "enum": ["person", "organization", "place"]},
            "aliases": {"type": "array", "items": {"type": "string"}}, "titles": {"type": "array", "items": {"type": "string"}},
            "mention_count": {"type": "integer"}, "post_count": {"type": "integer"},
            "first_seen": {"$ref": "#/components/schemas/NullableString"}, "last_seen": {"$ref": "#/components/schemas/NullableString"}}},
          "EntityDetail": {"allOf": [{"$ref": "#/components/schemas/Entity"}, {"type": "object", "required": ["related"], "properties": {
            "related": {"type": "array", "items": {"$ref": "#/components/schemas/EntityRef"}}}}]},
          "EntityList": {"type": "object", "required": ["items", "next_cursor"], "properties": {
            "items": {"type": "array", "items": {"$ref": "#/components/schemas/Entity"}}, "next_cursor": {"$ref": "#/components/schemas/NullableString"}}},
          "Quote": {"type": "object", "required": ["post_id", "speaker", "speaker_text", "text", "published_at"], "properties": {
            "post_id": {"type": "string"},
            "speaker": {"oneOf": [{"type": "null"}, {"type": "object", "required": ["id", "name"], "properties": {"id": {"type": "string"}, "name": {"type": "string"}}}]},
            "speaker_text": {"$ref": "#/components/schemas/NullableString"}, "text": {"type": "string"},
            "published_at": {"$ref": "#/components/schemas/NullableString"}}},
          "QuoteList": {"type": "object", "required": ["items", "next_cursor"], "properties": {
            "items": {"type": "array", "items": {"$ref": "#/components/schemas/Quote"}}, "next_cursor": {"$ref": "#/components/schemas/NullableString"}}},
          "Page": {"type": "object", "required": ["id", "title", "date", "declared_posts", "post_count", "layout", "summary", "status_line", "sources"], "properties": {
            "id": {"type": "string"}, "title": {"$ref": "#/components/schemas/NullableString"}, "date": {"$ref": "#/components/schemas/NullableString"},
            "declared_posts": {"type": ["integer", "null"]}, "post_count": {"type": "integer"},
            "layout": {"type": "string", "enum": ["timestamped", "headlined", "link-separated", "headless"]},
            "summary": {"type": "array", "items": {"type": "string"}}, "status_line": {"$ref": "#/components/schemas/NullableString"},
            "sources": {"type": "array", "items": {"$ref": "#/components/schemas/SourceRef"}}}},
          "PageList": {"type": "object", "required": ["items", "next_cursor"], "properties": {
            "items": {"type": "array", "items": {"$ref": "#/components/schemas/Page"}}, "next_cursor": {"type": "null"}}},
          "PostSummary": {"type": "object", "required": ["id", "headline", "byline", "authors", "published_at", "time_precision", "day", "page_id", "page_seq", "word_count", "excerpt", "image_count", "entities", "entity_count"], "properties": {
            "id": {"type": "string"}, "headline": {"$ref": "#/components/schemas/NullableString"}, "byline": {"$ref": "#/components/schemas/NullableString"},
            "authors": {"type": "array", "items": {"type": "string"}}, "published_at": {"$ref": "#/components/schemas/NullableString"},
            "time_precision": {"$ref": "#/components/schemas/Precision"}, "day": {"$ref": "#/components/schemas/NullableString"},
            "page_id": {"type": "string"}, "page_seq": {"type": "integer"}, "word_count": {"type": "integer"}, "excerpt": {"type": "string"},
            "image_count": {"type": "integer"},
            "entities": {"type": "array", "items": {"$ref": "#/components/schemas/EntityRef"}, "description": "In a list, the post's 3 most mentioned entities, most mentioned first, and in a list filtered by an entity (entity=, /api/entities/{id}/posts) that entity too, wherever it ranks; the whole post (/api/posts/{id}) has all of them."},
            "entity_count": {"type": "integer", "minimum": 0, "description": "How many entities the post has in all."}}},
          "Post": {"allOf": [{"$ref": "#/components/schemas/PostSummary"}, {"type": "object", "required": ["pages", "body", "images", "contributors", "sources", "quotes"], "properties": {
            "entities": {"type": "array", "items": {"$ref": "#/components/schemas/EntityRef"}, "description": "Every entity of the post, most mentioned first."},
            "pages": {"type": "array", "items": {"type": "object", "required": ["id", "title", "seq"], "properties": {
              "id": {"type": "string"}, "title": {"$ref": "#/components/schemas/NullableString"}, "seq": {"type": "integer"}}}},
            "body": {"type": "array", "items": {"type": "string"}},
            "images": {"type": "array", "items": {"type": "object", "required": ["caption", "credit"], "properties": {
              "caption": {"$ref": "#/components/schemas/NullableString"}, "credit": {"$ref": "#/components/schemas/NullableString"}}}},
            "contributors": {"type": "array", "items": {"type": "string"}},
            "sources": {"type": "array", "items": {"$ref": "#/components/schemas/SourceRef"}},
            "quotes": {"type": "array", "items": {"$ref": "#/components/schemas/Quote"}}}}]},
          "PostList": {"type": "object", "required": ["items", "next_cursor"], "properties": {
            "items": {"type": "array", "items": {"$ref": "#/components/schemas/PostSummary"}}, "next_cursor": {"$ref": "#/components/schemas/NullableString"}}},
          "SearchHit": {"type": "object", "required": ["id", "headline", "published_at", "time_precision", "day", "page_id", "snippet", "score"], "properties": {
            "id": {"type": "string"}, "headline": {"$ref": "#/components/schemas/NullableString"}, "published_at": {"$ref": "#/components/schemas/NullableString"},
            "time_precision": {"$ref": "#/components/schemas/Precision"}, "day": {"$ref": "#/components/schemas/NullableString"}, "page_id": {"type": "string"},
            "snippet": {"type": "string", "description": "HTML-safe: text escaped, matches in <mark>, cuts as …"}, "score": {"type": "number"}}},
          "SearchList": {"type": "object", "required": ["items", "next_cursor"], "properties": {
            "items": {"type": "array", "items": {"$ref": "#/components/schemas/SearchHit"}}, "next_cursor": {"$ref": "#/components/schemas/NullableString"}}},
          "TimelinePost": {"type": "object", "required": ["id", "headline", "published_at", "time_precision", "page_id"], "properties": {
            "id": {"type": "string"}, "headline": {"$ref": "#/components/schemas/NullableString"}, "published_at": {"$ref": "#/components/schemas/NullableString"},
            "time_precision": {"$ref": "#/components/schemas/Precision"}, "page_id": {"type": "string"}}},
          "Timeline": {"type": "object", "required": ["granularity", "items", "undated"], "properties": {
            "granularity": {"type": "string", "enum": ["day", "hour"]},
            "items": {"type": "array", "items": {"type": "object", "required": ["key", "precision", "start", "count", "posts"], "properties": {
              "key": {"type": "string"}, "precision": {"type": "string", "enum": ["day", "hour"]}, "start": {"type": "string"}, "count": {"type": "integer"},
              "posts": {"type": "array", "items": {"$ref": "#/components/schemas/TimelinePost"}}}}},
            "undated": {"type": "object", "required": ["count", "posts"], "properties": {
              "count": {"type": "integer"}, "posts": {"type": "array", "items": {"$ref": "#/components/schemas/TimelinePost"}}}}}},
          "Stats": {"type": "object", "required": ["pages", "posts", "entities", "entity_types", "quotes", "sources", "merged_duplicates", "time_precision", "first_published_at", "last_published_at", "schema_version", "source_digest"], "properties": {
            "pages": {"type": "integer"}, "posts": {"type": "integer"}, "entities": {"type": "integer"}, "quotes": {"type": "integer"},
            "entity_types": {"type": "object", "required": ["person", "organization", "place"], "properties": {"person": {"type": "integer"}, "organization": {"type": "integer"}, "place": {"type": "integer"}}},
            "sources": {"type": "object", "required": ["ok", "skipped", "duplicate"], "properties": {"ok": {"type": "integer"}, "skipped": {"type": "integer"}, "duplicate": {"type": "integer"}}},
            "merged_duplicates": {"type": "integer"},
            "time_precision": {"type": "object", "required": ["minute", "day", "unknown"], "properties": {"minute": {"type": "integer"}, "day": {"type": "integer"}, "unknown": {"type": "integer"}}},
            "first_published_at": {"$ref": "#/components/schemas/NullableString"}, "last_published_at": {"$ref": "#/components/schemas/NullableString"},
            "schema_version": {"type": "integer"}, "source_digest": {"type": "string"}}},
          "Source": {"type": "object", "required": ["path", "sha256", "bytes", "layout", "status", "reason", "page_id", "post_count", "warnings"], "properties": {
            "path": {"type": "string"}, "sha256": {"$ref": "#/components/schemas/NullableString"}, "bytes": {"type": "integer"},
            "layout": {"$ref": "#/components/schemas/NullableString"}, "status": {"type": "string", "enum": ["ok", "skipped", "duplicate"]},
            "reason": {"$ref": "#/components/schemas/NullableString"}, "page_id": {"$ref": "#/components/schemas/NullableString"},
            "post_count": {"type": "integer"}, "warnings": {"type": "array", "items": {"type": "string"}}}},
          "SourceList": {"type": "object", "required": ["items", "next_cursor"], "properties": {
            "items": {"type": "array", "items": {"$ref": "#/components/schemas/Source"}}, "next_cursor": {"type": "null"}}},
          "Ready": {"type": "object", "required": ["status", "posts", "version"], "properties": {
            "status": {"const": "ready"}, "posts": {"type": "integer"}, "version": {"type": "string"}}}
        }
      }
    }
    """#
}
