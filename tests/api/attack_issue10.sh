#!/usr/bin/env bash
# Attacks on the routes of issue 10 (measures, objections, the bank channel, reconciliation, workbook uploads), each
# role against the others: IDOR by id, a bank without a valid consent, a town outside its town, a department outside
# its measures, canary personal data in every new answer, export, log and audit row, CSRF on every state-changing
# route, formula injection in exports, malformed JSON and query parameters, lying evidence files and hostile
# workbooks. The server must refuse clearly and stay up.
set -u
g=$1
ex=$2
. "$(dirname "$0")/lib.sh" # api_init, api_user, api_serve, code, login, api_owner_login
api_init
fail() { echo "FAIL: $*"; [ -s "$tmp/serve.err" ] && tail -5 "$tmp/serve.err"; [ -n "${ATTACK_GO_ON:-}" ] || exit 1; } # ATTACK_GO_ON=1: report all
# Canary personal data: operator names and ID numbers no answer, export, log or audit row may carry. U1's name
# starts with = (formula injection in exports).
CANARY_NAME=金丝雀甲 CANARY_NAME2=金丝雀乙 CANARY_ID=110115199001011234 CANARY_ID2=110115198502023456
sed -e "s/张三/$CANARY_NAME/; s/李四/$CANARY_NAME2/; s/北京市大兴区福顺小吃店/=HYPERLINK(\"http:\/\/x\")/" \
  "$ex/registration.csv" > "$tmp/registration.csv"
"$g" import --source registration "$tmp/registration.csv" > /dev/null 2>&1 || fail "import"
for k in annual_reports insurance operator_groups; do
  "$g" import --source $k "$ex/$k.csv" > /dev/null 2>&1 || fail "import $k"
done
"$g" import --source tax "$ex/tax-gbk.csv" > /dev/null 2>&1 || fail "import tax"
"$g" run --year 2025 > /dev/null 2>&1 && "$g" publish --run 1 > /dev/null 2>&1 || fail "run/publish"
U1=92110115MA00001014 # 黄村镇
U2=92110115MA00001027 # 西红门镇
A=中国农业银行北京大兴支行
B=北京农商银行黄村支行
api_user clerk clerk
api_user reviewer reviewer
api_user inspector inspector
api_user admin admin
api_user hr department --department 区人力社保局
api_user tax department --department 区税务局
api_user town1 town --town 黄村镇
api_user town2 town --town 西红门镇
api_user banka bank --bank "$A"
api_user bankb bank --bank "$B"
"$g" user add --username owner1 --role business --uscc $U1 > /dev/null || fail "owner1"
"$g" user add --username owner2 --role business --uscc $U2 > /dev/null || fail "owner2"

API_THREADS=2 api_serve --today 2026-03-01
for u in clerk reviewer inspector admin hr tax town1 town2 banka bankb; do login $u; done
api_owner_login owner1 $U1
api_owner_login owner2 $U2
get() { code -b "$tmp/$1.jar" "$base$2"; }
post() { code -b "$tmp/$1.jar" -H "X-CSRF-Token: $(cat "$tmp/$1.csrf")" -H 'Content-Type: application/json' -d "$3" "$base$2"; }
enc() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$1"; }
alive() { [ "$(code "$base/healthz")" = 200 ] || fail "the server is down after: $*"; }
personal="$CANARY_NAME\|$CANARY_NAME2\|$CANARY_ID\|$CANARY_ID2"
nopersonal() { grep -q "$personal" "$tmp/body" && fail "personal data in $*: $(head -c 600 "$tmp/body")"; true; }

