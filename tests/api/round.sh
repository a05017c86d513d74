#!/usr/bin/env bash
# The 名特优新 round over real HTTP (issue 9): an owner applies with evidence, a clerk
# reviews and records a site visit, a department agrees, a reviewer proposes and
# publicises, the public objects, a clerk answers, the reviewer recognises; the
# public search shows the category and the certificate its QR code. Evidence is
# served only to staff and its owner (refused with a forged type); the privacy
# canary (operator name and ID, the objector's phone) never reaches the publicity
# list, the public search, the certificate or the city report; the quota is refused
# with its figures (A3.3.4); the CLI report has the city's columns. The server's
# date is set with `serve --today` and moved by restarting it.
set -u
g=$1
tmp=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
. "$(dirname "$0")/../lib/db.sh" # db_new, dbq: the store on either backend
GETIHU_DB=$(db_new "$tmp/t.db") || { echo "FAIL: no database for the store"; exit 1; }
export GETIHU_DB GETIHU_ACTOR=tester
fail() { echo "FAIL: $*"; [ -f "$tmp/serve.err" ] && tail -5 "$tmp/serve.err"; exit 1; }
"$g" db init > /dev/null || fail "db init"

# A small generated district (its growth and development businesses give a quota of a few), typed and published.
"$g" gen --format extracts --dir "$tmp/x" --count 500 --seed 7 --year 2025 2> /dev/null || fail "gen"
for kind in registration annual_reports tax insurance trademarks patents abnormal_list serious_illegal suspensions \
            penalties dishonest_debtors operator_groups; do
  "$g" import --source "$kind" "$tmp/x/$kind.csv" > /dev/null 2>&1 || fail "import $kind"
done
"$g" run --year 2025 > /dev/null 2>&1 || fail "run"
"$g" publish --run 1 > /dev/null || fail "publish"
quota=$("$g" category quota --year 2025 --date 2025-09-01 2> /dev/null | awk '$1 == "quota" {print $3}')
[ -n "$quota" ] && [ "$quota" -ge 1 ] || fail "quota of the generated district: '$quota'"
# Candidates: growth and development businesses of the published run, without penalties or debts on record.
"$g" export --year 2025 --format csv 2> /dev/null | awk -F, '$7 == "growth" || $7 == "development" {print $1}' \
  | grep -v -F -f <(awk -F, 'FNR > 1 && $1 != "" {print $1}' "$tmp/x/penalties.csv" "$tmp/x/dishonest_debtors.csv") \
  > "$tmp/candidates"
[ "$(wc -l < "$tmp/candidates")" -ge 4 ] || fail "too few candidates"
u1=$(sed -n 1p "$tmp/candidates")
u2=$(sed -n 2p "$tmp/candidates")
# The canary: u1's operator gets an unmistakable name and ID (a re-import of its registration).
row=$(grep "^$u1," "$tmp/x/registration.csv")
IFS=, read -r _ name _ _ est _ town industry _ <<< "$row"
printf 'uscc,name,operator_name,operator_id,established,status,town,industry,address\n%s,%s,金丝雀CANARYNAME,11011519991231CANARY,%s,在营,%s,%s,CANARYADDRESS大兴区某路\n' \
  "$u1" "$name" "$est" "$town" "$industry" > "$tmp/canary.csv"
"$g" import --source registration "$tmp/canary.csv" > /dev/null 2>&1 || fail "import canary"
canary='CANARYNAME\|11011519991231CANARY\|CANARYADDRESS\|13900001111'

for role in admin clerk reviewer inspector; do
  echo "password-of-$role" | "$g" user add --username "$role" --role "$role" --password-stdin > /dev/null || fail "user $role"
done
echo "password-of-bank" | "$g" user add --username bank --role bank --bank 中国农业银行北京大兴支行 --password-stdin > /dev/null || fail "user bank"
echo "password-of-commerce" | "$g" user add --username commerce --role department --department 区商务局 --password-stdin > /dev/null
echo "password-of-tax" | "$g" user add --username tax --role department --department 区税务局 --password-stdin > /dev/null

