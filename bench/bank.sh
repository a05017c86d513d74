#!/usr/bin/env bash
# Benchmark of the bank channel (issue 10 §5): a generated district of N businesses (default 20,000), its run
# published, every business consenting to one bank (the consents written by SQL: the owner page is not the
# subject), then the bank's first and last list page (keyset paging: the same cost at any depth), a look-up, and
# the XLSX download of all N with its access record (N rows). Prints figures; asserts nothing.
#   bash bench/bank.sh [N]          (G=path/to/getihu picks the binary; default build/getihu)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-20000}
. bench/lib.sh
bench_tmp b.db "$N businesses"
$g gen --format extracts --dir "$tmp/ex" --count "$N" --seed 3 2> /dev/null
$g import --source registration "$tmp/ex/registration.csv" > /dev/null 2>&1
for k in annual_reports tax insurance; do [ -f "$tmp/ex/$k.csv" ] && $g import --source $k "$tmp/ex/$k.csv" > /dev/null 2>&1; done
$g run --year 2025 > /dev/null 2>&1 && $g publish --run 1 > /dev/null 2>&1
echo "password-of-bank" | $g user add --username bank --role bank --bank 基准测试银行 --password-stdin > /dev/null
sqlite3 "$GETIHU_DB" "INSERT INTO bank_consents(uscc,bank,from_date,to_date,scopes,granted_by,granted_at)
  SELECT uscc,'基准测试银行','2026-01-01','2026-12-31',7,'bench','2026-01-01T00:00:00Z' FROM businesses"
last=$(sqlite3 "$GETIHU_DB" "SELECT uscc FROM businesses ORDER BY uscc DESC LIMIT 1 OFFSET 50")
$g serve --listen 127.0.0.1:0 --threads 2 --today 2026-03-01 > "$tmp/out" 2> "$tmp/err" &
pid=$!
for _ in $(seq 300); do grep -q "http://" "$tmp/out" 2>/dev/null && break; sleep 0.1; done
base="http://127.0.0.1:$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$tmp/out")"
curl -s -c "$tmp/jar" -H 'Content-Type: application/json' -d '{"username":"bank","password":"password-of-bank"}' "$base/api/session" > /dev/null
t() { curl -s -b "$tmp/jar" -o "$tmp/body" -w "%{http_code} %{time_total} s %{size_download} bytes" "$base$1"; }
echo "first page of 200:   $(t '/api/bank/businesses?limit=200')"
echo "last page of 50:     $(t "/api/bank/businesses?limit=50&after=$last")"
echo "one look-up:         $(t "/api/bank/businesses/$last")"
echo "XLSX of all $N:  $(t '/api/bank/export')"
echo "access rows written: $(sqlite3 "$GETIHU_DB" 'SELECT count(*) FROM bank_accesses')"
echo "server peak RSS:     $(grep VmHWM /proc/$pid/status | awk '{print $2, $3}')"
