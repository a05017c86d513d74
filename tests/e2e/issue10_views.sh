#!/usr/bin/env bash
# Browser check of every issue-10 view for the role that uses it (tests/e2e/issue10_views.test.mjs): a small
# generated district typed and published for 2025, a city typing file with planted differences, a department
# (区税务局), a town, a bank, a clerk, and an owner who consents to the bank and objects to its result (through
# the API, as scripts/demo.sh does). Each view is opened at phone and desktop size and must pass axe-core,
# not scroll sideways, and show no reason codes, English roles or UTC timestamps. Screenshots: $ARTIFACTS.
set -u
g=$1
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2> /dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
. "$here/lib.sh" # fail, signin, post
. "$(dirname "$0")/../lib/db.sh" # db_new, dbq: the store on either backend
GETIHU_DB=$(db_new "$tmp/v.db") || { echo "FAIL: no database for the store"; exit 1; }
export GETIHU_DB GETIHU_ACTOR=e2e
"$g" db init > /dev/null || fail "db init"
"$g" gen --format extracts --dir "$tmp/x" --count 400 --seed 3 --year 2025 2> /dev/null || fail "gen"
for kind in registration annual_reports tax insurance trademarks patents abnormal_list serious_illegal \
            suspensions penalties dishonest_debtors operator_groups; do
  "$g" import --source "$kind" "$tmp/x/$kind.csv" > /dev/null 2>&1 || fail "import $kind"
done
"$g" run --year 2025 > /dev/null 2>&1 && "$g" publish --run 1 > /dev/null 2>&1 || fail "run and publish"
"$g" export --year 2025 --format csv --output "$tmp/r.csv" 2> /dev/null || fail "export"
# The city's file: the district's result with some types changed, some businesses left out, one it lacks.
awk -F, 'NR == 1 { print "统一社会信用代码,年度,分型结果"; next }
  { t = $6; n++
    if (t == "生存型" && n % 9 == 0) t = "成长型"; else if (t == "成长型" && n % 2 == 0) t = "生存型"
    if (n % 23 != 0) print $1 "," $5 "," t }
  END { print "92110115MA0000000B,2025,生存型" }' "$tmp/r.csv" > "$tmp/city.csv"
"$g" import --source city_types "$tmp/city.csv" > /dev/null 2>&1 || fail "import city_types"
# The owner: a named survival business short of growth's tax criterion; the town account is its town.
line=$(awk -F, 'NR > 1 && $2 != "" && $7 == "survival" && $8 ~ /MISSED.GROWTH.B/ && $8 !~ /MISSED.AGE|TAX_REGISTRATION/ {
                print $1 "," $3; exit }' "$tmp/r.csv")
export OWNER_USCC=${line%%,*} TOWN=${line#*,}
[ -n "$OWNER_USCC" ] && [ -n "$TOWN" ] || fail "no survival business to object"
export STAFF_PASSWORD="e2e-issue10-views"
add() { echo "$STAFF_PASSWORD" | "$g" user add --password-stdin "$@" > /dev/null || fail "user add $*"; }
add --username clerk --role clerk
add --username tax --role department --department 区税务局
add --username town --role town --town "$TOWN"
add --username bank --role bank --bank 中国农业银行北京大兴支行
"$g" user add --username owner --role business --uscc "$OWNER_USCC" > /dev/null || fail "owner"
"$g" serve --listen 127.0.0.1:0 --threads 2 --today 2025-09-25 > "$tmp/out" 2> "$tmp/err" &
pid=$!
for _ in $(seq 300); do grep -q "http://" "$tmp/out" 2> /dev/null && break; sleep 0.1; done
port=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$tmp/out")
[ -n "$port" ] || { cat "$tmp/err"; fail "serve"; }
export BASE_URL="http://127.0.0.1:$port"
signin owner "{\"uscc\":\"$OWNER_USCC\",\"code\":\"$("$g" user code --uscc "$OWNER_USCC" 2> /dev/null)\"}"
signin clerk "{\"username\":\"clerk\",\"password\":\"$STAFF_PASSWORD\"}"
post owner /api/consents '{"bank":"中国农业银行北京大兴支行","from":"2025-09-25","to":"2026-09-24","scopes":["report","tax"]}'
post owner /api/objections '{"year":2025,"code":"MISSED.GROWTH.B","statement":"2024年实缴税款应为5000元，系统漏记。"}'
oid=$(sed -n 's/.*"id":\([0-9]*\).*/\1/p' "$tmp/body" | head -1)
post clerk "/api/objections/$oid/verify" '{}'
# The browser signs the owner in with a fresh one-time code.
OWNER_CODE=$("$g" user code --uscc "$OWNER_USCC" 2> /dev/null) || fail "owner code"
export OWNER_CODE
export ARTIFACTS=${ARTIFACTS:-$PWD/e2e-artifacts}
rm -f "$ARTIFACTS"/issue10-*.png 2> /dev/null
[ -d "$here/node_modules/playwright-core" ] && [ -d "$here/node_modules/axe-core" ] || fail "run npm ci in tests/e2e (scripts/test.sh does)"
timeout 240 node "$here/issue10_views.test.mjs"
