#!/usr/bin/env bash
# Accounts and owners' access codes in the console over real HTTP (issue 11 §2, decisions 160-165): the
# administrator adds an account that then signs in; disabling ends its session at once (401) and refuses its
# sign-in; enabling and a password reset (given or generated) work; an admin cannot disable itself or the last
# admin; a clerk gets 403 on the account routes but issues owners' codes; a re-issued code works exactly once and
# the earlier unused code no longer works; the audit trail names each action, pages by cursor and filters.
set -u
g=$1
ex=$2
. "$(dirname "$0")/lib.sh"
api_init
api_examples "$ex"
api_user admin admin
api_user clerk clerk
api_serve
login admin
login clerk
at=$(cat "$tmp/admin.csrf")
ct=$(cat "$tmp/clerk.csrf")
post() { # jar csrf path [json]
  code -b "$tmp/$1.jar" -H "X-CSRF-Token: $2" -H 'Content-Type: application/json' -X POST -d "${4:-{\}}" "$base$3"
}
id_of() { # the account id of username $1 in the list
  code -b "$tmp/admin.jar" "$base/api/accounts" > /dev/null
  sqlite3 :memory: "SELECT json_extract(value,'\$.id') FROM json_each(json_extract(CAST(readfile('$tmp/body') AS TEXT),'\$.accounts')) WHERE json_extract(value,'\$.username')='$1'"
}
audited() { dbq "SELECT count(*) FROM audit WHERE action='$1' AND actor='$2' AND object LIKE '%$3%'"; }

# The list: every account with its role, unit and state, and the units to choose from.
[ "$(code -b "$tmp/admin.jar" "$base/api/accounts")" = 200 ] || fail "list: $(cat "$tmp/body")"
grep -q '"username":"clerk","role":"clerk"' "$tmp/body" || fail "list lacks clerk"
grep -q '"departments":\[.*"区税务局"' "$tmp/body" || fail "list lacks departments"
grep -q '"towns":\[.*"黄村镇"' "$tmp/body" || fail "list lacks the directory's towns"
grep -q 'password_hash\|argon2' "$tmp/body" && fail "list shows password hashes"
grep -q '"username":"admin"[^}]*"last_login_at":"20' "$tmp/body" || fail "last sign-in not shown"

