#!/usr/bin/env bash
# Objections to a typing result over real HTTP (RULES.md A1.2.3, S3(三); issue 10 §4):
# an owner objects with evidence, a clerk asks the tax bureau, the bureau answers,
# the clerk upholds with a correction; the business is re-typed with the run's own
# parameters, the public search and the business page show the corrected type (经异议更正)
# and the reply both results. Another objection is rejected with a reply citing the
# article. An owner never sees another's objection, nor a department one it was not
# asked about. Every step is audited.
set -u
g=$1
. "$(dirname "$0")/lib.sh"
api_init
A=92110115MA0009001F
B=92110115MA0009002J
# Two survival businesses: 2024 revenue 100000 and tax paid 1000 yuan, below the growth thresholds.
for u in $A $B; do
  printf '{"uscc":"%s","name":"北京市大兴区异议示例店%s","operator_name":"金丝雀CANARY","operator_id":"110115199001011234","established":"2015-05-12","status":"registered","town":"黄村镇","industry":"H6210","tax_registered":true,"annual_reports":[{"year":2024,"filed_on":"2025-05-20","revenue":"100000","employees":2}],"tax_paid":[{"year":2024,"amount":"1000"}]}\n' "$u" "${u: -2}"
done > "$tmp/d.jsonl"
"$g" import --source dossiers "$tmp/d.jsonl" > /dev/null 2>&1 || fail "import"
"$g" run --year 2025 > /dev/null 2>&1 || fail "run"
"$g" publish --run 1 > /dev/null || fail "publish"
api_user clerk clerk
api_user reviewer reviewer
api_user tax department --department 区税务局
api_user commerce department --department 区商务局

api_serve --today 2025-09-01
as() { local who=$1; shift; code -b "$tmp/$who.jar" -H "X-CSRF-Token: $(cat "$tmp/$who.csrf")" "$@"; }
post() { local who=$1 path=$2 body=$3; shift 3; as "$who" -H 'Content-Type: application/json' -d "$body" "$@" "$base$path"; }
must() { local got; got=$("$@"); [ "$got" = 200 ] || [ "$got" = 201 ] || fail "$* -> $got $(cat "$tmp/body")"; }
idof() { sed -n 's/.*"id":\([0-9]*\).*/\1/p' "$tmp/body" | head -1; }
for u in clerk reviewer tax commerce; do login $u; done
api_owner ownerA "$A"
api_owner ownerB "$B"

[ "$(code "$base/api/public/search?q=$A")" = 200 ] && grep -q '"type":"survival"' "$tmp/body" || fail "published survival: $(cat "$tmp/body")"

