#!/usr/bin/env bash
# Browser test of accounts and owners' access codes in the console (issue 11 §2): the example district, its 2025 run
# published, an administrator and a clerk, one server. tests/e2e/accounts.test.mjs drives it in headless Chromium.
# Screenshots: $ARTIFACTS.
set -u
g=$1
ex=$2
. "$(dirname "$0")/lib.sh"
e2e_init accounts
e2e_examples "$ex"
export OWNER_USCC=92110115MA00001014 OWNER_NAME=北京市大兴区福顺小吃店 STAFF_PASSWORD="e2e-staff-password"
for r in admin clerk; do
  echo "$STAFF_PASSWORD" | "$g" user add --username "$r" --role "$r" --password-stdin > /dev/null || fail "user $r"
done
e2e_serve
export BASE_URL=$E2E_URL
e2e_node 240
