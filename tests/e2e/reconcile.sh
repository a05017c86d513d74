#!/usr/bin/env bash
# Browser test of 市级分型核对 (issue 10 §6): the example district typed and published,
# a city file with four differences imported; tests/e2e/reconcile.test.mjs has a clerk
# read the counts and the differences on a phone-sized page, raise one with the city
# with a note and download the report; an inspector reads but cannot act.
set -u
g=$1
ex=$2
. "$(dirname "$0")/lib.sh"
e2e_init reconcile
e2e_examples "$ex"
printf '统一社会信用代码,年度,分型结果\n92110115MA00001014,2025,生存型\n92110115MA00001027,2025,development\n' > "$tmp/city.csv"
printf '92110115MA0000103A,2025,成长型\n92110115MA0000105G,2025,不符合分型条件\n92110115MA00000361,2025,发展型\n' >> "$tmp/city.csv"
"$g" import --source city_types "$tmp/city.csv" 2> /dev/null || fail "city import"
export STAFF_PASSWORD="e2e-reconcile-password"
for u in clerk inspector; do
  echo "$STAFF_PASSWORD" | "$g" user add --username $u --role $u --password-stdin > /dev/null || fail "user $u"
done
e2e_serve
export BASE_URL=$E2E_URL
e2e_node 120 || exit 1
"$g" audit list --action city_check | grep -q "city_check 2025 92110115MA00001014" || fail "the browser's check is not audited"
