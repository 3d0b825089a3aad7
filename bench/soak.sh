#!/usr/bin/env bash
# Keep-alive soak test with wrk against a running server, watching its descriptors and memory.
#
#   bench/soak.sh BASE_URL PID [--duration 60] [--warmup 30] [--connections 64] [--threads 2]
#                 [--paths FILE] [--rss-tolerance 10] [--interval 5]
#
#   e.g. bench/soak.sh http://127.0.0.1:8080 "$(pgrep -nf 'dateline serve')" --paths bench/out/paths.txt
#
# BASE_URL is the server's root (http://host:port); PID is the server process, whose
# /proc/PID/fd and /proc/PID/status are read. PATHS is one request path per line (see
# bench/soak.lua); without it every request goes to BASE_URL itself.
#
# Steps: record descriptors and RSS; warm up for --warmup seconds (response cache, SQLite page
# caches and allocator arenas fill; pooled database connections open, one per worker thread at
# most) and, once the warm-up's connections have closed, record both again; soak for --duration
# seconds with --connections keep-alive connections, sampling RSS and descriptors every --interval
# seconds into bench/out/soak-*.csv; wait (up to 10 s) for the connections to close and record both
# again.
#
# Passes (exit 0) when: wrk reports no socket errors (connect, read, write, timeout) and no
# non-2xx/3xx answer, i.e. no request lost; the descriptor count is back to its value after the
# warm-up (the descriptors that differ are listed otherwise); and RSS after the soak is within
# --rss-tolerance percent of RSS after the warm-up.
# Needs wrk (Debian package `wrk`).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

usage() { sed -n '2,24p' "$0"; exit "${1:-0}"; }
[[ $# -ge 2 ]] || usage 2
BASE_URL=$1
PID=$2
shift 2
DURATION=60
WARMUP=30
CONNECTIONS=64
THREADS=2
PATHS_FILE=""
RSS_TOLERANCE=10
INTERVAL=5
while [[ $# -gt 0 ]]; do
    case "$1" in
        --duration) DURATION=$2; shift 2 ;;
        --warmup) WARMUP=$2; shift 2 ;;
        --connections) CONNECTIONS=$2; shift 2 ;;
        --threads) THREADS=$2; shift 2 ;;
        --paths) PATHS_FILE=$2; shift 2 ;;
        --rss-tolerance) RSS_TOLERANCE=$2; shift 2 ;;
        --interval) INTERVAL=$2; shift 2 ;;
        -h|--help) usage 0 ;;
        *) echo "unknown argument: $1" >&2; usage 2 ;;
    esac
done

command -v wrk >/dev/null || { echo "error: wrk not found (apt-get install -y wrk)" >&2; exit 1; }
[[ -d /proc/$PID ]] || { echo "error: no process $PID" >&2; exit 1; }
if [[ -n $PATHS_FILE && ! -r $PATHS_FILE ]]; then echo "error: cannot read $PATHS_FILE" >&2; exit 1; fi
PATHS_FILE=${PATHS_FILE:+$(realpath "$PATHS_FILE")}

OUT=bench/out
mkdir -p "$OUT"
STAMP=$(date +%Y%m%d-%H%M%S)
CSV="$OUT/soak-$STAMP.csv"
LOG="$OUT/soak-$STAMP.wrk.txt"

fds() { ls "/proc/$PID/fd" 2>/dev/null | wc -l; }
fd_list() { for fd in "/proc/$PID/fd"/*; do echo "${fd##*/} $(readlink "$fd")"; done 2>/dev/null | sort; }
# Waits (10 s at most) until the descriptor count is at most $1, or stops changing for a second.
settle_fds() {
    local last=-1 same=0
    for _ in $(seq 1 100); do
        local now
        now=$(fds)
        [[ $now -le $1 ]] && return
        if [[ $now -eq $last ]]; then same=$((same + 1)); else same=0; fi
        [[ $same -ge 10 ]] && return
        last=$now
        sleep 0.1
    done
}
rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$PID/status" 2>/dev/null || echo 0; }
alive() { [[ -d /proc/$PID ]]; }
run_wrk() {  # seconds, then extra args
    local seconds=$1
    shift
    wrk --threads "$THREADS" --connections "$CONNECTIONS" --duration "${seconds}s" --timeout 5s \
        --latency -s bench/soak.lua "$@" "$BASE_URL" ${PATHS_FILE:+-- "$PATHS_FILE"}
}

