#!/usr/bin/env bash
# getihu category quota (A3.3.4; issue 9 §3): refused before the year's run is
# published; afterwards the quota is floor(percent × (growth + development) / 100)
# of the published run, printed as labelled lines; the store is only read.
set -u
g=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
. "$(dirname "$0")/../lib/db.sh" # db_new, dbq: the store on either backend
GETIHU_DB=$(db_new "$tmp/t.db") || { echo "FAIL: no database for the store"; exit 1; }
export GETIHU_DB GETIHU_ACTOR="tester"
fail() { echo "FAIL: $*"; exit 1; }
"$g" db init > /dev/null || fail "db init"
"$g" gen --count 1500 --seed 7 --year 2025 > d.jsonl || fail "gen"
"$g" import --source dossiers d.jsonl 2> err.txt || fail "import: $(cat err.txt)"
"$g" category quota --year 2025 --date 2025-09-01 > out.txt 2> err.txt; rc=$?
[ $rc = 2 ] || fail "no published run must exit 2, got $rc"
grep -q "尚未公布" err.txt || fail "the refusal says the run is not published: $(cat err.txt)"
"$g" run --year 2025 > run.txt 2>&1 || fail "run: $(cat run.txt)"
"$g" publish --run 1 > /dev/null 2>&1 || fail "publish"
"$g" stats --year 2025 --format json > stats.json || fail "stats"
growth=$(grep -oE '"growth":[0-9]+' stats.json | head -1 | cut -d: -f2)
development=$(grep -oE '"development":[0-9]+' stats.json | head -1 | cut -d: -f2)
[ -n "$growth" ] && [ -n "$development" ] || fail "stats lack the counts: $(head -c 300 stats.json)"
sum0=$(db_fingerprint)
"$g" category quota --year 2025 --date 2025-09-01 > out.txt 2> err.txt || fail "quota: $(cat err.txt)"
[ "$(db_fingerprint)" = "$sum0" ] || fail "the quota wrote to the database"
quota=$(( 5 * (growth + development) / 100 ))
cat > expected.txt <<TXT
year 年度 2025
growth 成长型 $growth
development 发展型 $development
percent 比例 5
quota 名额 $quota
recognised 已认定 0
remaining 剩余 $quota
TXT
diff -u expected.txt out.txt || fail "quota output differs"
# another percent from a parameters file
"$g" category quota 2> err.txt; [ $? = 2 ] || fail "missing --year must exit 2"
"$g" category quota --year 2025 --date 2025-13-01 2> err.txt; [ $? = 2 ] || fail "a bad --date must exit 2"
echo "category quota: ok (growth $growth, development $development, quota $quota)"
