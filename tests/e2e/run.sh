#!/usr/bin/env bash
# Browser tests: a store from docs/examples, a published 2025 run and an unpublished
# second one, a reviewer account, then `getihu serve` on a free loopback port and
# tests/e2e/pages.test.mjs in headless Chromium. Screenshots: $ARTIFACTS.
set -u
g=$1
ex=$2
. "$(dirname "$0")/lib.sh"
e2e_init pages
for k in registration annual_reports insurance trademarks patents; do "$g" import --source "$k" "$ex/$k.csv" 2>/dev/null || exit 1; done
"$g" import --source tax "$ex/tax-gbk.csv" 2>/dev/null || exit 1
"$g" run --year 2025 > /dev/null 2>&1 && "$g" run --year 2025 > /dev/null 2>&1 && "$g" publish --run 1 > /dev/null || exit 1
# A published 2024 run (run 3), so the dashboard has year-over-year transitions.
"$g" run --year 2024 > /dev/null 2>&1 && "$g" publish --run 3 > /dev/null || exit 1
export REVIEWER_PASSWORD="e2e-reviewer-password"
echo "$REVIEWER_PASSWORD" | "$g" user add --username reviewer --role reviewer --password-stdin > /dev/null || exit 1
export CLERK_PASSWORD="e2e-clerk-password"
echo "$CLERK_PASSWORD" | "$g" user add --username clerk --role clerk --password-stdin > /dev/null || exit 1
export OWNER_USCC=92110115MA00001014
"$g" user add --username owner --role business --uscc "$OWNER_USCC" > /dev/null || exit 1
OWNER_CODE=$("$g" user code --uscc "$OWNER_USCC" 2>/dev/null) || exit 1
export OWNER_CODE
e2e_serve
export BASE_URL=$E2E_URL
e2e_node 180
