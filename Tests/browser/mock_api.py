#!/usr/bin/env python3
"""A stand-in for `dateline serve` while the real API is not available: serves Public/ as static
files (unknown paths are 404, as in Sources/HTTPServer/StaticFiles.swift) and the JSON API of
the contract from the invented content in fixtures.json. Python standard library only.

    python3 Tests/browser/mock_api.py --port 0 [--public Public] [--no-entities]

Prints `listening on http://127.0.0.1:PORT` once ready. `--no-entities` answers every entity
and quote route with 404, like a server without issue 4.
"""
import argparse
import base64
import hashlib
import html
import json
import mimetypes
import os
import re
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

HERE = os.path.dirname(os.path.abspath(__file__))


class Problem(Exception):
    """An API error, answered as application/problem+json."""

    def __init__(self, status, title, detail):
        super().__init__(detail)
        self.status, self.title, self.detail = status, title, detail


def sort_key(post):
    """Chronological: day first; in a day, posts known only to the day come before timed ones."""
    minute = post["published_at"] if post["time_precision"] == "minute" else ""
    return (post["day"] is None, post["day"] or "", minute)


class Archive:
    """The fixture content with everything the API derives from it (days, counts, mentions)."""

    def __init__(self, fixtures):
        self.pages = {p["id"]: dict(p) for p in fixtures["pages"]}
        for page in self.pages.values():
            page["sources"] = [dict(s, sha256=hashlib.sha256(s["path"].encode()).hexdigest())
                               for s in page["sources"]]
        self.entities = {e["id"]: dict(e) for e in fixtures["entities"]}
        self.posts = {}
        for raw in fixtures["posts"]:
            post = dict(raw)
            post["day"] = (raw["published_at"] or "")[:10] or None
            post["page_id"] = raw["pages"][0]
            post["word_count"] = sum(len(p.split()) for p in raw["body"])
            post["excerpt"] = raw["body"][0][:240] if raw["body"] else ""
            post["image_count"] = len(raw["images"])
            text = " ".join([raw["headline"] or ""] + raw["body"])
            post["mentions"] = {}
            for entity in self.entities.values():
                names = sorted([entity["name"]] + entity["aliases"], key=len, reverse=True)
                pattern = r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b"
                count = len(re.findall(pattern, text))
                if count:
                    post["mentions"][entity["id"]] = count
            self.posts[post["id"]] = post
        self.ordered = sorted(self.posts.values(), key=sort_key)
        for page in self.pages.values():
            page["post_ids"] = [p["id"] for p in self.ordered if page["id"] in p["pages"]]
            page["post_ids"].sort(key=lambda i: self.posts[i]["published_at"] or "", reverse=True)
        for entity in self.entities.values():
            mentioned = [p for p in self.ordered if entity["id"] in p["mentions"]]
            entity["mention_count"] = sum(p["mentions"][entity["id"]] for p in mentioned)
            entity["post_count"] = len(mentioned)
            dated = [p["published_at"] for p in mentioned if p["published_at"]]
            entity["first_seen"] = min(dated) if dated else None
            entity["last_seen"] = max(dated) if dated else None
        self.quotes = fixtures["quotes"]

    # Objects of the contract

    def post_summary(self, post, listed=True, including=None):
        """A post in a list has its 3 most mentioned entities (and `including`, the list's entity);
        the whole post (listed=False) has them all."""
        entities = sorted(({"id": e, "name": self.entities[e]["name"], "type": self.entities[e]["type"],
                            "count": c} for e, c in post["mentions"].items()),
                          key=lambda e: (-e["count"], e["name"]))
        count = len(entities)
        if listed:
            entities = [e for i, e in enumerate(entities) if i < 3 or e["id"] == including]
        return {
            "id": post["id"], "headline": post["headline"], "byline": post["byline"],
            "authors": post["authors"], "published_at": post["published_at"],
            "time_precision": post["time_precision"], "day": post["day"], "page_id": post["page_id"],
            "page_seq": self.pages[post["page_id"]]["post_ids"].index(post["id"]) + 1,
            "word_count": post["word_count"], "excerpt": post["excerpt"],
            "image_count": post["image_count"], "entities": entities, "entity_count": count,
        }

    def post_detail(self, post, with_entities):
        out = self.post_summary(post, listed=False)
        if not with_entities:
            out["entities"] = []
            out["entity_count"] = 0
        out["pages"] = [{"id": p, "title": self.pages[p]["title"],
                         "seq": self.pages[p]["post_ids"].index(post["id"]) + 1} for p in post["pages"]]
        out["body"] = post["body"]
        out["images"] = post["images"]
        out["contributors"] = post["contributors"]
        out["sources"] = [{"path": s, "sha256": hashlib.sha256(s.encode()).hexdigest()} for s in post["sources"]]
        out["quotes"] = [self.quote(q) for q in self.quotes if q["post_id"] == post["id"]] if with_entities else []
        return out

    def page(self, page):
        return {k: page[k] for k in ("id", "title", "date", "declared_posts", "layout", "summary",
                                     "status_line", "sources")} | {"post_count": len(page["post_ids"])}

    def entity(self, entity, detail=False):
        out = {k: entity[k] for k in ("id", "name", "type", "aliases", "titles", "mention_count",
                                      "post_count", "first_seen", "last_seen")}
        if detail:
            counts = {}
            for post in self.ordered:
                if entity["id"] in post["mentions"]:
                    for other in post["mentions"]:
                        if other != entity["id"]:
                            counts[other] = counts.get(other, 0) + 1
            out["related"] = [{"id": e, "name": self.entities[e]["name"], "type": self.entities[e]["type"],
                               "count": c} for e, c in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
        return out

    def quote(self, q):
        speaker = self.entities.get(q["speaker"]) if q["speaker"] else None
        return {"post_id": q["post_id"], "speaker": {"id": speaker["id"], "name": speaker["name"]} if speaker else None,
                "speaker_text": q["speaker_text"], "text": q["text"],
                "published_at": self.posts[q["post_id"]]["published_at"]}

    # Queries

    def filtered(self, query):
        posts = self.ordered
        if "page" in query:
            if query["page"] not in self.pages:
                raise Problem(404, "Not Found", f"no page with id {query['page']}")
            posts = [p for p in posts if query["page"] in p["pages"]]
        if "entity" in query:
            posts = [p for p in posts if query["entity"] in p["mentions"]]
        for name in ("since", "until"):
            if name in query and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", query[name]):
                raise Problem(400, "Bad Request", f"{name} must be a date like 2024-03-12")
        if "since" in query:
            posts = [p for p in posts if p["day"] and p["day"] >= query["since"]]
        if "until" in query:
            posts = [p for p in posts if p["day"] and p["day"] <= query["until"]]
        return posts

    def search(self, q):
        terms = re.findall(r'"[^"]*"|\S+', q)
        if q.count('"') % 2:
            raise Problem(400, "Bad Request", 'fts5: syntax error near "\\""')
        words = [t.strip('"').rstrip("*") for t in terms if t not in ("AND", "OR", "NOT")]
        words = [w for w in words if w]
        if not words:
            raise Problem(400, "Bad Request", "q must hold at least one word")
        pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
        hits = []
        for post in self.ordered:
            text = " ".join([post["headline"] or ""] + post["body"])
            if not all(re.search(re.escape(w), text, re.IGNORECASE) for w in words):
                continue
            match = pattern.search(text)
            start, end = max(0, match.start() - 60), min(len(text), match.end() + 100)
            window = text[start:end]
            snippet = ("…" if start else "") + pattern.sub(
                lambda m: "\x00" + m.group(0) + "\x01", window) + ("…" if end < len(text) else "")
            snippet = html.escape(snippet, quote=False).replace("\x00", "<mark>").replace("\x01", "</mark>")
            hits.append({"id": post["id"], "headline": post["headline"], "published_at": post["published_at"],
                         "time_precision": post["time_precision"], "day": post["day"],
                         "page_id": post["page_id"], "snippet": snippet,
                         "score": round(len(pattern.findall(text)) / (1 + len(text) / 400), 3)})
        return sorted(hits, key=lambda h: -h["score"])

    def timeline(self, posts, granularity):
        buckets = {}
        undated = []
        for post in posts:
            ref = {k: post[k] for k in ("id", "headline", "published_at", "time_precision", "page_id")}
            if not post["day"]:
                undated.append(ref)
                continue
            if granularity == "hour" and post["time_precision"] == "minute":
                key, precision, start = post["published_at"][:13], "hour", post["published_at"][:13] + ":00:00" + post["published_at"][19:]
            else:
                key, precision, start = post["day"], "day", post["day"]
            bucket = buckets.setdefault(key, {"key": key, "precision": precision, "start": start, "count": 0, "posts": []})
            bucket["count"] += 1
            bucket["posts"].append(ref)
        return {"granularity": granularity, "items": [buckets[k] for k in sorted(buckets)], "undated": undated}


def paginate(items, query):
    try:
        limit = int(query.get("limit", "20"))
        offset = int(base64.urlsafe_b64decode(query["cursor"]).decode()) if "cursor" in query else 0
    except (ValueError, UnicodeDecodeError):
        raise Problem(400, "Bad Request", "limit must be a number and cursor one the API gave")
    if not 1 <= limit <= 100:
        raise Problem(400, "Bad Request", "limit must be between 1 and 100")
    rest = items[offset + limit:]
    cursor = base64.urlsafe_b64encode(str(offset + limit).encode()).decode() if rest else None
    return {"items": items[offset:offset + limit], "next_cursor": cursor}


class Handler(BaseHTTPRequestHandler):
    """Routes one request: /api/… from the archive, everything else from Public/."""

    archive = None
    public = None
    entities = True

    def log_message(self, fmt, *args):
        pass

    def do_GET(self):
        url = urlsplit(self.path)
        try:
            if url.path.startswith("/api/") or url.path in ("/healthz", "/readyz"):
                query = {k: v[-1] for k, v in parse_qs(url.query).items()}
                self.send(200, "application/json", json.dumps(self.api(url.path, query)).encode())
            else:
                self.static(url.path)
        except Problem as p:
            body = {"type": "about:blank", "title": p.title, "status": p.status, "detail": p.detail}
            self.send(p.status, "application/problem+json", json.dumps(body).encode())

    def send(self, status, content_type, body):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        self.wfile.write(body)

    def static(self, path):
        segments = [unquote(s) for s in path.split("/")[1:]]
        if segments and segments[-1] == "":
            segments[-1] = "index.html"
        if not segments:
            segments = ["index.html"]
        if any(not s or s.startswith(".") or "/" in s or "\\" in s for s in segments):
            raise Problem(404, "Not Found", f"no file at {path}")
        file = os.path.join(self.public, *segments)
        if not os.path.isfile(file):
            raise Problem(404, "Not Found", f"no file at {path}")
        with open(file, "rb") as f:
            body = f.read()
        kind = mimetypes.guess_type(file)[0] or "application/octet-stream"
        self.send(200, kind + ("; charset=utf-8" if kind.startswith("text/") or kind.endswith("javascript") else ""), body)

    def api(self, path, q):
        a = self.archive
        parts = [unquote(p) for p in path.strip("/").split("/")]
        if parts[0] in ("healthz", "readyz"):
            return {"status": "ok"}
        parts = parts[1:]
        if parts[0] in ("entities", "quotes") and not self.entities:
            raise Problem(404, "Not Found", f"no route for {path}")
        match parts:
            case ["stats"]:
                precisions = [p["time_precision"] for p in a.ordered]
                dated = sorted(p["published_at"] for p in a.ordered if p["time_precision"] == "minute")
                stats = {"pages": len(a.pages), "posts": len(a.posts),
                         "sources": {"ok": 5, "skipped": 0, "duplicate": 1}, "merged_duplicates": 3,
                         "time_precision": {k: precisions.count(k) for k in ("minute", "day", "unknown")},
                         "first_published_at": dated[0], "last_published_at": dated[-1],
                         "schema_version": 1, "source_digest": hashlib.sha256(b"fixtures").hexdigest()}
                if self.entities:
                    stats["entities"] = len(a.entities)
                return stats
            case ["pages"]:
                return {"items": [a.page(p) for p in sorted(a.pages.values(), key=lambda p: p["date"] or "")],
                        "next_cursor": None}
            case ["pages", page_id]:
                return a.page(self.find(a.pages, page_id, "page"))
            case ["pages", page_id, "posts"]:
                page = self.find(a.pages, page_id, "page")
                return paginate([a.post_summary(a.posts[i]) for i in page["post_ids"]], q)
            case ["posts"]:
                posts = a.filtered(q)
                if q.get("order", "desc") == "desc":
                    posts = list(reversed(posts))
                return paginate([self.summary(p, q) for p in posts], q)
            case ["posts", post_id]:
                return a.post_detail(self.find(a.posts, post_id, "post"), self.entities)
            case ["search"]:
                if not q.get("q", "").strip():
                    raise Problem(400, "Bad Request", "q is required")
                return paginate(a.search(q["q"]), q)
            case ["timeline"]:
                return a.timeline(a.filtered(q), self.granularity(q))
            case ["entities"]:
                items = [e for e in a.entities.values()
                         if q.get("type") in (None, e["type"])
                         and q.get("q", "").lower() in (e["name"] + " " + " ".join(e["aliases"])).lower()]
                items.sort(key=(lambda e: e["name"]) if q.get("sort") == "name" else (lambda e: (-e["mention_count"], e["name"])))
                return paginate([a.entity(e) for e in items], q)
            case ["entities", entity_id]:
                return a.entity(self.find(a.entities, entity_id, "entity"), detail=True)
            case ["entities", entity_id, "posts"]:
                self.find(a.entities, entity_id, "entity")
                return paginate([a.post_summary(p, including=entity_id) for p in reversed(a.filtered(q | {"entity": entity_id}))], q)
            case ["entities", entity_id, "quotes"]:
                self.find(a.entities, entity_id, "entity")
                return paginate([a.quote(x) for x in a.quotes if x["speaker"] == entity_id], q)
            case ["entities", entity_id, "timeline"]:
                self.find(a.entities, entity_id, "entity")
                return a.timeline(a.filtered(q | {"entity": entity_id}), self.granularity(q))
            case ["quotes"]:
                items = [a.quote(x) for x in a.quotes if q.get("speaker") in (None, x["speaker"])
                         and q.get("q", "").lower() in x["text"].lower()]
                return paginate(items, q)
        raise Problem(404, "Not Found", f"no route for {path}")

    def summary(self, post, q):
        out = self.archive.post_summary(post, including=q.get("entity"))
        if not self.entities:
            out["entities"] = []
            out["entity_count"] = 0
        return out

    @staticmethod
    def find(table, key, kind):
        if key not in table:
            raise Problem(404, "Not Found", f"no {kind} with id {key}")
        return table[key]

    @staticmethod
    def granularity(q):
        value = q.get("granularity", "day")
        if value not in ("day", "hour"):
            raise Problem(400, "Bad Request", "granularity must be day or hour")
        return value


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--public", default=os.path.join(HERE, "..", "..", "Public"))
    parser.add_argument("--fixtures", default=os.path.join(HERE, "fixtures.json"))
    parser.add_argument("--no-entities", action="store_true", help="answer entity and quote routes with 404")
    args = parser.parse_args()
    with open(args.fixtures, encoding="utf-8") as f:
        Handler.archive = Archive(json.load(f))
    Handler.public = os.path.abspath(args.public)
    Handler.entities = not args.no_entities
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    print(f"listening on http://127.0.0.1:{server.server_address[1]}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    sys.exit(0)


if __name__ == "__main__":
    main()
