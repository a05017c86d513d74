#!/usr/bin/env bash
# Browser test of the 名特优新 round (issue 9): a generated district of 300 businesses
# (seed 9: 20 growth, so a quota of 1), its 2025 run published, one account per role,
# two owners, then two `getihu serve` on the same store: one on a day of the
# application window, one after the publicity (the clock moves on between them).
# tests/e2e/round.test.mjs drives them in headless Chromium. Screenshots: $ARTIFACTS.
set -u
g=$1
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; rm -rf "$tmp"; }
trap cleanup EXIT
export GETIHU_DB="$tmp/r.db" GETIHU_ACTOR=e2e
"$g" db init > /dev/null || { echo "FAIL: getihu db init"; exit 1; }
"$g" gen --format extracts --dir "$tmp/ex" --count 300 --seed 9 2> /dev/null || { echo "FAIL: getihu gen"; exit 1; }
"$g" import --source registration "$tmp/ex/registration.csv" > /dev/null 2>&1 || { echo "FAIL: import registration"; exit 1; }
for f in "$tmp"/ex/*.csv; do
  k=$(basename "$f" .csv)
  [ "$k" = registration ] && continue
  "$g" import --source "$k" "$f" > /dev/null 2>&1 || { echo "FAIL: import $k"; exit 1; }
done
"$g" run --year 2025 > /dev/null 2>&1 && "$g" publish --run 1 > /dev/null || { echo "FAIL: run"; exit 1; }
# Two growth businesses with nothing on the lists the category check reads.
listed=$(cat "$tmp"/ex/penalties.csv "$tmp"/ex/dishonest_debtors.csv "$tmp"/ex/serious_illegal.csv "$tmp"/ex/abnormal_list.csv |
         grep -o '92110115[0-9A-Z]\{10\}' | sort -u)
mapfile -t growth < <("$g" export --year 2025 --format csv 2> /dev/null | awk -F, '$7=="growth"{print $1}' |
                      grep -vxF -f <(echo "$listed"; echo none) | head -2)
[ "${#growth[@]}" = 2 ] || { echo "FAIL: no two growth businesses in the generated district"; exit 1; }
export OWNER_USCC=${growth[0]} REC_USCC=${growth[1]}
name_of() { "$g" export --year 2025 --format csv 2> /dev/null | awk -F, -v u="$1" '$1==u||$1=="\xef\xbb\xbf"u{print $2}'; }
OWNER_NAME=$(name_of "$OWNER_USCC") REC_NAME=$(name_of "$REC_USCC")
export OWNER_NAME REC_NAME
export STAFF_PASSWORD="e2e-round-password"
for u in admin:admin clerk:clerk reviewer:reviewer inspector:inspector; do
  echo "$STAFF_PASSWORD" | "$g" user add --username "${u%%:*}" --role "${u##*:}" --password-stdin > /dev/null || exit 1
done
export DEPARTMENT="区商务局"
echo "$STAFF_PASSWORD" | "$g" user add --username dept --role department --department "$DEPARTMENT" --password-stdin > /dev/null || exit 1
"$g" user add --username owner --role business --uscc "$OWNER_USCC" > /dev/null || exit 1
"$g" user add --username owner2 --role business --uscc "$REC_USCC" > /dev/null || exit 1
OWNER_CODE=$("$g" user code --uscc "$OWNER_USCC" 2> /dev/null) || exit 1
REC_CODE=$("$g" user code --uscc "$REC_USCC" 2> /dev/null) || exit 1
export OWNER_CODE REC_CODE
# serve DAY VAR: a server whose round date is DAY, its address in VAR.
serve() {
  "$g" serve --listen 127.0.0.1:0 --threads 2 --today "$1" > "$tmp/out-$2" 2> "$tmp/err-$2" &
  pids+=($!)
  for _ in $(seq 300); do grep -q "http://" "$tmp/out-$2" 2> /dev/null && break; sleep 0.1; done
  local port
  port=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$tmp/out-$2")
  [ -n "$port" ] || { echo "FAIL: serve --today $1"; cat "$tmp/err-$2"; exit 1; }
  export "$2=http://127.0.0.1:$port"
}
serve 2025-09-10 BASE_URL
serve 2025-11-20 LATER_URL
export ARTIFACTS=${ARTIFACTS:-$PWD/e2e-artifacts}
rm -f "$ARTIFACTS"/round-*.png "$ARTIFACTS"/round-*.pdf 2> /dev/null # no picture of an earlier run left behind
[ -d "$here/node_modules/playwright-core" ] || { echo "FAIL: run npm ci in tests/e2e (scripts/test.sh does)"; exit 1; }
timeout 240 node "$here/round.test.mjs"
