#!/usr/bin/env bash
# Checking the city's typing over HTTP (issue 10 §6): role × route for the four
# reconcile routes (allowed roles never 401/403, others 403, anonymous 401), the paged
# report and its filters, the clerk's status (CSRF, audited), the XLSX download
# (audited), and a city result made a run and published: the public search and the
# business page then say source=city (市级分型结果).
set -u
g=$1
ex=$2
. "$(dirname "$0")/lib.sh"
api_init
api_examples "$ex"
[ "$(dbq "SELECT type FROM results WHERE run_id=1 ORDER BY uscc" | paste -sd,)" = \
  growth,development,ineligible,growth,ineligible ] || fail "the example data types otherwise"
printf '统一社会信用代码,年度,分型结果\n92110115MA00001014,2025,生存型\n92110115MA00001027,2025,development\n' > "$tmp/city.csv"
printf '92110115MA0000103A,2025,成长型\n92110115MA0000105G,2025,不符合分型条件\n92110115MA00000361,2025,发展型\n' >> "$tmp/city.csv"
"$g" import --source city_types "$tmp/city.csv" 2> /dev/null || fail "city import"
for role in admin clerk reviewer inspector; do api_user $role $role; done
api_user bank bank --bank 测试银行
api_user department department --department 区税务局
api_serve
for role in admin clerk reviewer inspector bank department; do login $role; done
api_owner owner 92110115MA00001014

# Role × route: method, path, body, allowed roles.
call() { # jar-or-empty method path body
  local args=()
  [ -n "$1" ] && args=(-b "$tmp/$1.jar" -H "X-CSRF-Token: $(cat "$tmp/$1.csrf")")
  if [ "$2" = GET ]; then code "${args[@]}" "$base$3"; else code "${args[@]}" -X "$2" -H 'Content-Type: application/json' -d "$4" "$base$3"; fi
}
while read -r m p body allowed; do
  [ "$(call "" "$m" "$p" "$body")" = 401 ] || fail "anonymous $m $p"
  for role in admin clerk reviewer inspector bank department owner; do
    got=$(call $role "$m" "$p" "$body")
    if [[ ",$allowed," == *",$role,"* ]]; then
      case $got in 401|403|405|5*) fail "$role $m $p: $got $(cat "$tmp/body")";; esac
    else
      [ "$got" = 403 ] || fail "$role $m $p: $got, expected 403"
    fi
  done
done <<'ROWS'
GET /api/reconcile?year=2025 - admin,clerk,reviewer,inspector
GET /api/reconcile/xlsx?year=2025 - admin,clerk,reviewer,inspector
POST /api/reconcile/checks {"year":2025,"uscc":"92110115MA00001014","status":"pending"} admin,clerk
POST /api/reconcile/adopt {"year":1999} admin,clerk
ROWS

# The report: counts by kind, a page of rows in USCC order, filters, paging.
[ "$(code -b "$tmp/reviewer.jar" "$base/api/reconcile?year=2025")" = 200 ] || fail "report"
for k in survival-growth growth-ineligible none-growth development-none; do
  grep -q "\"kind\":\"$k\",[^}]*\"count\":1}" "$tmp/body" || fail "count $k: $(cat "$tmp/body")"
