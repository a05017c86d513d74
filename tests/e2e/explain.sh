#!/usr/bin/env bash
# Browser test of results a person can read (issue 11 §1, tests/e2e/explain.test.mjs): a generated district
# typed and published for 2025; a growth business (with missed development criteria) and an ineligible one on
# the public page, found by their USCC in lower case and with spaces; the growth business's owner signed in;
# a clerk. Screenshots: $ARTIFACTS/explain-*.png.
set -u
g=$1
. "$(dirname "$0")/lib.sh"
e2e_init explain
e2e_generated 300 9
first_of() { "$g" export --year 2025 --format csv 2> /dev/null |
             awk -F, -v t="$1" -v p="$2" '$7==t && $8 ~ p {print $1; exit}' | tr -d '\357\273\277'; }
GROWTH_USCC=$(first_of growth MISSED.DEVELOPMENT) INELIGIBLE_USCC=$(first_of ineligible .)
[ -n "$GROWTH_USCC" ] && [ -n "$INELIGIBLE_USCC" ] || fail "no growth or no ineligible business"
export GROWTH_USCC INELIGIBLE_USCC
export STAFF_PASSWORD="e2e-explain-password"
echo "$STAFF_PASSWORD" | "$g" user add --username clerk --role clerk --password-stdin > /dev/null || fail "clerk"
"$g" user add --username owner --role business --uscc "$GROWTH_USCC" > /dev/null || fail "owner"
OWNER_CODE=$("$g" user code --uscc "$GROWTH_USCC" 2> /dev/null) || fail "owner code"
export OWNER_CODE
e2e_serve --rate 100 --burst 100
export BASE_URL=$E2E_URL
e2e_node 240
