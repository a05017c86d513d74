#!/usr/bin/env bash
# The sweep (issue 11 §6, tests/e2e/sweep.test.mjs): every page (the public search, the publicity list, a
# certificate, the console's sign-in) and every role's every tab, at 390x844 and 1366x900, must pass axe-core,
# fit the width and be photographed ($ARTIFACTS/sweep-ROLE-TAB-SIZE.png). The data: a small generated district
# typed and published for 2025, one account of each role, an owner who consents to a bank and objects.

set -u
g=$1
. "$(dirname "$0")/lib.sh"
e2e_init sweep
e2e_generated 150 5
"$g" export --year 2025 --format csv --output "$tmp/r.csv" 2> /dev/null || fail "export"
line=$(awk -F, 'NR > 1 && $2 != "" && $7 == "survival" && $8 ~ /MISSED.GROWTH.B/ { print $1 "," $3; exit }' "$tmp/r.csv")
export OWNER_USCC=${line%%,*} TOWN=${line#*,}
[ -n "$OWNER_USCC" ] && [ -n "$TOWN" ] || fail "no survival business"
export STAFF_PASSWORD="e2e-sweep-password"
add() { echo "$STAFF_PASSWORD" | "$g" user add --password-stdin "$@" > /dev/null || fail "user add $*"; }
add --username admin1 --role admin
add --username clerk --role clerk
add --username reviewer --role reviewer
add --username tax --role department --department 区税务局
add --username town --role town --town "$TOWN"
add --username inspector --role inspector
add --username bank --role bank --bank 中国农业银行北京大兴支行
"$g" user add --username owner --role business --uscc "$OWNER_USCC" > /dev/null || fail "owner"
e2e_serve --today 2025-09-25
export BASE_URL=$E2E_URL
signin owner "{\"uscc\":\"$OWNER_USCC\",\"code\":\"$("$g" user code --uscc "$OWNER_USCC" 2> /dev/null)\"}"
post owner /api/consents '{"bank":"中国农业银行北京大兴支行","from":"2025-09-25","to":"2026-09-24","scopes":["report"]}'
post owner /api/objections '{"year":2025,"code":"MISSED.GROWTH.B","statement":"2024年实缴税款应为5000元，系统漏记。"}'
OWNER_CODE=$("$g" user code --uscc "$OWNER_USCC" 2> /dev/null) || fail "owner code"
export OWNER_CODE
e2e_node 360