# ---- objections: IDOR by id ----
[ "$(get owner1 /api/objections/0)" = 404 ] || fail "objection 0"
code1=$(dbq "SELECT reasons FROM results WHERE uscc='$U1'" | grep -o '"[A-Z_]*\.[A-Z_.]*"' | head -1 | tr -d '"')
[ "$(post owner2 /api/objections "{\"uscc\":\"$U1\",\"year\":2025,\"code\":\"$code1\",\"statement\":\"x\"}")" = 409 ] || fail "owner2 files against U1: $(cat "$tmp/body")"
[ "$(post owner1 /api/objections "{\"year\":2025,\"code\":\"$code1\",\"statement\":\"数据有误\"}")" = 201 ] || fail "owner1 files: $(cat "$tmp/body")"
o1=$(sed -n 's/.*"id":\([0-9]*\).*/\1/p' "$tmp/body")
printf '%%PDF-1.4\n1 0 obj\n' > "$tmp/ev.pdf"
[ "$(code -b "$tmp/owner1.jar" -H "X-CSRF-Token: $(cat "$tmp/owner1.csrf")" -H 'Content-Type: application/pdf' --data-binary @"$tmp/ev.pdf" "$base/api/objections/$o1/files?name=a.pdf")" = 201 ] || fail "owner1 evidence: $(cat "$tmp/body")"
f1=$(sed -n 's/.*"id":\([0-9]*\).*/\1/p' "$tmp/body")
for who in owner2 hr tax; do
  [ "$(get $who /api/objections/$o1)" = 404 ] || fail "$who reads objection $o1: $(cat "$tmp/body")"
  [ "$(get $who /api/objections/files/$f1)" = 404 ] || fail "$who reads evidence $f1"
  [ "$(get $who "/api/objections?uscc=$U1")" = 200 ] || fail "$who lists"
  grep -q "$U1" "$tmp/body" && fail "$who lists U1's objection: $(cat "$tmp/body")"
done
[ "$(code -b "$tmp/owner2.jar" -H "X-CSRF-Token: $(cat "$tmp/owner2.csrf")" -H 'Content-Type: application/pdf' --data-binary @"$tmp/ev.pdf" "$base/api/objections/$o1/files?name=b.pdf")" = 404 ] || fail "owner2 adds evidence to U1's objection: $(cat "$tmp/body")"
for who in town1 banka; do
  [ "$(get $who /api/objections/$o1)" = 403 ] || fail "$who reads an objection"
  [ "$(get $who /api/objections/files/$f1)" = 403 ] || fail "$who reads evidence"
done
[ "$(code "$base/api/objections/$o1")" = 401 ] || fail "anonymous objection"
for who in owner1 owner2 hr reviewer inspector; do
  [ "$(post $who /api/objections/$o1/reject '{"reply":"no"}')" = 403 ] || fail "$who rejects"
  [ "$(post $who /api/objections/$o1/uphold '{}')" = 403 ] || fail "$who upholds"
done
[ "$(post hr /api/objections/$o1/answer '{"correct":true}')" -ge 400 ] || fail "hr answers an objection not asked of it"
# Evidence that lies about its type: HTML sent as PDF or PNG, a PNG sent as PDF.
printf '<html><script>alert(1)</script></html>' > "$tmp/ev.html"
for t in application/pdf image/png image/jpeg text/html; do
  st=$(code -b "$tmp/owner1.jar" -H "X-CSRF-Token: $(cat "$tmp/owner1.csrf")" -H "Content-Type: $t" --data-binary @"$tmp/ev.html" "$base/api/objections/$o1/files?name=x.pdf")
  [ "$st" = 400 ] || [ "$st" = 409 ] || [ "$st" = 415 ] || fail "HTML as $t accepted: $st $(cat "$tmp/body")"
done
printf '\x89PNG\r\n\x1a\n0000' > "$tmp/ev.png"
st=$(code -b "$tmp/owner1.jar" -H "X-CSRF-Token: $(cat "$tmp/owner1.csrf")" -H "Content-Type: application/pdf" --data-binary @"$tmp/ev.png" "$base/api/objections/$o1/files?name=x.pdf")
[ "$st" -ge 400 ] || fail "a PNG sent as PDF accepted: $st"
# A file name that is not text (invalid UTF-8, a terminal escape, a line break) is refused, not stored and echoed.
for name in '%FF%FEx.pdf' '%1B%5B31mx.pdf' 'a%0Ab.pdf' 'a%7Fb.pdf'; do
  st=$(code -b "$tmp/owner1.jar" -H "X-CSRF-Token: $(cat "$tmp/owner1.csrf")" -H 'Content-Type: application/pdf' --data-binary @"$tmp/ev.pdf" "$base/api/objections/$o1/files?name=$name")
  [ "$st" = 400 ] || fail "evidence named $name: $st $(cat "$tmp/body")"
done
[ "$(dbq "SELECT count(*) FROM objection_files")" = 1 ] || fail "a file with a bad name was stored"
[ "$(get owner1 /api/objections/files/$f1)" = 200 ] || fail "owner1 reads its evidence"
grep -qi '^content-type: application/pdf' "$tmp/headers" && grep -qi '^x-content-type-options: nosniff' "$tmp/headers" && grep -qi '^content-disposition: attachment' "$tmp/headers" || fail "evidence headers: $(cat "$tmp/headers")"
# An objection the tax bureau is asked to verify: the tax bureau reads and answers it, the labour bureau does not.
[ "$(post owner2 /api/objections '{"year":2025,"code":"MISSED.TAX_REGISTRATION","statement":"已登记"}')" = 201 ] || fail "owner2 files: $(cat "$tmp/body")"
o2=$(sed -n 's/.*"id":\([0-9]*\).*/\1/p' "$tmp/body")
[ "$(code -b "$tmp/owner2.jar" -H "X-CSRF-Token: $(cat "$tmp/owner2.csrf")" -H 'Content-Type: application/pdf' --data-binary @"$tmp/ev.pdf" "$base/api/objections/$o2/files?name=b.pdf")" = 201 ] || fail "owner2 evidence"
f2=$(sed -n 's/.*"id":\([0-9]*\).*/\1/p' "$tmp/body")
[ "$(post tax /api/objections/$o2/answer '{"correct":true}')" = 404 ] || fail "tax answers before it is asked"
[ "$(post clerk /api/objections/$o2/verify '{}')" = 200 ] || fail "verify: $(cat "$tmp/body")"
[ "$(get hr /api/objections/$o2)" = 404 ] && [ "$(get hr /api/objections/files/$f2)" = 404 ] || fail "hr reads the tax bureau's objection"
[ "$(get hr /api/objections)" = 200 ] && ! grep -q "$U2" "$tmp/body" || fail "hr lists the tax bureau's objection"
[ "$(post hr /api/objections/$o2/answer '{"correct":true}')" = 404 ] || fail "hr answers for the tax bureau"
[ "$(get tax /api/objections/$o2)" = 200 ] && [ "$(get tax /api/objections/files/$f2)" = 200 ] || fail "tax reads the objection it was asked"
[ "$(get tax /api/objections/$o1)" = 404 ] || fail "tax reads owner1's objection"
[ "$(post tax /api/objections/$o2/uphold '{}')" = 403 ] || fail "tax decides"
[ "$(post tax /api/objections/$o2/answer '{"correct":true}')" = 200 ] || fail "tax answers: $(cat "$tmp/body")"
[ "$(post tax /api/objections/$o2/answer '{"correct":true}')" = 409 ] || fail "tax answers twice"
alive "objections"

# ---- the bank channel: consents of another owner, another bank, expired, future, withdrawn ----
[ "$(post owner1 /api/consents "{\"bank\":\"$A\",\"from\":\"2026-03-01\",\"to\":\"2026-12-31\",\"scopes\":[\"report\",\"tax\",\"insured\"]}")" = 201 ] || fail "grant"
k1=$(sed -n 's/.*"id":\([0-9]*\).*/\1/p' "$tmp/body")
[ "$(post owner2 /api/consents "{\"bank\":\"$A\",\"from\":\"2026-03-02\",\"to\":\"2026-12-31\",\"scopes\":[]}")" = 201 ] || fail "future grant"
[ "$(post owner2 /api/consents/$k1/withdraw '{}')" = 404 ] || fail "owner2 withdraws owner1's consent"
[ "$(get owner2 /api/consents)" = 200 ] || fail "owner2 consents"
grep -q "\"id\":$k1," "$tmp/body" && fail "owner2 sees owner1's consent"
for who in banka bankb; do
  for path in /api/businesses/$U2 "/api/businesses?q=$U2" /api/stats "/api/exports?run=1&format=csv" "/api/measures/coverage" \
              "/api/reconcile?year=2025" "/api/objections" "/api/measures/changes?publication=1" "/api/round/applications"; do
    st=$(get $who "$path")
    [ "$st" = 403 ] || fail "$who reads $path without consent: $st $(head -c 300 "$tmp/body")"
  done
  [ "$(get $who /api/bank/businesses/$U2)" = 404 ] || fail "$who reads U2 (future consent)"
done
[ "$(get bankb /api/bank/businesses/$U1)" = 404 ] || fail "bank B reads U1 (consent to bank A)"
[ "$(get bankb /api/bank/export)" = 200 ] || fail "bank B export"
unzip -p "$tmp/body" xl/sharedStrings.xml xl/worksheets/sheet1.xml 2>/dev/null | grep -q "$U1\|$U2" && fail "bank B's export holds another bank's business"
[ "$(get banka /api/bank/businesses/$U1)" = 200 ] || fail "bank A reads U1"
nopersonal "a bank's look-up"
[ "$(get banka /api/bank/export)" = 200 ] || fail "bank A export"
unzip -p "$tmp/body" > "$tmp/bank.xml" 2>/dev/null
grep -q "$personal" "$tmp/bank.xml" && fail "personal data in the bank's export"
grep -q "$U2" "$tmp/bank.xml" && fail "a future consent in bank A's export"
grep -q '<f>' "$tmp/bank.xml" && fail "a formula in the bank's export"
[ "$(get public "/api/public/search?q=$U1")" -lt 500 ] || fail "public search"
nopersonal "the public search"
[ "$(post owner1 /api/consents/$k1/withdraw '{}')" = 200 ] || fail "withdraw"
[ "$(get banka /api/bank/businesses/$U1)" = 404 ] || fail "withdrawn consent still answers"
alive "bank"

# ---- measures: a town outside its town, a department outside its measures ----
m1=$(dbq "SELECT type FROM results WHERE uscc='$U2' AND run_id=1")
echo "U2 is $m1" > /dev/null
for who in town1 town2; do
  for path in "/api/businesses?q=$U2" /api/businesses/$U2 /api/stats "/api/exports?run=1" "/api/measures/coverage" \
              "/api/measures/coverage?format=xlsx" "/api/measures/changes?publication=1" "/api/reconcile?year=2025" \
              "/api/objections" /api/banks; do
    st=$(get $who "$path")
    [ "$st" = 403 ] || fail "$who reads $path: $st $(head -c 300 "$tmp/body")"
  done
done
# town1 (黄村镇) asks for 西红门镇 by filter, sort and export: it gets its own town only.
served=0
for mid in $(get clerk /api/measures > /dev/null; grep -o '"id":"A[24]([^"]*"' "$tmp/body" | sed 's/"id":"\(.*\)"/\1/'); do
  st=$(get town1 "/api/measures/work?measure=$(enc "$mid")&town=$(enc 西红门镇)&sort=town&limit=500")
  [ "$st" = 200 ] || [ "$st" = 403 ] || fail "town1 worklist $mid: $st"
  [ "$st" = 200 ] || continue
  served=$((served + 1))
  grep -q "$U2\|西红门镇" "$tmp/body" && fail "town1 sees 西红门镇 in $mid: $(head -c 300 "$tmp/body")"
  nopersonal "town1's worklist $mid"
  for fmt in csv xlsx; do
    [ "$(get town1 "/api/measures/work?measure=$(enc "$mid")&town=$(enc 西红门镇)&format=$fmt")" = 200 ] || fail "town1 $fmt"
    { [ $fmt = csv ] && cat "$tmp/body" || unzip -p "$tmp/body"; } > "$tmp/export"
    grep -q "$U2\|西红门镇" "$tmp/export" && fail "town1's $fmt export holds 西红门镇"
    grep -q "$personal" "$tmp/export" && fail "personal data in town1's $fmt export"
  done
  # town1 marks work for U2 (another town): refused, nothing stored.
  st=$(post town1 /api/measures/work "{\"uscc\":\"$U2\",\"measure\":\"$mid\",\"status\":\"served\"}")
  [ "$st" = 403 ] || [ "$st" = 400 ] || fail "town1 marks U2 on $mid: $st $(cat "$tmp/body")"
done
[ "$served" -gt 0 ] || fail "town1 serves no measure: the town checks above tested nothing"
[ "$(dbq "SELECT count(*) FROM measure_work WHERE uscc='$U2'")" = 0 ] || fail "a refused mark was stored"
# hr marks work on a measure it does not serve (the bureau's A2(二)4), for any business.
for u in $U1 $U2; do
  st=$(post hr /api/measures/work "{\"uscc\":\"$u\",\"measure\":\"A2(二)4\",\"status\":\"served\"}")
  [ "$st" = 403 ] || fail "hr marks A2(二)4 for $u: $st $(cat "$tmp/body")"
done
[ "$(get hr "/api/measures/work?measure=$(enc 'A2(二)4')")" = 403 ] || fail "hr reads the bureau's worklist"
# Every measure a department does not serve (mine:false in its catalogue): neither its list nor a mark.
for who in hr tax; do
  get $who /api/measures > /dev/null
  grep -o '"id":"A[24]([^"]*"[^}]*"mine":false' "$tmp/body" | sed 's/"id":"\([^"]*\)".*/\1/' > "$tmp/notmine"
  [ "$(wc -l < "$tmp/notmine")" -gt 10 ] || fail "$who: the catalogue's mine flags"
  while read -r mid; do
    [ "$(get $who "/api/measures/work?measure=$(enc "$mid")")" = 403 ] || fail "$who reads the worklist of $mid"
    for u in $U1 $U2; do
      [ "$(post $who /api/measures/work "{\"uscc\":\"$u\",\"measure\":\"$mid\",\"status\":\"served\"}")" = 403 ] || fail "$who marks $mid for $u"
    done
  done < "$tmp/notmine"
done
# A status dated after today (the server's 2026-03-01) is refused: work not yet done is not served.
st=$(post hr /api/measures/work "{\"uscc\":\"$U1\",\"measure\":\"A2(二)1\",\"status\":\"served\",\"on\":\"2099-01-01\"}")
[ "$st" = 400 ] || fail "a status dated 2099: $st $(cat "$tmp/body")"
st=$(post hr /api/measures/work "{\"uscc\":\"$U1\",\"measure\":\"A2(二)1\",\"status\":\"served\",\"on\":\"2026-03-02\"}")
[ "$st" = 400 ] || fail "a status dated tomorrow: $st $(cat "$tmp/body")"
[ "$(dbq "SELECT count(*) FROM measure_work")" = 0 ] || fail "a future status was stored"
[ "$(post hr /api/measures/work "{\"uscc\":\"$U1\",\"measure\":\"A2(二)1\",\"status\":\"served\",\"on\":\"2026-03-01\"}")" = 200 ] || fail "a status dated today: $(cat "$tmp/body")"
[ "$(get hr /api/measures)" = 200 ] || fail "hr catalogue"
alive "measures"

# ---- CSRF: every state-changing route refuses a request without the token, or with another session's ----
audits=$(dbq "SELECT count(*) FROM audit")
"$g" serve --list-routes | grep -v '^GET ' | grep -v ' /api/session$\| /api/public/' > "$tmp/changing"
[ "$(wc -l < "$tmp/changing")" -gt 20 ] || fail "route list"
while read -r method path; do
  p=$(echo "$path" | sed "s/{uscc}/$U1/; s/{objection}/1/; s/{[a-z]*}/1/g")
  for who in admin clerk reviewer hr town1 banka owner1; do
    st=$(code -b "$tmp/$who.jar" -X "$method" -H 'Content-Type: application/json' -d '{}' "$base$p")
    [ "$st" = 403 ] || fail "$method $path as $who without a token: $st $(head -c 200 "$tmp/body")"
    other=$([ $who = admin ] && echo clerk || echo admin)
    st=$(code -b "$tmp/$who.jar" -X "$method" -H "X-CSRF-Token: $(cat "$tmp/$other.csrf")" -H 'Content-Type: application/json' -d '{}' "$base$p")
    [ "$st" = 403 ] || fail "$method $path as $who with $other's token: $st $(head -c 200 "$tmp/body")"
  done
  st=$(code -X "$method" -H 'Content-Type: application/json' -d '{}' "$base$p")
  [ "$st" = 401 ] || fail "$method $path anonymous: $st"
done < "$tmp/changing"
[ "$(dbq "SELECT count(*) FROM audit")" = "$audits" ] || fail "a refused request was audited as done"
alive "CSRF"

# ---- query parameters and path ids: never a 5xx, the server stays up ----
bad_q="limit=-1 limit=0 limit=99999999999999999999 limit=abc offset=-1 offset=abc offset=99999999999999999999
year=abc year=-2025 year=99999 run=-1 run=abc run=99999999999999999999 status=%27%20OR%201%3D1-- kind=%27%3B--
measure=%27%20OR%201%3D1-- town=%25 sort=uscc%3BDROP%20TABLE%20audit section=%25 after=%27-- publication=-1
format=xlsx&year=1 ref=%00 uscc=%27%20OR%20%271%27%3D%271 overdue=1&status=filed,rejected,xx type=x category=99"
m21=$(enc 'A2(二)1')
"$g" serve --list-routes | grep '^GET ' | grep '/api/\(measures\|objections\|bank\|consents\|banks\|reconcile\)' > "$tmp/reads"
while read -r _ path; do
  for id in abc -1 0 99999999999999999999 "1%27%20OR%201%3D1" "%2e%2e"; do
    p=$(echo "$path" | sed "s/{[a-z]*}/$id/g")
    [ "$p" = "$path" ] && continue
    for who in clerk hr owner1 banka; do
      st=$(get $who "$p")
      [ "$st" -lt 500 ] || fail "GET $p as $who: $st $(head -c 200 "$tmp/body")"
    done
  done
  p=$(echo "$path" | sed "s/{uscc}/$U1/; s/{[a-z]*}/1/g")
  for q in $bad_q; do
    for who in clerk hr town1 owner1 banka; do
      st=$(get $who "$p?measure=$m21&year=2025&$q")
      [ "$st" -lt 500 ] || fail "GET $p?$q as $who: $st $(head -c 200 "$tmp/body")"
    done
  done
done < "$tmp/reads"
alive "query parameters"
[ "$(dbq "SELECT count(*) FROM audit")" -gt 0 ] || fail "the audit table"

# ---- malformed JSON bodies on the new routes: 400 (or 413), never 5xx ----
python3 -c 'print("[" * 100000 + "]" * 100000)' > "$tmp/deep.json"
python3 -c 'print("{\"note\":\"" + "x" * 3000000 + "\"}")' > "$tmp/big.json"
printf '{"bank":"\xff\xfe","from":"2026-03-01","to":"2026-12-31"}' > "$tmp/badutf8.json"
for route in "owner1 /api/objections" "owner1 /api/consents" "hr /api/measures/work" "clerk /api/reconcile/checks" \
             "clerk /api/reconcile/adopt" "clerk /api/objections/$o1/reject" "clerk /api/objections/$o1/uphold" \
             "clerk /api/objections/$o1/answer" "owner1 /api/consents/$k1/withdraw"; do
  set -- $route
  for body in '{"a":' '{"year":"2025"}' '{"year":1e400}' '{"uscc":{"$ne":1}}' 'null' '[]' '"x"' \
              '{"note":"\u0000"}' '{"year":2025,"year":2026}'; do
    st=$(post $1 "$2" "$body")
    { [ "$st" -ge 400 ] && [ "$st" -lt 500 ]; } || fail "POST $2 as $1 with ${body:0:40}: $st $(head -c 200 "$tmp/body")"
  done
  st=$(code -b "$tmp/$1.jar" -H "X-CSRF-Token: $(cat "$tmp/$1.csrf")" -H 'Content-Type: application/json' --data-binary @"$tmp/big.json" "$base$2")
  { [ "$st" -ge 400 ] && [ "$st" -lt 500 ]; } || fail "POST $2 with 3 MB: $st"
  for f in badutf8 deep; do
    st=$(code -b "$tmp/$1.jar" -H "X-CSRF-Token: $(cat "$tmp/$1.csrf")" -H 'Content-Type: application/json' --data-binary @"$tmp/$f.json" "$base$2")
    { [ "$st" -ge 400 ] && [ "$st" -lt 500 ]; } || fail "POST $2 with $f.json: $st"
  done
done
alive "malformed JSON"

# ---- hostile workbooks over HTTP: refused with a message naming the problem, the server stays up ----
ct=$(cat "$tmp/clerk.csrf")
for k in deep sstcount badidx bigrow manycols manystr bomb; do
  python3 "$(dirname "$0")/attack_workbooks.py" $k "$tmp/$k.xlsx" || fail "workbook $k"
  st=$(code -b "$tmp/clerk.jar" -H "X-CSRF-Token: $ct" --data-binary @"$tmp/$k.xlsx" "$base/api/imports?kind=insurance&name=$k.xlsx&sheet=S")
  case $k in
    manycols|manystr|bomb) [ "$st" = 422 ] && grep -q '压缩炸弹' "$tmp/body" || fail "workbook $k: $st $(head -c 300 "$tmp/body")" ;;
    badidx) [ "$st" = 200 ] && grep -q '"rows_bad":1' "$tmp/body" && grep -q 'shared string index' "$tmp/body" || fail "workbook $k: $st $(head -c 300 "$tmp/body")" ;;
    *) [ "$st" = 200 ] && grep -q '"rows_ok":0' "$tmp/body" || fail "workbook $k: $st $(head -c 300 "$tmp/body")" ;;
  esac
  up=$(sed -n 's/.*"upload":\([0-9]*\).*/\1/p' "$tmp/body")
  [ -z "$up" ] || [ "$(code -b "$tmp/clerk.jar" -H "X-CSRF-Token: $ct" -X DELETE "$base/api/imports/$up")" = 200 ] || fail "cancel $k"
  alive "workbook $k"
done
head -c 5000 /dev/urandom > "$tmp/noise.xlsx"
printf 'PK\003\004garbage' > "$tmp/trunc.xlsx"
for f in noise trunc; do
  st=$(code -b "$tmp/clerk.jar" -H "X-CSRF-Token: $ct" --data-binary @"$tmp/$f.xlsx" "$base/api/imports?kind=insurance&name=$f.xlsx&sheet=S")
  [ "$st" = 422 ] || [ "$st" = 400 ] || fail "workbook $f: $st $(head -c 300 "$tmp/body")"
done
alive "workbooks"

# ---- formula injection: U1's name starts with = ----
[ "$(get hr "/api/measures/work?measure=$m21&format=csv")" = 200 ] || fail "hr csv"
grep -q "\"'=HYPERLINK" "$tmp/body" || fail "a name starting with = is not neutralised in CSV: $(grep -a HYPERLINK "$tmp/body")"
for path in "/api/measures/work?measure=$m21&format=xlsx" "/api/measures/coverage?format=xlsx" "/api/reconcile/xlsx?year=2025"; do
  st=$(get clerk "$path")
  [ "$st" = 200 ] || [ "$st" = 403 ] || [ "$st" = 404 ] || fail "$path: $st"
  [ "$st" = 200 ] || continue
  unzip -p "$tmp/body" 'xl/worksheets/*.xml' | grep -q '<f>\|<f ' && fail "a formula cell in $path"
  unzip -p "$tmp/body" > "$tmp/all.xml"; grep -q "$personal" "$tmp/all.xml" && fail "personal data in $path"
done

# The district's exports of the run (now with the result's source) and the round's lists: no canary either.
for f in csv xlsx jsonl; do
  [ "$(get clerk "/api/exports?year=2025&format=$f")" = 200 ] || fail "export $f"
  { [ $f = xlsx ] && unzip -p "$tmp/body" || cat "$tmp/body"; } > "$tmp/export"
  grep -q "$personal" "$tmp/export" && fail "personal data in the $f export"
  [ $f = csv ] && { grep -q "\"'=HYPERLINK" "$tmp/export" || fail "a name starting with = in the csv export: $(grep -a HYPERLINK "$tmp/export")"; }
done

# ---- personal data: never in the audit trail of the new actions nor in the server's log ----
dbq "SELECT action, object, before, after FROM audit" > "$tmp/audit.txt"
grep -q "$personal" "$tmp/audit.txt" && fail "personal data in the audit: $(grep "$personal" "$tmp/audit.txt" | head -3)"
grep -q "$personal" "$tmp/serve.err" "$tmp/serve.out" && fail "personal data in the server log"
alive "the end"
"$g" audit verify > /dev/null || fail "audit chain"
echo "attack_issue10: every attack refused"
