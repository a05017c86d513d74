#!/usr/bin/env bash
# Benchmark of the console's audit view (issue 11 §2, decision 166): a trail of N entries (default 200,000; written
# by SQL, since the chain is not the subject: the triggers refuse only UPDATE and DELETE), then GET /api/audit's
# first page, a page deep in the trail by cursor, an action filter, an actor filter that matches few entries, and a
# one-day range; and the accounts list. Prints figures; asserts nothing.
#   bash bench/audit.sh [N]          (G=path/to/getihu picks the binary; default build/getihu)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-200000}
. bench/lib.sh
bench_tmp a.db "$N audit entries"
echo "password-of-admin" | $g user add --username admin --role admin --password-stdin > /dev/null
sqlite3 "$GETIHU_DB" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i<$N)
  INSERT INTO audit(at,actor,role,client,action,object,before,after,prev_hash,hash)
  SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 1700000000 + i*60, 'unixepoch'), CASE WHEN i%1000=0 THEN 'rare' ELSE 'clerk'||(i%7) END,
         'clerk','127.0.0.1', CASE i%4 WHEN 0 THEN 'login' WHEN 1 THEN 'business.read' WHEN 2 THEN 'user.code' ELSE 'logout' END,
         'business 92110115MA0000'||i, NULL, '{\"days\":7}', 'p', 'h' FROM n"
$g serve --listen 127.0.0.1:0 --threads 2 > "$tmp/out" 2> "$tmp/err" &
pid=$!
for _ in $(seq 300); do grep -q "http://" "$tmp/out" 2> /dev/null && break; sleep 0.1; done
base="http://127.0.0.1:$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$tmp/out")"
curl -s -c "$tmp/jar" -H 'Content-Type: application/json' -d '{"username":"admin","password":"password-of-admin"}' "$base/api/session" > /dev/null
t() { # label query
  local s
  s=$(curl -s -b "$tmp/jar" -o "$tmp/body" -w '%{time_total}' "$base/api/audit?$2")
  printf '%-44s %6.1f ms  %s entries\n' "$1" "$(awk -v s="$s" 'BEGIN{print s * 1000}')" "$(grep -o '"id":' "$tmp/body" | wc -l)"
}
t "first page (50)" "limit=50"
t "page at the middle, by cursor (50)" "limit=50&before=$((N / 2))"
t "last page, by cursor (50)" "limit=50&before=60"
t "action filter (user.code, 50)" "action=user.code&limit=50"
t "rare actor (1 in 1000, 50)" "actor=rare&limit=50"
t "one Beijing day" "from=2023-11-20&to=2023-11-20&limit=500"
t "500 entries" "limit=500"
s=$(curl -s -b "$tmp/jar" -o /dev/null -w '%{time_total}' "$base/api/accounts")
printf '%-44s %6.1f ms\n' "accounts list" "$(awk -v s="$s" 'BEGIN{print s * 1000}')"