start() { # the server as of date $1
  [ -n "$pid" ] && { kill "$pid"; wait "$pid" 2> /dev/null; }
  # the old server's address must not be read while the new one has yet to truncate the file (a race under load)
  rm -f "$tmp/serve.out"
  "$g" serve --listen 127.0.0.1:0 --threads 2 --today "$1" > "$tmp/serve.out" 2> "$tmp/serve.err" &
  pid=$!
  # up to 30 s: a loaded machine (the sanitizer build, tests in parallel) starts slowly
  for _ in $(seq 300); do grep -q "http://" "$tmp/serve.out" 2>/dev/null && break; sleep 0.1; done
  grep -q "http://" "$tmp/serve.out" || fail "the server as of $1 did not start: $(cat "$tmp/serve.err")"
  base="http://127.0.0.1:$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$tmp/serve.out")"
}
code() { curl -s -o "$tmp/body" -D "$tmp/headers" -w "%{http_code}" --max-time 10 "$@"; }
login() { # name password -> $tmp/name.jar, $tmp/name.csrf
  [ "$(code -c "$tmp/$1.jar" -H 'Content-Type: application/json' -d "{\"username\":\"$1\",\"password\":\"$2\"}" "$base/api/session")" = 200 ] \
    || fail "login $1: $(cat "$tmp/body")"
  sed -n 's/.*"csrf":"\([0-9a-f]*\)".*/\1/p' "$tmp/body" > "$tmp/$1.csrf"
}
owner() { # name uscc: an owner's account and a signed-in session
  "$g" user add --username "$1" --role business --uscc "$2" > /dev/null 2>&1
  local c
  c=$("$g" user code --uscc "$2" 2> /dev/null) || fail "access code $2"
  [ "$(code -c "$tmp/$1.jar" -H 'Content-Type: application/json' -d "{\"uscc\":\"$2\",\"code\":\"$c\"}" "$base/api/session")" = 200 ] \
    || fail "owner login $2: $(cat "$tmp/body")"
  sed -n 's/.*"csrf":"\([0-9a-f]*\)".*/\1/p' "$tmp/body" > "$tmp/$1.csrf"
}
as() { local who=$1; shift; code -b "$tmp/$who.jar" -H "X-CSRF-Token: $(cat "$tmp/$who.csrf")" "$@"; }
post() { local who=$1 path=$2 body=$3; shift 3; as "$who" -H 'Content-Type: application/json' -d "$body" "$@" "$base$path"; }
act() { # who id action [extra json] -> status; a loaded machine's transient answer (no answer, 503 busy) is tried again once
  local got
  got=$(post "$1" "/api/round/applications/$2/actions" "{\"action\":\"$3\"${4:+,$4}}")
  if [ "$got" = 000 ] || [ "$got" = 503 ]; then
    echo "round: $3 answered $got, trying again: $(cat "$tmp/body")" >&2
    sleep 1
    got=$(post "$1" "/api/round/applications/$2/actions" "{\"action\":\"$3\"${4:+,$4}}")
  fi
  echo "$got"
}
must() { local got; got=$("$@"); [ "$got" = 200 ] || [ "$got" = 201 ] || fail "$* -> $got $(cat "$tmp/body")"; }
json() { sed -n "s/.*\"$1\":\"\\([^\"]*\\)\".*/\\1/p" "$tmp/body" | head -1; }

start 2025-09-01
login clerk password-of-clerk
login reviewer password-of-reviewer
login commerce password-of-commerce
login tax password-of-tax
login bank password-of-bank
login inspector password-of-inspector
owner owner1 "$u1"
owner owner2 "$u2"

# The form is pre-filled from the directory; another business's form is not the owner's to see.
[ "$(as owner1 "$base/api/round/form")" = 200 ] || fail "form: $(cat "$tmp/body")"
grep -q "\"uscc\":\"$u1\"" "$tmp/body" && grep -q '"categories":\[{"category":"famous"' "$tmp/body" || fail "form content: $(cat "$tmp/body")"
[ "$(as owner1 "$base/api/round/form?uscc=$u2")" = 404 ] || fail "another's form"
grep -q '"message":' <(as owner1 "$base/api/round/form" > /dev/null; cat "$tmp/body") || fail "the owner's form has no sentences"
# a department sees codes and articles, not the sentences that quote penalty and debtor dates (decision 68)
[ "$(as commerce "$base/api/round/form?uscc=$u1&route=recommended")" = 200 ] || fail "department form: $(cat "$tmp/body")"
grep -q '"message":' "$tmp/body" && fail "a department's form quotes sentences"
# A3.2.2 自主申报 with evidence
must post owner1 /api/round/applications '{"category":"characteristic","claimed":["A"],"statement":"地方特色小吃"}'
id=$(json id)
[ -n "$id" ] || fail "no id: $(cat "$tmp/body")"
[ "$(post owner2 /api/round/applications "{\"uscc\":\"$u1\",\"category\":\"famous\",\"claimed\":[\"A\"]}")" = 409 ] || fail "owner drafts for another"
must post owner1 "/api/round/applications/$id" '{"category":"characteristic","claimed":["A","B"],"statement":"地方特色小吃，有机认证"}' -X PUT
printf '%%PDF-1.4\n%% certificate\n%%%%EOF\n' > "$tmp/cert.pdf"
printf '\x89PNG\r\n\x1a\nphoto' > "$tmp/photo.png"
[ "$(as owner1 -H 'Content-Type: application/pdf' --data-binary @"$tmp/cert.pdf" "$base/api/round/applications/$id/evidence?name=cert.pdf")" = 201 ] || fail "evidence: $(cat "$tmp/body")"
ev=$(sed -n 's/.*"evidence":\([0-9]*\).*/\1/p' "$tmp/body")
# a forged type: PNG bytes declared as PDF, a PDF named .png but declared text/plain
[ "$(as owner1 -H 'Content-Type: application/pdf' --data-binary @"$tmp/photo.png" "$base/api/round/applications/$id/evidence?name=x.pdf")" = 400 ] || fail "forged type accepted"
[ "$(as owner1 -H 'Content-Type: text/html' --data-binary @"$tmp/cert.pdf" "$base/api/round/applications/$id/evidence?name=x.html")" = 415 ] || fail "html accepted"
head -c $((10 * 1024 * 1024 + 1)) /dev/zero > "$tmp/big"
[ "$(as owner1 -H 'Content-Type: application/pdf' --data-binary @"$tmp/big" "$base/api/round/applications/$id/evidence?name=big.pdf")" = 413 ] || fail "11 MiB accepted"
[ "$(as owner2 -H 'Content-Type: application/pdf' --data-binary @"$tmp/cert.pdf" "$base/api/round/applications/$id/evidence?name=c.pdf")" = 409 ] || fail "evidence to another's case"
# served to the owner and staff only, as an attachment that is not sniffed; audited
[ "$(as owner1 "$base/api/round/evidence/$ev")" = 200 ] || fail "owner reads evidence"
cmp -s "$tmp/body" "$tmp/cert.pdf" || fail "evidence bytes differ"
grep -qi '^content-type: application/pdf' "$tmp/headers" && grep -qi '^content-disposition: attachment' "$tmp/headers" \
  && grep -qi '^x-content-type-options: nosniff' "$tmp/headers" || fail "evidence headers: $(cat "$tmp/headers")"
[ "$(as clerk "$base/api/round/evidence/$ev")" = 200 ] || fail "clerk reads evidence"
[ "$(as owner2 "$base/api/round/evidence/$ev")" = 404 ] || fail "another owner reads evidence"
[ "$(as commerce "$base/api/round/evidence/$ev")" = 404 ] || fail "a department not recommending reads evidence"
[ "$(as bank "$base/api/round/evidence/$ev")" = 403 ] || fail "bank reads evidence"
[ "$(code "$base/api/round/evidence/$ev")" = 401 ] || fail "public reads evidence"
"$g" audit list 2> /dev/null | grep -q "round.evidence.read" || fail "evidence read not audited"
[ "$(as owner2 "$base/api/round/applications/$id")" = 404 ] || fail "another owner reads the case"

# review, site visit with its photo, joint review, proposal, publicity
must act owner1 "$id" submit
must act clerk "$id" accept
must act clerk "$id" pass_review
[ "$(as clerk -H 'Content-Type: image/png' --data-binary @"$tmp/photo.png" "$base/api/round/applications/$id/evidence?name=visit.png")" = 201 ] || fail "photo"
photo=$(sed -n 's/.*"evidence":\([0-9]*\).*/\1/p' "$tmp/body")
must act clerk "$id" record_visit "\"date\":\"2025-09-01\",\"visit_staff\":\"王科员\",\"reason\":\"门店经营正常\",\"photos\":[$photo]"
must post clerk "/api/round/applications/$id/opinions" '{"department":"区商务局","opinion":"pending"}'
[ "$(post tax "/api/round/applications/$id/opinions" '{"department":"区商务局","opinion":"agree"}')" = 409 ] || fail "a department answers for another"
# 部门联审's worklist: the department asked sees the case pending, another department sees nothing, staff are refused
[ "$(as commerce "$base/api/round/opinions?year=2025")" = 200 ] && grep -q "{\"id\":\"$id\",\"uscc\":\"$u1\"" "$tmp/body" \
  && grep -q '"opinion":"pending"' "$tmp/body" || fail "department worklist: $(cat "$tmp/body")"
[ "$(as tax "$base/api/round/opinions?year=2025")" = 200 ] && grep -q '"cases":\[\]' "$tmp/body" || fail "another department's worklist: $(cat "$tmp/body")"
[ "$(as clerk "$base/api/round/opinions?year=2025")" = 403 ] || fail "staff get a department's worklist"
[ "$(act reviewer "$id" propose)" = 409 ] || fail "proposed with the joint review pending"
grep -q '"reasons":\[{"code":"ROUND\.' "$tmp/body" || fail "refusal without reasons: $(cat "$tmp/body")"
must post commerce "/api/round/applications/$id/opinions" '{"opinion":"agree"}'
[ "$(as commerce "$base/api/round/opinions?year=2025")" = 200 ] && grep -q '"opinion":"agree","reason":null,"by":"commerce"' "$tmp/body" || fail "opinion given in the worklist: $(cat "$tmp/body")"
[ "$(act clerk "$id" propose)" = 409 ] || fail "a clerk proposes"
must act reviewer "$id" propose
must act reviewer "$id" publicise
grep -q '"publicity_until":"2025-09-07"' "$tmp/body" || fail "publicity window: $(cat "$tmp/body")"
# the staff's case shows the check re-run today and what the data meets
[ "$(as reviewer "$base/api/round/applications/$id")" = 200 ] || fail "case"
grep -q '"check":{"uscc"' "$tmp/body" && grep -q '"state":"publicity"' "$tmp/body" || fail "case content"

# A3.2 公示: public list, a public objection with a contact (never shown publicly)
[ "$(code "$base/api/public/publicity?year=2025")" = 200 ] || fail "publicity"
grep -q "\"id\":\"$id\"" "$tmp/body" || fail "not listed: $(cat "$tmp/body")"
grep -q "$canary" "$tmp/body" && fail "canary in the publicity list"
[ "$(code -H 'Content-Type: application/json' -H 'Origin: https://evil.example' -d "{\"application\":\"$id\",\"reason\":\"x\"}" "$base/api/public/objections")" = 403 ] || fail "cross-site objection"
[ "$(code -H 'Content-Type: application/json' -d "{\"application\":\"$id\",\"reason\":\"该店曾被投诉\",\"contact\":\"13900001111\"}" "$base/api/public/objections")" = 201 ] || fail "objection: $(cat "$tmp/body")"
objection=$(sed -n 's/.*"objection":\([0-9]*\).*/\1/p' "$tmp/body")
[ "$(code -H 'Content-Type: application/json' -d "{\"application\":\"$id\",\"reason\":\" \"}" "$base/api/public/objections")" = 409 ] || fail "blank objection"
"$g" audit list 2> /dev/null | grep -q 13900001111 && fail "objector's contact audited"
[ "$(act reviewer "$id" recognise)" = 409 ] || fail "recognised during publicity"

# After the window: the open objection blocks recognition until it is answered.
start 2025-09-10
got=$(act reviewer "$id" recognise)
[ "$got" = 409 ] || fail "recognised with an open objection: $got $(cat "$tmp/body"); server: $(tail -5 "$tmp/serve.err")"
grep -q 'ROUND\.' "$tmp/body" || fail "objection refusal: $(cat "$tmp/body")"
[ "$(code -H 'Content-Type: application/json' -d "{\"application\":\"$id\",\"reason\":\"late\"}" "$base/api/public/objections")" = 409 ] || fail "objection after the window"
[ "$(post tax "/api/round/applications/$id/objections/$objection/answer" '{"reply":"x"}')" = 403 ] || fail "a department answers"
must post clerk "/api/round/applications/$id/objections/$objection/answer" '{"reply":"经核实，投诉已处理完毕"}'
must act reviewer "$id" recognise
grep -q '"valid_until":"2028-09-09"' "$tmp/body" || fail "validity: $(cat "$tmp/body")"

# The public search shows the category and its validity; the certificate its QR code; no canary.
[ "$(code "$base/api/public/search?q=$u1")" = 200 ] || fail "search"
grep -q '"category":{"code":"characteristic"' "$tmp/body" && grep -q '"valid_until":"2028-09-09"' "$tmp/body" || fail "search category: $(cat "$tmp/body")"
grep -q "$canary" "$tmp/body" && fail "canary in the public search"
[ "$(code "$base/api/public/certificates/$u1")" = 200 ] || fail "certificate: $(cat "$tmp/body")"
grep -q '"qr_svg":"<svg' "$tmp/body" && grep -q "\"url\":\"http://127.0.0.1:[0-9]*/?q=$u1\"" "$tmp/body" || fail "certificate content: $(cat "$tmp/body")"
grep -q "$canary" "$tmp/body" && fail "canary in the certificate"
[ "$(code "$base/api/public/certificates/$u2")" = 404 ] || fail "certificate of a business not recognised"
# the owner sees its recognition and the reply
[ "$(as owner1 "$base/api/round/applications?year=2025")" = 200 ] && grep -q "\"id\":\"$id\"" "$tmp/body" || fail "owner's list"
[ "$(as owner2 "$base/api/round/applications?year=2025")" = 200 ] && ! grep -q "\"id\":\"$id\"" "$tmp/body" || fail "another owner's list"

# A3.3.4: the quota refuses over HTTP, with its figures, once it is used.
refused=
n=0
tail -n +3 "$tmp/candidates" | head -12 > "$tmp/more"
while read -r u && [ -z "$refused" ]; do
  n=$((n + 1))
  owner "o$n" "$u"
  post "o$n" /api/round/applications '{"category":"characteristic","claimed":["A"]}' > /dev/null
  i=$(json id)
  [ -n "$i" ] || continue
  [ "$(act "o$n" "$i" submit '"override_reason":"x"')" = 409 ] || fail "an owner overrides the calendar"
  [ "$(act "o$n" "$i" submit)" = 200 ] || continue
  act clerk "$i" accept > /dev/null; act clerk "$i" pass_review > /dev/null
  act clerk "$i" record_visit '"date":"2025-09-10","reason":"正常"' > /dev/null
  post clerk "/api/round/applications/$i/opinions" '{"department":"区商务局","opinion":"pending"}' > /dev/null
  post commerce "/api/round/applications/$i/opinions" '{"opinion":"agree"}' > /dev/null
  s=$(act reviewer "$i" propose)
  if [ "$s" = 409 ] && grep -q 'ROUND.QUOTA' "$tmp/body"; then refused=$i; break; fi
  [ "$s" = 200 ] || fail "propose $i: $(cat "$tmp/body")"
done < "$tmp/more"
[ -n "$refused" ] || fail "the quota ($quota) never refused"
grep -q '"article":"A3.3.4"' "$tmp/body" || fail "quota refusal article: $(cat "$tmp/body")"
[ "$(as clerk "$base/api/round/quota?year=2025")" = 200 ] && grep -q "\"quota\":$quota," "$tmp/body" || fail "quota route: $(cat "$tmp/body")"

# Worklists, comparison, statistics, the city report (HTTP and CLI), audited downloads.
[ "$(as clerk "$base/api/round/applications?year=2025&state=proposed,recognised&sort=name&order=desc&per_page=2&page=1")" = 200 ] || fail "worklist"
grep -q '"per_page":2' "$tmp/body" || fail "paging"
[ "$(as clerk "$base/api/round/applications?year=2025&state=nonsense")" = 400 ] || fail "bad filter"
[ "$(as reviewer "$base/api/round/candidates?year=2025&category=characteristic")" = 200 ] && grep -q '"rank":1' "$tmp/body" || fail "candidates: $(cat "$tmp/body")"
[ "$(as reviewer "$base/api/round/candidates?year=2025&category=characteristic&format=xlsx")" = 200 ] || fail "candidates xlsx"
head -c 2 "$tmp/body" | grep -q PK || fail "not an XLSX"
# the reviewer's notes: the reasons the case's history records for the review steps (here the visit's)
[ "$(as reviewer "$base/api/round/candidates?year=2025&category=characteristic")" = 200 ] && grep -q '"notes":"记录走访核实：正常"' "$tmp/body" || fail "candidates' notes: $(cat "$tmp/body")"
[ "$(as reviewer "$base/api/round/candidates?year=2025&category=characteristic&format=xlsx")" = 200 ] && cp "$tmp/body" "$tmp/compare.xlsx" || fail "candidates xlsx"
unzip -p "$tmp/compare.xlsx" 'xl/*.xml' | grep -q '审核意见' || fail "no notes column in the XLSX"
unzip -p "$tmp/compare.xlsx" 'xl/*.xml' | grep -q '记录走访核实：正常' || fail "no notes in the XLSX"
[ "$(as clerk "$base/api/round/stats?year=2025")" = 200 ] && grep -q '"recognised":1}' "$tmp/body" && grep -q '"by_state":{"draft"' "$tmp/body" || fail "stats: $(cat "$tmp/body")"
[ "$(as inspector "$base/api/round/recognitions?year=2025&format=csv")" = 200 ] || fail "city report"
head -1 "$tmp/body" | grep -q '^统一社会信用代码,名称,街道乡镇,行业,类别,认定途径,推荐部门,认定日期,有效期至,认定时分型,状态' || fail "report columns: $(head -1 "$tmp/body")"
grep -q "^$u1,.*,2025-09-10,2028-09-09,.*,有效" "$tmp/body" || fail "report row: $(cat "$tmp/body")"
grep -q "$canary" "$tmp/body" && fail "canary in the city report"
"$g" audit list 2> /dev/null | grep -q "round.export" || fail "report download not audited"
"$g" category report --year 2025 --format csv --output "$tmp/report.csv" 2> /dev/null || fail "cli report"
head -1 "$tmp/report.csv" | grep -q '^统一社会信用代码,名称,街道乡镇,行业,类别,认定途径,推荐部门,认定日期,有效期至,认定时分型,状态' || fail "cli report columns"
grep -q "$canary" "$tmp/report.csv" && fail "canary in the cli report"
"$g" category report --year 2025 --format xlsx --output "$tmp/report.xlsx" 2> /dev/null && head -c 2 "$tmp/report.xlsx" | grep -q PK || fail "cli xlsx"
"$g" category report --year 2025 --format xlsx --output - 2> /dev/null && fail "xlsx to stdout"
# the city's spot check asks for material by a date
must act clerk "$id" report
must act inspector "$id" spot_request '"date":"2025-09-30","reason":"补充有机认证原件"'
[ "$(as reviewer "$base/api/round/recheck?year=2025")" = 200 ] || fail "recheck"
[ "$(as reviewer "$base/api/round/evaluations?year=2025")" = 200 ] || fail "evaluations"
[ "$(as reviewer "$base/api/round/reports-due?year=2025")" = 200 ] || fail "reports due"
# the owner files the year's information report; staff see it listed with its id, confirm it, and see it confirmed
must post owner1 "/api/round/applications/$id/reports" '{"changes":"新增门店一处"}'
rep=$(sed -n 's/.*"record":\([0-9]*\).*/\1/p' "$tmp/body")
[ -n "$rep" ] || fail "report id: $(cat "$tmp/body")"
[ "$(as clerk "$base/api/round/reports?year=2025")" = 200 ] && grep -q "{\"id\":$rep,\"application\":\"$id\",\"uscc\":\"$u1\"" "$tmp/body" \
  && grep -q '"changes":"新增门店一处"' "$tmp/body" && grep -q '"status":"filed"' "$tmp/body" || fail "reports list: $(cat "$tmp/body")"
[ "$(as owner1 "$base/api/round/reports?year=2025")" = 403 ] || fail "owner lists reports"
[ "$(post clerk "/api/round/reports/$rep/check" '{"confirmed":false,"note":" "}')" = 409 ] || fail "query without a question"
must post clerk "/api/round/reports/$rep/check" '{"confirmed":true}'
[ "$(as reviewer "$base/api/round/reports?year=2025")" = 200 ] && grep -q '"status":"confirmed","checked_by":"clerk"' "$tmp/body" || fail "report confirmed: $(cat "$tmp/body")"
[ "$(as reviewer "$base/api/round/reports?year=2024")" = 200 ] && grep -q '"reports":\[\]' "$tmp/body" || fail "another year's reports: $(cat "$tmp/body")"
# A3.2.1 after the recognition deadline: the calendar refuses; an administrator lifts it with a reason (audited), the
# other guards still hold (here the quota).
start 2025-12-01
login admin password-of-admin
[ "$(act reviewer "$refused" propose)" = 409 ] && grep -q 'ROUND.CALENDAR' "$tmp/body" || fail "late proposal: $(cat "$tmp/body")"
[ "$(act admin "$refused" propose '"override_reason":" "')" = 409 ] && grep -q 'ROUND.OVERRIDE_REASON' "$tmp/body" || fail "override without reason: $(cat "$tmp/body")"
[ "$(act admin "$refused" propose '"override_reason":"12月1日系统故障，经局长同意补办"')" = 409 ] || fail "override past the quota"
grep -q 'ROUND.CALENDAR' "$tmp/body" && fail "the override did not lift the calendar: $(cat "$tmp/body")"
grep -q 'ROUND.QUOTA' "$tmp/body" || fail "the override lifted the quota: $(cat "$tmp/body")"
# another role's late step (decision 84): the administrator grants the override ahead, with a reason (audited); the
# owner's late submission uses it and spends it
must post owner2 /api/round/applications '{"category":"characteristic","claimed":["A"],"statement":"迟交的申报"}'
late=$(sed -n 's/.*"id":"\([0-9-]*\)".*/\1/p' "$tmp/body")
[ "$(act owner2 "$late" submit)" = 409 ] && grep -q 'ROUND.CALENDAR' "$tmp/body" || fail "late submission: $(cat "$tmp/body")"
[ "$(post clerk "/api/round/applications/$late/overrides" '{"action":"submit","reason":"x"}')" = 403 ] || fail "a clerk grants an override"
[ "$(post admin "/api/round/applications/$late/overrides" '{"action":"submit","reason":" "}')" = 409 ] || fail "a grant without reason"
[ "$(post admin "/api/round/applications/$late/overrides" '{"action":"nonsense","reason":"x"}')" = 400 ] || fail "a grant of no action"
must post admin "/api/round/applications/$late/overrides" '{"action":"submit","reason":"经营者11月30日系统故障未能提交，经局长同意"}'
[ "$(post admin "/api/round/applications/$late/overrides" '{"action":"submit","reason":"again"}')" = 400 ] || fail "a second grant: $(cat "$tmp/body")"
"$g" audit list 2> /dev/null | grep -q "round.override.grant" || fail "grant not audited"
must act owner2 "$late" submit
[ "$(as admin "$base/api/round/applications/$late")" = 200 ] && grep -q '"override_reason":"经营者11月30日系统故障未能提交，经局长同意"' "$tmp/body" || fail "the history does not show the override: $(cat "$tmp/body")"
"$g" audit verify > /dev/null 2>&1 || fail "audit chain"
echo "round: the walk from application to certificate, evidence, privacy, quota and reports over HTTP"
