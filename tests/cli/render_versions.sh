#!/usr/bin/env bash
# Results as facts, rendered on read (issue 12 §1). A database made by the release
# before facts (fixtures/render-v14, made by its make.sh) is migrated: its runs
# export byte for byte as that release exported them. A new run of the same data
# exports the same bytes (its reasons now stored as facts). A run made with a
# changed template (the test-only renderer version, decision 223) shows the new
# words, while every earlier run still renders exactly as before.
set -u
g=$1
fx=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
fail() { echo "FAIL: $*"; exit 1; }
export GETIHU_DB="$tmp/old.db" GETIHU_ACTOR="tester"
sqlite3 old.db < "$fx/db.sql" || fail "fixture"
"$g" db init > out.txt || fail "migrating the old database"
grep -q "已升级 (migrated) 结构版本 14 -> " out.txt || fail "migration not reported: $(cat out.txt)"
[ "$(sqlite3 old.db 'SELECT group_concat(renderer) FROM runs')" = "0,0" ] || fail "old runs must be marked renderer 0"

# every run's exports, against what the release before gave
same_as_before() { # $1 = when
  "$g" export --year 2025 --run 1 --format jsonl 2>/dev/null | cmp -s - "$fx/run1.jsonl" || fail "$1: old run 1 jsonl changed"
  "$g" export --year 2024 --run 2 --format jsonl 2>/dev/null | cmp -s - "$fx/run2.jsonl" || fail "$1: old run 2 jsonl changed"
  rm -f r1.csv
  "$g" export --year 2025 --run 1 --format csv --output r1.csv 2>/dev/null || fail "$1: csv export"
  cmp -s r1.csv "$fx/run1.csv" || fail "$1: old run 1 csv changed"
}
same_as_before "after the migration"

# a new run of the same data: facts stored, the same bytes exported (and shown)
"$g" run --year 2025 > /dev/null 2>&1 || fail "new run"
[ "$(sqlite3 old.db 'SELECT renderer FROM runs WHERE id=3')" = 1 ] || fail "a new run records renderer version 1"
sqlite3 old.db "SELECT count(*) FROM results WHERE run_id=3 AND reasons LIKE '[%'" | grep -qx 0 || fail "run 3 stored sentences"
"$g" export --year 2025 --run 3 --format jsonl 2>/dev/null | cmp -s - "$fx/run1.jsonl" || fail "new run's jsonl differs from the release before"
"$g" export --year 2025 --run 3 --format csv --output r3.csv 2>/dev/null && cmp -s r3.csv "$fx/run1.csv" || fail "new run's csv differs"
"$g" run --year 2024 > /dev/null 2>&1 || fail "new 2024 run"
"$g" export --year 2024 --run 4 --format jsonl 2>/dev/null | cmp -s - "$fx/run2.jsonl" || fail "new 2024 run differs"
old=$(sqlite3 old.db "SELECT avg(length(reasons)) FROM results WHERE run_id=1")
new=$(sqlite3 old.db "SELECT avg(length(reasons)) FROM results WHERE run_id=3")
awk -v o="$old" -v n="$new" 'BEGIN { exit !(n * 5 < o) }' || fail "facts not compact: $new bytes against $old"

# a template changed afterwards (the test version rewords SURVIVAL.DEFAULT)
was="符合基础标准，但不满足成长型和发展型标准"
now="符合基础标准；成长型、发展型标准均未满足"
GETIHU_TEST_RENDERER=9999 "$g" run --year 2025 > /dev/null 2>&1 || fail "run with the changed template"
[ "$(sqlite3 old.db 'SELECT renderer FROM runs WHERE id=5')" = 9999 ] || fail "run 5 records the test version"
"$g" export --year 2025 --run 5 --format jsonl 2>/dev/null > r5.jsonl || fail "export run 5"
grep -q "$now" r5.jsonl && ! grep -q "$was" r5.jsonl || fail "run 5 does not have the new words"
sed "s/$was/$now/g" "$fx/run1.jsonl" | cmp -s - r5.jsonl || fail "run 5 differs beyond the changed template"
same_as_before "after the template changed"
"$g" export --year 2025 --run 3 --format jsonl 2>/dev/null | cmp -s - "$fx/run1.jsonl" || fail "run 3 changed with the template"
GETIHU_TEST_RENDERER=1 "$g" run --year 2025 > /dev/null 2>&1 || fail "run 6"
[ "$(sqlite3 old.db 'SELECT renderer FROM runs WHERE id=6')" = 1 ] || fail "only the test version can be asked for"

# the business page of one survival business: each run's own words
u=$(grep -m1 "$was" "$fx/run1.jsonl" | sed 's/^{"uscc":"\([^"]*\)".*/\1/')
"$g" show "$u" > show.txt 2>/dev/null || fail "show $u"
awk '/次分型/ { run = $0; sub(/.*第 /, "", run); sub(/ 次.*/, "", run) }
     /SURVIVAL.DEFAULT/ { print run, $3 }' show.txt | sort -n > words.txt
printf '%s\n' "1 $was" "2 $was" "3 $was" "4 $was" "5 $now" "6 $was" | cmp -s - words.txt ||
  fail "show: each run's own words expected, got $(cat words.txt)"

# damaged facts are refused with the business named, not shown as something else
sqlite3 old.db "UPDATE results SET reasons='1|Z' WHERE run_id=3 AND uscc='$u'"
"$g" export --year 2025 --run 3 --format jsonl > /dev/null 2> err.txt && fail "damaged facts exported"
grep -q "$u" err.txt || fail "the damaged result is not named: $(cat err.txt)"
echo "render versions: old runs unchanged, new runs the same bytes, a changed template only in its own run"
