#!/usr/bin/env bash
# Ingest benchmark for `dateline ingest`.
#
#   bench/ingest.sh [--skip-build] [--sizes "10 50 100"] [--seed N] [--generate-only]
#
# Builds the release binary (`swift build -c release --product dateline`), generates synthetic corpora
# of 10, 50 and 100 MB with bench/gen_corpus.py into bench/out/corpus-SIZE (a corpus is reused when its
# manifest bench/out/corpus-SIZE.manifest.json exists), then runs for each size
#
#   .build/release/dateline ingest --sources bench/out/corpus-SIZE --db bench/out/bench-SIZE.sqlite
#
# on a fresh database and prints size, wall seconds, MB/s, CPU seconds (user + system, over all
# threads) and peak RSS, then the ingest's own split of the wall time into steps (read, parse, merge,
# write). MB/s counts input bytes before decompression (10^6 bytes per MB). On a shared machine wall
# time is noisy: compare CPU seconds too, and take the best of a few runs. Logs go to
# bench/out/ingest-SIZE.log. With --generate-only it only makes sure the corpora exist.
# Environment: DATELINE (binary path, default .build/release/dateline), PYTHON (default python3),
# INGEST_ARGS (more arguments for `dateline ingest`, e.g. --no-entities).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)
OUT="$ROOT/bench/out"
SIZES="10 50 100"
SEED=1
BUILD=1
GENERATE_ONLY=0
PYTHON=${PYTHON:-python3}
DATELINE=${DATELINE:-"$ROOT/.build/release/dateline"}

while [[ $# -gt 0 ]]; do
    case "$1" in
        --skip-build) BUILD=0; shift ;;
        --sizes) SIZES="$2"; shift 2 ;;
        --seed) SEED="$2"; shift 2 ;;
        --generate-only) GENERATE_ONLY=1; BUILD=0; shift ;;
        -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
        *) echo "unknown argument: $1" >&2; exit 2 ;;
    esac
done

mkdir -p "$OUT"

if [[ $BUILD -eq 1 ]]; then
    echo "==> swift build -c release --product dateline" >&2
    swift build -c release --product dateline >&2
fi
if [[ $GENERATE_ONLY -eq 0 && ! -x "$DATELINE" ]]; then
    echo "error: $DATELINE not found or not executable (build it, or set DATELINE)" >&2
    exit 1
fi

# GNU time gives peak RSS; fall back to bash's time keyword without it.
GNU_TIME=""
if [[ -x /usr/bin/time ]] && /usr/bin/time -v true >/dev/null 2>&1; then
    GNU_TIME=/usr/bin/time
fi

# Reads a number field from a generator manifest.
manifest_field() {
    "$PYTHON" -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"
}

rows=()
steps=()
failed=0
for size in $SIZES; do
    corpus="$OUT/corpus-$size"
    manifest="$OUT/corpus-$size.manifest.json"
    db="$OUT/bench-$size.sqlite"
    log="$OUT/ingest-$size.log"

    if [[ -d "$corpus" && -f "$manifest" ]]; then
        echo "==> reusing $corpus" >&2
    else
        echo "==> generating $corpus ($size MB, seed $SEED)" >&2
        rm -rf "$corpus" "$manifest"
        # The manifest is written last, so it marks a complete corpus.
        "$PYTHON" "$ROOT/bench/gen_corpus.py" "$corpus" "$size" --seed "$SEED" --manifest "$manifest.tmp" >&2
        mv "$manifest.tmp" "$manifest"
    fi
    [[ $GENERATE_ONLY -eq 1 ]] && continue
    bytes=$(manifest_field "$manifest" bytes)
    files=$(manifest_field "$manifest" files)

    rm -f "$db" "$db-wal" "$db-shm" "$db-journal"
    echo "==> ingesting $corpus ($files files, $bytes bytes)" >&2
    status=0
    if [[ -n "$GNU_TIME" ]]; then
        "$GNU_TIME" -v -o "$log.time" "$DATELINE" ingest --sources "$corpus" --db "$db" ${INGEST_ARGS:-} >"$log" 2>&1 || status=$?
        secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {
                   n = split($2, p, ":"); s = 0
                   for (i = 1; i <= n; i++) s = s * 60 + p[i]
                   printf "%.2f", s }' "$log.time")
        rss_kb=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$log.time")
        rss=$(awk -v k="$rss_kb" 'BEGIN { printf "%.1f MB", k / 1024 }')
        cpu=$(awk -F': ' '/User time \(seconds\)|System time \(seconds\)/ { s += $2 } END { printf "%.2f", s }' "$log.time")
    else
        TIMEFORMAT=%R
        secs=$( { time "$DATELINE" ingest --sources "$corpus" --db "$db" ${INGEST_ARGS:-} >"$log" 2>&1; } 2>&1 ) || status=$?
        secs=${secs##*$'\n'}
        rss="n/a"
        cpu="n/a"
    fi
    if [[ $status -ne 0 ]]; then
        echo "ingest of $size MB failed with status $status; see $log" >&2
        tail -n 5 "$log" >&2 || true
        rows+=("$(printf '%8s %8s %10s %10s %10s %12s  %s' "$size" "$files" "$secs" "-" "$cpu" "$rss" "FAILED ($status)")")
        failed=1
        continue
    fi
    mbps=$(awk -v b="$bytes" -v s="$secs" 'BEGIN { if (s > 0) printf "%.2f", b / 1e6 / s; else print "inf" }')
    rows+=("$(printf '%8s %8s %10s %10s %10s %12s' "$size" "$files" "$secs" "$mbps" "$cpu" "$rss")")
    steps+=("$(printf '%8s  %s' "$size" "$(sed -n 's/^steps: //p' "$log")")")
done

[[ $GENERATE_ONLY -eq 1 ]] && exit 0
printf '%8s %8s %10s %10s %10s %12s\n' "size MB" "files" "seconds" "MB/s" "CPU s" "peak RSS"
for row in "${rows[@]}"; do
    echo "$row"
done
if [[ ${#steps[@]} -gt 0 ]]; then
    printf '%8s  %s\n' "size MB" "steps (wall seconds)"
    for row in "${steps[@]}"; do
        echo "$row"
    done
fi
exit $failed
