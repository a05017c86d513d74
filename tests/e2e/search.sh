#!/usr/bin/env bash
# Browser test of the staff search (issue 11 §3): a generated district (1,500 businesses, seed 7) with its 2025
# run published and a clerk. tests/e2e/search.test.mjs searches, pages, filters, opens a business and comes back,
# on a phone and a desktop. The counts it expects are counted here independently with sqlite3.
set -u
g=$1
. "$(dirname "$0")/lib.sh"
e2e_init search
e2e_generated 1500 7
q() { dbq "$1"; }
FAST=$(q "SELECT count(*) FROM businesses WHERE name LIKE '%快餐%'")
TOWN=$(q "SELECT town FROM businesses WHERE name LIKE '%快餐%' GROUP BY town ORDER BY count(*) DESC LIMIT 1")
FAST_TOWN=$(q "SELECT count(*) FROM businesses WHERE name LIKE '%快餐%' AND town='$TOWN'")
[ "$FAST" -gt 40 ] || fail "too few 快餐 businesses for three pages: $FAST"
export FAST TOWN FAST_TOWN
export STAFF_PASSWORD="e2e-search-password"
echo "$STAFF_PASSWORD" | "$g" user add --username clerk --role clerk --password-stdin > /dev/null || exit 1
e2e_serve
export BASE_URL=$E2E_URL
e2e_node 240 || exit 1
