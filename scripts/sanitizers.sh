#!/usr/bin/env bash
# Runs the whole test suite under AddressSanitizer and under ThreadSanitizer.
#
#   scripts/sanitizers.sh [address] [thread] [-- extra swift test arguments, e.g. --filter HTTPServerTests]
#
# Each sanitizer builds in its own scratch path (.build-asan, .build-tsan) so the instrumented
# objects never mix with the normal .build. Logs go to .build-<name>/test.log; the script prints the
# time each run took and exits non-zero if any run failed or a sanitizer reported anything
# ("ERROR: AddressSanitizer", "WARNING: ThreadSanitizer", "runtime error").
#
# Everything runs as in a normal `swift test`, the 100,000-request mutation fuzzer included (about
# 35 s under ASan and 60 s under TSan on two cores); DATELINE_FUZZ_REQUESTS overrides its count.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

sanitizers=()
extra=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        address|thread) sanitizers+=("$1"); shift ;;
        --) shift; extra=("$@"); break ;;
        -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
        *) echo "unknown argument: $1 (expected address, thread or --)" >&2; exit 2 ;;
    esac
done
[[ ${#sanitizers[@]} -gt 0 ]] || sanitizers=(address thread)
# Report every ThreadSanitizer race once per location instead of stopping at the first.
export TSAN_OPTIONS=${TSAN_OPTIONS:-"halt_on_error=0 second_deadlock_stack=1"}
# LeakSanitizer is off: swift-corelibs-xctest keeps every test case alive in reference cycles, so
# everything a test case captures (servers in teardown blocks, their handlers) is reported as an
# "indirect leak" at exit. LifecycleTests.testServerIsFreedAfterShutdown checks the server itself.
export ASAN_OPTIONS=${ASAN_OPTIONS:-"detect_leaks=0"}

summary=()
failed=0
for sanitizer in "${sanitizers[@]}"; do
    case "$sanitizer" in
        address) scratch=.build-asan ;;
        thread) scratch=.build-tsan ;;
    esac
    mkdir -p "$scratch"
    log="$scratch/test.log"
    echo "==> swift test --sanitize=$sanitizer --scratch-path $scratch ${extra[*]:-}" >&2
    started=$(date +%s)
    status=0
    swift test --sanitize="$sanitizer" --scratch-path "$scratch" "${extra[@]}" >"$log" 2>&1 || status=$?
    seconds=$(( $(date +%s) - started ))
    findings=$(grep -cE "ERROR: AddressSanitizer|WARNING: ThreadSanitizer|runtime error:" "$log" || true)
    tests=$(grep -E "^\s+Executed [0-9]+ tests" "$log" | tail -1 | sed -E 's/^\s+//' || true)
    if [[ $status -ne 0 || $findings -ne 0 ]]; then
        failed=1
        summary+=("$sanitizer: FAILED (exit $status, $findings sanitizer reports) in ${seconds}s; ${tests:-no test summary}; see $log")
    else
        summary+=("$sanitizer: passed in ${seconds}s (build and tests); $tests")
    fi
done

printf '%s\n' "${summary[@]}"
exit $failed
