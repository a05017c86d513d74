#!/usr/bin/env bash
# The later phases of a year at scale, timed again on a copy of one store (issue 12 §2): the run, its
# publication over the year before, the CSV and JSON Lines exports and the statistics with transitions.
# STORE is a store as `KEEP=1 bash bench/directory.sh N` leaves it (imported.db) after `run --year 2024`
# and `publish --run 1` (done here when it has no run yet). Prints rows/s, peak RSS and CPU seconds per
# phase and the checksums of what the phases wrote (to compare two binaries' outputs). Asserts nothing.
#   bash bench/runpub.sh STORE [N]      G=path picks the binary (default build-bench/getihu)
set -euo pipefail
cd "$(dirname "$0")/.."
src=${1:?usage: bench/runpub.sh STORE [N]}
N=${2:-1000000}
g=${G:-build-bench/getihu}
[ -x "$g" ] || { echo "build first: cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release && cmake --build build-bench"; exit 1; }
out=bench/out/runpub
rm -rf "$out"
mkdir -p "$out"
cp "$src" "$out/s.db"
export GETIHU_DB=$out/s.db GETIHU_ACTOR=bench
. bench/lib.sh
"$g" db init > /dev/null # brings an older store to this binary's schema (not timed)
if ! "$g" export --year 2024 --format csv --output /dev/null > /dev/null 2>&1; then
  "$g" run --year 2024 > /dev/null 2>&1 && "$g" publish --run 1 > /dev/null 2>&1 || { echo "FAIL: run 2024"; exit 1; }
fi
echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load $(cut -d' ' -f1 /proc/loadavg)"
bench_rows "run 2025" "$N" "$g" run --year 2025
run=$(sed -n 's/.*(run #\([0-9]*\),.*/\1/p' "$out/last.out" | head -1)
bench_rows "publish run $run" "$N" "$g" publish --run "$run"
bench_rows "export csv" "$N" "$g" export --year 2025 --format csv --output "$out/r.csv"
bench_rows "export jsonl" "$N" "$g" export --year 2025 --format jsonl --output "$out/r.jsonl"
bench_rows "stats with transitions" "$N" "$g" stats --year 2025
cp "$out/last.out" "$out/stats.out"
(cd "$out" && md5sum r.csv r.jsonl stats.out)
