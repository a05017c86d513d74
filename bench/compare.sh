#!/usr/bin/env bash
# Benchmark of the compare list (issue 11 §4): a generated district of N businesses (default 100,000), its 2025
# run published and a second run with a lower growth threshold (so that a share of the district moves), then
# GET /api/runs/2/compare: the counts with the first page, a page near the end (OFFSET paging: it costs more
# with depth), one transition's first page, and the XLSX of every mover. Prints figures; asserts nothing.
#   bash bench/compare.sh [N]       (G=path/to/getihu picks the binary; default build/getihu)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-100000}
. bench/lib.sh
bench_tmp b.db "$N businesses"
$g gen --format extracts --dir "$tmp/ex" --count "$N" --seed 3 2> /dev/null
for k in registration annual_reports tax insurance; do $g import --source $k "$tmp/ex/$k.csv" > /dev/null 2>&1; done
$g run --year 2025 > /dev/null 2>&1 && $g publish --run 1 > /dev/null 2>&1
$g params show --year 2025 | sed 's/"revenue_min": "300000"/"revenue_min": "200000"/' > "$tmp/lower.json"
$g run --year 2025 --params "$tmp/lower.json" --name bench > /dev/null 2>&1
echo "password-of-admin" | $g user add --username admin --role admin --password-stdin > /dev/null
$g serve --listen 127.0.0.1:0 --threads 2 > "$tmp/out" 2> "$tmp/err" &
pid=$!
for _ in $(seq 300); do grep -q "http://" "$tmp/out" 2>/dev/null && break; sleep 0.1; done
base="http://127.0.0.1:$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$tmp/out")"
curl -s -c "$tmp/jar" -H 'Content-Type: application/json' -d '{"username":"admin","password":"password-of-admin"}' \
  "$base/api/session" > /dev/null
t() { curl -s -b "$tmp/jar" -o "$tmp/body" -w "%{http_code} %{time_total} s %{size_download} bytes" "$base$1"; }
echo "counts + first page of 50:  $(t '/api/runs/2/compare')"
total=$(sed -n 's/.*"movers":{"total":\([0-9]*\).*/\1/p' "$tmp/body")
echo "movers:                     $total"
echo "last page of 50:            $(t "/api/runs/2/compare?offset=$(( total > 50 ? total - 50 : 0 ))")"
echo "survival->growth, page 1:   $(t '/api/runs/2/compare?from=survival&to=growth')"
echo "XLSX of all $total movers:  $(t '/api/runs/2/compare?format=xlsx')"
echo "server peak RSS:            $(grep VmHWM /proc/$pid/status | awk '{print $2, $3}')"
