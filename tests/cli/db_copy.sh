#!/usr/bin/env bash
# getihu db copy (issue 12 §3, decisions 262-263): a district's SQLite store (generated businesses, two runs, one
# published, accounts, an access code, the audit chain) copied to an empty store — another SQLite file here, a
# PostgreSQL database in the .pg twin — then checked from outside: every table's rows counted on both sides with
# SQL, the target's audit chain verified, the same year run on both giving identical exports, the published run
# and the look-up the same; a target that is not empty is refused with nothing written; in the .pg twin the copy
# back to a new SQLite file gives the same exports again.
set -u
g=$1
. "$(dirname "$0")/../lib/db.sh" # db_new, dbq_at: the target on either backend
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
fail() { echo "FAIL: $*"; exit 1; }
export GETIHU_ACTOR=tester
src=$tmp/district.db
"$g" db init --db "$src" > /dev/null || fail "db init"
"$g" gen --format extracts --dir x --count 3000 --seed 12 --year 2025 > /dev/null 2>&1 || fail gen
"$g" import --db "$src" --source registration x/registration.csv > /dev/null 2>&1 || fail "import registration"
for f in x/*.csv; do
  k=$(basename "$f" .csv)
  [ "$k" = registration ] || "$g" import --db "$src" --source "$k" "$f" > /dev/null 2>&1 || fail "import $k"
done
"$g" run --db "$src" --year 2025 > /dev/null 2>&1 && "$g" publish --db "$src" --run 1 > /dev/null 2>&1 || fail "run"
"$g" run --db "$src" --year 2024 --name 试算 > /dev/null 2>&1 || fail "run 2024"
echo "password-of-clerk" | "$g" user add --db "$src" --username clerk --role clerk --password-stdin > /dev/null || fail "user"
U=$(sqlite3 "$src" "SELECT uscc FROM businesses ORDER BY uscc LIMIT 1")
"$g" user add --db "$src" --username owner --role business --uscc "$U" > /dev/null || fail "owner"
"$g" user code --db "$src" --uscc "$U" > /dev/null 2>&1 || fail "access code"
# a server's sign-in back-off (real numbers, decision 265) is its own state, not the district's: left out (decision 273)
sqlite3 "$src" "INSERT INTO throttle VALUES(1, 42, 1.5, 1700000000.25)" || fail "a throttle row"
cp "$src" before.db

dst=$(db_new "$tmp/target.db") || fail "a database for the target"
"$g" db copy --from "$src" --to "$dst" --year 2025 > out.txt 2> err.txt || fail "db copy: $(cat err.txt)"
cat out.txt
cmp -s "$src" before.db || fail "the copy changed the source"
grep -q "核对 (verified): 两边 2025 年分型结果相同：共 3000 户" out.txt || fail "no verification figures: $(cat out.txt)"
# every table the copy reports, counted independently on both sides (the audit: one more, the copy's own entry)
tables=$(sed -n 's/^  \([a-z_]*\) .*/\1/p' out.txt)
[ "$(echo "$tables" | wc -l)" -ge 30 ] || fail "the copy reported few tables: $tables"
echo "$tables" | grep -qx throttle && fail "the sign-in back-off was copied"
[ "$(dbq_at "$dst" "SELECT count(*) FROM throttle")" = 0 ] || fail "the target has a back-off"
rows=0
for t in $tables; do
  a=$(sqlite3 "$src" "SELECT count(*) FROM $t")
  b=$(dbq_at "$dst" "SELECT count(*) FROM $t")
  [ "$t" = audit ] && a=$((a + 1))
  [ "$a" = "$b" ] || fail "table $t: $a rows in the source, $b in the target"
  rows=$((rows + a))
done
[ "$rows" -gt 20000 ] || fail "few rows copied: $rows"
for t in businesses results runs audit accounts access_codes imports; do echo "$tables" | grep -qx $t || fail "table $t not copied"; done
[ "$(dbq_at "$dst" "SELECT action FROM audit ORDER BY id DESC LIMIT 1")" = db.copy ] || fail "the copy is not audited last"
"$g" audit verify --db "$dst" > /dev/null 2>&1 || fail "the target's audit chain: $("$g" audit verify --db "$dst" 2>&1 | tail -1)"

# the published run and a new run of the same year give identical results on both
"$g" export --db "$src" --year 2025 --format jsonl > pub.src 2> /dev/null || fail "export source"
"$g" export --db "$dst" --year 2025 --format jsonl > pub.dst 2> /dev/null || fail "export target"
[ "$(wc -l < pub.src)" = 3000 ] && cmp -s pub.src pub.dst || fail "the published run differs after the copy"
"$g" run --db "$src" --year 2025 > run.src 2>&1 || fail "run on the source"
"$g" run --db "$dst" --year 2025 > run.dst 2>&1 || fail "run on the target: $(cat run.dst)"
grep -q "run #3," run.src && grep -q "run #3," run.dst || fail "the new run's id differs: $(head -1 run.src) / $(head -1 run.dst)"
"$g" export --db "$src" --year 2025 --run 3 --format jsonl > run3.src 2> /dev/null || fail "export run 3 source"
"$g" export --db "$dst" --year 2025 --run 3 --format jsonl > run3.dst 2> /dev/null || fail "export run 3 target"
[ -s run3.src ] && cmp -s run3.src run3.dst || fail "a run on each gives different results"
"$g" show --db "$dst" "$U" | grep -q "$U" || fail "look-up on the target"
"$g" user list --db "$dst" | grep -q owner || fail "accounts on the target"

# a store that is not empty is refused, and nothing is written to it
n=$(dbq_at "$dst" "SELECT count(*) FROM audit")
"$g" db copy --from "$src" --to "$dst" --year 2025 > out2.txt 2> err2.txt; rc=$?
[ $rc = 3 ] || fail "copy into a store that is not empty: exit $rc"
grep -q "不是空的" err2.txt || fail "the refusal does not say why: $(cat err2.txt)"
[ "$(dbq_at "$dst" "SELECT count(*) FROM audit")" = "$n" ] || fail "the refused copy wrote to the target"
"$g" db copy --from "$src" --year 2025 > /dev/null 2>&1; [ $? = 2 ] || fail "--to is required"
"$g" db copy --from "$tmp/none.db" --to "$tmp/new.db" --year 2025 > /dev/null 2>&1 && fail "a missing source"

if db_is_pg; then # and back: PostgreSQL to a new SQLite file
  "$g" db copy --from "$dst" --to "$tmp/back.db" --year 2025 > back.txt 2> err.txt || fail "copy back: $(cat err.txt)"
  "$g" export --db "$tmp/back.db" --year 2025 --run 3 --format jsonl > run3.back 2> /dev/null || fail "export back"
  cmp -s run3.src run3.back || fail "the copy back gives other results"
  "$g" audit verify --db "$tmp/back.db" > /dev/null 2>&1 || fail "the audit chain after the copy back"
fi
echo "db_copy: ok ($rows rows)"
