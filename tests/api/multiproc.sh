#!/usr/bin/env bash
# Two `getihu serve` processes on one store behave as one server (issue 12 §3, decisions 265-269): a session
# made through one is used through the other, with its CSRF token checked there; a sign-in limit reached
# through one holds on the other; an account delayed by failures through both is delayed on both; a one-time
# code spent on one is spent on the other; a console run started through one is followed through the other
# to its end, and run jobs never overlap; audited actions through both at once keep one valid audit chain.
# Then both behind the deploy/ nginx sample (two upstreams): one session served by both processes.
# The store is a SQLite file, or a PostgreSQL database when tests/lib/db.sh says so (a `.pg` twin).
#   multiproc.sh GETIHU EXAMPLES NGINX_SAMPLE
set -u
g=$1
ex=$2
sample=$3
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=/dev/null
[ -f "$here/../lib/db.sh" ] && . "$here/../lib/db.sh"
q() { if declare -F dbq > /dev/null; then dbq "$1"; else sqlite3 "$GETIHU_DB" "$1"; fi; }
tmp=$(mktemp -d)
chmod 755 "$tmp"
pa= pb= npid=
cleanup() {
  [ -n "$npid" ] && kill -QUIT "$npid" 2> /dev/null
  [ -n "$pa" ] && kill "$pa" 2> /dev/null
  [ -n "$pb" ] && kill "$pb" 2> /dev/null
  wait 2> /dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; for f in "$tmp"/*.err; do [ -s "$f" ] && { echo "== $f"; tail -5 "$f"; }; done; exit 1; }
if declare -F db_new > /dev/null; then GETIHU_DB=$(db_new "$tmp/t.db") || fail "db_new"; else GETIHU_DB="$tmp/t.db"; fi
export GETIHU_DB GETIHU_ACTOR=tester
"$g" db init > /dev/null || fail "db init"
"$g" import --source registration "$ex/registration.csv" > /dev/null 2>&1 || fail "import registration"
"$g" import --source annual_reports "$ex/annual_reports.csv" > /dev/null 2>&1 || fail "import annual reports"
"$g" import --source tax "$ex/tax-gbk.csv" > /dev/null 2>&1 || fail "import tax"
"$g" run --year 2025 > /dev/null 2>&1 && "$g" publish --run 1 > /dev/null 2>&1 || fail "run"
for u in clerk:clerk admin:admin inspector:inspector; do
  echo "password-of-${u%%:*}" | "$g" user add --username "${u%%:*}" --role "${u#*:}" --password-stdin > /dev/null ||
    fail "user $u"
done
owner=92110115MA00001014
"$g" user add --username owner1 --role business --uscc "$owner" > /dev/null || fail "owner"

# serve NAME: one process on a free loopback port, sign-in limits small enough to reach (5 at once per address,
# then one a minute); $NAME_port. Both behind a trusted proxy at 127.0.0.1 only when nginx is used below.
serve() {
  "$g" serve --listen 127.0.0.1:0 --threads 4 --login-burst 5 --login-per-minute 1 --trusted-proxy 127.0.0.1/32 \
    --access-log "$tmp/$1.log" > "$tmp/$1.out" 2> "$tmp/$1.err" &
  eval "p$1=$!"
  for _ in $(seq 300); do grep -q "http://" "$tmp/$1.out" 2> /dev/null && break; sleep 0.1; done
  local port
  port=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$tmp/$1.out")
  [ -n "$port" ] || fail "serve $1"
  eval "$1=http://127.0.0.1:$port"
}
serve a
serve b
# shellcheck disable=SC2154
A=$a B=$b

code() { curl -s -o "$tmp/body" -D "$tmp/headers" -w "%{http_code}" --max-time 60 "$@"; }
json() { code -H 'Content-Type: application/json' "$@"; }
# signin BASE NAME ADDRESS: signs NAME in through BASE from ADDRESS (a 127.x address: the proxy is 127.0.0.1 only);
# $tmp/NAME.jar and $tmp/NAME.csrf
signin() {
  [ "$(json --interface "$3" -c "$tmp/$2.jar" -d "{\"username\":\"$2\",\"password\":\"password-of-$2\"}" "$1/api/session")" = 200 ] ||
    fail "sign in $2 through $1: $(cat "$tmp/body")"
  sed -n 's/.*"csrf":"\([0-9a-f]*\)".*/\1/p' "$tmp/body" > "$tmp/$2.csrf"
}