# Adding: the command line's checks, then the new account signs in.
[ "$(post admin "$at" /api/accounts '{"username":"tax1","role":"department","unit":"区税务局","password":"short"}')" = 400 ] || fail "short password accepted"
[ "$(post admin "$at" /api/accounts '{"username":"tax1","role":"department","unit":"区税务","password":"password-of-tax1"}')" = 400 ] || fail "unknown department accepted"
[ "$(post admin "$at" /api/accounts '{"username":"t1","role":"town","unit":"区商务局","password":"password-of-t1"}')" = 400 ] || fail "town not a town accepted"
[ "$(post admin "$at" /api/accounts '{"username":"tax1","role":"department","unit":"区税务局","password":"password-of-tax1"}')" = 201 ] || fail "add: $(cat "$tmp/body")"
grep -q '"password"' "$tmp/body" && fail "a given password is echoed"
[ "$(post admin "$at" /api/accounts '{"username":"tax1","role":"clerk","password":"password-of-tax1"}')" = 400 ] || fail "name taken accepted"
[ "$(post admin "$at" /api/accounts '{"username":"gen1","role":"reviewer","generate":true}')" = 201 ] || fail "add generated: $(cat "$tmp/body")"
gen=$(sed -n 's/.*"password":"\([^"]*\)".*/\1/p' "$tmp/body")
[ ${#gen} -ge 10 ] || fail "generated password: $(cat "$tmp/body")"
login gen1 "$gen"
login tax1
[ "$(code -b "$tmp/tax1.jar" "$base/api/me")" = 200 ] && grep -q '"department":"区税务局"' "$tmp/body" || fail "new account's unit"
[ "$(audited user.add admin tax1)" = 1 ] || fail "user.add not audited"

# Disabling ends the session at once and refuses sign-in; enabling lets it in again.
tid=$(id_of tax1)
[ -n "$tid" ] || fail "tax1 id"
[ "$(post admin "$at" "/api/accounts/$tid/disable")" = 200 ] || fail "disable: $(cat "$tmp/body")"
[ "$(code -b "$tmp/tax1.jar" "$base/api/me")" = 401 ] || fail "disabled account's session still works"
[ "$(code -H 'Content-Type: application/json' -d '{"username":"tax1","password":"password-of-tax1"}' "$base/api/session")" = 401 ] || fail "disabled account signs in"
code -b "$tmp/admin.jar" "$base/api/accounts" > /dev/null
grep -q '"username":"tax1"[^}]*"disabled":true' "$tmp/body" || fail "list shows disabled"
[ "$(post admin "$at" "/api/accounts/$tid/enable")" = 200 ] || fail "enable"
login tax1
[ "$(audited user.disable admin tax1)" = 1 ] && [ "$(audited user.enable admin tax1)" = 1 ] || fail "disable/enable not audited"

# Password reset: a given one, then a generated one shown once; the old password stops working.
[ "$(post admin "$at" "/api/accounts/$tid/password" '{"password":"short"}')" = 400 ] || fail "short reset accepted"
[ "$(post admin "$at" "/api/accounts/$tid/password" '{"password":"new-password-of-tax1"}')" = 200 ] || fail "reset"
[ "$(code -b "$tmp/tax1.jar" "$base/api/me")" = 401 ] || fail "session survives a reset"
login tax1 new-password-of-tax1
[ "$(post admin "$at" "/api/accounts/$tid/password" '{"generate":true}')" = 200 ] || fail "reset generated"
gen2=$(sed -n 's/.*"password":"\([^"]*\)".*/\1/p' "$tmp/body")
login tax1 "$gen2"
[ "$(code -H 'Content-Type: application/json' -d '{"username":"tax1","password":"new-password-of-tax1"}' "$base/api/session")" = 401 ] || fail "old password still works"
[ "$(audited user.passwd admin tax1)" = 2 ] || fail "user.passwd not audited"
[ "$(post admin "$at" /api/accounts/999/disable)" = 404 ] || fail "unknown account"

# An admin cannot disable itself, nor the last enabled admin (the command line neither).
aid=$(id_of admin)
[ "$(post admin "$at" "/api/accounts/$aid/disable")" = 409 ] || fail "admin disabled itself"
"$g" user disable --username admin > /dev/null 2>&1 && fail "CLI disabled the last admin"
[ "$(post admin "$at" /api/accounts '{"username":"admin2","role":"admin","password":"password-of-admin2"}')" = 201 ] || fail "add admin2"
login admin2
[ "$(post admin2 "$(cat "$tmp/admin2.csrf")" "/api/accounts/$aid/disable")" = 200 ] || fail "admin2 disables admin"
[ "$(code -b "$tmp/admin2.jar" "$base/api/accounts")" = 200 ] || fail "admin2 list"
"$g" user enable --username admin > /dev/null || fail "CLI enable"
login admin
at=$(cat "$tmp/admin.csrf")

# The clerk: 403 on every account route (and without CSRF the admin gets 403 too).
[ "$(code -b "$tmp/clerk.jar" "$base/api/accounts")" = 403 ] || fail "clerk lists accounts"
[ "$(post clerk "$ct" /api/accounts '{"username":"x","role":"clerk","password":"password-of-x1"}')" = 403 ] || fail "clerk adds"
[ "$(post clerk "$ct" "/api/accounts/$tid/disable")" = 403 ] || fail "clerk disables"
[ "$(post clerk "$ct" "/api/accounts/$tid/enable")" = 403 ] || fail "clerk enables"
[ "$(post clerk "$ct" "/api/accounts/$tid/password" '{"generate":true}')" = 403 ] || fail "clerk resets"
[ "$(post admin nope "/api/accounts/$tid/disable")" = 403 ] || fail "disable without CSRF"
login tax1 "$gen2"
[ "$(post tax1 "$(cat "$tmp/tax1.csrf")" /api/access-codes '{"uscc":"92110115MA00001014"}')" = 403 ] || fail "department issues a code"

# Access codes: the clerk issues one for a business without an owner's account (made now), re-issues, and only
# the newest works, exactly once.
U=92110115MA00001014
[ "$(post clerk "$ct" /api/access-codes '{"uscc":"123"}')" = 400 ] || fail "bad USCC accepted"
[ "$(post clerk "$ct" /api/access-codes '{"uscc":"91110000000000000X"}')" != 201 ] || fail "unknown business got a code"
[ "$(post clerk "$ct" /api/access-codes "{\"uscc\":\"$U\"}")" = 201 ] || fail "issue: $(cat "$tmp/body")"
grep -q '"account_created":true' "$tmp/body" && grep -q '"name":"北京市大兴区福顺小吃店"' "$tmp/body" || fail "issue answer: $(cat "$tmp/body")"
c1=$(sed -n 's/.*"code":"\([A-Z0-9]*\)".*/\1/p' "$tmp/body")
[ ${#c1} = 16 ] || fail "code length"
dbq "SELECT count(*) FROM access_codes WHERE code_hash LIKE '%$c1%'" | grep -qx 0 || fail "code stored in clear"
[ "$(post clerk "$ct" /api/access-codes "{\"uscc\":\"$U\",\"days\":3}")" = 201 ] || fail "re-issue"
grep -q '"account_created":false' "$tmp/body" && grep -q '"revoked":1' "$tmp/body" || fail "re-issue answer: $(cat "$tmp/body")"
c2=$(sed -n 's/.*"code":"\([A-Z0-9]*\)".*/\1/p' "$tmp/body")
owner() { code -c "$tmp/owner.jar" -H 'Content-Type: application/json' -d "{\"uscc\":\"$U\",\"code\":\"$1\"}" "$base/api/session"; }
[ "$(owner "$c1")" = 401 ] || fail "the earlier unused code still works"
grep -q "只能登录一次.*申请新的访问码" "$tmp/body" || fail "refusal does not say what to do: $(cat "$tmp/body")"
[ "$(owner "$c2")" = 200 ] || fail "re-issued code refused: $(cat "$tmp/body")"
grep -q "\"uscc\":\"$U\"" "$tmp/body" || fail "owner session"
[ "$(owner "$c2")" = 401 ] || fail "code works twice"
[ "$(dbq "SELECT count(*) FROM audit WHERE action='user.code' AND actor='clerk' AND object='access code for $U' AND after LIKE '%decision 38%'")" = 2 ] || fail "user.code audit"
[ "$(audited user.add clerk "$U")" = 1 ] || fail "owner account creation not audited"
# The command line's re-issue ends the console's code too.
[ "$(post admin "$at" /api/access-codes "{\"uscc\":\"$U\"}")" = 201 ] || fail "admin issues"
c3=$(sed -n 's/.*"code":"\([A-Z0-9]*\)".*/\1/p' "$tmp/body")
"$g" user code --uscc "$U" > /dev/null 2>&1 || fail "CLI code"
[ "$(owner "$c3")" = 401 ] || fail "CLI re-issue left the earlier code working"

# The audit view: filters and a cursor that pages without repeats.
[ "$(code -b "$tmp/admin.jar" "$base/api/audit?actor=clerk&action=user.code")" = 200 ] || fail "audit filter"
[ "$(grep -o '"action":"user.code"' "$tmp/body" | wc -l)" = 2 ] || fail "audit actor filter: $(cat "$tmp/body")"
[ "$(code -b "$tmp/admin.jar" "$base/api/audit?limit=3")" = 200 ] || fail "audit page"
grep -q '"next_before":[0-9]' "$tmp/body" || fail "no cursor"
first=$(grep -o '"id":[0-9]*' "$tmp/body" | head -1)
nb=$(sed -n 's/.*"next_before":\([0-9]*\).*/\1/p' "$tmp/body")
[ "$(code -b "$tmp/admin.jar" "$base/api/audit?limit=3&before=$nb")" = 200 ] || fail "audit page 2"
grep -q "$first," "$tmp/body" && fail "page 2 repeats page 1"
[ "$(grep -o '"id":[0-9]*' "$tmp/body" | head -1)" = "\"id\":$((nb - 1))" ] || fail "page 2 starts after the cursor"
today=$(TZ=Asia/Shanghai date +%F)
[ "$(code -b "$tmp/admin.jar" "$base/api/audit?from=$today&to=$today&action=user.add")" = 200 ] || fail "audit dates"
grep -q '"object":"account tax1"' "$tmp/body" || fail "today's entries missing"
[ "$(code -b "$tmp/admin.jar" "$base/api/audit?from=2001-01-01&to=2001-01-02")" = 200 ] && grep -q '"entries":\[\]' "$tmp/body" || fail "date range not applied"
[ "$(code -b "$tmp/admin.jar" "$base/api/audit?from=yesterday")" = 400 ] || fail "bad date accepted"
[ "$(code -b "$tmp/admin.jar" "$base/api/audit?limit=0")" = 400 ] || fail "limit 0 accepted"
"$g" audit verify > /dev/null 2>&1 || fail "audit chain broken"
echo "PASS accounts"
