#!/usr/bin/env bash
# Attacks on the routes of issue 11 (accounts, owners' access codes, the audit view, the paged staff search and its
# filters, the import template/checklist/history, the years, run names and notes, the compare list and its workbook,
# the public search's USCC normalisation), as an outsider, an owner, a department, a town, a bank and a clerk: role
# escalation, the last administrator raced away, CSRF on every new POST/PUT, hostile query parameters, personal data
# in answers and files, the access code's life (hashed, shown once, re-issue ends the old one, rate-limited), and
# markup in names and notes. The server must refuse clearly and stay up.
set -u
g=$1
ex=$2
. "$(dirname "$0")/lib.sh" # api_init, api_user, api_serve, code, login, api_owner_login
api_init
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); [ -n "${ATTACK_GO_ON:-}" ] || exit 1; } # ATTACK_GO_ON=1: report all
CANARY_NAME=金丝雀甲 CANARY_NAME2=金丝雀乙 CANARY_ID=110115199001011234 CANARY_ID2=110115198502023456
# A business name that is a formula (the compare workbook must hold it as text).
sed -e "s/张三/$CANARY_NAME/; s/李四/$CANARY_NAME2/; s/北京市大兴区鑫隆汽车修理部/=HYPERLINK(\"http:\/\/x\")/" \
  "$ex/registration.csv" > "$tmp/registration.csv"
"$g" import --source registration "$tmp/registration.csv" > /dev/null 2>&1 || fail "import"
for k in annual_reports insurance operator_groups; do
  "$g" import --source $k "$ex/$k.csv" > /dev/null 2>&1 || fail "import $k"
done
"$g" import --source tax "$ex/tax-gbk.csv" > /dev/null 2>&1 || fail "import tax"
"$g" run --year 2025 > /dev/null 2>&1 && "$g" publish --run 1 > /dev/null 2>&1 || fail "run/publish"
# Run 2 with thresholds no one meets, so that the compare list has movers (the workbook rows to check).
"$g" params show --year 2025 | sed 's/"revenue_min": "[0-9]*"/"revenue_min": "900000000"/g; s/"tax_min": "[0-9]*"/"tax_min": "900000000"/g' > "$tmp/high.json"
"$g" run --year 2025 --params "$tmp/high.json" > /dev/null 2>&1 || fail "run 2"
U1=92110115MA00001014
U2=92110115MA00001027
api_user clerk clerk
api_user reviewer reviewer
api_user inspector inspector
api_user admin admin
api_user admin2 admin
api_user hr department --department 区人力社保局
api_user tax department --department 区税务局
api_user town1 town --town 黄村镇
api_user banka bank --bank 中国农业银行北京大兴支行
"$g" user add --username owner1 --role business --uscc $U1 > /dev/null || fail "owner1"

API_THREADS=4 api_serve --today 2026-03-01
for u in clerk reviewer inspector admin admin2 hr tax town1 banka; do login $u; done
api_owner_login owner1 $U1
get() { code -b "$tmp/$1.jar" "$base$2"; }
post() { code -b "$tmp/$1.jar" -H "X-CSRF-Token: $(cat "$tmp/$1.csrf")" -H 'Content-Type: application/json' -d "$3" "$base$2"; }
put() { code -b "$tmp/$1.jar" -X PUT -H "X-CSRF-Token: $(cat "$tmp/$1.csrf")" -H 'Content-Type: application/json' -d "$3" "$base$2"; }
alive() { [ "$(code "$base/healthz")" = 200 ] || fail "the server is down after: $*"; }
personal="$CANARY_NAME\|$CANARY_NAME2\|$CANARY_ID\|$CANARY_ID2"
nopersonal() { grep -q "$personal" "$tmp/body" && fail "personal data in $*: $(head -c 400 "$tmp/body")"; true; }
id_of() { "$g" user list 2>/dev/null | awk -v u="$1" '$0 ~ u {print}' > /dev/null; dbq "SELECT id FROM accounts WHERE username='$1'"; }

