#!/usr/bin/env bash
# Every test on a fresh machine: install what is missing, then build and run the
# whole suite twice: an optimised build, and a build under AddressSanitizer +
# UndefinedBehaviorSanitizer.
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
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -j"$jobs"
