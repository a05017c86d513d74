#!/usr/bin/env bash
# Browser test of the measures (issue 10): a generated district (300 businesses, seed 9) with its 2025 run
# published; a department (区人力社保局), a town (黄村镇), a reviewer and an owner. tests/e2e/measures.test.mjs
# drives them in headless Chromium. Screenshots: $ARTIFACTS.
set -u
g=$1
. "$(dirname "$0")/lib.sh"
e2e_init measures
e2e_generated 300 9
q() { dbq "$1"; }
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
e2e_serve
export BASE_URL=$E2E_URL
e2e_node 240 || exit 1
# What the browser saved is in the store: one served mark, audited.
[ "$(q "SELECT count(*) FROM measure_work WHERE status='served' AND department='区人力资源社会保障局'")" = 1 ] || fail "the mark is not stored"
[ "$(q "SELECT count(*) FROM audit WHERE action='measure.work'")" -ge 1 ] || fail "the mark is not audited"