# 1. A session made through A is the session of B; its CSRF token is checked on B; signing out on B ends it on A.
signin "$A" clerk 127.0.0.2
[ "$(code -b "$tmp/clerk.jar" "$B/api/me")" = 200 ] && grep -q '"username":"clerk"' "$tmp/body" || fail "A's session on B"
csrf=$(cat "$tmp/clerk.csrf")
[ "$(code -b "$tmp/clerk.jar" -H "X-CSRF-Token: 0000$csrf" -X DELETE "$B/api/session")" = 403 ] || fail "a wrong CSRF token on B"
[ "$(code -b "$tmp/clerk.jar" -X DELETE "$B/api/session")" = 403 ] || fail "no CSRF token on B"
[ "$(code -b "$tmp/clerk.jar" "$A/api/me")" = 200 ] || fail "a refused sign-out ended the session"
[ "$(code -b "$tmp/clerk.jar" -H "X-CSRF-Token: $csrf" -X DELETE "$B/api/session")" = 200 ] || fail "sign out on B with A's token: $(cat "$tmp/body")"
[ "$(code -b "$tmp/clerk.jar" "$A/api/me")" = 401 ] || fail "a session ended on B lives on A"

# 2. The per-address sign-in limit is one for both: five attempts from 127.0.0.7 through A, the sixth through B is
# refused (429, Retry-After), and so is the next through A; another address is not.
for _ in 1 2 3 4 5; do
  r=$(json --interface 127.0.0.7 -d '{"username":"nobody","password":"wrong-password"}' "$A/api/session")
  [ "$r" = 401 ] || fail "attempt through A: $r $(cat "$tmp/body")"
done
[ "$(json --interface 127.0.0.7 -d '{"username":"clerk","password":"password-of-clerk"}' "$B/api/session")" = 429 ] ||
  fail "B let through an address A had throttled: $(cat "$tmp/body")"
grep -qi "^retry-after: [0-9]" "$tmp/headers" || fail "Retry-After on B's 429"
[ "$(json --interface 127.0.0.7 -d '{"username":"clerk","password":"password-of-clerk"}' "$A/api/session")" = 429 ] || fail "A after B"
signin "$B" clerk 127.0.0.8
[ "$(q "SELECT count(*) FROM throttle")" -ge 2 ] || fail "the limits are not in the store"
# the per-USCC cap on access codes is one for both too (ten attempts, then none): five wrong codes through each
# process from five addresses, and the next, through either, is refused whatever its address
for i in 1 2 3 4 5; do
  json --interface "127.0.2.$i" -d "{\"uscc\":\"$owner\",\"code\":\"WRONGCODE0000000\"}" "$A/api/session" > /dev/null
  json --interface "127.0.3.$i" -d "{\"uscc\":\"$owner\",\"code\":\"WRONGCODE0000000\"}" "$B/api/session" > /dev/null
done
[ "$(json --interface 127.0.2.9 -d "{\"uscc\":\"$owner\",\"code\":\"WRONGCODE0000000\"}" "$B/api/session")" = 429 ] ||
  fail "the access-code cap is per process: $(cat "$tmp/body")"
q "DELETE FROM throttle" > /dev/null || fail "clear the limits"

# 3. Five wrong passwords, three through A and two through B, are five for the account, which is then delayed on
# both: the right password is refused on each with the very answer a wrong one gets.
for i in 1 2 3; do json --interface "127.0.4.$i" -d '{"username":"inspector","password":"wrong-password"}' "$A/api/session" > /dev/null; done
for i in 4 5; do json --interface "127.0.4.$i" -d '{"username":"inspector","password":"wrong-password"}' "$B/api/session" > /dev/null; done
cp "$tmp/body" "$tmp/wrong"
[ "$(q "SELECT failed_logins FROM accounts WHERE username = 'inspector'")" = 5 ] || fail "failures through A and B counted apart"
# the delay is lengthened in the store rather than waited for (as tests/api/auth.sh does)
q "UPDATE accounts SET locked_until = $(($(date +%s) + 600)) WHERE username = 'inspector'" > /dev/null
for base in "$A" "$B"; do
  [ "$(json --interface 127.0.4.9 -d '{"username":"inspector","password":"password-of-inspector"}' "$base/api/session")" = 401 ] ||
    fail "a delayed account signs in through $base: $(cat "$tmp/body")"
  cmp -s "$tmp/body" "$tmp/wrong" || fail "the delay answers unlike a wrong password through $base"
done
# … and an account disabled through A cannot sign in through B
signin "$A" admin 127.0.0.3
acct=$(q "SELECT id FROM accounts WHERE username = 'inspector'")
[ "$(json -b "$tmp/admin.jar" -H "X-CSRF-Token: $(cat "$tmp/admin.csrf")" -d '{}' "$A/api/accounts/$acct/disable")" = 200 ] ||
  fail "disable through A: $(cat "$tmp/body")"
q "UPDATE accounts SET locked_until = 0, failed_logins = 0 WHERE username = 'inspector'" > /dev/null
[ "$(json --interface 127.0.4.10 -d '{"username":"inspector","password":"password-of-inspector"}' "$B/api/session")" = 401 ] ||
  fail "an account disabled through A signs in through B"

# 4. A one-time access code spent through A is spent for B.
c=$("$g" user code --uscc "$owner" 2> /dev/null) || fail "access code"
[ "$(json --interface 127.0.5.1 -c "$tmp/owner.jar" -d "{\"uscc\":\"$owner\",\"code\":\"$c\"}" "$A/api/session")" = 200 ] || fail "the code through A: $(cat "$tmp/body")"
[ "$(json --interface 127.0.5.2 -d "{\"uscc\":\"$owner\",\"code\":\"$c\"}" "$B/api/session")" = 401 ] || fail "a spent code works through B"
[ "$(code -b "$tmp/owner.jar" "$B/api/me")" = 200 ] || fail "the owner's session through B"

# 5. A run started through A is followed through B to its end; a second start while one runs is refused.
signin "$A" clerk 127.0.0.4
csrf=$(cat "$tmp/clerk.csrf")
start() { json -b "$tmp/clerk.jar" -H "X-CSRF-Token: $csrf" -d '{"year":2025,"name":"多进程"}' "$1/api/runs"; }
[ "$(start "$A")" = 202 ] || fail "start through A: $(cat "$tmp/body")"
job=$(sed -n 's/.*"job":\([0-9]*\).*/\1/p' "$tmp/body")
[ -n "$job" ] || fail "no job id"
seen=
for _ in $(seq 600); do
  [ "$(code -b "$tmp/clerk.jar" "$B/api/jobs/$job")" = 200 ] || fail "B does not know A's job: $(cat "$tmp/body")"
  status=$(sed -n 's/.*"status":"\([a-z]*\)".*/\1/p' "$tmp/body")
  seen="$seen $status"
  case $status in running) sleep 0.1 ;; done) break ;; *) fail "job through B: $(cat "$tmp/body")" ;; esac