fds_before=$(fds)
rss_before=$(rss_kb)
echo "==> server $PID: $fds_before descriptors, RSS $rss_before kB before load" >&2

if [[ $WARMUP -gt 0 ]]; then
    echo "==> warm-up: ${WARMUP}s, $CONNECTIONS connections" >&2
    run_wrk "$WARMUP" >/dev/null
fi
settle_fds "$fds_before"
fds_warm=$(fds)
fd_list >"$OUT/soak-$STAMP.fds-warm.txt"
rss_warm=$(rss_kb)
echo "==> after warm-up: $fds_warm descriptors, RSS $rss_warm kB" >&2

echo "seconds,rss_kb,fds" >"$CSV"
(
    start=$(date +%s)
    while alive; do
        echo "$(( $(date +%s) - start )),$(rss_kb),$(fds)" >>"$CSV"
        sleep "$INTERVAL"
    done
) &
sampler=$!
trap 'kill "$sampler" 2>/dev/null || true' EXIT

echo "==> soak: ${DURATION}s, $CONNECTIONS keep-alive connections, $THREADS threads${PATHS_FILE:+, paths from $PATHS_FILE}" >&2
status=0
run_wrk "$DURATION" >"$LOG" 2>&1 || status=$?
kill "$sampler" 2>/dev/null || true
cat "$LOG"
alive || { echo "FAIL: the server process $PID died during the soak" >&2; exit 1; }
[[ $status -eq 0 ]] || { echo "FAIL: wrk exited with status $status" >&2; exit 1; }

# Connections close when wrk exits; give the server a moment to notice.
settle_fds "$fds_warm"
fds_after=$(fds)
rss_after=$(rss_kb)

requests=$(awk '/requests in/ { print $1 }' "$LOG")
rate=$(awk '/^Requests\/sec:/ { print $2 }' "$LOG")
socket_errors=$(awk '/Socket errors:/ { gsub(",", ""); print $4 + $6 + $8 + $10 }' "$LOG")
non_2xx=$(awk '/Non-2xx or 3xx responses:/ { print $5 }' "$LOG")
p50=$(awk '$1 == "50%" { print $2 }' "$LOG")
p99=$(awk '$1 == "99%" { print $2 }' "$LOG")
rss_min=$(awk -F, 'NR > 1 { if (m == "" || $2 < m) m = $2 } END { print m }' "$CSV")
rss_max=$(awk -F, 'NR > 1 { if ($2 > m) m = $2 } END { print m }' "$CSV")
fds_max=$(awk -F, 'NR > 1 { if ($3 > m) m = $3 } END { print m }' "$CSV")
growth=$(awk -v a="$rss_after" -v w="$rss_warm" 'BEGIN { if (w > 0) printf "%.1f", (a - w) * 100 / w; else print "n/a" }')

echo
echo "soak of $BASE_URL (pid $PID): ${DURATION}s, $CONNECTIONS connections, $THREADS threads"
echo "  requests:      ${requests:-?} (${rate:-?}/s), latency p50 ${p50:-?}, p99 ${p99:-?}"
echo "  lost:          ${socket_errors:-0} socket errors, ${non_2xx:-0} non-2xx/3xx answers"
echo "  descriptors:   before $fds_before, after warm-up $fds_warm, during max ${fds_max:-?}, after $fds_after"
echo "  RSS (kB):      before $rss_before, after warm-up $rss_warm, during ${rss_min:-?}..${rss_max:-?}, after $rss_after (${growth}% vs warm-up)"
echo "  samples:       $CSV; wrk output: $LOG"

verdict=0
if [[ ${socket_errors:-0} -ne 0 || ${non_2xx:-0} -ne 0 ]]; then
    echo "FAIL: requests were lost or refused" >&2
    verdict=1
fi
if [[ $fds_after -gt $fds_warm ]]; then
    echo "FAIL: $((fds_after - fds_warm)) descriptors more than after the warm-up; new ones:" >&2
    fd_list | comm -13 "$OUT/soak-$STAMP.fds-warm.txt" - >&2
    verdict=1
fi
if awk -v a="$rss_after" -v w="$rss_warm" -v t="$RSS_TOLERANCE" 'BEGIN { exit !(a > w * (1 + t / 100)) }'; then
    echo "FAIL: RSS grew more than $RSS_TOLERANCE% after the warm-up" >&2
    verdict=1
fi
[[ $verdict -eq 0 ]] && echo "PASS"
exit $verdict
