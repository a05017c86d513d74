#!/usr/bin/env bash
# The public look-up's answer cache (decision 300) never serves a stale answer: a server
# with the cache answers a business's look-up from it (its access log says so), then
# ANOTHER process publishes a year, corrects a result, records a recognition, imports a
# new name; after each, the cached server's answer is the one a server without the
# cache gives, byte for byte, and differs from the answer before. Same file on both
# backends (decision 294: on PostgreSQL the token is the cluster's snapshot, which the
# other tests' databases on the same cluster move too, so a hit may take a few tries).
set -u
g=$1
ex=$2
tmp=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; rm -rf "$tmp"; }
trap cleanup EXIT
. "$(dirname "$0")/../lib/db.sh"
GETIHU_DB=$(db_new "$tmp/t.db") || { echo "FAIL: no database for the store"; exit 1; }
export GETIHU_DB GETIHU_ACTOR=tester
fail() { echo "FAIL: $*"; tail -5 "$tmp"/*.err 2>/dev/null; exit 1; }
"$g" db init > /dev/null || fail "getihu db init"
for k in registration annual_reports insurance trademarks patents; do "$g" import --source "$k" "$ex/$k.csv" 2>/dev/null || fail "import $k"; done
"$g" import --source tax "$ex/tax-gbk.csv" 2>/dev/null || fail "import tax"
"$g" run --year 2025 > /dev/null 2>&1 || fail "run 2025"
"$g" publish --run 1 > /dev/null || fail "publish 2025"
u=92110115MA00001014

# serve NAME ARGS...: a server on a free port; its port in $port_NAME.
serve() {
  local name=$1
  shift
  "$g" serve --listen 127.0.0.1:0 --threads 2 --rate 1000 --burst 1000 "$@" > "$tmp/$name.out" 2> "$tmp/$name.err" &
  pids+=($!)
  for _ in $(seq 300); do grep -q "http://" "$tmp/$name.out" 2>/dev/null && break; sleep 0.1; done
  local p
  p=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$tmp/$name.out")
  [ -n "$p" ] || fail "server $name did not start"
  printf -v "port_$name" %s "$p"
}
serve cached --access-log "$tmp/access.log"
serve fresh --lookup-cache 0
ask() { # ask PORT FILE: the answer to the look-up of $u
  [ "$(curl -s -o "$2" -w "%{http_code}" --max-time 5 "http://127.0.0.1:$1/api/public/search?q=$u")" = 200 ] ||
    fail "look-up on port $1: $(cat "$2")"
}
hits() { grep -c '"note":"answer from the look-up cache' "$tmp/access.log"; }
# prime: two look-ups, the second from the cache (on PostgreSQL: until one is)
ask "$port_cached" "$tmp/before.json"
for _ in $(seq 50); do
  ask "$port_cached" "$tmp/again.json"
  cmp -s "$tmp/before.json" "$tmp/again.json" || fail "the cached answer differs from the first"
  [ "$(hits)" -ge 1 ] && break
  db_is_pg || break
done
[ "$(hits)" -ge 1 ] || fail "the second look-up was not answered from the cache: $(cat "$tmp/access.log")"
db_is_pg || [ "$(hits)" = 1 ] || fail "more than one hit: $(hits)"

# step WHAT: after a change made by another process, the cached server answers as the fresh one, and differently.
step() {
  ask "$port_cached" "$tmp/cached.json"
  ask "$port_fresh" "$tmp/fresh.json"
  cmp -s "$tmp/cached.json" "$tmp/fresh.json" ||
    fail "$1: stale answer served: $(cat "$tmp/cached.json") instead of $(cat "$tmp/fresh.json")"
  cmp -s "$tmp/cached.json" "$tmp/before.json" && fail "$1: the answer did not change"
  cp "$tmp/cached.json" "$tmp/before.json"
  ask "$port_cached" "$tmp/again.json" # and kept again: the next change must still be seen
}
"$g" run --year 2024 > /dev/null 2>&1 || fail "run 2024"
"$g" publish --run 2 > /dev/null || fail "publish 2024"
step "a publish"
grep -q '"year":2024' "$tmp/before.json" || fail "the 2024 result is not in the answer"

dbq "INSERT INTO typing_objections(id,uscc,year,run_id,code,kind,statement,filed_by,filed_at,filed_on,reply_due,status)
     VALUES(1,'$u',2025,1,'X1','type','s','tester','2025-04-01T00:00:00Z','2025-04-01','2025-04-16','upheld');
     INSERT INTO result_corrections(run_id,uscc,type,reasons,objection_id)
     SELECT run_id,uscc,CASE WHEN type='growth' THEN 'survival' ELSE 'growth' END,reasons,1 FROM results
     WHERE run_id=1 AND uscc='$u'" > /dev/null || fail "correction"
step "a correction"
grep -q '"corrected":true' "$tmp/before.json" || fail "the correction is not in the answer"

dbq "INSERT INTO round_apps(id,year,seq,uscc,category,route,claimed,state,created_by,created_at,updated_at)
     VALUES('2025-0001',2025,1,'$u','characteristic','self','x','recognised','tester','2025-01-01T00:00:00Z','2025-01-01T00:00:00Z');
     INSERT INTO round_recognitions(app_id,uscc,year,category,route,type,recognised_on,expires)
     VALUES('2025-0001','$u',2025,'characteristic','self','development','2025-03-01','2099-03-01')" > /dev/null ||
  fail "recognition"
step "a recognition"
grep -q '"category":{"code"' "$tmp/before.json" || fail "the recognition is not in the answer"

sed "s/^$u,北京市大兴区福顺小吃店,/$u,北京市大兴区福顺新名小吃店,/" "$ex/registration.csv" > "$tmp/registration.csv"
"$g" import --source registration "$tmp/registration.csv" > /dev/null 2>&1 || fail "import of the new name"
step "an import"
grep -q '福顺新名小吃店' "$tmp/before.json" || fail "the new name is not in the answer"
if ! db_is_pg; then [ "$(hits)" -ge 5 ] || fail "the cache was not used between the changes: $(hits) hits"; fi # 1 + one a step
echo "ok: no stale answer after a publish, a correction, a recognition and an import by another process"
