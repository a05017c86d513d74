#!/usr/bin/env bash
# Browser test of the bank channel (issue 10 §5): the example district, its 2025 run published, an owner and a
# bank account, one server. tests/e2e/bank.test.mjs drives it in headless Chromium. Screenshots: $ARTIFACTS.
set -u
g=$1
ex=$2
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
export GETIHU_DB="$tmp/b.db" GETIHU_ACTOR=e2e
fail() { echo "FAIL: $*"; exit 1; }
"$g" db init > /dev/null || fail "db init"
"$g" import --source registration "$ex/registration.csv" > /dev/null 2>&1 || fail "import registration"
"$g" import --source annual_reports "$ex/annual_reports.csv" > /dev/null 2>&1 || fail "import annual reports"
"$g" import --source tax "$ex/tax-gbk.csv" > /dev/null 2>&1 || fail "import tax"
"$g" run --year 2025 > /dev/null 2>&1 && "$g" publish --run 1 > /dev/null 2>&1 || fail "run"
export OWNER_USCC=92110115MA00001014 OWNER_NAME=北京市大兴区福顺小吃店 BANK_NAME=中国农业银行北京大兴支行
export BANK_PASSWORD="e2e-bank-password"
echo "$BANK_PASSWORD" | "$g" user add --username bank --role bank --bank "$BANK_NAME" --password-stdin > /dev/null || fail "bank"
"$g" user add --username owner --role business --uscc "$OWNER_USCC" > /dev/null || fail "owner"
OWNER_CODE=$("$g" user code --uscc "$OWNER_USCC" 2> /dev/null) || fail "code"
export OWNER_CODE
"$g" serve --listen 127.0.0.1:0 --threads 2 > "$tmp/out" 2> "$tmp/err" &
pid=$!
for _ in $(seq 300); do grep -q "http://" "$tmp/out" 2> /dev/null && break; sleep 0.1; done
port=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$tmp/out")
[ -n "$port" ] || { cat "$tmp/err"; fail "serve"; }
export BASE_URL="http://127.0.0.1:$port"
export ARTIFACTS=${ARTIFACTS:-$PWD/e2e-artifacts}
rm -f "$ARTIFACTS"/bank-*.png 2> /dev/null
[ -d "$here/node_modules/playwright-core" ] && [ -d "$here/node_modules/axe-core" ] || fail "run npm ci in tests/e2e (scripts/test.sh does)"
timeout 200 node "$here/bank.test.mjs"
