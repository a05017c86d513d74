#!/usr/bin/env bash
# The shipped nginx sample (deploy/nginx-getihu.conf) in front of `getihu serve --trusted-proxy 127.0.0.1/32`,
# over TLS on a free loopback port (issue 8, findings 1, 11 and 13): each client keeps its own address in the
# audit trail, nginx's log has no query strings, every reply carries HSTS once, the upload location takes more
# than the JSON routes (whose 64 KiB nginx enforces too), and a browser's origin is the public one.
# Skipped when nginx or openssl is missing.
set -u
g=$1
ex=$2
sample=$3
command -v nginx > /dev/null && command -v openssl > /dev/null || { echo "SKIP: nginx or openssl missing"; exit 0; }
tmp=$(mktemp -d)
chmod 755 "$tmp" # nginx's workers may run as another user
pid=
npid=
cleanup() { [ -n "$npid" ] && kill -QUIT "$npid" 2>/dev/null; [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
. "$(dirname "$0")/../lib/db.sh" # db_new, dbq: the store on either backend
GETIHU_DB=$(db_new "$tmp/t.db") || { echo "FAIL: no database for the store"; exit 1; }
export GETIHU_DB GETIHU_ACTOR=tester
fail() { echo "FAIL: $*"; [ -f "$tmp/nginx.err" ] && tail -5 "$tmp/nginx.err"; exit 1; }
"$g" db init > /dev/null 2>&1 || fail "db init"
"$g" import --source registration "$ex/registration.csv" 2>/dev/null || fail "import"
"$g" run --year 2025 > /dev/null 2>&1 && "$g" publish --run 1 > /dev/null || fail "run"
echo "password-of-clerk" | "$g" user add --username clerk --role clerk --password-stdin > /dev/null || fail "user"

. "$(dirname "$0")/../lib/nginx.sh" # nginx_port, nginx_site, nginx_start
nginx_port
mkdir "$tmp/srvtmp"
TMPDIR="$tmp/srvtmp" "$g" serve --listen 127.0.0.1:0 --threads 2 --trusted-proxy 127.0.0.1/32 --public-origin "$public" \
  --access-log "$tmp/getihu.log" > "$tmp/out" 2> "$tmp/err" &
pid=$!
for _ in $(seq 300); do grep -q "http://" "$tmp/out" 2>/dev/null && break; sleep 0.1; done
gport=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$tmp/out")
[ -n "$gport" ] || fail "getihu did not start"

# The sample as shipped, but for the certificate, the paths, the ports, and without its port-80 redirect server.
nginx_site "$sample" -e "s|server 127.0.0.1:808[0-9];|server 127.0.0.1:$gport;|"
grep -q "127.0.0.1:$gport" "$tmp/site.conf" && grep -q "listen 127.0.0.1:$nport ssl" "$tmp/site.conf" &&
  ! grep -q "server 127.0.0.1:808" "$tmp/site.conf" || fail "sample not adapted"
nginx_start

code() { curl -sk -o "$tmp/body" -D "$tmp/headers" -w "%{http_code}" --max-time 60 "$@"; }
# A client at 127.0.0.5 that claims another address: getihu sees 127.0.0.5, the address nginx saw.
[ "$(code --interface 127.0.0.5 -H 'X-Forwarded-For: 203.0.113.9' "$public/api/public/search?q=%E7%A6%8F%E9%A1%BA")" = 200 ] || fail "search through nginx"
grep -q "92110115MA00001014" "$tmp/body" || fail "search result"
[ "$(grep -ci '^strict-transport-security: max-age=' "$tmp/headers")" = 1 ] || fail "HSTS once: $(cat "$tmp/headers")"
grep -qi "^x-content-type-options: nosniff" "$tmp/headers" || fail "getihu's headers through nginx"
grep -q "GET /api/public/search HTTP" "$tmp/getihu.access.log" || fail "nginx log: $(cat "$tmp/getihu.access.log")"
grep -q "q=\|%E7" "$tmp/getihu.access.log" && fail "nginx logs query strings"
grep -q '"client":"127.0.0.0"' "$tmp/getihu.log" || fail "getihu's access log"

creds='{"username":"clerk","password":"password-of-clerk"}'
[ "$(code --interface 127.0.0.5 -H 'Content-Type: application/json' -H "Origin: https://evil.example" -d "$creds" "$public/api/session")" = 403 ] || fail "login from another site through nginx"
[ "$(code --interface 127.0.0.5 -c "$tmp/jar" -H 'Content-Type: application/json' -H "Origin: $public" -d "$creds" "$public/api/session")" = 200 ] || fail "login from the public origin: $(cat "$tmp/body")"
grep -qi "^set-cookie:.*; secure" "$tmp/headers" || fail "the cookie is Secure behind TLS"
csrf=$(sed -n 's/.*"csrf":"\([0-9a-f]*\)".*/\1/p' "$tmp/body")
clients=$(dbq "SELECT client FROM audit WHERE action = 'login'")
[ "$clients" = 127.0.0.5 ] || fail "the audit trail records the client nginx saw: $clients"

# Body limits per location: 64 KiB for JSON (nginx answers 413 itself, with HSTS), uploads up to getihu's 256 MiB.
head -c 100000 /dev/zero | tr '\0' a > "$tmp/big.json"
[ "$(code -H 'Content-Type: application/json' --data-binary @"$tmp/big.json" "$public/api/session")" = 413 ] || fail "nginx takes a JSON body over 64 KiB"
grep -qi "^strict-transport-security" "$tmp/headers" || fail "HSTS on nginx's own 413"
{ echo "uscc,year,tax_paid"; for i in $(seq 40000); do echo "92110115MA00001014,2024,$i.00"; done; } > "$tmp/tax.csv"
[ "$(stat -c %s "$tmp/tax.csv")" -gt 1048576 ] || fail "test file too small"
[ "$(code -b "$tmp/jar" -H "X-CSRF-Token: $csrf" -H "Origin: $public" -H 'Content-Type: text/csv' --data-binary @"$tmp/tax.csv" "$public/api/imports?kind=tax&name=tax.csv")" = 200 ] || fail "a 1.5 MB upload through nginx: $(head -c 300 "$tmp/body")"
truncate -s 200M "$tmp/huge"
r=$(code -X POST -H "Content-Type: text/csv" -T "$tmp/huge" "$public/api/imports?kind=tax&name=x.csv"); [ "$r" = 401 ] || fail "an anonymous upload is getihu's to refuse: $r $(cat "$tmp/body")"
rm -f "$tmp/huge"
[ "$(ls "$tmp/srvtmp" | grep -c '^getihu-upload-')" = 1 ] || fail "only the clerk's pending upload has a file: $(ls "$tmp/srvtmp")"
echo "api nginx: all passed"
