#!/usr/bin/env bash
# Every test on a fresh machine: install what is missing, then build and run the
# whole suite twice: an optimised build, and a build under AddressSanitizer +
# UndefinedBehaviorSanitizer. In the optimised build every test that touches a store
# also runs on PostgreSQL (its `.pg` twin, on a throwaway cluster the tests start and
# stop themselves: tests/pg/cluster.sh); the sanitizer build runs the unit tests' twins
# but not the scripts' (GETIHU_TEST_PG_ASAN=1: those too; decision 264).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh --test
(cd tests/e2e && npm ci --no-audit --no-fund --silent)
jobs=$(nproc)
echo "== build (RelWithDebInfo)"
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo > /dev/null
cmake --build build -j"$jobs" > /dev/null
ctest --test-dir build --output-on-failure -j"$jobs"
echo "== build (ASan + UBSan)"
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DGETIHU_SANITIZE=ON > /dev/null
cmake --build build-asan -j"$jobs" > /dev/null
asan_only=(-E '^(api|cli|e2e|case)\..*\.pg$')
[ "${GETIHU_TEST_PG_ASAN:-}" = 1 ] && asan_only=()
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -j"$jobs" "${asan_only[@]}"
