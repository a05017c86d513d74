#!/usr/bin/env bash
# Benchmark of checking the city's typing (issue 10 §6): N businesses (default
# 1,000,000) generated, imported and typed; a city file that differs from getihu's
# run for a known share (1 in 20 rotated to another type, 1 in 1000 left out) and
# names 1 in 1000 businesses the directory lacks; imported; then the reconciliation
# timed: the JSON report (counts and every difference), the counts with one page as
# the server asks, and the XLSX report. Prints seconds and peak RSS. Asserts only
# that the report counts what was planted.
#   bash bench/reconcile.sh [N]       (GETIHU=path/to/getihu to skip the Release build)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
if [ -z "${GETIHU:-}" ]; then
  bash scripts/deps.sh --bench
  cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release > /dev/null
  cmake --build build-bench -j"$(nproc)" --target getihu > /dev/null
  GETIHU=./build-bench/getihu
fi
g=$GETIHU
out=bench/out/reconcile-$N
rm -rf "$out"
mkdir -p "$out"
export GETIHU_DB=$out/getihu.db GETIHU_ACTOR=bench
$g db init > /dev/null
measure() { # label command...
  local label=$1
  shift
  /usr/bin/time -v -o "$out/time.txt" "$@" > "$out/stdout" 2> "$out/err.txt" || { cat "$out/err.txt"; exit 1; }
  local secs rss
  secs=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$out/time.txt" | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$out/time.txt")
  printf "%-44s %8.2f s  peak RSS %5d MiB\n" "$label" "$secs" $((rss / 1024))
}
echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); N = $N"
measure "gen (dossiers)" $g gen --count "$N" --seed 1 --year 2025 --output "$out/d.jsonl"
measure "import dossiers" $g import --source dossiers "$out/d.jsonl"
measure "run 2025" $g run --year 2025
$g publish --run 1 > /dev/null
# The city's file: rotated type for 1 in 20 (by rowid), left out for 1 in 1000, plus outsiders.
sqlite3 "$GETIHU_DB" > "$out/city.csv" <<'SQL'
.headers off
.mode list
.separator ,
SELECT '统一社会信用代码,年度,分型结果';
SELECT uscc, 2025, CASE WHEN id % 20 = 0 THEN
    CASE type WHEN 'survival' THEN 'growth' WHEN 'growth' THEN 'development' WHEN 'development' THEN 'ineligible'
    ELSE 'survival' END ELSE type END FROM results WHERE run_id = 1 AND id % 1000 <> 7 ORDER BY uscc;
SQL
rotated=$(sqlite3 "$GETIHU_DB" "SELECT count(*) FROM results WHERE run_id=1 AND id % 20 = 0 AND id % 1000 <> 7")
left_out=$(sqlite3 "$GETIHU_DB" "SELECT count(*) FROM results WHERE run_id=1 AND id % 1000 = 7")
# Outsiders: valid codes of another seed's district (a different seed numbers other businesses).
$g gen --count $((N / 1000 + 1)) --seed 99 2> /dev/null | grep -o '"uscc":"[^"]*"' | cut -d'"' -f4 |
  grep -vxF -f <(sqlite3 "$GETIHU_DB" "SELECT uscc FROM businesses") | sed 's/$/,2025,发展型/' > "$out/outsiders.csv" || true
cat "$out/outsiders.csv" >> "$out/city.csv"
outsiders=$(wc -l < "$out/outsiders.csv")
echo "planted: $rotated rotated, $left_out only in getihu, $outsiders only in the city"
measure "import city_types ($(($(wc -l < "$out/city.csv") - 1)) rows)" $g import --source city_types "$out/city.csv"
measure "reconcile --format json (all differences)" $g reconcile --year 2025 --format json
differ=$(grep -o '"differ":[0-9]*' "$out/stdout" | head -1 | cut -d: -f2)
[ "$differ" = $((rotated + left_out + outsiders)) ] || { echo "FAIL: differ $differ, planted $((rotated + left_out + outsiders))"; exit 1; }
measure "reconcile --kind growth-survival (table)" $g reconcile --year 2025 --kind growth-survival
measure "reconcile --xlsx" $g reconcile --year 2025 --xlsx "$out/reconcile.xlsx" --kind none-survival
measure "reconcile adopt (city result as a run)" $g reconcile adopt --year 2025
echo "report: $differ differences; database $(du -h "$GETIHU_DB" | cut -f1)"
