#!/usr/bin/env bash
# Opening a PostgreSQL store (issue 12 §3): `getihu db init --db postgresql://…`
# creates the schema once and then finds it up to date; an empty database is not
# initialised by other commands; another program's database is refused untouched;
# `db check` says ok (with amcheck too); messages never show the URL's password.
# Starts a throwaway cluster of its own; skipped (exit 0) without PostgreSQL 15.
set -u
g=$1
bin=/usr/lib/postgresql/15/bin
[ -x "$bin/initdb" ] || { echo "SKIP: no PostgreSQL 15 ($bin/initdb)"; exit 0; }
tmp=$(mktemp -d)
data=$tmp/data
as=()
[ "$(id -u)" = 0 ] && as=(runuser -u postgres --) && chown postgres "$tmp"
port=$((40000 + RANDOM % 20000))
cleanup() { "${as[@]}" "$bin/pg_ctl" -D "$data" -m immediate stop > /dev/null 2>&1; rm -rf "$tmp"; }
trap cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }
"${as[@]}" "$bin/initdb" -D "$data" -A trust -U getihu > "$tmp/initdb.log" 2>&1 || fail "initdb: $(cat "$tmp/initdb.log")"
"${as[@]}" "$bin/pg_ctl" -D "$data" -o "-p $port -k $tmp -c listen_addresses=127.0.0.1" -l "$tmp/log" -w start \
  > /dev/null || fail "pg_ctl start: $(cat "$tmp/log")"
base=postgresql://getihu@127.0.0.1:$port
sql() { "$bin/psql" -h 127.0.0.1 -p "$port" -U getihu -qAt -d "$1" -c "$2"; }
for d in fresh other empty; do sql postgres "CREATE DATABASE $d" > /dev/null; done
sql other "CREATE TABLE theirs(x int); INSERT INTO theirs VALUES (7)" > /dev/null
cd "$tmp" || exit 1
unset GETIHU_DB

# init creates, then finds it up to date; the mark and the version are in getihu_meta
"$g" db init --db "$base/fresh" > out.txt 2>&1 || fail "db init: $(cat out.txt)"
grep -q "已新建数据库 (created), 结构版本" out.txt || fail "db init did not say created: $(cat out.txt)"
"$g" db init --db "$base/fresh" > out.txt 2>&1 || fail "second db init: $(cat out.txt)"
grep -q "已是最新 (up to date)" out.txt || fail "second db init did not say up to date: $(cat out.txt)"
[ "$(sql fresh "SELECT application_id FROM getihu_meta")" = 1195984981 ] || fail "no getihu mark in getihu_meta"
# every text column sorts by bytes (decision 250)
[ "$(sql fresh "SELECT count(*) FROM information_schema.columns WHERE table_schema='public' AND data_type='text'
                AND collation_name IS DISTINCT FROM 'C'")" = 0 ] || fail "a text column without COLLATE \"C\""
"$g" db check --db "$base/fresh" > out.txt 2>&1 || fail "db check: $(cat out.txt)"
grep -q "完整性 ok" out.txt || fail "db check not ok: $(cat out.txt)"
sql fresh "CREATE EXTENSION amcheck" > /dev/null 2>&1 &&
  { "$g" db check --db "$base/fresh" > out.txt 2>&1 || fail "db check with amcheck: $(cat out.txt)"; }
GETIHU_DB="$base/fresh" "$g" db imports > out.txt 2>&1 || fail "GETIHU_DB=postgresql://…: $(cat out.txt)"

# an empty database: refused by everything but db init, and left empty
"$g" db check --db "$base/empty" > out.txt 2>&1; code=$?
[ "$code" = 2 ] || fail "db check of an empty database: exit $code: $(cat out.txt)"
grep -q "空数据库，尚未初始化" out.txt || fail "empty database not named as such: $(cat out.txt)"
[ "$(sql empty "SELECT count(*) FROM pg_class WHERE relnamespace='public'::regnamespace")" = 0 ] ||
  fail "opening an empty database created something"

# another program's database: refused, untouched, even by db init
"$g" db init --db "$base/other" > out.txt 2>&1; code=$?
[ "$code" = 2 ] || fail "db init of another program's database: exit $code: $(cat out.txt)"
grep -q "不是 getihu 数据库" out.txt || fail "another program's database not named as such: $(cat out.txt)"
[ "$(sql other "SELECT count(*) FROM pg_class WHERE relnamespace='public'::regnamespace")" = 1 ] ||
  fail "db init touched another program's database"

# the password never shows, neither user:password@ nor password=
"$g" db check --db "postgresql://getihu:s3cr3t@127.0.0.1:1/x?password=t0p&connect_timeout=2" > out.txt 2>&1
grep -q "s3cr3t\|t0p" out.txt && fail "a message shows the password: $(cat out.txt)"
grep -q "postgresql://getihu:\*\*\*@127.0.0.1:1/x?password=\*\*\*" out.txt || fail "URL not named: $(cat out.txt)"
echo "ok"
