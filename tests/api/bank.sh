#!/usr/bin/env bash
# The bank channel over real HTTP (issue 10 §5, decisions 110-116): an owner grants a bank consent; the bank sees
# exactly the businesses consenting to it today (another bank sees none; an expired or future consent is not in
# force; the scopes limit the figures); a look-up is recorded and the owner sees it; a withdrawal refuses the
# bank's next request at once; personal data never reaches a bank; who may call what.
set -u
g=$1
ex=$2
. "$(dirname "$0")/lib.sh"
api_init
api_examples "$ex"
"$g" import --source insurance "$ex/insurance.csv" > /dev/null 2>&1 || fail "import insurance"
A=中国农业银行北京大兴支行
B=北京农商银行黄村支行
U1=92110115MA00001014 # 福顺小吃店, operator 张三
U2=92110115MA00001027 # 瑞丰便利店, operator 李四
api_user banka bank --bank "$A"
api_user banka2 bank --bank "$A"
api_user bankb bank --bank "$B"
api_user clerk clerk
echo "password-of-x" | "$g" user add --username nobank --role bank --password-stdin > /dev/null 2>&1 && fail "a bank account without its bank"
echo "password-of-x" | "$g" user add --username clerkx --role clerk --bank "$A" --password-stdin > /dev/null 2>&1 && fail "--bank for a clerk"

api_serve --today 2026-03-01
as() { local who=$1; shift; code -b "$tmp/$who.jar" "$@"; }
post() { # who path json
  code -b "$tmp/$1.jar" -H "X-CSRF-Token: $(cat "$tmp/$1.csrf")" -H 'Content-Type: application/json' -d "$3" "$base$2"
}
for u in banka banka2 bankb clerk; do login $u; done
api_owner owner1 $U1
api_owner owner2 $U2
personal='张三\|李四\|110115199001011234\|110115198502023456\|"operator'

# The banks the owner may choose from.
[ "$(as owner1 "$base/api/banks")" = 200 ] || fail "banks"
grep -q "\"banks\":\[\"$B\",\"$A\"\]\|\"banks\":\[\"$A\",\"$B\"\]" "$tmp/body" || fail "banks listed once each: $(cat "$tmp/body")"

# Before any consent a bank sees nothing, and a business answers 404 as if unknown.
[ "$(as banka "$base/api/bank/businesses")" = 200 ] || fail "empty list"
grep -q '"businesses":\[\]' "$tmp/body" || fail "no consent, no business: $(cat "$tmp/body")"
[ "$(as banka "$base/api/bank/businesses/$U1")" = 404 ] || fail "look-up without consent"
[ "$(as banka "$base/api/businesses/$U1")" = 403 ] || fail "a bank through the staff route"

