#!/usr/bin/env bash
# Browser tests for Public/: starts a server on a free loopback port, drives headless Chromium
# against it (Tests/browser/run_browser_tests.py) and writes screenshots to .ci/artifacts/.
#
#   .ci/browser-tests.sh [all|real|mock]     (default: all)
#     real  `dateline serve` on Samples/ (the binary in $DATELINE_BIN, else built with
#           swift build --scratch-path .build)
#     mock  Tests/browser/mock_api.py on invented fixtures, which also serves the entity routes
#           (issue 4) so the entity views are exercised before the real API has them
#
# Installs the Debian package `chromium` when no Chromium is on the PATH.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-all}
case "$mode" in all|real|mock) ;; *) echo "usage: $0 [all|real|mock]" >&2; exit 2 ;; esac

if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1; then
  echo "installing: chromium"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
fi

work=$(mktemp -d)
server_pid=""
stop_server() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
  fi
}
trap 'stop_server; rm -rf "$work"' EXIT

# Waits until the server has printed its URL and /readyz answers 200; sets $base.
wait_ready() {
  base=""
  for _ in $(seq 600); do
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log"; echo "server exited" >&2; return 1; }
    [ -n "$base" ] || base=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$work/server.log" | head -n1 || true)
    if [ -n "$base" ] && python3 -c "import sys, urllib.request; urllib.request.urlopen(sys.argv[1] + '/readyz', timeout=2)" "$base" 2>/dev/null; then
      echo "server ready: $base"
      return 0
    fi
    sleep 0.1
  done
  cat "$work/server.log"; echo "server not ready after 60 s" >&2; return 1
}

status=0
rm -rf .ci/artifacts
if [ "$mode" != mock ]; then
  echo "== browser tests: dateline serve on Samples/"
  if [ -n "${DATELINE_BIN:-}" ]; then
    bin=$DATELINE_BIN
  else
    swift build --scratch-path .build --product dateline 2>&1 | tail -n 1
    bin="$(swift build --scratch-path .build --show-bin-path)/dateline"
  fi
  "$bin" serve --host 127.0.0.1 --port 0 --db "$work/dateline.sqlite" --sources Samples --public Public >"$work/server.log" 2>&1 &
  server_pid=$!
  wait_ready
  python3 Tests/browser/run_browser_tests.py --base "$base" --public Public --artifacts .ci/artifacts || status=1
  stop_server
fi
if [ "$mode" != real ]; then
  echo "== browser tests: mock API on Tests/browser/fixtures.json"
  python3 Tests/browser/mock_api.py --port 0 --public Public >"$work/server.log" 2>&1 &
  server_pid=$!
  wait_ready
  python3 Tests/browser/run_browser_tests.py --base "$base" --public Public --artifacts .ci/artifacts/mock || status=1
  stop_server
fi
exit $status
