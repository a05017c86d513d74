#!/usr/bin/env bash
# Browser test of the measures (issue 10): a generated district (300 businesses, seed 9) with its 2025 run
# published; a department (区人力社保局), a town (黄村镇), a reviewer and an owner. tests/e2e/measures.test.mjs
# drives them in headless Chromium. Screenshots: $ARTIFACTS.
set -u
g=$1
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
export GETIHU_DB="$tmp/m.db" GETIHU_ACTOR=e2e
"$g" db init > /dev/null || { echo "FAIL: getihu db init"; exit 1; }
"$g" gen --format extracts --dir "$tmp/ex" --count 300 --seed 9 2> /dev/null || { echo "FAIL: getihu gen"; exit 1; }
"$g" import --source registration "$tmp/ex/registration.csv" > /dev/null 2>&1 || { echo "FAIL: import registration"; exit 1; }
for f in "$tmp"/ex/*.csv; do
  k=$(basename "$f" .csv)
  [ "$k" = registration ] && continue
  "$g" import --source "$k" "$f" > /dev/null 2>&1 || { echo "FAIL: import $k"; exit 1; }
done
"$g" run --year 2025 > /dev/null 2>&1 && "$g" publish --run 1 > /dev/null || { echo "FAIL: run"; exit 1; }
q() { sqlite3 "$GETIHU_DB" "$1"; }
GROWTH=$(q "SELECT count(*) FROM results WHERE run_id=1 AND type='growth'")
OWNER_USCC=$(q "SELECT uscc FROM results WHERE run_id=1 AND type='growth' ORDER BY uscc LIMIT 1")
export GROWTH OWNER_USCC
export STAFF_PASSWORD="e2e-measures-password"
echo "$STAFF_PASSWORD" | "$g" user add --username reviewer --role reviewer --password-stdin > /dev/null || exit 1
echo "$STAFF_PASSWORD" | "$g" user add --username hr --role department --department 区人力社保局 --password-stdin > /dev/null || exit 1
echo "$STAFF_PASSWORD" | "$g" user add --username town --role town --town 黄村镇 --password-stdin > /dev/null || exit 1
"$g" user add --username owner --role business --uscc "$OWNER_USCC" > /dev/null || exit 1
OWNER_CODE=$("$g" user code --uscc "$OWNER_USCC" 2> /dev/null) || exit 1
export OWNER_CODE
"$g" serve --listen 127.0.0.1:0 --threads 2 > "$tmp/out" 2> "$tmp/err" &
pid=$!
for _ in $(seq 300); do grep -q "http://" "$tmp/out" 2> /dev/null && break; sleep 0.1; done
port=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$tmp/out")
[ -n "$port" ] || { echo "FAIL: serve"; cat "$tmp/err"; exit 1; }
export BASE_URL="http://127.0.0.1:$port"
export ARTIFACTS=${ARTIFACTS:-$PWD/e2e-artifacts}
rm -f "$ARTIFACTS"/measures-*.png 2> /dev/null
[ -d "$here/node_modules/playwright-core" ] || { echo "FAIL: run npm ci in tests/e2e (scripts/test.sh does)"; exit 1; }
timeout 240 node "$here/measures.test.mjs" || exit 1
# What the browser saved is in the store: one served mark, audited.
[ "$(q "SELECT count(*) FROM measure_work WHERE status='served' AND department='区人力资源社会保障局'")" = 1 ] || { echo "FAIL: the mark is not stored"; exit 1; }
[ "$(q "SELECT count(*) FROM audit WHERE action='measure.work'")" -ge 1 ] || { echo "FAIL: the mark is not audited"; exit 1; }
