#!/usr/bin/env bash
# Sign-in against an attacker and a busy database (issue 8, findings 2, 3, 5, 7, 21), over real HTTP:
# one answer and one Argon2id verification for every refusal, growing delays per account and per address
# (no lock a stranger can impose), a cap on access-code guesses per USCC across addresses, a database held
# by another process (`BEGIN IMMEDIATE` in the sqlite3 shell) answered 503 with nothing done or audited,
# and an audit trail that no username can forge on screen.
set -u
g=$1
ex=$2
tmp=$(mktemp -d)
pid=
holder=
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null
  [ -n "$holder" ] && kill "$holder" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
. "$(dirname "$0")/../lib/db.sh" # db_new, dbq: the store on either backend
GETIHU_DB=$(db_new "$tmp/t.db") || { echo "FAIL: no database for the store"; exit 1; }
export GETIHU_DB GETIHU_ACTOR=tester
fail() { echo "FAIL: $*"; exit 1; }
command -v sqlite3 > /dev/null || fail "the sqlite3 shell is missing (scripts/deps.sh --test installs it)"
command -v node > /dev/null || fail "node is missing (scripts/deps.sh --test installs it)"
"$g" db init > /dev/null 2>&1 || fail "db init"
"$g" import --source registration "$ex/registration.csv" 2>/dev/null || fail "import"
echo "password-of-admin" | "$g" user add --username admin --role admin --password-stdin > /dev/null || fail "user admin"
for u in clerk victim off; do
  echo "password-of-$u" | "$g" user add --username "$u" --role clerk --password-stdin > /dev/null || fail "user $u"
done
"$g" user disable --username off > /dev/null || fail "disable"
"$g" user add --username owner --role business --uscc 92110115MA00001014 > /dev/null || fail "user business"

# Usernames that would print a line of their own are refused at creation, with a clear message.
echo "password-of-forger" | "$g" user add --username "$(printf 'x\n2026-11-28T07:30:00Z rt_admin admin publish')" --role clerk --password-stdin > /dev/null 2> "$tmp/err"
[ $? = 2 ] || fail "a username with a newline was accepted"
grep -q "控制字符" "$tmp/err" || fail "username message: $(cat "$tmp/err")"
echo "password-of-forger" | "$g" user add --username "$(printf 'a\033[2Jb')" --role clerk --password-stdin > /dev/null 2>&1 && fail "a username with ESC was accepted"
"$g" user list | grep -q "forger\|rt_admin" && fail "a refused user was stored"

# The per-address bucket is wide here: the limits under test are the delays and the per-USCC cap.
"$g" serve --listen 127.0.0.1:0 --threads 8 --login-per-minute 6000 --login-burst 1000 --access-log "$tmp/access" > "$tmp/out" 2> "$tmp/serr" &
pid=$!
for _ in $(seq 300); do grep -q "http://" "$tmp/out" 2>/dev/null && break; sleep 0.1; done
base="http://127.0.0.1:$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$tmp/out")"
# code FROM JSON [curl options…]: the status of a sign-in sent from the loopback address FROM; body in $tmp/body
code() { local from=$1 json=$2; shift 2; curl -s -o "$tmp/body" -D "$tmp/head" -w "%{http_code}" --max-time 30 --interface "$from" -H 'Content-Type: application/json' -d "$json" "$@" "$base/api/session"; }
failures() { dbq "SELECT failed_logins FROM accounts WHERE username='$1'"; }
audited() { dbq "SELECT count(*) FROM audit WHERE action='$1'"; }

# One answer for every refusal: unknown, disabled, business owner (no password), wrong password; control
# characters in the name change nothing. (That each runs one Argon2id verification is counted in test_accounts.)
[ "$(code 127.0.0.10 '{"username":"nobody","password":"password-of-nobody"}')" = 401 ] || fail "unknown: $(cat "$tmp/body")"
cp "$tmp/body" "$tmp/refused"
grep -q "用户名或密码错误" "$tmp/refused" || fail "refusal message: $(cat "$tmp/refused")"
for json in '{"username":"off","password":"password-of-off"}' '{"username":"owner","password":"password-of-owner"}' \
            '{"username":"admin","password":"wrong-password"}'; do
  [ "$(code 127.0.0.10 "$json")" = 401 ] || fail "$json: $(cat "$tmp/body")"
  cmp -s "$tmp/body" "$tmp/refused" || fail "$json answers differently: $(cat "$tmp/body")"
done