done
[ "$status" = done ] || fail "the job never ended through B:$seen"
run=$(sed -n 's/.*"run":\([0-9]*\).*/\1/p' "$tmp/body")
total=$(sed -n 's/.*"total":\([0-9]*\).*/\1/p' "$tmp/body")
grep -q "\"done\":$total," "$tmp/body" && [ "$total" -gt 0 ] || fail "done and total through B: $(cat "$tmp/body")"
[ "$(q "SELECT population FROM runs WHERE id = $run")" = "$total" ] || fail "B's run is not the store's"
[ "$(code -b "$tmp/clerk.jar" "$A/api/jobs/$job")" = 200 ] && grep -q "\"run\":$run," "$tmp/body" || fail "A and B disagree"
# A run job of a live process elsewhere (this shell, as a third server would be) refuses a start through either.
# Its owner is a live process: on SQLite this shell on this host; on PostgreSQL a live server connection (the owner
# a PostgreSQL job records is its claiming connection's server process, decision 267).
host=$(hostname) owner_pid=$$
if declare -F db_is_pg > /dev/null && db_is_pg; then
  owner_pid="(SELECT min(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid())"
fi
q "INSERT INTO jobs(kind, year, status, total, actor, owner_host, owner_pid, started_at) VALUES ('run', 2025, 'running', 10, 'clerk', '$host', $owner_pid, '2026-01-01T00:00:00Z')" > /dev/null ||
  fail "insert a running job"
other=$(q "SELECT max(id) FROM jobs")
for base in "$A" "$B"; do
  [ "$(start "$base")" = 409 ] || fail "a second run started through $base: $(cat "$tmp/body")"
done
[ "$(code -b "$tmp/clerk.jar" "$B/api/jobs/$other")" = 200 ] && grep -q '"status":"running"' "$tmp/body" || fail "the third's job"
q "UPDATE jobs SET done = 7 WHERE id = $other" > /dev/null # its progress, as its process writes it
[ "$(code -b "$tmp/clerk.jar" "$A/api/jobs/$other")" = 200 ] && grep -q '"done":7,' "$tmp/body" || fail "progress of another process's job"
q "UPDATE jobs SET status = 'done', finished_at = '2026-01-01T00:00:01Z' WHERE id = $other" > /dev/null
# Four starts at once, two through each: run jobs never overlap (each starts after the one before it ended).
kids=
for i in 1 2 3 4; do
  base=$A; [ $((i % 2)) = 0 ] && base=$B
  (echo "$(start "$base")" > "$tmp/start.$i") &
  kids="$kids $!"
