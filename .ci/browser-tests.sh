#!/usr/bin/env bash
# Browser tests for Public/: starts a server on a free loopback port, drives headless Chromium
# against it (Tests/browser/run_browser_tests.py) and writes screenshots to .ci/artifacts/.
#
#   .ci/browser-tests.sh            # the mock API (Tests/browser/mock_api.py) on invented fixtures
#
# Installs the Debian package `chromium` when no Chromium is on the PATH.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1; then
  echo "installing: chromium"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
fi

work=$(mktemp -d)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

python3 Tests/browser/mock_api.py --port 0 >"$work/server.log" 2>&1 &
server_pid=$!

# The server prints its URL once it listens; wait for it (at most 30 s).
base=""
for _ in $(seq 300); do
  base=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$work/server.log" | head -n1 || true)
  [ -n "$base" ] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log"; echo "server exited"; exit 1; }
  sleep 0.1
done
[ -n "$base" ] || { cat "$work/server.log"; echo "server did not start"; exit 1; }
echo "server: $base"

rm -rf .ci/artifacts
python3 Tests/browser/run_browser_tests.py --base "$base" --public Public --artifacts .ci/artifacts