# ---- role escalation: only an administrator manages accounts; only a clerk or administrator issues codes ----
for who in clerk reviewer inspector hr town1 banka owner1; do
  [ "$(post $who /api/accounts '{"username":"evil","role":"admin","password":"password-of-evil"}')" = 403 ] || fail "$who adds an admin: $(cat "$tmp/body")"
  [ "$(get $who /api/accounts)" = 403 ] || fail "$who lists accounts"
  [ "$(get $who /api/audit)" = 403 ] || fail "$who reads the audit"
  [ "$(post $who "/api/accounts/$(id_of admin)/password" '{"password":"password-of-evil"}')" = 403 ] || fail "$who resets the admin's password"
  [ "$(post $who "/api/accounts/$(id_of admin)/disable" '{}')" = 403 ] || fail "$who disables the admin"
  [ "$(post $who "/api/accounts/$(id_of clerk)/enable" '{}')" = 403 ] || fail "$who enables"
done
[ "$(dbq "SELECT count(*) FROM accounts WHERE username='evil'")" = 0 ] || fail "evil was added"
for who in reviewer inspector hr town1 banka owner1; do
  [ "$(post $who /api/access-codes "{\"uscc\":\"$U2\"}")" = 403 ] || fail "$who issues an access code"
done
[ "$(code -H 'Content-Type: application/json' -d "{\"uscc\":\"$U2\"}" "$base/api/access-codes")" = 401 ] || fail "anonymous code"
# An owner's account cannot be given a password (it signs in with codes only), nor an admin role by its unit.
[ "$(post admin /api/accounts "{\"username\":\"o2\",\"role\":\"business\",\"uscc\":\"$U2\",\"password\":\"password-of-o2\"}")" = 201 ] || fail "add owner o2: $(cat "$tmp/body")"
grep -q '"password"' "$tmp/body" && fail "a business account got a password"
[ "$(code -H 'Content-Type: application/json' -d '{"username":"o2","password":"password-of-o2"}' "$base/api/session")" = 401 ] || fail "owner signs in with a password"
[ "$(post admin /api/accounts '{"username":"r1","role":"root","password":"password-of-r1"}')" = 400 ] || fail "role root"
[ "$(post admin /api/accounts '{"username":"r2","role":"admin","unit":"区税务局","password":"password-of-r2"}')" -ge 400 ] || true
alive "escalation"

# ---- the last administrator: two administrators disable each other at once; one stays ----
a1=$(id_of admin) a2=$(id_of admin2)
post admin "/api/accounts/$a1/disable" '{}' > /dev/null # itself: refused
[ "$(cat "$tmp/body" | grep -c 'disable yourself')" = 1 ] || fail "admin disabled itself: $(cat "$tmp/body")"
for i in 1 2 3 4 5 6; do
  curl -s -o /dev/null -b "$tmp/admin.jar" -H "X-CSRF-Token: $(cat "$tmp/admin.csrf")" -H 'Content-Type: application/json' -d '{}' "$base/api/accounts/$a2/disable" &
  curl -s -o /dev/null -b "$tmp/admin2.jar" -H "X-CSRF-Token: $(cat "$tmp/admin2.csrf")" -H 'Content-Type: application/json' -d '{}' "$base/api/accounts/$a1/disable" &
done
wait $(jobs -p | grep -v "^$api_pid\$") 2>/dev/null
[ "$(dbq "SELECT count(*) FROM accounts WHERE role='admin' AND disabled=0")" -ge 1 ] || fail "the race disabled every administrator"
# Put both back (the one left enables the other) and sign in again.
"$g" user enable --username admin > /dev/null 2>&1 || dbq "UPDATE accounts SET disabled=0 WHERE role='admin'"
"$g" user enable --username admin2 > /dev/null 2>&1 || dbq "UPDATE accounts SET disabled=0 WHERE role='admin'"
login admin
login admin2
alive "the race"

# ---- CSRF on every new POST/PUT: none, wrong, another account's ----
t=$(id_of clerk)
done_before=$(dbq "SELECT count(*) FROM audit WHERE action IN ('user.add','user.password','user.disable','user.enable','user.code','run.note')")
for r in "POST /api/accounts" "POST /api/accounts/$t/disable" "POST /api/accounts/$t/enable" "POST /api/accounts/$t/password" \
         "POST /api/access-codes" "PUT /api/runs/2"; do
  m=${r% *} p=${r#* }
  [ "$(code -b "$tmp/admin.jar" -X "$m" -H 'Content-Type: application/json' -d '{"generate":true,"uscc":"'$U2'","username":"csrf1","role":"clerk","name":"x"}' "$base$p")" = 403 ] || fail "$r without CSRF: $(cat "$tmp/body")"
  [ "$(code -b "$tmp/admin.jar" -X "$m" -H "X-CSRF-Token: $(cat "$tmp/clerk.csrf")" -H 'Content-Type: application/json' -d '{"generate":true,"uscc":"'$U2'","username":"csrf1","role":"clerk","name":"x"}' "$base$p")" = 403 ] || fail "$r with the clerk's CSRF token"
  [ "$(code -b "$tmp/admin.jar" -X "$m" -H "X-CSRF-Token: $(printf '0%.0s' $(seq 64))" -H 'Content-Type: application/json' -d '{"generate":true}' "$base$p")" = 403 ] || fail "$r with a made-up token"
  st=$(code -b "$tmp/admin.jar" -X "$m" -H 'Content-Type: text/plain' -d '{"generate":true}' "$base$p") # a form's simple request
  [ "$st" = 403 ] || [ "$st" = 415 ] || fail "$r as text/plain: $st"
done
[ "$(dbq "SELECT count(*) FROM accounts WHERE username='csrf1'")" = 0 ] || fail "csrf1 was added"
[ "$(dbq "SELECT count(*) FROM audit WHERE action IN ('user.add','user.password','user.disable','user.enable','user.code','run.note')")" = "$done_before" ] || fail "a forged request was carried out"
[ "$(code -b "$tmp/clerk.jar" -H 'Content-Type: application/json' -d '{"username":"clerk","password":"password-of-clerk"}' "$base/api/session")" = 200 ] || true
login clerk
alive "CSRF"

# ---- hostile bodies on the account routes ----
for b in '{"username":"a\u0000b","role":"clerk","password":"password-of-ab"}' \
         '{"username":"","role":"clerk","password":"password-of-ab"}' \
         "{\"username\":\"$(printf 'x%.0s' $(seq 300))\",\"role\":\"clerk\",\"password\":\"password-of-ab\"}" \
         '{"username":"ab","role":"clerk","password":"password\u0000xyzzyx"}' \
         '{"username":["ab"],"role":"clerk","password":"password-of-ab"}' \
         '{"username":"ab","role":"clerk","generate":"yes"}' \
         '{"username":"ab","role":"clerk","password":"password-of-ab","extra":1}'; do
  [ "$(post admin /api/accounts "$b")" = 400 ] || fail "account body $b: $(cat "$tmp/body")"
done
printf '{"username":"\xc0\xaf","role":"clerk","password":"password-of-ab"}' > "$tmp/overlong.json"
[ "$(code -b "$tmp/admin.jar" -H "X-CSRF-Token: $(cat "$tmp/admin.csrf")" -H 'Content-Type: application/json' --data-binary @"$tmp/overlong.json" "$base/api/accounts")" = 400 ] || fail "overlong UTF-8 username"
for p in /api/accounts/0/password /api/accounts/-1/password /api/accounts/abc/password /api/accounts/99999999999999999999/password \
         "/api/accounts/1%00/password"; do
  st=$(post admin "$p" '{"generate":true}')
  [ "$st" = 404 ] || [ "$st" = 400 ] || [ "$st" = 405 ] || fail "$p: $st $(cat "$tmp/body")"
done
for d in 0 -1 91 999 1.5 '"7"' 1e2; do
  st=$(post clerk /api/access-codes "{\"uscc\":\"$U2\",\"days\":$d}")
  [ "$st" = 400 ] || fail "access code for $d days: $st $(cat "$tmp/body")"
done
for u in '"92110115MA0000102X"' '"x"' '""' 'null' '"92110115MA00001027\u0000"' "\"' OR 1=1 --\""; do
  st=$(post clerk /api/access-codes "{\"uscc\":$u}")
  [ "$st" = 400 ] || [ "$st" = 404 ] || fail "access code for $u: $st $(cat "$tmp/body")"
done
alive "hostile bodies"

# ---- the access code: shown once, stored hashed, re-issue ends the old one, not in the audit or the log ----
[ "$(post clerk /api/access-codes "{\"uscc\":\"$U2\"}")" = 201 ] || fail "issue: $(cat "$tmp/body")"
c1=$(sed -n 's/.*"code":"\([A-Z0-9]*\)".*/\1/p' "$tmp/body")
nopersonal "the access code's answer"
grep -qi '^cache-control: no-store' "$tmp/headers" || fail "the code's answer may be cached: $(cat "$tmp/headers")"
[ "$(post clerk /api/access-codes "{\"uscc\":\"$U2\"}")" = 201 ] || fail "re-issue"
c2=$(sed -n 's/.*"code":"\([A-Z0-9]*\)".*/\1/p' "$tmp/body")
grep -q '"revoked":1' "$tmp/body" || fail "re-issue does not say the old code ended: $(cat "$tmp/body")"
[ -n "$c1" ] && [ -n "$c2" ] && [ "$c1" != "$c2" ] || fail "codes $c1 $c2"
db_dump | grep -q "$c1\|$c2" && fail "a code is stored in clear"
grep -q "$c1\|$c2" "$tmp/serve.out" "$tmp/serve.err" && fail "a code is in the server's log"
[ "$(get admin "/api/audit?action=user.code")" = 200 ] && ! grep -q "$c1\|$c2" "$tmp/body" || fail "a code is in the audit view"
grep -q 'user.code' "$tmp/body" || fail "issuing is not audited"
[ "$(get admin /api/accounts)" = 200 ] && ! grep -q "$c2" "$tmp/body" || fail "the code is listed again"
[ "$(code -H 'Content-Type: application/json' -d "{\"uscc\":\"$U2\",\"code\":\"$c1\"}" "$base/api/session")" = 401 ] || fail "the re-issued code's predecessor still works"
[ "$(code -H 'Content-Type: application/json' -d "{\"uscc\":\"${U2,,}\",\"code\":\"${c2,,}\"}" "$base/api/session")" != 500 ] || fail "lower case code"
# Codes issued at once for one business: the newest alone works (each issue ends the others in its transaction).
U3=92110115MA0000105G
for i in 1 2 3 4; do
  curl -s -o "$tmp/race$i" -b "$tmp/clerk.jar" -H "X-CSRF-Token: $(cat "$tmp/clerk.csrf")" -H 'Content-Type: application/json' \
    -d "{\"uscc\":\"$U3\"}" "$base/api/access-codes" &
done
wait $(jobs -p | grep -v "^$api_pid\$") 2>/dev/null
works=0
for i in 1 2 3 4; do
  k=$(sed -n 's/.*"code":"\([A-Z0-9]*\)".*/\1/p' "$tmp/race$i")
  [ -n "$k" ] || continue
  [ "$(code -H 'Content-Type: application/json' -d "{\"uscc\":\"$U3\",\"code\":\"$k\"}" "$base/api/session")" = 200 ] && works=$((works + 1))
done
[ "$works" = 1 ] || fail "$works of the codes issued at once work"
[ "$(dbq "SELECT count(*) FROM access_codes c JOIN accounts a ON a.id=c.account_id WHERE a.uscc='$U3'")" -ge 1 ] || true
# A disabled owner gets no code; its open session ends.
o2=$(id_of o2)
[ "$(post admin "/api/accounts/$o2/disable" '{}')" = 200 ] || fail "disable o2: $(cat "$tmp/body")"
st=$(post clerk /api/access-codes "{\"uscc\":\"$U2\"}")
[ "$st" = 409 ] || [ "$st" = 400 ] || fail "a code for a disabled owner: $st $(cat "$tmp/body")"
[ "$(post admin "/api/accounts/$o2/enable" '{}')" = 200 ] || fail "enable o2"
# Brute force: wrong codes for one USCC are stopped before long, from any address.
limited=
for i in $(seq 40); do
  st=$(code -H 'Content-Type: application/json' -H "X-Forwarded-For: 10.0.0.$i" -d "{\"uscc\":\"$U2\",\"code\":\"AAAAAAA$((i % 10))\"}" "$base/api/session")
  [ "$st" = 429 ] && { limited=$i; break; }
  [ "$st" = 401 ] || fail "guess $i: $st"
done
[ -n "$limited" ] || fail "40 guessed codes for one business were not rate-limited"
echo "figure: wrong codes for one USCC before 429: $limited"
alive "access codes"

# ---- towns, banks, owners and departments outside their part ----
for who in town1 banka owner1; do
  for p in /api/businesses "/api/businesses?q=$U1" /api/businesses/filters /api/years "/api/imports/history" \
           "/api/imports/template?kind=tax" "/api/imports/checklist" "/api/runs/2/compare" "/api/runs/2/compare?format=xlsx"; do
    [ "$(get $who "$p")" = 403 ] || fail "$who reads $p: $(head -c 200 "$tmp/body")"
  done
done
for p in /api/businesses /api/businesses/filters /api/years /api/imports/history /api/accounts /api/audit /api/runs/2/compare; do
  [ "$(code "$base$p")" = 401 ] || fail "anonymous $p"
done
# A department: the template and history of its own kinds only.
[ "$(get tax "/api/imports/template?kind=tax")" = 200 ] || fail "tax template: $(cat "$tmp/body")"
for k in insurance registration annual_reports operator_groups; do
  [ "$(get tax "/api/imports/template?kind=$k")" = 403 ] || fail "tax reads the $k template"
  st=$(get tax "/api/imports/history?kind=$k")
  [ "$st" = 400 ] || [ "$st" = 403 ] || fail "tax reads the $k history: $st"
done
[ "$(get tax /api/imports/history)" = 200 ] || fail "tax history"
grep -o '"kind":"[a-z_]*"' "$tmp/body" | grep -v '"kind":"tax"' && fail "tax's history holds another kind: $(head -c 300 "$tmp/body")"
[ "$(get hr /api/imports/history)" = 200 ] && ! grep -q '"kind":"tax"' "$tmp/body" || fail "hr sees the tax imports"
for f in csv xlsx; do
  [ "$(get tax "/api/imports/template?kind=tax&format=$f")" = 200 ] || fail "template $f"
  { cat "$tmp/body"; unzip -p "$tmp/body" 2>/dev/null; } | grep -q "$personal" && fail "personal data in the $f template"
done
alive "outside their part"

# ---- hostile query parameters: refused with 400, never a 500, never a crash ----
bad400() { local st; st=$(get "$1" "$2"); [ "$st" = 400 ] || fail "$1 $2: $st $(head -c 200 "$tmp/body")"; }
for v in 0 -1 abc 1abc 99999999999999999999 '1%00' '%201' '1%20' '%2B1' 1.5 0x10; do
  bad400 clerk "/api/businesses?page=$v"
  bad400 clerk "/api/businesses?per_page=$v"
  bad400 admin "/api/audit?limit=$v"
  bad400 clerk "/api/imports/history?limit=$v"
  bad400 clerk "/api/runs/2/compare?limit=$v"
done
for v in -1 abc 1abc 99999999999999999999 '1%00' '%2B1' 1.5; do
  bad400 admin "/api/audit?before=$v"
  bad400 clerk "/api/imports/history?offset=$v"
  bad400 clerk "/api/runs/2/compare?offset=$v"
done
bad400 clerk "/api/businesses?per_page=201"
bad400 admin "/api/audit?limit=501"
for v in x NAME "name%3BDROP%20TABLE%20accounts" "name%00" "-name" "%C0%AF"; do bad400 clerk "/api/businesses?sort=$v"; done
for v in x "%27%20OR%201%3D1" "%00"; do
  bad400 clerk "/api/businesses?status=$v"
  bad400 clerk "/api/businesses?type=$v"
  bad400 clerk "/api/runs/2/compare?from=$v"
  bad400 clerk "/api/imports/template?kind=$v"
done
bad400 clerk "/api/imports/template?kind=tax&format=pdf"
bad400 clerk "/api/runs/2/compare?format=pdf"
bad400 admin "/api/audit?from=2026-13-01"
bad400 admin "/api/audit?from=2026-02-30"
for q in "%27%20OR%201%3D1%20--" "%25" "_" "%00" "%C0%AF" "%ED%A0%80" "$(printf 'a%.0s' $(seq 3000))" "%E9%87%91%00"; do
  st=$(get clerk "/api/businesses?q=$q")
  [ "$st" = 200 ] || [ "$st" = 400 ] || fail "search q=$(echo "$q" | head -c 40): $st"
  [ "$st" = 200 ] && { grep -q '"total":[1-9]' "$tmp/body" && [ "$q" != "_" ] && [ "$q" != "%25" ] && fail "q=$q finds everything: $(head -c 200 "$tmp/body")"; }
  st=$(code "$base/api/public/search?q=$q")
  [ "$st" = 200 ] || [ "$st" = 400 ] || [ "$st" = 404 ] || [ "$st" = 429 ] || fail "public q=$(echo "$q" | head -c 40): $st"
done
for a in "%27%20OR%201%3D1" "%00" "user.code%27--"; do
  [ "$(get admin "/api/audit?action=$a")" != 500 ] || fail "audit action=$a"
  [ "$(get admin "/api/audit?actor=$a")" != 500 ] || fail "audit actor=$a"
done
[ "$(get clerk "/api/businesses?page=1000000&per_page=200")" = 200 ] || fail "the last page: $(cat "$tmp/body")"
grep -q '"results":\[\]' "$tmp/body" || fail "a page past the end holds rows"
[ "$(get clerk "/api/years?year=abc")" = 200 ] || fail "years"
alive "hostile parameters"

# ---- personal data: masked for the roles that must not see it; never in the workbook, the public search ----
for who in reviewer inspector tax; do
  [ "$(get $who "/api/businesses?per_page=200")" = 200 ] || fail "$who search"
  nopersonal "$who's search"
  # the search must not answer by the operator's name or ID number either (an oracle)
  for q in "$CANARY_NAME" "$CANARY_ID"; do
    [ "$(get $who "/api/businesses?q=$(python3 -c 'import sys,urllib.parse;print(urllib.parse.quote(sys.argv[1]))' "$q")")" = 200 ] || fail "$who q"
    grep -q '"total":0' "$tmp/body" || fail "$who finds a business by its operator's $q: $(head -c 300 "$tmp/body")"
  done
done
[ "$(get clerk "/api/businesses?per_page=200")" = 200 ] && grep -q "$CANARY_NAME" "$tmp/body" || fail "the clerk does not see the operator"
grep -q "$CANARY_ID" "$tmp/body" && fail "the ID number in the clerk's list"
[ "$(get reviewer /api/runs/2/compare)" = 200 ] || fail "compare: $(cat "$tmp/body")"
nopersonal "the compare list"
[ "$(get reviewer "/api/runs/2/compare?format=xlsx")" = 200 ] || fail "compare xlsx: $(head -c 200 "$tmp/body")"
unzip -p "$tmp/body" > "$tmp/xlsx.txt" 2>/dev/null || fail "the compare workbook is not a zip"
grep -q "$personal" "$tmp/xlsx.txt" && fail "personal data in the compare workbook"
grep -qi '^content-disposition: attachment' "$tmp/headers" || fail "the workbook is not an attachment"
grep -q '<f>' "$tmp/xlsx.txt" && fail "a formula in the compare workbook"
[ "$(get admin "/api/audit?limit=500")" = 200 ] && nopersonal "the audit view"
[ "$(get tax "/api/imports/checklist")" = 200 ] && nopersonal "the checklist"
for q in "$U1" "${U1,,}" "9211 0115 ma00 0010 14" "$CANARY_NAME" "$CANARY_ID"; do
  st=$(code "$base/api/public/search?q=$(python3 -c 'import sys,urllib.parse;print(urllib.parse.quote(sys.argv[1]))' "$q")")
  [ "$st" = 429 ] && break
  sed -i 's/"query":"[^"]*"//' "$tmp/body" # the words searched for are echoed back
  nopersonal "the public search for $q"
done
[ "$(get clerk /api/imports/history)" = 200 ] && nopersonal "the import history"
alive "personal data"

# ---- markup in names and notes is data: JSON answers are never sniffed as pages ----
xss='<img src=x onerror=alert(1)><script>alert(2)</script>'
[ "$(put clerk /api/runs/2 "{\"name\":\"<b>x</b>\",\"note\":\"$xss\"}")" = 200 ] || fail "note with markup: $(cat "$tmp/body")"
[ "$(get clerk /api/runs)" = 200 ] || fail "runs"
grep -qi '^content-type: application/json' "$tmp/headers" && grep -qi '^x-content-type-options: nosniff' "$tmp/headers" || fail "runs headers"
[ "$(post admin /api/accounts "{\"username\":\"<svg onload=alert(1)>\",\"role\":\"clerk\",\"generate\":true}")" -lt 500 ] || fail "account with markup"
[ "$(code "$base/console.html")" = 200 ] || fail "console"
grep -qi "^content-security-policy:.*\(default\|script\)-src 'self'" "$tmp/headers" || fail "console without a CSP: $(cat "$tmp/headers")"
grep -qi "^content-security-policy:.*script-src[^;]*unsafe-inline" "$tmp/headers" && fail "CSP allows inline script"
[ "$(code "$base/slip.html")" = 200 ] || fail "slip"
grep -qi '^referrer-policy: no-referrer\|<meta name="referrer" content="no-referrer">' "$tmp/headers" "$tmp/body" || fail "the slip may send its address on"
alive "markup"

# ---- timing: an unknown name and a wrong password take the same path (figures only, not asserted) ----
# A fresh server and a fresh back-off: the guesses above put this address in the sign-in back-off, which answers
# early, and the back-off is kept in the store for every serve process (decision 265), so it outlives a restart.
dbq "DELETE FROM throttle" > /dev/null
API_THREADS=4 api_serve --today 2026-03-01
t_known=0 t_unknown=0
for i in 1 2 3; do
  t=$(curl -s -o "$tmp/b1" -w '%{time_total}' -H 'Content-Type: application/json' -H "X-Forwarded-For: 10.9.$i.1" -d '{"username":"reviewer","password":"wrong-password-x"}' "$base/api/session")
  t_known=$(awk -v a="$t_known" -v b="$t" 'BEGIN{print a + b}')
  t=$(curl -s -o "$tmp/b2" -w '%{time_total}' -H 'Content-Type: application/json' -H "X-Forwarded-For: 10.9.$i.2" -d '{"username":"nobody-here","password":"wrong-password-x"}' "$base/api/session")
  t_unknown=$(awk -v a="$t_unknown" -v b="$t" 'BEGIN{print a + b}')
  cmp -s "$tmp/b1" "$tmp/b2" || fail "an unknown name is answered differently: $(cat "$tmp/b1") / $(cat "$tmp/b2")"
done
echo "figure: 3 sign-ins, wrong password ${t_known}s, unknown name ${t_unknown}s"
alive "the end"
[ "$fails" = 0 ] || exit 1
echo "attack_issue11: ok"