# Filing: only for the owner's own business, a known condition and a statement.
[ "$(post ownerA /api/objections "{\"uscc\":\"$B\",\"year\":2025,\"code\":\"MISSED.GROWTH.B\",\"statement\":\"x\"}")" = 409 ] || fail "another's business: $(cat "$tmp/body")"
[ "$(post ownerA /api/objections '{"year":2025,"code":"NO.SUCH","statement":"x"}')" = 400 ] || fail "unknown code"
[ "$(post ownerA /api/objections '{"year":2025,"code":"MISSED.GROWTH.B","statement":"  "}')" = 400 ] || fail "blank statement"
[ "$(post ownerA /api/objections '{"year":2024,"code":"MISSED.GROWTH.B","statement":"x"}')" = 409 ] || fail "unpublished year"
must post ownerA /api/objections '{"year":2025,"code":"MISSED.GROWTH.B","statement":"2024年实缴税款应为5000元，系统漏记"}'
oa=$(idof)
[ "$(post ownerA /api/objections '{"year":2025,"code":"MISSED.GROWTH.A","statement":"again"}')" = 409 ] || fail "second open objection"
printf '%%PDF-1.4\n%% 完税证明\n%%%%EOF\n' > "$tmp/proof.pdf"
must as ownerA -H 'Content-Type: application/pdf' --data-binary @"$tmp/proof.pdf" "$base/api/objections/$oa/files?name=proof.pdf"
fa=$(idof)
[ "$(as ownerA -H 'Content-Type: image/png' --data-binary @"$tmp/proof.pdf" "$base/api/objections/$oa/files?name=x.png")" = 400 ] || fail "forged type"
[ "$(as ownerA "$base/api/objections/files/$fa")" = 200 ] && cmp -s "$tmp/body" "$tmp/proof.pdf" || fail "the owner downloads its file"
grep -qi '^content-disposition: attachment' "$tmp/headers" || fail "file served as an attachment"

must post ownerB /api/objections '{"year":2025,"code":"MISSED.GROWTH.A","statement":"营业收入应为35万元"}'
ob=$(idof)
# An owner sees its own only: another's objection is as if it did not exist.
[ "$(as ownerA "$base/api/objections/$ob")" = 404 ] || fail "owner A reads B's objection"
must as ownerA "$base/api/objections"
grep -q "\"uscc\":\"$B\"" "$tmp/body" && fail "owner A lists B's objection"
grep -q '"total":1' "$tmp/body" || fail "owner A's list: $(cat "$tmp/body")"

# The queue: both, with their age; none overdue on the day they are filed.
must as clerk "$base/api/objections?status=filed"
grep -q '"total":2' "$tmp/body" && grep -q '"age_days":0' "$tmp/body" || fail "queue: $(cat "$tmp/body")"
must as reviewer "$base/api/objections?overdue=1"
grep -q '"total":0' "$tmp/body" || fail "overdue on day 0: $(cat "$tmp/body")"
grep -q 'CANARY\|110115199001011234' "$tmp/body" && fail "personal data in the queue"

# The clerk asks the tax bureau (the owner of the tax extract); the bureau sees it, commerce does not.
[ "$(post reviewer "/api/objections/$oa/verify" '{}')" = 403 ] || fail "reviewer asks"
must post clerk "/api/objections/$oa/verify" '{}'
must as tax "$base/api/objections"
grep -q "\"id\":$oa" "$tmp/body" && grep -q '"department":"区税务局"' "$tmp/body" || fail "tax list: $(cat "$tmp/body")"
must as commerce "$base/api/objections"
grep -q '"total":0' "$tmp/body" || fail "commerce sees the tax bureau's objection"
[ "$(as commerce "$base/api/objections/$oa")" = 404 ] || fail "commerce reads it"
[ "$(as commerce "$base/api/objections/files/$fa")" = 404 ] || fail "commerce downloads its file"
[ "$(as ownerB "$base/api/objections/files/$fa")" = 404 ] || fail "another owner downloads its file"
[ "$(as tax "$base/api/objections/files/$fa")" = 200 ] || fail "the bureau asked reads the evidence"
[ "$(post commerce "/api/objections/$oa/answer" '{"correct":false,"value":"5000"}')" = 404 ] || fail "commerce answers"
[ "$(post tax "/api/objections/$oa/answer" '{"correct":false}')" = 400 ] || fail "wrong without value"
must post tax "/api/objections/$oa/answer" '{"correct":false,"value":"5000","note":"系统漏记一笔入库税款"}'

# Upheld: the fact corrected, re-typed with the run's parameters, the public sees the new type.
[ "$(post clerk "/api/objections/$oa/uphold" '{"field":"tax_paid","value":"5000"}')" = 400 ] || fail "correction without year"
must post clerk "/api/objections/$oa/uphold" '{"field":"tax_paid","year":2024,"value":"5000","evidence":"区税务局核实答复"}'
[ "$(code "$base/api/public/search?q=$A")" = 200 ] || fail "public search"
grep -q '"type":"growth"' "$tmp/body" && grep -q '经异议更正' "$tmp/body" || fail "public sees the correction: $(cat "$tmp/body")"
must as ownerA "$base/api/businesses/$A"
grep -q '"type":"growth"' "$tmp/body" && grep -q '"corrected":true' "$tmp/body" || fail "owner page: $(cat "$tmp/body")"
must as ownerA "$base/api/objections/$oa"
grep -q '"status":"upheld"' "$tmp/body" || fail "status upheld"
grep -q '"old_result":{"type":"survival"' "$tmp/body" && grep -q '"new_result":{"type":"growth"' "$tmp/body" \
  || fail "the reply shows both results: $(cat "$tmp/body")"
grep -q '"code":"GROWTH.B"' "$tmp/body" && grep -q '"old_value":"1000.00"' "$tmp/body" || fail "explanations and the correction"
"$g" export --year 2025 --format csv 2> /dev/null | grep "^$A," | grep -q growth || fail "export reads the correction"
# Entitlements follow the correction (issue 10 §2): the growth measures now, the survival ones gone, and
# the change recorded under the objection.
must as ownerA "$base/api/businesses/$A"
grep -q '"id":"A2(二)1"' "$tmp/body" && ! grep -q '"id":"A2(一)1"' "$tmp/body" || fail "entitlements follow: $(cat "$tmp/body")"
must as clerk "$base/api/measures/changes?kind=correction&ref=$oa"
grep -q "\"uscc\":\"$A\"" "$tmp/body" && grep -q 'A2(二)1' "$tmp/body" || fail "correction change recorded: $(cat "$tmp/body")"
[ "$(post clerk "/api/objections/$oa/reject" '{"reply":"late"}')" = 409 ] || fail "decided twice"

# Rejected with a written reply citing the article; the result stays.
[ "$(post clerk "/api/objections/$ob/reject" '{}')" = 400 ] || fail "reject without reply"
must post clerk "/api/objections/$ob/reject" '{"reply":"年报所载营业收入为10万元，经核对无误。"}'
must as ownerB "$base/api/objections/$ob"
grep -q '"status":"rejected"' "$tmp/body" && grep -q 'A1.2.3' "$tmp/body" && grep -q 'A1.3.2(2)A' "$tmp/body" \
  || fail "rejection reply: $(cat "$tmp/body")"
[ "$(code "$base/api/public/search?q=$B")" = 200 ] && grep -q '"type":"survival"' "$tmp/body" || fail "B unchanged"
grep -q '经异议更正' "$tmp/body" && fail "B marked corrected"

# Every step audited.
for a in objection.file.read objection.file objection.evidence objection.verify objection.answer objection.uphold objection.reject; do
  "$g" audit list --action "$a" 2> /dev/null | grep -q "$a" || fail "no audit entry $a"
done
"$g" audit verify > /dev/null 2>&1 || fail "audit chain"
echo "objections: upheld end to end, rejected with its article, scoped reads, audited"
