#!/usr/bin/env bash
# Entity and quote extraction benchmark.
#
#   bench/entities.sh [--skip-build] [--sizes "10 50 100"] [--rounds N] [--baseline BINARY]
#
# Runs bench/ingest.sh (which builds the release binary and generates the corpora when needed)
# N times (default 5: single runs on a shared machine vary by ±10 %) and prints, per size, the
# median ingest seconds and MB/s and the median seconds and MB/s of entity extraction as the
# ingest report gives them ("extracted in X s": the per-post pass on all cores plus the corpus
# pass; it runs while the archive is written, so it shares the cores with the writer). Each round
# also runs the same binary with --no-entities (or the binary given with --baseline), interleaved,
# and the table adds that median and how much longer the full ingest takes. MB are 10^6 bytes.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
OUT=bench/out
SIZES="10 50 100"
ROUNDS=5
BUILD=1
BASELINE=""
while [[ $# -gt 0 ]]; do
    case "$1" in
        --skip-build) BUILD=0; shift ;;
        --sizes) SIZES="$2"; shift 2 ;;
        --rounds) ROUNDS="$2"; shift 2 ;;
        --baseline) BASELINE="$2"; shift 2 ;;
        -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
        *) echo "unknown argument: $1" >&2; exit 2 ;;
    esac
done

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else print v[int((NR + 1) / 2)] }'; }

results=$(mktemp)
trap 'rm -f "$results"' EXIT
skip=()
[[ $BUILD -eq 0 ]] && skip=(--skip-build)
for round in $(seq "$ROUNDS"); do
    echo "==> round $round" >&2
    bash bench/ingest.sh "${skip[@]}" --sizes "$SIZES" | awk '$2 ~ /^[0-9]+$/ { print "ingest", $1, $3 }' >>"$results"
    skip=(--skip-build)
    for size in $SIZES; do
        awk -v s="$size" '/extracted in/ { for (i = 1; i <= NF; i++) if ($i == "in" && $(i + 2) == "s") print "extract", s, $(i + 1) }' \
            "$OUT/ingest-$size.log" >>"$results"
    done
    if [[ -n "$BASELINE" ]]; then
        DATELINE="$BASELINE" bash bench/ingest.sh --skip-build --sizes "$SIZES"
    else
        INGEST_ARGS=--no-entities bash bench/ingest.sh --skip-build --sizes "$SIZES"
    fi | awk '$2 ~ /^[0-9]+$/ { print "base", $1, $3 }' >>"$results"
done

printf '%8s %10s %10s %12s %12s %12s %10s\n' "size MB" "ingest s" "ingest MB/s" "extract s" "extract MB/s" "baseline s" "added"

for size in $SIZES; do
    bytes=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["bytes"])' "$OUT/corpus-$size.manifest.json")
    ingest=$(awk -v s="$size" '$1 == "ingest" && $2 == s { print $3 }' "$results" | median)
    extract=$(awk -v s="$size" '$1 == "extract" && $2 == s { print $3 }' "$results" | median)
    printf '%8s %10s %10.2f %12s %12.2f' "$size" "$ingest" "$(awk -v b="$bytes" -v s="$ingest" 'BEGIN { print b / 1e6 / s }')" \
        "$extract" "$(awk -v b="$bytes" -v s="$extract" 'BEGIN { print b / 1e6 / s }')"
    base=$(awk -v s="$size" '$1 == "base" && $2 == s { print $3 }' "$results" | median)
    printf ' %12s %9.0f%%\n' "$base" "$(awk -v a="$ingest" -v b="$base" 'BEGIN { print (a / b - 1) * 100 }')"
done
