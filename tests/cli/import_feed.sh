#!/usr/bin/env bash
# The import's reading thread (decision 325) hands records over in batches of 2,048:
# bad rows on either side of a batch's edge, a repeated key found after the read, and
# a row of the wrong width are all reported, in line order, with file:line:field; the
# file is rejected whole; with --skip-bad every other row is written, once.
set -u
g=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
. "$(dirname "$0")/../lib/db.sh" # db_new, dbq: the store on either backend
GETIHU_DB=$(db_new "$tmp/t.db") || { echo "FAIL: no database for the store"; exit 1; }
export GETIHU_DB GETIHU_ACTOR=tester
fail() { echo "FAIL: $*"; exit 1; }
"$g" db init > /dev/null || fail "db init"
"$g" gen --format extracts --dir x --count 6000 --seed 3 --year 2025 > /dev/null 2>&1 || fail gen
rows=$(($(wc -l < x/registration.csv) - 1))
[ "$rows" -gt 4200 ] || fail "want more than two batches of rows, have $rows"
# lines 2, 2049 and 2050 (a batch's last and the next's first record, the header
# being line 1), 4100 a row too wide, 4101 repeats line 10's business
awk -F, 'NR==2||NR==2049||NR==2050{$5="2024-13-45"} NR==4100{$0=$0",extra"} NR==10{keep=$0} NR==4101{$0=keep} {print}' \
  OFS=, x/registration.csv > bad.csv
want="bad.csv:2: 成立日期
bad.csv:2049: 成立日期
bad.csv:2050: 成立日期
bad.csv:4100: (csv)
bad.csv:4101: uscc"

"$g" import --source registration bad.csv > out.txt 2> err.txt && fail "a file with bad rows was accepted"
got=$(grep -o '^bad\.csv:[0-9]*: [^:]*' err.txt out.txt | sed 's/^[^:]*\.txt://')
[ "$got" = "$want" ] || fail "bad rows, in line order: want
$want
got
$got"
[ "$(dbq 'SELECT count(*) FROM businesses')" = 0 ] || fail "a rejected file wrote businesses"

"$g" import --source registration --skip-bad bad.csv > out.txt 2> err.txt # exit 3: it had bad rows
grep -q committed out.txt err.txt || fail "skip-bad did not commit: $(cat out.txt err.txt)"
got=$(grep -o '^bad\.csv:[0-9]*: [^:]*' err.txt out.txt | sed 's/^[^:]*\.txt://')
[ "$got" = "$want" ] || fail "skip-bad lists the same rows: got $got"
n=$(dbq 'SELECT count(*) FROM businesses')
[ "$n" = $((rows - 5)) ] || fail "skip-bad wrote $n businesses, want $((rows - 5))"
echo "ok: bad rows across the reader's batches reported in order; $n rows written with --skip-bad"
