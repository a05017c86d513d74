#!/usr/bin/env bash
# Browser test of 市级分型核对 (issue 10 §6): the example district typed and published,
# a city file with four differences imported; tests/e2e/reconcile.test.mjs has a clerk
# read the counts and the differences on a phone-sized page, raise one with the city
# with a note and download the report; an inspector reads but cannot act.
set -u
g=$1
ex=$2
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
export GETIHU_DB="$tmp/r.db" GETIHU_ACTOR=e2e
fail() { echo "FAIL: $*"; exit 1; }
"$g" db init > /dev/null || fail "db init"
"$g" import --source registration "$ex/registration.csv" 2> /dev/null || fail "import registration"
"$g" import --source annual_reports "$ex/annual_reports.csv" 2> /dev/null || fail "import annual reports"
"$g" import --source tax "$ex/tax-gbk.csv" 2> /dev/null || fail "import tax"
"$g" run --year 2025 > /dev/null 2>&1 && "$g" publish --run 1 > /dev/null || fail "run"
printf '统一社会信用代码,年度,分型结果\n92110115MA00001014,2025,生存型\n92110115MA00001027,2025,development\n' > "$tmp/city.csv"
printf '92110115MA0000103A,2025,成长型\n92110115MA0000105G,2025,不符合分型条件\n92110115MA00000361,2025,发展型\n' >> "$tmp/city.csv"
"$g" import --source city_types "$tmp/city.csv" 2> /dev/null || fail "city import"
export STAFF_PASSWORD="e2e-reconcile-password"
for u in clerk inspector; do
  echo "$STAFF_PASSWORD" | "$g" user add --username $u --role $u --password-stdin > /dev/null || fail "user $u"
done
"$g" serve --listen 127.0.0.1:0 --threads 2 > "$tmp/out" 2> "$tmp/err" &
pid=$!
for _ in $(seq 300); do grep -q "http://" "$tmp/out" 2> /dev/null && break; sleep 0.1; done
port=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$tmp/out")
[ -n "$port" ] || fail "serve: $(cat "$tmp/err")"
export BASE_URL="http://127.0.0.1:$port" ARTIFACTS=${ARTIFACTS:-$PWD/e2e-artifacts}
[ -d "$here/node_modules/playwright-core" ] || fail "run npm ci in tests/e2e (scripts/test.sh does)"
timeout 120 node "$here/reconcile.test.mjs" || exit 1
"$g" audit list --action city_check | grep -q "city_check 2025 92110115MA00001014" || fail "the browser's check is not audited"
