#!/usr/bin/env bash
# Contract test: schemathesis (PyPI) against GET /openapi.json of a live `dateline serve` on Samples/.
#
#   scripts/contract.sh [--examples N] [--seed N]
#
# Installs schemathesis when it is missing, starts `dateline serve` on a free loopback port with a
# fresh database ingested from Samples/ (binary from $DATELINE_BIN, else a debug build), and runs
# schemathesis's coverage, fuzzing and stateful phases with the checks not_a_server_error,
# status_code_conformance, content_type_conformance, response_schema_conformance and
# response_headers_conformance: no 5xx, and every status, content type, header and body is one the
# document declares. At most N generated cases per operation (default 500, about a minute on two
# cores) from a fixed seed (default 7), so a run is bounded and repeatable. Settings that are not
# flags are in scripts/schemathesis.toml. Prints the cases schemathesis generated and the requests
# and 5xx answers the server itself counted (GET /metrics), stops the server, and exits non-zero on
# any failure. Reports (JUnit XML, JSON) go to .ci/artifacts/contract/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
EXAMPLES=500
SEED=7
while [[ $# -gt 0 ]]; do
    case "$1" in
        --examples) EXAMPLES=$2; shift 2 ;;
        --seed) SEED=$2; shift 2 ;;
        -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
        *) echo "unknown argument: $1" >&2; exit 2 ;;
    esac
done

if ! command -v schemathesis >/dev/null 2>&1; then
    echo "==> pip install schemathesis" >&2
    python3 -m pip install -q schemathesis 2>&1 | grep -v "^WARNING: Running pip as" || true
fi
schemathesis --version

source scripts/lib/serve.sh
work=$(mktemp -d)
trap 'serve_stop; rm -rf "$work"' EXIT
serve_start "$work/serve.log" --db "$work/contract.sqlite" --sources Samples --public ""
echo "==> dateline serve on $SERVE_BASE (pid $SERVE_PID)" >&2

# Sums dateline_http_requests_total over the series whose status matches $1 (a regex).
served() {
    curl -sf "$SERVE_BASE/metrics" | awk -v want="$1" '
        /^dateline_http_requests_total\{/ { match($0, /status="[0-9]+"/); s = substr($0, RSTART + 8, 3); if (s ~ want) n += $2 }
        END { print n + 0 }'
}
before=$(served '.')

reports=$PWD/.ci/artifacts/contract
rm -rf "$reports"
mkdir -p "$reports"
started=$(date +%s)
status=0
# From the scratch folder: schemathesis and hypothesis keep caches in the current directory.
(cd "$work" && schemathesis --config-file "$OLDPWD/scripts/schemathesis.toml" run "$SERVE_BASE/openapi.json" \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,response_headers_conformance \
    --phases examples,coverage,fuzzing,stateful --max-examples "$EXAMPLES" --seed "$SEED" \
    --continue-on-failure --generation-database none --request-timeout 10 --no-color \
    --report junit,json --report-dir "$reports") 2>&1 | tee "$work/schemathesis.log" || status=$?
seconds=$(( $(date +%s) - started ))

requests=$(( $(served '.') - before - 1 ))   # the first /metrics read counts itself
server_errors=$(served '^5')
cases=$(grep -oE '[0-9]+ generated' "$work/schemathesis.log" | tail -n1 | cut -d' ' -f1)
echo "contract: ${cases:-?} test cases, $requests requests answered by the server, $server_errors with a 5xx, ${seconds}s"
kill -0 "$SERVE_PID" 2>/dev/null || { echo "FAIL: the server died" >&2; exit 1; }
[[ $server_errors -eq 0 ]] || { echo "FAIL: the server answered $server_errors requests with a 5xx" >&2; exit 1; }
exit $status
