#!/usr/bin/env bash
# Browser test of the bank channel (issue 10 §5): the example district, its 2025 run published, an owner and a
# bank account, one server. tests/e2e/bank.test.mjs drives it in headless Chromium. Screenshots: $ARTIFACTS.
set -u
g=$1
ex=$2
. "$(dirname "$0")/lib.sh"
e2e_init bank
e2e_examples "$ex"
export OWNER_USCC=92110115MA00001014 OWNER_NAME=北京市大兴区福顺小吃店 BANK_NAME=中国农业银行北京大兴支行
export BANK_PASSWORD="e2e-bank-password"
echo "$BANK_PASSWORD" | "$g" user add --username bank --role bank --bank "$BANK_NAME" --password-stdin > /dev/null || fail "bank"
"$g" user add --username owner --role business --uscc "$OWNER_USCC" > /dev/null || fail "owner"
OWNER_CODE=$("$g" user code --uscc "$OWNER_USCC" 2> /dev/null) || fail "code"
export OWNER_CODE
e2e_serve
export BASE_URL=$E2E_URL
e2e_node 200
