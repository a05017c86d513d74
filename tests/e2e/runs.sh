#!/usr/bin/env bash
# Browser test of runs, publication and the leader's dashboard (issue 11 §4): a
# generated district of 400 businesses, its 2024 and 2025 runs published, one
# account per staff role, and a parameters file with a lower growth threshold for
# the new run the clerk starts from the console (so that some businesses move).
# tests/e2e/runs.test.mjs drives it in headless Chromium. Screenshots: $ARTIFACTS.
set -u
g=$1
. "$(dirname "$0")/lib.sh"
e2e_init runs
e2e_generated 400 5
"$g" run --year 2024 > /dev/null 2>&1 && "$g" publish --run 2 > /dev/null 2>&1 || fail "run 2024"
"$g" params show --year 2025 | sed 's/"revenue_min": "300000"/"revenue_min": "150000"/' > "$tmp/lower.json"
grep -q '"revenue_min": "150000"' "$tmp/lower.json" || fail "no growth threshold to lower"
export PARAMS_FILE="$tmp/lower.json"
export STAFF_PASSWORD="e2e-runs-password"
for u in admin:admin clerk:clerk reviewer:reviewer inspector:inspector; do
  echo "$STAFF_PASSWORD" | "$g" user add --username "${u%%:*}" --role "${u##*:}" --password-stdin > /dev/null || exit 1
done
echo "$STAFF_PASSWORD" | "$g" user add --username dept --role department --department 区税务局 --password-stdin > /dev/null ||
  exit 1
e2e_serve
export BASE_URL=$E2E_URL
e2e_node 280
