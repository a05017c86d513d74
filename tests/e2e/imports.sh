#!/usr/bin/env bash
# Browser test of an import a clerk can do without the docs (issue 11 §5): an empty
# store, a clerk and the tax bureau's account; tests/e2e/imports.test.mjs drives the
# console in headless Chromium. Screenshots: $ARTIFACTS/imports-*.png.
set -u
g=$1
. "$(dirname "$0")/lib.sh"
e2e_init imports
export STAFF_PASSWORD="e2e-imports-password"
echo "$STAFF_PASSWORD" | "$g" user add --username clerk --role clerk --password-stdin > /dev/null || fail "user clerk"
echo "$STAFF_PASSWORD" | "$g" user add --username taxdept --role department --department 区税务局 --password-stdin > /dev/null ||
  fail "user taxdept"
e2e_serve
export BASE_URL=$E2E_URL
e2e_node 240
