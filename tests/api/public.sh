#!/usr/bin/env bash
# getihu serve over real HTTP on a free loopback port: the public search, limits,
# rate limiting, privacy (canary personal data never leaves in a public response
# or the access log) and graceful shutdown.
set -u
g=$1
ex=$2
tmp=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
. "$(dirname "$0")/../lib/db.sh" # db_new, dbq: the store on either backend
GETIHU_DB=$(db_new "$tmp/t.db") || { echo "FAIL: no database for the store"; exit 1; }
export GETIHU_DB GETIHU_ACTOR=tester
"$g" db init > /dev/null || { echo "FAIL: getihu db init"; exit 1; }
fail() { echo "FAIL: $*"; [ -f "$tmp/serve.err" ] && tail -5 "$tmp/serve.err"; exit 1; }

# A directory: the documented examples plus a canary business with unmistakable personal data.
for k in registration annual_reports insurance trademarks patents; do "$g" import --source "$k" "$ex/$k.csv" 2>/dev/null || fail "import $k"; done
"$g" import --source tax "$ex/tax-gbk.csv" 2>/dev/null || fail "import tax"
cat > "$tmp/canary.csv" <<CSV
uscc,name,operator_name,operator_id,established,status,address
92110115MA0000106K,北京市大兴区金丝雀茶馆,金丝雀CANARYNAME,11011519991231CANARY,2010-01-01,registered,CANARYADDRESS大兴区某路
CSV
"$g" import --source registration "$tmp/canary.csv" 2>/dev/null || fail "import canary"
printf 'uscc,year,filed_on,revenue\n92110115MA0000106K,2024,2025-03-01,777777.77\n' > "$tmp/canary-ar.csv"
"$g" import --source annual_reports "$tmp/canary-ar.csv" 2>/dev/null || fail "import canary report"
"$g" run --year 2025 > /dev/null 2>&1 || fail "run"
"$g" run --year 2025 > /dev/null 2>&1 || fail "second run (unpublished)"
"$g" publish --run 1 > /dev/null || fail "publish"

"$g" serve --listen 127.0.0.1:0 --threads 2 --rate 5 --burst 5 --access-log "$tmp/access.log" > "$tmp/serve.out" 2> "$tmp/serve.err" &
pid=$!
for _ in $(seq 300); do grep -q "http://" "$tmp/serve.out" 2>/dev/null && break; sleep 0.1; done
port=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$tmp/serve.out")
[ -n "$port" ] || fail "server did not start"
base="http://127.0.0.1:$port"
get() { curl -s -o "$tmp/body" -D "$tmp/headers" -w "%{http_code}" --max-time 5 "$@"; }
n=0
search() { n=$((n + 1)); get "$base/api/public/search?q=$1"; }
sleep_if_limited() { if [ $((n % 4)) = 0 ]; then sleep 1; fi; }