# Grants: checked.
[ "$(post owner1 /api/consents "{\"bank\":\"不存在银行\",\"from\":\"2026-03-01\",\"to\":\"2026-12-31\",\"scopes\":[]}")" = 400 ] || fail "unknown bank"
[ "$(post owner1 /api/consents "{\"bank\":\"$A\",\"from\":\"2026-05-01\",\"to\":\"2026-04-01\",\"scopes\":[]}")" = 400 ] || fail "to before from"
[ "$(post owner1 /api/consents "{\"bank\":\"$A\",\"from\":\"2025-01-01\",\"to\":\"2026-02-28\",\"scopes\":[]}")" = 400 ] || fail "a span that is over"
[ "$(post owner1 /api/consents "{\"bank\":\"$A\",\"from\":\"2026-03-01\",\"to\":\"2026-12-31\",\"scopes\":[\"phone\"]}")" = 400 ] || fail "unknown scope"
[ "$(code -b "$tmp/owner1.jar" -H 'Content-Type: application/json' -d "{\"bank\":\"$A\",\"from\":\"2026-03-01\",\"to\":\"2026-12-31\"}" "$base/api/consents")" = 403 ] || fail "grant without CSRF"
[ "$(dbq "SELECT count(*) FROM bank_consents")" = 0 ] || fail "a refused grant was stored"

# owner1 consents to bank A (type and category, plus the annual report); owner2 to bank A only from next month,
# and to bank B with every figure.
[ "$(post owner1 /api/consents "{\"bank\":\"$A\",\"from\":\"2026-03-01\",\"to\":\"2026-12-31\",\"scopes\":[\"report\"]}")" = 201 ] || fail "grant: $(cat "$tmp/body")"
c1=$(sed -n 's/.*"id":\([0-9]*\).*/\1/p' "$tmp/body")
[ "$(post owner1 /api/consents "{\"bank\":\"$A\",\"from\":\"2026-06-01\",\"to\":\"2027-01-31\",\"scopes\":[]}")" = 400 ] || fail "overlapping grant"
[ "$(post owner2 /api/consents "{\"bank\":\"$A\",\"from\":\"2026-04-01\",\"to\":\"2026-12-31\",\"scopes\":[\"report\",\"tax\",\"insured\"]}")" = 201 ] || fail "future grant"
[ "$(post owner2 /api/consents "{\"bank\":\"$B\",\"from\":\"2026-01-01\",\"to\":\"2026-03-01\",\"scopes\":[\"report\",\"tax\",\"insured\"]}")" = 201 ] || fail "grant B"
dbq "SELECT count(*) FROM audit WHERE action = 'bank.consent.grant' AND actor = 'owner1'" | grep -qx 1 || fail "grant not audited"

# Bank A sees exactly U1 (U2's consent starts next month); both of its accounts do. Scope: annual reports, not tax.
for who in banka banka2; do
  [ "$(as $who "$base/api/bank/businesses")" = 200 ] || fail "$who list"
  grep -q "\"uscc\":\"$U1\"" "$tmp/body" || fail "$who does not see U1: $(cat "$tmp/body")"
  grep -q "$U2" "$tmp/body" && fail "$who sees a future consent: $(cat "$tmp/body")"
done
grep -q '"annual_reports":\[{"year":2024,"revenue":"350000.00","employees":2}\]' "$tmp/body" || fail "report scope: $(cat "$tmp/body")"
grep -q '"tax_paid"\|"insured"' "$tmp/body" && fail "figures beyond the consent: $(cat "$tmp/body")"
grep -q '"year":2025,"type":"' "$tmp/body" || fail "the published type: $(cat "$tmp/body")"
grep -q "$personal" "$tmp/body" && fail "personal data to a bank: $(cat "$tmp/body")"
# Bank B: U2 (its consent ends today, inclusive) with every figure; not U1.
[ "$(as bankb "$base/api/bank/businesses")" = 200 ] || fail "bankb list"
grep -q "$U1" "$tmp/body" && fail "bank B sees a consent to bank A"
grep -q "\"uscc\":\"$U2\"" "$tmp/body" || fail "bank B: U2 $(cat "$tmp/body")"
grep -q '"tax_paid":\[{"year":2024,"amount":"32000.00"}\]' "$tmp/body" || fail "tax scope: $(cat "$tmp/body")"
grep -q '"insured":\[{"year":2024,"count":5}\]' "$tmp/body" || fail "insured scope: $(cat "$tmp/body")"
grep -q "$personal" "$tmp/body" && fail "personal data to bank B"
[ "$(as bankb "$base/api/bank/businesses/$U1")" = 404 ] || fail "bank B looks U1 up"
# Paging: one at a time.
[ "$(as banka "$base/api/bank/businesses?limit=1")" = 200 ] || fail "page"
grep -q "\"next\":\"$U1\"" "$tmp/body" || fail "next page key: $(cat "$tmp/body")"
[ "$(as banka "$base/api/bank/businesses?limit=1&after=$U1")" = 200 ] || fail "page 2"
grep -q '"businesses":\[\],"next":null' "$tmp/body" || fail "page 2 empty: $(cat "$tmp/body")"
[ "$(as banka "$base/api/bank/businesses?limit=201")" = 400 ] || fail "limit too large"

# A look-up: answered, recorded per business and audited, and the owner sees it.
[ "$(as banka "$base/api/bank/businesses/$U1")" = 200 ] || fail "look-up"
grep -q "\"uscc\":\"$U1\"" "$tmp/body" || fail "look-up body"
grep -q '"source":"run","source_label":"区级分型"' "$tmp/body" || fail "the result's source: $(cat "$tmp/body")"
grep -q "$personal" "$tmp/body" && fail "personal data in a look-up"
dbq "SELECT count(*) FROM audit WHERE action = 'bank.lookup' AND actor = 'banka'" | grep -qx 1 || fail "look-up not audited"
[ "$(as banka "$base/api/bank/export")" = 200 ] || fail "download"
head -c 2 "$tmp/body" | grep -q PK || fail "download is not XLSX"
unzip -p "$tmp/body" xl/worksheets/sheet1.xml > "$tmp/sheet.xml" || fail "xlsx unreadable"
grep -q "$U1" "$tmp/sheet.xml" && grep -q '350000.00' "$tmp/sheet.xml" || fail "download lacks U1's report: $(head -c 3000 "$tmp/sheet.xml")"
grep -q "$U2\|1200.00\|张三" "$tmp/sheet.xml" && fail "download holds more than U1's consent allows"
dbq "SELECT count(*) FROM audit WHERE action = 'bank.download' AND actor = 'banka'" | grep -qx 1 || fail "download not audited"
[ "$(as owner1 "$base/api/consents")" = 200 ] || fail "owner's consents"
grep -q "\"id\":$c1,\"bank\":\"$A\",\"from\":\"2026-03-01\",\"to\":\"2026-12-31\",\"scopes\":\[\"report\"\]" "$tmp/body" || fail "consent listed: $(cat "$tmp/body")"
grep -q '"status":"in_force"' "$tmp/body" || fail "in force"
grep -q "{\"bank\":\"$A\",\"at\":\"[0-9T:Z-]*\",\"what\":\"lookup\",\"scopes\":\[\"report\"\]}" "$tmp/body" || fail "owner sees the look-up: $(cat "$tmp/body")"
grep -q '"what":"download"' "$tmp/body" || fail "owner sees the download"
grep -q '"what":"list"' "$tmp/body" || fail "owner sees the list"
[ "$(as owner2 "$base/api/consents")" = 200 ] || fail "owner2 consents"
grep -q "\"bank\":\"$A\"" "$tmp/body" && ! grep -q '"status":"future"' "$tmp/body" && fail "future status"
grep -q "\"what\":\"lookup\"" "$tmp/body" && fail "owner2 sees a look-up that was not of it"

# Withdrawal: only the owner's own, and the bank's next request is refused at once.
[ "$(post owner2 /api/consents/$c1/withdraw '{}')" = 404 ] || fail "another owner withdraws"
[ "$(post owner1 /api/consents/$c1/withdraw '{}')" = 200 ] || fail "withdraw: $(cat "$tmp/body")"
[ "$(as banka "$base/api/bank/businesses/$U1")" = 404 ] || fail "withdrawn consent still answers"
[ "$(as banka "$base/api/bank/businesses")" = 200 ] || fail "list after withdrawal"
grep -q "$U1" "$tmp/body" && fail "withdrawn consent still listed"
[ "$(post owner1 /api/consents/$c1/withdraw '{}')" = 404 ] || fail "withdrawn twice"
dbq "SELECT count(*) FROM audit WHERE action = 'bank.consent.withdraw' AND actor = 'owner1'" | grep -qx 1 || fail "withdrawal not audited"
[ "$(as owner1 "$base/api/consents")" = 200 ] && grep -q '"status":"withdrawn"' "$tmp/body" || fail "withdrawn status"
# Once withdrawn the same days may be granted again.
[ "$(post owner1 /api/consents "{\"bank\":\"$A\",\"from\":\"2026-03-01\",\"to\":\"2026-03-31\",\"scopes\":[]}")" = 201 ] || fail "grant again"

# An expired consent (the server a day later): bank B no longer sees U2.
api_serve --today 2026-03-02
[ "$(as bankb "$base/api/bank/businesses/$U2")" = 404 ] || fail "expired consent answers"
[ "$(as bankb "$base/api/bank/businesses")" = 200 ] && grep -q '"businesses":\[\]' "$tmp/body" || fail "expired consent listed"

# Who may call what.
for who in clerk banka; do
  [ "$(as $who "$base/api/consents")" = 403 ] || fail "$who reads consents"
  [ "$(post $who /api/consents '{}')" = 403 ] || fail "$who grants"
done
for who in clerk owner1; do
  [ "$(as $who "$base/api/bank/businesses")" = 403 ] || fail "$who lists as a bank"
  [ "$(as $who "$base/api/bank/export")" = 403 ] || fail "$who downloads as a bank"
done
[ "$(as banka "$base/api/banks")" = 403 ] || fail "a bank lists banks"
[ "$(code "$base/api/bank/businesses")" = 401 ] || fail "anonymous bank list"
"$g" audit verify > /dev/null || fail "audit chain"
echo "bank: consent, scopes, access log, withdrawal and roles hold"
