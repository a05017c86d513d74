#!/usr/bin/env bash
# Benchmark of results stored as facts (issue 12 §1): N generated businesses
# (default 200,000) typed for 2025 and exported, by this build and, when BEFORE
# names a getihu of the release before facts (schema 14, e.g. main at 7325d49),
# by that one on a copy of the same directory. Prints bytes of stored reasons per
# result, the results table's share of the database, and rows/s of the run and the
# exports, with peak memory. Asserts nothing, except that both export the same bytes.
#   BEFORE=/path/to/old/getihu bash bench/render.sh [N]
#   G=build/getihu ...   uses that build instead of a Release build of this tree
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-200000}
if [ -z "${G:-}" ]; then
  cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release > /dev/null
  cmake --build build-bench -j"$(nproc)" --target getihu > /dev/null
  G=./build-bench/getihu
fi
out=bench/out/render-$N
rm -rf "$out"
mkdir -p "$out"
export GETIHU_ACTOR=bench
. bench/lib.sh
measure() { bench_rows "$@"; } # label rows command...
# bytes of the reasons column per result, and the results table with its indexes
sizes() { # label db
  local per pages
  per=$(sqlite3 "$2" "SELECT printf('%.1f', avg(length(reasons))) FROM results")
  pages=$(sqlite3 "$2" "SELECT sum(pgsize) FROM dbstat WHERE name IN ('results','sqlite_autoindex_results_1','results_uscc','results_type')" 2>/dev/null || echo "?")
  printf "%-30s reasons %7s bytes/result; results table+indexes %s MiB; database %s\n" "$1" "$per" \
    "$(awk -v p="$pages" 'BEGIN{ if (p == "?") print "?"; else printf "%.1f", p / 1048576 }')" "$(du -h "$2" | cut -f1)"
}
phases() { # label binary db
  local label=$1 g=$2
  export GETIHU_DB=$3
  measure "$label run 2025" "$N" "$g" run --year 2025
  measure "$label export jsonl" "$N" "$g" export --year 2025 --run 1 --format jsonl --output "$out/$label.jsonl"
  measure "$label export csv" "$N" "$g" export --year 2025 --run 1 --format csv --output "$out/$label.csv"
  sizes "$label" "$3"
}
echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
first=${BEFORE:-$G}
"$G" gen --count "$N" --seed 1 --year 2025 --output "$out/d.jsonl" 2> /dev/null
GETIHU_DB=$out/base.db "$first" db init > /dev/null
GETIHU_DB=$out/base.db "$first" import --source dossiers "$out/d.jsonl" > /dev/null 2>&1
cp "$out/base.db" "$out/after.db"
GETIHU_DB=$out/after.db "$G" db init > /dev/null # migrates a database of the release before
if [ -n "${BEFORE:-}" ]; then
  cp "$out/base.db" "$out/before.db"
  phases before "$BEFORE" "$out/before.db"
fi
phases after "$G" "$out/after.db"
if [ -n "${BEFORE:-}" ]; then
  cmp -s "$out/before.jsonl" "$out/after.jsonl" && cmp -s "$out/before.csv" "$out/after.csv" &&
    echo "exports: byte-identical before and after" || echo "exports DIFFER before and after"
fi