[ "$(get "$base/healthz")" = 200 ] || fail "healthz"
grep -q '"status":"ok"' "$tmp/body" || fail "healthz body"
[ "$(search 92110115MA00001014)" = 200 ] || fail "search by USCC"
grep -q '"name":"北京市大兴区福顺小吃店"' "$tmp/body" || fail "USCC result"
grep -q '"type":"development","type_label":"发展型"' "$tmp/body" || fail "published type"
grep -q '"article":"A1.3.2(3)D"' "$tmp/body" || fail "reason article"
grep -q '"operator":"张\*"' "$tmp/body" || fail "operator masked"
grep -q "350000\|text" "$tmp/body" && fail "public result shows figures or sentences"
[ "$(grep -o '"year":2025' "$tmp/body" | wc -l)" = 1 ] || fail "only the published run is shown"
sleep_if_limited
[ "$(search %E7%91%9E%E4%B8%B0)" = 200 ] || fail "search 瑞丰"
grep -q "92110115MA00001027" "$tmp/body" || fail "two-character fragment"
[ "$(search 110115000000003)" = 200 ] && grep -q "福顺小吃店" "$tmp/body" || fail "search by 注册号"
sleep_if_limited
[ "$(search %E9%87%91%E4%B8%9D%E9%9B%80)" = 200 ] || fail "search canary"
grep -q '"operator":"金\*"' "$tmp/body" || fail "canary masked"
grep -q "CANARY\|777777\|11011519991231" "$tmp/body" && fail "public response leaks the canary"
[ "$(search "")" = 400 ] || fail "empty query is 400"
sleep_if_limited
[ "$(search "$(printf 'A%.0s' $(seq 100))")" = 400 ] || fail "long query is 400"
# Issue 8, finding 10: a query that is not UTF-8 (a stray byte, or a character cut in two) is refused with a
# JSON error, never echoed.
valid_json() { iconv -f UTF-8 -t UTF-8 "$1" > /dev/null 2>&1 && [ "$(sqlite3 :memory: "SELECT json_valid(CAST(readfile('$1') AS TEXT))")" = 1 ]; }
[ "$(search %FF)" = 400 ] || fail "q=%FF answered $(cat "$tmp/body")"
valid_json "$tmp/body" || fail "q=%FF: the answer is not UTF-8 JSON"
sleep_if_limited
[ "$(search %E7%A6%8F%E9%A1)" = 400 ] || fail "a query cut mid-character"
valid_json "$tmp/body" || fail "cut query: the answer is not UTF-8 JSON"
[ "$(search "$(printf '%%E7%%A6%%8F%.0s' $(seq 21))%E7")" = 400 ] || fail "a query of 64 bytes ending in a cut character"
sleep_if_limited
[ "$(get "$base/%FF%FE")" = 404 ] || fail "a path that is not UTF-8"
valid_json "$tmp/body" || fail "404 body"
[ "$(get "$base/api/nothing")" = 404 ] || fail "unknown API route 404"
grep -q '"error"' "$tmp/body" || fail "errors are JSON"
[ "$(get -X POST --data 'x=1' "$base/api/public/search")" = 405 ] || fail "POST is 405"
head -c 2000000 /dev/zero > "$tmp/big"
code=$(get -X POST --data-binary @"$tmp/big" "$base/anything")
[ "$code" = 413 ] || fail "oversize body answered $code"
secure_headers "413"
[ "$(get "$base/")" = 200 ] || fail "public page"
grep -q "个体工商户分型结果查询" "$tmp/body" || fail "page content"
# Issue 8, finding 11: the security headers on every reply, static pages included; HSTS only over TLS.
secure_headers() {
  for h in "x-content-type-options: nosniff" "content-security-policy: default-src 'self'" "x-frame-options: deny" \
           "referrer-policy: no-referrer" "cache-control:"; do
    grep -qi "^$h" "$tmp/headers" || fail "$1: no $h header"
  done
}
secure_headers "static page"
grep -qi "^strict-transport-security" "$tmp/headers" && fail "HSTS over plain HTTP from an untrusted peer"
[ "$(get "$base/app.js")" = 200 ] || fail "app.js"
grep -q "textContent" "$tmp/body" || fail "app.js content"
[ "$(get "$base/healthz")" = 200 ] || fail "server keeps serving after bad requests"

# Rate limiting: a burst past the limit is answered 429 with Retry-After.
sleep 1.2
codes=""
limited=no
for _ in $(seq 30); do
  c=$(get "$base/api/public/search?q=x")
  codes="$codes $c"
  if [ "$c" = 429 ]; then limited=yes; break; fi
done
[ "$limited" = yes ] || fail "no 429 after a burst: $codes"
grep -qi "^retry-after:" "$tmp/headers" || fail "Retry-After missing on the 429"
secure_headers "429"

# Privacy: the canary never appears in a public response (checked above per call) nor in the log.
for f in "$tmp/access.log" "$tmp/serve.err" "$tmp/serve.out"; do
  grep -q "CANARY\|金丝雀\|777777\|q=" "$f" && fail "$f leaks a query or personal data"
done
# Nor in an export (not meant for personal data): the business is there, its operator, ID and address are not.
for fmt in csv jsonl; do
  "$g" export --year 2025 --format $fmt --output "$tmp/export.$fmt" 2>/dev/null || fail "export $fmt"
  grep -q "92110115MA0000106K" "$tmp/export.$fmt" || fail "canary business missing from the $fmt export"
  grep -q "CANARY\|11011519991231" "$tmp/export.$fmt" && fail "$fmt export leaks personal data"
done
grep -q '"path":"/api/public/search","status":200' "$tmp/access.log" || fail "access log line"
grep -q '"client":"127.0.0.0"' "$tmp/access.log" || fail "client address truncated"
iconv -f UTF-8 -t UTF-8 "$tmp/access.log" > /dev/null || fail "the access log is not UTF-8"

# The server sees what the command line commits while it runs (no stale snapshot).
printf 'uscc,name,established,status\n92110115MA0000107N,北京市大兴区新开张面馆,2016-03-01,在营\n' > "$tmp/new.csv"
"$g" import --source registration "$tmp/new.csv" 2>/dev/null || fail "import while serving"
"$g" run --year 2025 > /dev/null 2>&1 && "$g" publish --run 3 > /dev/null || fail "run and publish while serving"
sleep 1
[ "$(search 92110115MA0000107N)" = 200 ] || fail "search the new business"
grep -q '"name":"北京市大兴区新开张面馆".*"year":2025' "$tmp/body" || fail "a result published while serving is not seen: $(cat "$tmp/body")"

# Graceful shutdown on SIGTERM: exit 0, database clean.
kill -TERM "$pid"
wait "$pid"
status=$?
pid=
[ "$status" = 0 ] || fail "serve exited $status on SIGTERM"
grep -q "已停止" "$tmp/serve.err" || fail "stop message"
"$g" db check | grep -q "完整性 ok" || fail "database after shutdown"
echo "api public: all passed"
