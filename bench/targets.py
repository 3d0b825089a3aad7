#!/usr/bin/env python3
"""Collects request paths from a running `dateline serve` for the HTTP benchmarks and the soak.

    python3 bench/targets.py BASE_URL OUT_DIR

Writes one path a line, shuffled with a fixed seed, to OUT_DIR/targets-NAME.txt:

    post    /api/posts/{id}      every post id of the archive
    list    /api/posts?limit=20  every page of the post list, newest and oldest first (cursors),
                                 per-page lists (200 pages at most)
    search  /api/search?q=       headline words, prefixes, phrases and boolean queries
    mixed   all three interleaved (post, list, search, post, …) until the longest runs out

Used by bench/http.sh (one scenario per file; `--soak` uses the mixed file with bench/soak.sh).
"""
import json
import random
import sys
import urllib.parse
import urllib.request


def main(base, out):
    def get(path):
        with urllib.request.urlopen(base + path) as response:
            return json.load(response)

    posts, lists, cursor = [], [], None
    while True:
        page = get("/api/posts?limit=100" + (f"&cursor={cursor}" if cursor else ""))
        posts += [p["id"] for p in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    # Every page of the 20-post list, newest first and oldest first, plus per-page lists.
    for order in ("desc", "asc"):
        cursor = None
        while True:
            path = f"/api/posts?limit=20&order={order}" + (f"&cursor={cursor}" if cursor else "")
            lists.append(path)
            cursor = get(path)["next_cursor"]
            if not cursor or len(lists) > 4000:
                break
    for page in get("/api/pages")["items"][:200]:
        lists.append("/api/posts?limit=20&page=" + urllib.parse.quote(page["id"]))
    random.seed(1)
    words = set()
    for pid in random.sample(posts, min(300, len(posts))):
        headline = get("/api/posts/" + pid)["headline"] or ""
        words.update(w.strip(".,:;'\"?!()").lower() for w in headline.split() if len(w) > 4 and w.isalpha())
    words = sorted(words)
    searches = []
    for w in words[:400]:
        searches.append(w)
        searches.append(w[:4] + "*")
    for a, b in zip(words[::7], words[3::7]):
        searches += [f"{a} AND {b}", f"{a} OR {b}", f'"{a} {b}"']
    random.shuffle(posts)
    random.shuffle(lists)
    random.shuffle(searches)
    files = {
        "post": ["/api/posts/" + p for p in posts],
        "list": lists,
        "search": ["/api/search?q=" + urllib.parse.quote(q) for q in searches],
    }
    longest = max(len(items) for items in files.values())
    files["mixed"] = [items[i % len(items)] for i in range(longest) for items in files.values() if items]
    for name, items in files.items():
        with open(f"{out}/targets-{name}.txt", "w") as f:
            f.write("\n".join(items) + "\n")
        print(f"{name}: {len(items)} paths ({len(set(items))} distinct)", file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
