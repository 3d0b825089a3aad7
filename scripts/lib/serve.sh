# Shared by the scripts that run `dateline serve` on loopback (source it; bash only):
#
#   dateline_binary [debug|release]   prints the binary: $DATELINE_BIN when set, else builds the
#                                     product with `swift build` (.build, debug by default)
#   serve_start LOG ARGS…             starts `dateline serve --host 127.0.0.1 --port 0 ARGS…` with
#                                     its output in LOG, then serve_wait
#   serve_wait LOG                    for a server already started as SERVE_PID that prints its
#                                     http://127.0.0.1:PORT in LOG: waits until /readyz answers 200
#                                     (60 s at most) and sets SERVE_BASE
#   serve_stop                        SIGTERM to SERVE_PID, then waits for the exit; safe to call twice
#
# Callers should `trap serve_stop EXIT`.

SERVE_PID=""
SERVE_BASE=""

dateline_binary() {
    if [[ -n "${DATELINE_BIN:-}" ]]; then
        echo "$DATELINE_BIN"
        return
    fi
    local configuration=${1:-debug}
    swift build -c "$configuration" --scratch-path .build --product dateline >&2
    echo "$(swift build -c "$configuration" --scratch-path .build --show-bin-path)/dateline"
}

serve_start() {
    local log=$1
    shift
    local binary
    binary=$(dateline_binary)
    "$binary" serve --host 127.0.0.1 --port 0 "$@" >"$log" 2>&1 &
    SERVE_PID=$!
    serve_wait "$log"
}

serve_wait() {
    local log=$1 _
    SERVE_BASE=""
    for _ in $(seq 600); do
        if ! kill -0 "$SERVE_PID" 2>/dev/null; then
            cat "$log" >&2
            echo "the server exited before it was ready" >&2
            SERVE_PID=""
            return 1
        fi
        [[ -n "$SERVE_BASE" ]] || SERVE_BASE=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$log" | head -n1 || true)
        if [[ -n "$SERVE_BASE" ]] && python3 -c "import sys, urllib.request; urllib.request.urlopen(sys.argv[1] + '/readyz', timeout=2)" "$SERVE_BASE" 2>/dev/null; then
            return 0
        fi
        sleep 0.1
    done
    cat "$log" >&2
    echo "the server was not ready after 60 s" >&2
    return 1
}

serve_stop() {
    if [[ -n "$SERVE_PID" ]]; then
        kill "$SERVE_PID" 2>/dev/null || true
        wait "$SERVE_PID" 2>/dev/null || true
        SERVE_PID=""
    fi
}