# Growing delays per account: five wrong passwords cost nothing yet, the fifth delays the account by 2^(5-5) s,
# the tenth by 2^(10-5) s; during a delay even the right password gets the very answer a wrong one gets and no
# attempt is counted; the right password after the delay works and clears the count. (The delays are set in the
# database here rather than waited for: test_accounts checks their growth with its own clock.)
delay_set() { dbq "UPDATE accounts SET locked_until=$(db_epoch)+$1 WHERE username='victim'"; }
until_within() { # seconds before after: locked_until was set to a time in [before+seconds, after+seconds]
  local u
  u=$(dbq "SELECT locked_until FROM accounts WHERE username='victim'")
  [ "$u" -ge $(($2 + $1)) ] && [ "$u" -le $(($3 + $1)) ] || fail "delay of $1 s: locked_until $u, attempt at $2-$3"
}
before=$(date +%s)
for i in 1 2 3 4 5; do [ "$(code 127.0.0.9 '{"username":"victim","password":"wrong-password"}')" = 401 ] || fail "wrong $i"; done
after=$(date +%s)
[ "$(failures victim)" = 5 ] || fail "five failures counted: $(failures victim)"
until_within 1 "$before" "$after"
dbq "UPDATE accounts SET failed_logins=9 WHERE username='victim'"
delay_set 600
[ "$(code 127.0.0.9 '{"username":"victim","password":"password-of-victim"}')" = 401 ] || fail "delayed: $(cat "$tmp/body")"
cmp -s "$tmp/body" "$tmp/refused" || fail "a delayed account answers differently: $(cat "$tmp/body")"
[ "$(code 127.0.0.9 '{"username":"victim","password":"wrong-password"}')" = 401 ] || fail "wrong while delayed"
[ "$(failures victim)" = 9 ] || fail "an attempt during the delay was counted: $(failures victim)"
delay_set -1
before=$(date +%s)
[ "$(code 127.0.0.9 '{"username":"victim","password":"wrong-password"}')" = 401 ] || fail "tenth"
after=$(date +%s)
[ "$(failures victim)" = 10 ] || fail "ten failures counted: $(failures victim)"
until_within 32 "$before" "$after"
delay_set -1
[ "$(code 127.0.0.9 '{"username":"victim","password":"password-of-victim"}' -c "$tmp/victim.jar")" = 200 ] || fail "right password after the delay: $(cat "$tmp/body")"
[ "$(failures victim)" = 0 ] || fail "a success clears the count"

