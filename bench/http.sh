#!/usr/bin/env bash
# HTTP benchmark for `dateline serve`.
#
#   bench/http.sh [--skip-build] [--size MB] [--duration SECONDS] [--connections N] [--threads N]
#
# Builds the release binary, generates a corpus of SIZE MB (default 10) with bench/gen_corpus.py,
# ingests it, starts `dateline serve --no-ingest` on 127.0.0.1:18181 with the access log off, and
# drives it with wrk (Debian package `wrk`) through bench/http-targets.lua, which spreads requests
# over many different URLs read from a targets file (never one URL repeated):
#
#   post    /api/posts/{id}            every post id of the archive
#   list    /api/posts?limit=20…       every page of the post list (cursors), per-page lists, date ranges
#   search  /api/search?q=…            headline words, prefixes, phrases and boolean queries
#
# For each it prints requests/s, p50 and p99 latency, errors, and at the end the server's peak RSS
# (VmHWM). Defaults: 64 connections, 2 wrk threads, 10 s per scenario after a 2 s warm-up.
# Logs and targets go to bench/out/http/.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)
OUT="$ROOT/bench/out/http"
SIZE=10
DURATION=10
CONNECTIONS=64
THREADS=2
BUILD=1
PORT=${PORT:-18181}
PYTHON=${PYTHON:-python3}
DATELINE=${DATELINE:-"$ROOT/.build/release/dateline"}

while [[ $# -gt 0 ]]; do
    case "$1" in
        --skip-build) BUILD=0; shift ;;
        --size) SIZE="$2"; shift 2 ;;
        --duration) DURATION="$2"; shift 2 ;;
        --connections) CONNECTIONS="$2"; shift 2 ;;
        --threads) THREADS="$2"; shift 2 ;;
        -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
        *) echo "unknown argument: $1" >&2; exit 2 ;;
    esac
done

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 2; }
mkdir -p "$OUT"
if [[ $BUILD -eq 1 ]]; then
    echo "==> swift build -c release --product dateline" >&2
    swift build -c release --product dateline >&2
fi

CORPUS="$ROOT/bench/out/corpus-$SIZE"
if [[ ! -f "$ROOT/bench/out/corpus-$SIZE.manifest.json" ]]; then
    echo "==> generating a $SIZE MB corpus" >&2
    rm -rf "$CORPUS"
    "$PYTHON" bench/gen_corpus.py --manifest "$ROOT/bench/out/corpus-$SIZE.manifest.json" "$CORPUS" "$SIZE" >&2
fi
DB="$OUT/http-$SIZE.sqlite"
"$DATELINE" ingest --sources "$CORPUS" --db "$DB" >"$OUT/ingest.log" 2>&1

DATELINE_ACCESS_LOG=false "$DATELINE" serve --no-ingest --db "$DB" --port "$PORT" 2>"$OUT/serve.log" &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
BASE="http://127.0.0.1:$PORT"
for _ in $(seq 100); do curl -sf "$BASE/readyz" >/dev/null && break; sleep 0.1; done

echo "==> collecting targets" >&2
"$PYTHON" - "$BASE" "$OUT" <<'EOF'
import json, sys, urllib.request, urllib.parse, random
base, out = sys.argv[1], sys.argv[2]
def get(path):
    with urllib.request.urlopen(base + path) as r:
        return json.load(r)
posts, lists, cursor = [], [], None
while True:
    path = "/api/posts?limit=100" + (f"&cursor={cursor}" if cursor else "")
    page = get(path)
    posts += [p["id"] for p in page["items"]]
    cursor = page["next_cursor"]
    if not cursor: break
# Every page of the 20-post list, newest first and oldest first, plus per-page lists.
for order in ("desc", "asc"):
    cursor = None
    while True:
        path = f"/api/posts?limit=20&order={order}" + (f"&cursor={cursor}" if cursor else "")
        lists.append(path)
        cursor = get(path)["next_cursor"]
        if not cursor or len(lists) > 4000: break
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
random.shuffle(posts); random.shuffle(lists); random.shuffle(searches)
for name, items in (("post", ["/api/posts/" + p for p in posts]), ("list", lists),
                    ("search", ["/api/search?q=" + urllib.parse.quote(q) for q in searches])):
    with open(f"{out}/targets-{name}.txt", "w") as f:
        f.write("\n".join(items) + "\n")
    print(f"{name}: {len(items)} distinct URLs", file=sys.stderr)
EOF

printf '%-8s %12s %10s %10s %8s\n' scenario "requests/s" p50 p99 errors
for scenario in post list search; do
    TARGETS="$OUT/targets-$scenario.txt"
    TARGETS="$TARGETS" wrk -t"$THREADS" -c"$CONNECTIONS" -d2s -s bench/http-targets.lua "$BASE" >/dev/null 2>&1
    TARGETS="$TARGETS" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s bench/http-targets.lua "$BASE" >"$OUT/wrk-$scenario.log" 2>&1
    rps=$(awk '/^Requests\/sec/ {print $2}' "$OUT/wrk-$scenario.log")
    p50=$(awk '$1 == "50%" {print $2}' "$OUT/wrk-$scenario.log")
    p99=$(awk '$1 == "99%" {print $2}' "$OUT/wrk-$scenario.log")
    errors=$(awk '/Non-2xx|Socket errors/ {sub(/^ */, ""); printf "%s; ", $0}' "$OUT/wrk-$scenario.log")
    printf '%-8s %12s %10s %10s %8s\n' "$scenario" "$rps" "$p50" "$p99" "${errors:-0}"
done
echo "server peak RSS: $(awk '/VmHWM/ {print $2, $3}' /proc/$SERVER/status)"