done
grep -q '"agree":2,"differ":4,' "$tmp/body" || fail "agree/differ"
grep -q '"total":4,"offset":0,"limit":50' "$tmp/body" || fail "total"
grep -o '"uscc":"[^"]*"' "$tmp/body" | tr '\n' ' ' | grep -q '^"uscc":"92110115MA00000361" "uscc":"92110115MA00001014" "uscc":"92110115MA0000103A" "uscc":"92110115MA0000104D" $' ||
  fail "rows in USCC order: $(grep -o '"uscc":"[^"]*"' "$tmp/body")"
grep -q '"uscc":"92110115MA0000103A"[^]]*"code":"INELIGIBLE\.[A-Z_]*"[^}]*"drives":true' "$tmp/body" || fail "ineligible driver"
grep -q "operator\|经营者姓名\|身份证" "$tmp/body" && fail "personal data in the report"
[ "$(code -b "$tmp/clerk.jar" "$base/api/reconcile?year=2025&kind=survival-growth")" = 200 ] || fail "kind filter"
grep -q '"total":1,' "$tmp/body" && grep -q '"uscc":"92110115MA00001014"' "$tmp/body" || fail "kind filter rows"
[ "$(code -b "$tmp/clerk.jar" "$base/api/reconcile?year=2025&limit=2&offset=2")" = 200 ] || fail "paging"
[ "$(grep -o '"uscc":' "$tmp/body" | wc -l)" = 2 ] && grep -q '"total":4,"offset":2,"limit":2' "$tmp/body" || fail "page 2"
[ "$(code -b "$tmp/clerk.jar" "$base/api/reconcile?year=2025&kind=bad")" = 400 ] || fail "bad kind"
[ "$(code -b "$tmp/clerk.jar" "$base/api/reconcile?year=2025&limit=501")" = 400 ] || fail "limit too large"
[ "$(code -b "$tmp/clerk.jar" "$base/api/reconcile?year=2030")" = 404 ] || fail "a year without a run"

# The clerk's status: CSRF required, a difference required, audited, filterable.
[ "$(code -b "$tmp/clerk.jar" -X POST -H 'Content-Type: application/json' -d '{"year":2025,"uscc":"92110115MA00001014","status":"raised"}' "$base/api/reconcile/checks")" = 403 ] ||
  fail "check without CSRF"
[ "$(call clerk POST /api/reconcile/checks '{"year":2025,"uscc":"92110115MA00001014","status":"raised","note":"市局口径为2023年度"}')" = 200 ] ||
  fail "raise: $(cat "$tmp/body")"
grep -q '"status_label":"已向市局反映"' "$tmp/body" || fail "raise answer"
[ "$(call clerk POST /api/reconcile/checks '{"year":2025,"uscc":"92110115MA00001027","status":"accepted"}')" = 404 ] || fail "an agreeing business"
[ "$(call clerk POST /api/reconcile/checks '{"year":2025,"uscc":"92110115MA00001014","status":"maybe"}')" = 400 ] || fail "bad status"
[ "$(code -b "$tmp/clerk.jar" "$base/api/reconcile?year=2025&status=raised")" = 200 ] || fail "status filter"
grep -q '"total":1,' "$tmp/body" && grep -q '"note":"市局口径为2023年度","checked_by":"clerk"' "$tmp/body" || fail "raised row: $(cat "$tmp/body")"
"$g" audit list --action city_check | grep -q "city_check 2025 92110115MA00001014" || fail "audited"

# XLSX: a workbook, audited as an export.
[ "$(code -b "$tmp/inspector.jar" "$base/api/reconcile/xlsx?year=2025")" = 200 ] || fail "xlsx"
unzip -l "$tmp/body" 2> /dev/null | grep -q "xl/worksheets/sheet2.xml" || fail "xlsx workbook"
"$g" audit list --action export | grep -q "reconcile year 2025" || fail "xlsx audited"
ls "${TMPDIR:-/tmp}" | grep -q "getihu-reconcile-" && fail "a temporary file left behind"

# The city's result made a run and published: the public search and the business page say so.
[ "$(call clerk POST /api/reconcile/adopt '{"year":2025}')" = 201 ] || fail "adopt: $(cat "$tmp/body")"
crun=$(sed -n 's/.*"run":\([0-9]*\).*/\1/p' "$tmp/body")
[ "$(code -b "$tmp/admin.jar" "$base/api/runs")" = 200 ] || fail "runs"
grep -q "\"id\":$crun,[^}]*\"source\":\"city\",\"source_label\":\"市级分型结果\"" "$tmp/body" || fail "runs list source: $(cat "$tmp/body")"
grep -q '"id":1,[^}]*"source":"run","source_label":"区级分型"' "$tmp/body" || fail "runs list: getihu's run"
[ "$(call admin POST "/api/runs/$crun/publish" '')" = 200 ] || fail "publish the city run: $(cat "$tmp/body")"
[ "$(code "$base/api/public/search?q=92110115MA00001014")" = 200 ] || fail "public search"
grep -q '"type":"survival","type_label":"生存型","source":"city","source_label":"市级分型结果"' "$tmp/body" || fail "public source: $(cat "$tmp/body")"
grep -q '"code":"CITY.RESULT"' "$tmp/body" || fail "public reason"
[ "$(code -b "$tmp/owner.jar" "$base/api/businesses/92110115MA00001014")" = 200 ] || fail "business page"
grep -q '"published":true,"type":"survival","type_label":"生存型","source":"city"' "$tmp/body" || fail "business page source: $(cat "$tmp/body")"
# The report still compares with getihu's own run (decision 122).
[ "$(code -b "$tmp/clerk.jar" "$base/api/reconcile?year=2025")" = 200 ] && grep -q '"run":1,' "$tmp/body" || fail "compared run"
"$g" audit verify > /dev/null || fail "audit chain"
echo "api reconcile: ok"
