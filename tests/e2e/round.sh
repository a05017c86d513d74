#!/usr/bin/env bash
# Browser test of the 名特优新 round (issue 9): a generated district of 300 businesses
# (seed 9: 20 growth, so a quota of 1), its 2025 run published, one account per role,
# two owners, then two `getihu serve` on the same store: one on a day of the
# application window, one after the publicity (the clock moves on between them).
# tests/e2e/round.test.mjs drives them in headless Chromium. Screenshots: $ARTIFACTS.
set -u
g=$1
. "$(dirname "$0")/lib.sh"
e2e_init round
e2e_generated 300 9
# Two growth businesses with nothing on the lists the category check reads.
listed=$(cat "$tmp"/ex/penalties.csv "$tmp"/ex/dishonest_debtors.csv "$tmp"/ex/serious_illegal.csv "$tmp"/ex/abnormal_list.csv |
         grep -o '92110115[0-9A-Z]\{10\}' | sort -u)
mapfile -t growth < <("$g" export --year 2025 --format csv 2> /dev/null | awk -F, '$7=="growth"{print $1}' |
                      grep -vxF -f <(echo "$listed"; echo none) | head -2)
[ "${#growth[@]}" = 2 ] || fail "no two growth businesses in the generated district"
export OWNER_USCC=${growth[0]} REC_USCC=${growth[1]}
name_of() { "$g" export --year 2025 --format csv 2> /dev/null | awk -F, -v u="$1" '$1==u||$1=="\xef\xbb\xbf"u{print $2}'; }
OWNER_NAME=$(name_of "$OWNER_USCC") REC_NAME=$(name_of "$REC_USCC")
export OWNER_NAME REC_NAME
export STAFF_PASSWORD="e2e-round-password"
for u in admin:admin clerk:clerk reviewer:reviewer inspector:inspector; do
  echo "$STAFF_PASSWORD" | "$g" user add --username "${u%%:*}" --role "${u##*:}" --password-stdin > /dev/null || exit 1
done
export DEPARTMENT="区商务局"
echo "$STAFF_PASSWORD" | "$g" user add --username dept --role department --department "$DEPARTMENT" --password-stdin > /dev/null || exit 1
"$g" user add --username owner --role business --uscc "$OWNER_USCC" > /dev/null || exit 1
"$g" user add --username owner2 --role business --uscc "$REC_USCC" > /dev/null || exit 1
OWNER_CODE=$("$g" user code --uscc "$OWNER_USCC" 2> /dev/null) || exit 1
REC_CODE=$("$g" user code --uscc "$REC_USCC" 2> /dev/null) || exit 1
export OWNER_CODE REC_CODE
# one server on a day of the application window, one after the publicity
e2e_serve --today 2025-09-10
export BASE_URL=$E2E_URL
e2e_serve --today 2025-11-20
export LATER_URL=$E2E_URL
rm -f "${ARTIFACTS:-$PWD/e2e-artifacts}"/round-*.pdf 2> /dev/null # no certificate of an earlier run left behind
e2e_node 240