done
# shellcheck disable=SC2086
wait $kids # (a bare wait would wait for the servers too)
ok=$(cat "$tmp"/start.? | grep -c '^202$')
[ "$ok" -ge 1 ] || fail "no start of four: $(cat "$tmp"/start.?)"
[ "$(cat "$tmp"/start.? | grep -vc '^202$\|^409$\|^503$')" = 0 ] || fail "a start answered otherwise: $(cat "$tmp"/start.?)"
for _ in $(seq 600); do [ "$(q "SELECT count(*) FROM jobs WHERE status = 'running'")" = 0 ] && break; sleep 0.1; done
[ "$(q "SELECT count(*) FROM jobs j, jobs k WHERE j.kind = 'run' AND k.kind = 'run' AND j.id < k.id AND j.id <> $other AND k.id <> $other AND (j.finished_at IS NULL OR j.finished_at > k.started_at)")" = 0 ] ||
  fail "run jobs overlapped: $(q "SELECT id, status, started_at, finished_at FROM jobs")"

# 6. Audited actions through both at once keep one chain: run labels set through A and B in parallel.
kids=
for i in $(seq 12); do
  base=$A; [ $((i % 2)) = 0 ] && base=$B
  json -o /dev/null -w "%{http_code}\n" -b "$tmp/clerk.jar" -H "X-CSRF-Token: $csrf" -X PUT -d "{\"name\":\"标签$i\"}" \
    "$base/api/runs/$run" > "$tmp/label.$i" &
  kids="$kids $!"
done
# shellcheck disable=SC2086
wait $kids
[ "$(cat "$tmp"/label.* | grep -c '^200$')" -ge 6 ] || fail "labels: $(cat "$tmp"/label.*)"
[ "$(cat "$tmp"/label.* | grep -vc '^200$\|^503$')" = 0 ] || fail "a label answered otherwise: $(cat "$tmp"/label.*)"
[ "$(q "SELECT count(*) FROM audit WHERE action = 'run.note'")" = "$(cat "$tmp"/label.* | grep -c '^200$')" ] ||
  fail "every label answered 200 is audited, and only those"
"$g" audit verify > /dev/null || fail "the audit chain after appends from two processes"

# 7. Both behind the deploy/ nginx sample (its two upstreams on A's and B's ports): one session, both processes.
if command -v nginx > /dev/null && command -v openssl > /dev/null; then
  . "$here/../lib/nginx.sh" # nginx_port, nginx_site, nginx_start
  nginx_port
  nginx_site "$sample" -e "s|server 127.0.0.1:8080;|server ${A#http://};|" -e "s|server 127.0.0.1:8081;|server ${B#http://};|"
  [ "$(grep -c "server ${A#http://};\|server ${B#http://};" "$tmp/site.conf")" = 4 ] || fail "sample not adapted to two upstreams"
  nginx_start
  : > "$tmp/a.log"; : > "$tmp/b.log"
  [ "$(code -k --interface 127.0.0.6 -c "$tmp/n.jar" -H 'Content-Type: application/json' \
        -d '{"username":"admin","password":"password-of-admin"}' "$public/api/session")" = 200 ] || fail "sign in through nginx: $(cat "$tmp/body")"
  ncsrf=$(sed -n 's/.*"csrf":"\([0-9a-f]*\)".*/\1/p' "$tmp/body")
  for _ in 1 2 3 4 5 6; do
    [ "$(code -k -b "$tmp/n.jar" "$public/api/me")" = 200 ] || fail "the session through nginx: $(cat "$tmp/body")"
    [ "$(code -k -b "$tmp/n.jar" -H "X-CSRF-Token: $ncsrf" -H 'Content-Type: application/json' \
          -X PUT -d '{"note":"经 nginx"}' "$public/api/runs/$run")" = 200 ] || fail "a change through nginx: $(cat "$tmp/body")"
  done
  # round robin: each process served part of the one session's requests, and all of them answered 200 above
  grep -q '"path":"/api/me"\|"path":"/api/runs/' "$tmp/a.log" && grep -q '"path":"/api/me"\|"path":"/api/runs/' "$tmp/b.log" ||
    fail "nginx did not use both processes: $(cat "$tmp/a.log") // $(cat "$tmp/b.log")"
  [ "$(q "SELECT count(*) FROM audit WHERE action = 'login' AND client = '127.0.0.6'")" = 1 ] || fail "the client nginx saw"
  "$g" audit verify > /dev/null || fail "the audit chain after nginx"
else
  echo "nginx or openssl missing: the nginx part skipped"
fi

kill -TERM "$pa" "$pb"; wait "$pa"; sa=$?; wait "$pb"; sb=$?; pa= pb=
[ "$sa" = 0 ] && [ "$sb" = 0 ] || fail "serve exited $sa and $sb (a sanitizer report?)"
echo "api multiproc: all passed"