# Growing delays per address, whatever the names: after ten failures from 127.0.0.3 it waits (429, Retry-After,
# nothing about any account, the same for an existing and an unknown name); 127.0.0.4 is not concerned.
for i in $(seq 10); do [ "$(code 127.0.0.3 "{\"username\":\"spray$i\",\"password\":\"password-$i\"}")" = 401 ] || fail "spray $i"; done
[ "$(code 127.0.0.3 '{"username":"admin","password":"password-of-admin"}')" = 429 ] || fail "address not delayed: $(cat "$tmp/body")"
grep -qi "^Retry-After: [1-9]" "$tmp/head" || fail "429 without Retry-After"
cp "$tmp/body" "$tmp/slow"
[ "$(code 127.0.0.3 '{"username":"nobody","password":"password-of-nobody"}')" = 429 ] || fail "address delay for unknown names"
[ "$(tr -d 0-9 < "$tmp/body")" = "$(tr -d 0-9 < "$tmp/slow")" ] || fail "the address delay answers by name: $(cat "$tmp/body")"
grep -q "账户\|admin" "$tmp/slow" && fail "the address delay speaks of the account: $(cat "$tmp/slow")"
[ "$(code 127.0.0.4 '{"username":"admin","password":"password-of-admin"}')" = 200 ] || fail "another address is delayed: $(cat "$tmp/body")"

# Access codes: at most ten guesses per USCC, from any number of addresses, then 429 with Retry-After.
for i in 1 2 3 4 5; do
  [ "$(code 127.0.0.1 '{"uscc":"92110115MA00001014","code":"ABCDEFGHJKMNPQR'$i'"}')" = 401 ] || fail "code guess $i from .1"
  [ "$(code 127.0.0.2 '{"uscc":"92110115MA00001014","code":"BCDEFGHJKMNPQRS'$i'"}')" = 401 ] || fail "code guess $i from .2"
done
[ "$(code 127.0.0.5 '{"uscc":"92110115MA00001014","code":"CDEFGHJKMNPQRST2"}')" = 429 ] || fail "no per-USCC cap: $(cat "$tmp/body")"
grep -qi "^Retry-After: [1-9]" "$tmp/head" || fail "per-USCC 429 without Retry-After"
grep -q "统一社会信用代码" "$tmp/body" || fail "per-USCC message: $(cat "$tmp/body")"
[ "$(code 127.0.0.5 '{"uscc":"92110115MA00001027","code":"CDEFGHJKMNPQRST2"}')" = 401 ] || fail "the cap is per USCC"

# A database held by another process: the writers' lock taken in an SQL shell (db_hold_writer) for 8 s, longer than sign-in and
# sign-out wait for a writer (1 s). Both answer 503 "请稍后重试": the session stays valid, no failure is lost
# silently (not counted, not audited, and the access log says so), nothing is audited. Reads do not wait.
[ "$(code 127.0.0.1 '{"username":"admin","password":"password-of-admin"}' -c "$tmp/admin.jar")" = 200 ] || fail "admin sign-in"
csrf=$(sed -n 's/.*"csrf":"\([0-9a-f]*\)".*/\1/p' "$tmp/body")
audit_rows=$(dbq "SELECT count(*) FROM audit")
db_hold_writer 8 "$tmp/locked" &
holder=$!
for _ in $(seq 100); do [ -e "$tmp/locked" ] && break; sleep 0.05; done
[ -e "$tmp/locked" ] || fail "the SQL shell did not take the lock"
curl -s -o "$tmp/logout.body" -D "$tmp/logout.head" -w "%{http_code}" --max-time 30 -b "$tmp/admin.jar" -X DELETE -H "X-CSRF-Token: $csrf" "$base/api/session" > "$tmp/logout.code" &
waiting=$!
curl -s -o "$tmp/right.body" -w "%{http_code}" --max-time 30 -H 'Content-Type: application/json' -d '{"username":"clerk","password":"password-of-clerk"}' "$base/api/session" > "$tmp/right.code" &
waiting="$waiting $!"
for i in 1 2 3; do
  curl -s -o "$tmp/wrong$i.body" -w "%{http_code}" --max-time 30 --interface 127.0.0.7 -H 'Content-Type: application/json' -d '{"username":"victim","password":"wrong-password"}' "$base/api/session" > "$tmp/wrong$i.code" &
  waiting="$waiting $!"
done
# reads meanwhile: the session, the public search
[ "$(curl -s -o "$tmp/me" -w "%{http_code}" --max-time 5 -b "$tmp/admin.jar" "$base/api/me")" = 200 ] || fail "a read waited for the writer: $(cat "$tmp/me")"
[ "$(curl -s -o /dev/null -w "%{http_code}" --max-time 5 "$base/api/public/search?q=92110115MA00001014")" = 200 ] || fail "public search waited for the writer"
# shellcheck disable=SC2086
wait $waiting
[ "$(cat "$tmp/logout.code")" = 503 ] || fail "logout while the database is held: $(cat "$tmp/logout.code") $(cat "$tmp/logout.body")"
grep -q "请稍后重试" "$tmp/logout.body" || fail "503 message: $(cat "$tmp/logout.body")"
grep -qi "^Set-Cookie" "$tmp/logout.head" && fail "a failed logout cleared the cookie"
[ "$(cat "$tmp/right.code")" = 503 ] || fail "right password while the database is held: $(cat "$tmp/right.code") $(cat "$tmp/right.body")"
for i in 1 2 3; do
  [ "$(cat "$tmp/wrong$i.code")" = 503 ] || fail "wrong password while the database is held: $(cat "$tmp/wrong$i.code") $(cat "$tmp/wrong$i.body")"
done
wait "$holder"
holder=
[ "$(dbq "SELECT count(*) FROM audit")" = "$audit_rows" ] || fail "something was audited while the database was held"
[ "$(failures victim)" = 0 ] || fail "a failure was half-recorded"
grep -q '"status":503.*"note":"store busy: sign-in attempt not recorded"' "$tmp/access" || fail "the access log does not say the attempt was not recorded"
[ "$(curl -s -o /dev/null -w "%{http_code}" -b "$tmp/admin.jar" "$base/api/me")" = 200 ] || fail "the session ended although logout answered 503"
[ "$(code 127.0.0.1 '{"username":"clerk","password":"password-of-clerk"}')" = 200 ] || fail "right password after the lock: $(cat "$tmp/body")"

# A short hold (0.5 s, within the 1 s wait): sign-ins wait, then count and audit as usual.
failed_before=$(audited login.failed)
rm -f "$tmp/locked"
db_hold_writer 0.5 "$tmp/locked" &
holder=$!
for _ in $(seq 100); do [ -e "$tmp/locked" ] && break; sleep 0.05; done
waiting=
for i in 1 2; do
  curl -s -o /dev/null -w "%{http_code}" --max-time 30 --interface 127.0.0.8 -H 'Content-Type: application/json' -d '{"username":"victim","password":"wrong-password"}' "$base/api/session" > "$tmp/short$i.code" &
  waiting="$waiting $!"
done
[ "$(code 127.0.0.1 '{"username":"clerk","password":"password-of-clerk"}')" = 200 ] || fail "right password during a short hold: $(cat "$tmp/body")"
# shellcheck disable=SC2086
wait $waiting
wait "$holder"
holder=
[ "$(cat "$tmp/short1.code") $(cat "$tmp/short2.code")" = "401 401" ] || fail "wrong passwords during a short hold: $(cat "$tmp/short1.code") $(cat "$tmp/short2.code")"
[ "$(failures victim)" = 2 ] || fail "failures during a short hold counted: $(failures victim)"
[ "$(audited login.failed)" = $((failed_before + 2)) ] || fail "failures during a short hold audited"

# Logout once the database is free: 200, the session is gone, audited.
[ "$(curl -s -o /dev/null -w "%{http_code}" -b "$tmp/admin.jar" -X DELETE -H "X-CSRF-Token: $csrf" "$base/api/session")" = 200 ] || fail "logout"
[ "$(curl -s -o /dev/null -w "%{http_code}" -b "$tmp/admin.jar" "$base/api/me")" = 401 ] || fail "session after logout"

# The audit trail cannot be forged on screen: names with a newline, ESC or a right-to-left override, and a
# long Chinese name (cut at 64 bytes), all typed at sign-in, are shown escaped on their own line by
# `getihu audit list` and served as valid UTF-8 JSON by /api/audit.
long=$(printf '福%.0s' $(seq 30))
for name in 'x\n2026-11-28T07:30:00Z rt_admin admin publish run #9' 'a\u001b[2Jb\u001b]0;pwned\u0007' 'rtl\u202egnp.exe' "$long"; do
  [ "$(code 127.0.0.6 "{\"username\":\"$name\",\"password\":\"password-of-x\"}")" = 401 ] || fail "sign-in as $name"
done
"$g" audit list --action login.failed > "$tmp/list" || fail "audit list"
grep -q "^2026-11-28T07:30:00Z" "$tmp/list" && fail "a forged line in getihu audit list"
grep -qF 'account x\n2026-11-28T07:30:00Z rt_admin admin publish run #9' "$tmp/list" || fail "the newline is not shown escaped: $(cat "$tmp/list")"
grep -qF 'account a\x1b[2Jb\x1b]0;pwned\x07' "$tmp/list" || fail "ESC is not shown escaped"
grep -qF 'account rtl\u202egnp.exe' "$tmp/list" || fail "the bidi override is not shown escaped"
LC_ALL=C grep -q "$(printf '\033')" "$tmp/list" && fail "ESC reached the terminal"
[ "$(grep -c '' "$tmp/list")" = "$(audited login.failed)" ] || fail "getihu audit list prints more lines than entries"
grep -qF "account $(printf '福%.0s' $(seq 21))" "$tmp/list" || fail "the long name is not cut on a character boundary"
[ "$(code 127.0.0.1 '{"username":"admin","password":"password-of-admin"}' -c "$tmp/admin.jar")" = 200 ] || fail "admin sign-in again"
[ "$(curl -s -o "$tmp/audit.json" -w "%{http_code}" -b "$tmp/admin.jar" "$base/api/audit?action=login.failed")" = 200 ] || fail "GET /api/audit"
node -e '
  const text = new TextDecoder("utf-8", {fatal: true}).decode(require("fs").readFileSync(process.argv[1]));
  const objects = JSON.parse(text).entries.map(e => e.object);
  const want = ["account x\\n2026-11-28T07:30:00Z rt_admin admin publish run #9", "account a\\x1b[2Jb\\x1b]0;pwned\\x07",
                "account rtl\\u202egnp.exe", "account " + "福".repeat(21)];
  for (const w of want) if (!objects.includes(w)) { console.log("missing " + JSON.stringify(w)); process.exit(1); }
  if (objects.some(o => /[\u0000-\u001f\u007f-\u009f\u202a-\u202e]/.test(o))) { console.log("a control character is served raw"); process.exit(1); }
' "$tmp/audit.json" || fail "/api/audit is not valid UTF-8 JSON with escaped text"
"$g" audit verify > /dev/null || fail "audit chain"
grep -qi "password-of" "$tmp/access" "$tmp/serr" && fail "a password reached the logs"
echo "api signin: all passed"
