#!/usr/bin/env bash
# Proves the Dockerfile's build and run path without a Docker engine (none runs on CI machines):
#
# 1. the same release build with the same flags (`-c release --static-swift-stdlib`);
# 2. the binary links nothing beyond what the run stage has (debian:bookworm-slim + libsqlite3-0);
# 3. a folder holding only what the image holds (binary, config.json, Public/, Samples/) is started
#    with an empty environment plus the image's ENV lines, as an unprivileged user, with the
#    database on a separate data folder — like `docker run`;
# 4. /healthz, `dateline healthcheck` (the HEALTHCHECK), /readyz, one API call, /metrics parsed as
#    Prometheus text, and SIGTERM → exit 0.
#
#   scripts/container-check.sh [--skip-build]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)
SCRATCH="$ROOT/.build-static"
BUILD=1
[[ "${1:-}" == "--skip-build" ]] && BUILD=0

if [[ $BUILD -eq 1 ]]; then
    echo "==> swift build -c release --static-swift-stdlib --product dateline"
    swift build -c release --static-swift-stdlib --product dateline --scratch-path "$SCRATCH"
fi
BINARY="$(swift build -c release --scratch-path "$SCRATCH" --show-bin-path)/dateline"

echo "==> shared libraries the binary needs"
# The run stage has libc6, libstdc++6, libgcc-s1, zlib1g (base image) and libsqlite3-0 (installed).
allowed='^(linux-vdso|libc|libm|libstdc\+\+|libgcc_s|libz|libsqlite3|ld-linux-x86-64|libpthread|libdl|librt)\.so'
unexpected=$(ldd "$BINARY" | awk '{print $1}' | sed 's#.*/##' | grep -Ev "$allowed" || true)
ldd "$BINARY" | awk '{print "   ", $1}'
if [[ -n "$unexpected" ]]; then
    echo "the binary needs libraries the run stage does not have: $unexpected" >&2
    exit 1
fi

IMAGE=$(mktemp -d /tmp/dateline-image.XXXXXX)
trap 'kill "$SERVER" 2>/dev/null || true; rm -rf "$IMAGE"' EXIT
mkdir -p "$IMAGE/usr/local/bin" "$IMAGE/app" "$IMAGE/data/sources"
cp "$BINARY" "$IMAGE/usr/local/bin/dateline"
cp -R config.json Public Samples "$IMAGE/app/"
chmod -R a+rX "$IMAGE"
chown -R nobody "$IMAGE/data"

PORT=${PORT:-18480}
# The image's ENV lines, with the port moved off 8080 and the data folder moved into $IMAGE.
ENVIRONMENT=(env -i PATH="$IMAGE/usr/local/bin:/usr/bin:/bin" DATELINE_HOST=0.0.0.0 DATELINE_PORT="$PORT"
             DATELINE_DATABASE="$IMAGE/data/dateline.sqlite" DATELINE_LOG_FORMAT=json)
AS_USER=(setpriv --reuid=nobody --regid=nogroup --clear-groups)

echo "==> dateline serve from a clean environment as nobody"
(cd "$IMAGE/app" && exec "${AS_USER[@]}" "${ENVIRONMENT[@]}" dateline serve) 2>"$IMAGE/serve.log" &
SERVER=$!
BASE="http://127.0.0.1:$PORT"

for _ in $(seq 100); do curl -sf "$BASE/healthz" >/dev/null && break; sleep 0.1; done
curl -sf "$BASE/healthz"; echo
ready=0
for _ in $(seq 300); do
    if (cd "$IMAGE/app" && "${AS_USER[@]}" "${ENVIRONMENT[@]}" dateline healthcheck 2>/dev/null); then ready=1; break; fi
    sleep 0.1
done
[[ $ready -eq 1 ]] || { echo "never ready:"; cat "$IMAGE/serve.log"; exit 1; } >&2
echo "healthcheck: ready"

posts=$(curl -sf "$BASE/api/stats" | python3 -c 'import json, sys; print(json.load(sys.stdin)["posts"])')
echo "GET /api/stats: $posts posts"
[[ "$posts" == 33 ]] || { echo "expected the 33 sample posts" >&2; exit 1; }
curl -sf "$BASE/" | grep -qi "<html" || { echo "/ does not serve the web page" >&2; exit 1; }

python3 -c 'import prometheus_client' 2>/dev/null || python3 -m pip install -q prometheus-client 2>&1 | grep -v "^WARNING: Running pip as" || true
curl -sf "$BASE/metrics" | python3 -c '
import sys
from prometheus_client.parser import text_string_to_metric_families
families = list(text_string_to_metric_families(sys.stdin.read()))
names = {f.name for f in families}
for needed in ("dateline_http_requests", "dateline_http_request_duration_seconds", "dateline_archive_posts",
               "dateline_ingest_runs", "process_resident_memory_bytes"):
    assert needed in names, f"{needed} missing from /metrics: {sorted(names)}"
print(f"/metrics: {len(families)} families parse as Prometheus text")
'
head -c 300 "$IMAGE/serve.log" | python3 -c 'import json, sys; json.loads(sys.stdin.readline()); print("logs: JSON lines")'

kill -TERM "$SERVER"
status=0
wait "$SERVER" || status=$?
echo "SIGTERM: exit status $status"
[[ $status -eq 0 ]]
echo "container check passed"
