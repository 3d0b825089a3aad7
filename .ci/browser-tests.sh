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

source scripts/lib/serve.sh
work=$(mktemp -d)
trap 'serve_stop; rm -rf "$work"' EXIT

status=0
rm -rf .ci/artifacts
if [ "$mode" != mock ]; then
  echo "== browser tests: dateline serve on Samples/"
  serve_start "$work/server.log" --db "$work/dateline.sqlite" --sources Samples --public Public
  echo "server ready: $SERVE_BASE"
  python3 Tests/browser/run_browser_tests.py --base "$SERVE_BASE" --public Public --artifacts .ci/artifacts || status=1
  serve_stop
fi
if [ "$mode" != real ]; then
  echo "== browser tests: mock API on Tests/browser/fixtures.json"
  python3 Tests/browser/mock_api.py --port 0 --public Public >"$work/server.log" 2>&1 &
  SERVE_PID=$!
  serve_wait "$work/server.log"
  echo "server ready: $SERVE_BASE"
  python3 Tests/browser/run_browser_tests.py --base "$SERVE_BASE" --public Public --artifacts .ci/artifacts/mock || status=1
  serve_stop
fi
exit $status
