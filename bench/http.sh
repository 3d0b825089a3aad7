#!/usr/bin/env bash
# HTTP benchmark for `dateline serve`.
#
#   bench/http.sh [--skip-build] [--size MB] [--duration SECONDS] [--connections N] [--threads N]
#                 [--soak SECONDS]
#
# Builds the release binary, generates a corpus of SIZE MB (default 10) with bench/gen_corpus.py,
# ingests it, starts `dateline serve --no-ingest` on a free loopback port with the access log off,
# collects request paths with bench/targets.py, and drives the server with wrk (Debian package
# `wrk`) through bench/http-targets.lua, which spreads requests over many different URLs read from
# a targets file (never one URL repeated):
#
#   post    /api/posts/{id}            every post id of the archive
#   list    /api/posts?limit=20…       every page of the post list (cursors), per-page lists
#   search  /api/search?q=…            headline words, prefixes, phrases and boolean queries
#
# For each it prints requests/s, p50 and p99 latency, errors, and at the end the server's peak RSS
# (VmHWM). Defaults: 64 connections, 2 wrk threads, 10 s per scenario after a 2 s warm-up.
# With --soak SECONDS it runs bench/soak.sh on the same server instead, for SECONDS, over the
# three kinds mixed (targets-mixed.txt): no request lost, descriptors and RSS before and after.
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
SOAK=0
PYTHON=${PYTHON:-python3}
DATELINE=${DATELINE:-"$ROOT/.build/release/dateline"}

while [[ $# -gt 0 ]]; do
    case "$1" in
        --skip-build) BUILD=0; shift ;;
        --size) SIZE="$2"; shift 2 ;;
        --duration) DURATION="$2"; shift 2 ;;
        --connections) CONNECTIONS="$2"; shift 2 ;;
        --threads) THREADS="$2"; shift 2 ;;
        --soak) SOAK="$2"; shift 2 ;;
        -h|--help) sed -n '2,21p' "$0"; exit 0 ;;
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

source scripts/lib/serve.sh
trap serve_stop EXIT
DATELINE_BIN=$DATELINE DATELINE_ACCESS_LOG=false serve_start "$OUT/serve.log" --no-ingest --db "$DB"
SERVER=$SERVE_PID
BASE=$SERVE_BASE

echo "==> collecting targets" >&2
"$PYTHON" bench/targets.py "$BASE" "$OUT"

if [[ $SOAK -gt 0 ]]; then
    bench/soak.sh "$BASE" "$SERVER" --duration "$SOAK" --connections "$CONNECTIONS" --threads "$THREADS" \
        --paths "$OUT/targets-mixed.txt"
    exit
fi

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
