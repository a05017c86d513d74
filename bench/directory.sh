#!/usr/bin/env bash
# Benchmark of the directory (issue 3): N businesses (default 1,000,000) written as
# department extracts, imported, typed for a year, exported. Prints rows/s and peak
# memory per phase. Asserts nothing.
# CPU seconds (user + system) are printed too: on a shared machine they vary
# less than the wall clock.
#   bash bench/directory.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
bash scripts/deps.sh --bench
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release > /dev/null
cmake --build build-bench -j"$(nproc)" --target getihu > /dev/null
g=./build-bench/getihu
out=bench/out/directory-$N
rm -rf "$out"
mkdir -p "$out"
export GETIHU_DB=$out/getihu.db GETIHU_ACTOR=bench
$g db init > /dev/null || { echo "FAIL: getihu db init"; exit 1; }
. bench/lib.sh
measure() { bench_rows "$@"; } # label rows command...
echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
measure "gen --format extracts" "$N" $g gen --format extracts --dir "$out/extracts" --count "$N" --seed 1 --year 2025
total_rows=0
start=$(date +%s.%N)
for kind in registration annual_reports tax insurance trademarks patents abnormal_list serious_illegal \
            suspensions penalties dishonest_debtors operator_groups; do
  rows=$(($(wc -l < "$out/extracts/$kind.csv") - 1))
  total_rows=$((total_rows + rows))
  measure "import $kind" "$rows" $g import --source "$kind" "$out/extracts/$kind.csv"
done
end=$(date +%s.%N)
awk -v n="$total_rows" -v s="$(echo "$end - $start" | bc)" 'BEGIN{printf "%-28s %9d rows %7.2f s %10.0f rows/s\n", "import, all kinds", n, s, n / s}'
# KEEP=1 keeps a copy of the store as imported (imported.db), to time the later phases again on it
[ "${KEEP:-0}" = 1 ] && cp "$GETIHU_DB" "$out/imported.db"
measure "re-import tax (no change)" "$(($(wc -l < "$out/extracts/tax.csv") - 1))" $g import --source tax "$out/extracts/tax.csv"
measure "run 2025" "$N" $g run --year 2025
measure "publish run 1" "$N" $g publish --run 1
measure "export jsonl" "$N" $g export --year 2025 --format jsonl --output "$out/r.jsonl"
measure "export csv" "$N" $g export --year 2025 --format csv --output "$out/r.csv"
measure "export xlsx" "$N" $g export --year 2025 --format xlsx --output "$out/r.xlsx"
measure "stats 2025" "$N" $g stats --year 2025
# issue 12 §2: the year before, published, so that the statistics carry the transitions
measure "run 2024" "$N" $g run --year 2024
measure "publish run 2" "$N" $g publish --run 2
measure "stats 2025 (transitions)" "$N" $g stats --year 2025
# a second run of the year, published over the first: the publication then compares
# the two runs business by business (the measures' entitlement changes, decision 89)
measure "run 2025 (again)" "$N" $g run --year 2025
measure "publish run 3 (over run 1)" "$N" $g publish --run 3
echo "database: $(du -h "$GETIHU_DB" | cut -f1)"
