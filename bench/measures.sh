#!/usr/bin/env bash
# Benchmark of the measures (issue 10): N businesses (default 1,000,000) generated, imported, typed for 2024 and
# 2025; then timed: the 2025 publication with its entitlement-change recording (against 2024's published run),
# the coverage (JSON and XLSX), and a department's worklist over HTTP (the total and one page, sorted by USCC and
# by name, filtered by town, and a status write). Prints seconds and peak RSS. Asserts nothing.
#   bash bench/measures.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release > /dev/null
cmake --build build-bench -j1 --target getihu > /dev/null
g=$PWD/build-bench/getihu
out=$PWD/bench/out/measures-$N
rm -rf "$out"
mkdir -p "$out"
export GETIHU_DB=$out/getihu.db GETIHU_ACTOR=bench
$g db init > /dev/null
measure() { # label command...
  local label=$1
  shift
  /usr/bin/time -f "%e %M" -o "$out/time.txt" "$@" > "$out/stdout.txt" 2> "$out/err.txt" || { cat "$out/err.txt"; exit 1; }
  read -r secs rss < "$out/time.txt"
  printf "%-44s %7.2f s  peak RSS %5d MiB\n" "$label" "$secs" $((rss / 1024))
}
echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); N=$N"
measure "gen" $g gen --format extracts --dir "$out/ex" --count "$N" --seed 1 --year 2025
for kind in registration annual_reports tax insurance trademarks patents abnormal_list serious_illegal \
            suspensions penalties dishonest_debtors operator_groups; do
  $g import --source "$kind" "$out/ex/$kind.csv" > /dev/null 2>&1
done
echo "imported"
measure "run 2024" $g run --year 2024
$g publish --run 1 > /dev/null 2>&1
measure "run 2025" $g run --year 2025
measure "publish 2025 (records entitlement changes)" $g publish --run 2
echo "  changes recorded: $(sqlite3 "$GETIHU_DB" "SELECT count(*) FROM measure_changes WHERE ref='2'")"
measure "coverage (JSON)" $g measures coverage --year 2025
measure "coverage (XLSX)" $g measures coverage --year 2025 --xlsx "$out/coverage.xlsx"
echo "password-for-bench" | $g user add --username hr --role department --department 区人力社保局 --password-stdin > /dev/null
$g serve --listen 127.0.0.1:0 --threads 2 > "$out/serve.out" 2> "$out/serve.err" &
pid=$!
trap 'kill $pid 2> /dev/null' EXIT
for _ in $(seq 300); do grep -q "http://" "$out/serve.out" 2>/dev/null && break; sleep 0.1; done
base="http://127.0.0.1:$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$out/serve.out")"
curl -s -c "$out/jar" -H 'Content-Type: application/json' -d '{"username":"hr","password":"password-for-bench"}' "$base/api/session" > "$out/login.json"
csrf=$(sed -n 's/.*"csrf":"\([0-9a-f]*\)".*/\1/p' "$out/login.json")
m=$(python3 -c 'import urllib.parse; print(urllib.parse.quote("A2(一)3"))')
t=$(python3 -c 'import urllib.parse; print(urllib.parse.quote("黄村镇"))')
page() { # label query
  local s
  s=$(curl -s -b "$out/jar" -o "$out/page.json" -w "%{time_total}" "$base/api/measures/work?measure=$m&limit=50$2")
  printf "%-44s %7.2f s  (%s businesses)\n" "$1" "$s" "$(sed -n 's/.*"total":\([0-9]*\).*/\1/p' "$out/page.json")"
}
page "worklist: first page, by USCC" ""
page "worklist: page 100, by USCC" "&offset=4950"
page "worklist: first page, by name" "&sort=name"
page "worklist: town filter" "&town=$t"
page "worklist: status filter (served)" "&status=served"
u=$(sqlite3 "$GETIHU_DB" "SELECT uscc FROM results WHERE run_id=2 AND type='survival' LIMIT 1")
s=$(curl -s -b "$out/jar" -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' -o /dev/null -w "%{time_total}" \
    -d "{\"uscc\":\"$u\",\"measure\":\"A2(一)3\",\"status\":\"served\"}" "$base/api/measures/work")
printf "%-44s %7.2f s\n" "worklist: record a status" "$s"
s=$(curl -s -b "$out/jar" -o "$out/work.csv" -w "%{time_total}" "$base/api/measures/work?measure=$m&format=csv")
printf "%-44s %7.2f s  (%s lines)\n" "worklist: CSV export" "$s" "$(wc -l < "$out/work.csv")"
echo "server peak RSS: $(($(grep VmHWM /proc/$pid/status | awk '{print $2}') / 1024)) MiB"
echo "database: $(du -h "$GETIHU_DB" | cut -f1)"
