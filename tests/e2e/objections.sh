#!/usr/bin/env bash
# Browser test of objections to a typing result (issue 10 §4): two survival businesses
# typed and published, a clerk, the tax bureau, the owner of one business. The owner
# objects on a phone-sized page, the clerk asks the bureau, the bureau answers, the
# clerk upholds; the owner reads the reply with both results. tests/e2e/objections.test.mjs
# drives it in headless Chromium, axe-core checks the owner's page. Screenshots: $ARTIFACTS.
set -u
g=$1
. "$(dirname "$0")/lib.sh"
e2e_init objections
export OWNER_USCC=92110115MA0009001F
for u in $OWNER_USCC 92110115MA0009002J; do
  printf '{"uscc":"%s","name":"北京市大兴区异议示例店%s","operator_name":"张三","established":"2015-05-12","status":"registered","town":"黄村镇","industry":"H6210","tax_registered":true,"annual_reports":[{"year":2024,"filed_on":"2025-05-20","revenue":"100000","employees":2}],"tax_paid":[{"year":2024,"amount":"1000"}]}\n' "$u" "${u: -2}"
done > "$tmp/d.jsonl"
"$g" import --source dossiers "$tmp/d.jsonl" > /dev/null 2>&1 || fail "import"
"$g" run --year 2025 > /dev/null 2>&1 && "$g" publish --run 1 > /dev/null || fail "run"
export STAFF_PASSWORD="e2e-objection-password"
echo "$STAFF_PASSWORD" | "$g" user add --username clerk --role clerk --password-stdin > /dev/null || exit 1
echo "$STAFF_PASSWORD" | "$g" user add --username tax --role department --department 区税务局 --password-stdin > /dev/null || exit 1
"$g" user add --username owner --role business --uscc "$OWNER_USCC" > /dev/null || exit 1
OWNER_CODE=$("$g" user code --uscc "$OWNER_USCC" 2> /dev/null) || exit 1
export OWNER_CODE
e2e_serve --today 2025-09-01
export BASE_URL=$E2E_URL
e2e_node 180
