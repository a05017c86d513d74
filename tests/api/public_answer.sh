#!/usr/bin/env bash
# The public look-up's answer, byte for byte (issue 12 §2, decision 274): a business with
# results in two published years, a later unpublished run of one of them and a
# recognition, and a name query with several hits, give exactly the bytes pinned in
# tests/api/golden/ (written by the look-up as it was before it read published results
# only). Same file on both backends.
set -u
g=$1
ex=$2
golden=$(dirname "$0")/golden
tmp=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
. "$(dirname "$0")/../lib/db.sh"
GETIHU_DB=$(db_new "$tmp/t.db") || { echo "FAIL: no database for the store"; exit 1; }
export GETIHU_DB GETIHU_ACTOR=tester
fail() { echo "FAIL: $*"; [ -f "$tmp/serve.err" ] && tail -5 "$tmp/serve.err"; exit 1; }
"$g" db init > /dev/null || fail "getihu db init"
for k in registration annual_reports insurance trademarks patents; do "$g" import --source "$k" "$ex/$k.csv" 2>/dev/null || fail "import $k"; done
"$g" import --source tax "$ex/tax-gbk.csv" 2>/dev/null || fail "import tax"
"$g" run --year 2025 > /dev/null 2>&1 || fail "run 2025"
"$g" run --year 2024 > /dev/null 2>&1 || fail "run 2024"
"$g" publish --run 1 > /dev/null || fail "publish 2025"
"$g" publish --run 2 > /dev/null || fail "publish 2024"
"$g" run --year 2025 > /dev/null 2>&1 || fail "second run of 2025 (left unpublished)"
u=92110115MA00001014
dbq "INSERT INTO round_apps(id,year,seq,uscc,category,route,claimed,state,created_by,created_at,updated_at)
     VALUES('2025-0001',2025,1,'$u','characteristic','self','x','recognised','tester','2025-01-01T00:00:00Z','2025-01-01T00:00:00Z');
     INSERT INTO round_recognitions(app_id,uscc,year,category,route,type,recognised_on,expires)
     VALUES('2025-0001','$u',2025,'characteristic','self','development','2025-03-01','2099-03-01')" > /dev/null ||
  fail "recognition"
[ "$(dbq "SELECT count(*) FROM runs")" = 3 ] || fail "three runs"

"$g" serve --listen 127.0.0.1:0 --threads 2 --rate 1000 --burst 1000 > "$tmp/serve.out" 2> "$tmp/serve.err" &
pid=$!
for _ in $(seq 300); do grep -q "http://" "$tmp/serve.out" 2>/dev/null && break; sleep 0.1; done
port=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$tmp/serve.out")
[ -n "$port" ] || fail "server did not start"
check() { # name query: the answer equals golden/public_<name>.json
  local code
  code=$(curl -s -o "$tmp/$1.json" -w "%{http_code}" --max-time 5 "http://127.0.0.1:$port/api/public/search?q=$2")
  [ "$code" = 200 ] || fail "$1: HTTP $code"
  if [ -n "${GETIHU_GOLDEN_WRITE:-}" ]; then cp "$tmp/$1.json" "$golden/public_$1.json"; return; fi
  cmp -s "$tmp/$1.json" "$golden/public_$1.json" || { diff <(tr ',' '\n' < "$golden/public_$1.json") \
    <(tr ',' '\n' < "$tmp/$1.json") | head -20; fail "$1: the answer differs from the pinned one"; }
}
check uscc "$u"
check uscc_spaced "9211%200115MA00%20001014" # decision 153: rewritten to the USCC
check name "%E5%A4%A7%E5%85%B4%E5%8C%BA" # 大兴区: several businesses
grep -q '"year":2025' "$tmp/uscc.json" && grep -q '"year":2024' "$tmp/uscc.json" || fail "both published years"
grep -q '"category":{"code"' "$tmp/uscc.json" || fail "the recognition"
echo "ok: the public answer is the pinned one"
