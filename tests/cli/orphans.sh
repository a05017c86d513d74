#!/usr/bin/env bash
# A fact that names no business or no import, or a result of no run, is found (decision 295): on
# PostgreSQL no foreign key refuses such a row (the store checks imports as a set), so `db check`
# must report it and a run must refuse to type the directory; SQLite keeps its foreign keys, and the
# same rows, written past them, are found by `db check` too. Same file on both backends.
set -u
g=$1
ex=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/../lib/db.sh"
GETIHU_DB=$(db_new "$tmp/t.db") || { echo "FAIL: no database for the store"; exit 1; }
export GETIHU_DB GETIHU_ACTOR=tester
fail() { echo "FAIL: $*"; exit 1; }
"$g" db init > /dev/null || fail "db init"
"$g" import --source registration "$ex/registration.csv" > /dev/null 2>&1 || fail "import registration"
"$g" import --source annual_reports "$ex/annual_reports.csv" > /dev/null 2>&1 || fail "import annual reports"
"$g" db check | grep -q "完整性 ok" || fail "db check before: $("$g" db check 2>&1)"

# an annual report of a business the directory does not hold (SQLite: written with its foreign keys off,
# as a tool other than getihu might)
dbq "INSERT INTO annual_reports(uscc,year,filed_on,revenue,employees,import_id)
     VALUES('92110115MA0ORPHAN1',2024,'2025-03-01',100,1,1)" > /dev/null || fail "insert the orphan"
out=$("$g" db check 2>&1)
echo "$out" | grep -q "完整性 ok" && fail "db check did not see the orphan: $out"
echo "$out" | grep -q "annual_reports" || fail "db check does not name the table: $out"
# the run's quick check (decision 242) looks for orphans on PostgreSQL, where nothing else refuses them
if db_is_pg; then "$g" run --year 2025 > "$tmp/run.out" 2>&1 && fail "a run typed a directory with an orphan fact"; fi
dbq "DELETE FROM annual_reports WHERE uscc='92110115MA0ORPHAN1'" > /dev/null || fail "delete the orphan"
"$g" db check | grep -q "完整性 ok" || fail "db check after the delete"

# a fact naming an import that does not exist
dbq "UPDATE annual_reports SET import_id=999 WHERE uscc=(SELECT min(uscc) FROM annual_reports)" > /dev/null ||
  fail "point a fact at no import"
out=$("$g" db check 2>&1)
echo "$out" | grep -q "完整性 ok" && fail "db check did not see the missing import: $out"
dbq "UPDATE annual_reports SET import_id=1 WHERE import_id=999" > /dev/null || fail "mend the import"
"$g" db check | grep -q "完整性 ok" || fail "db check after mending the import"

# a result of a run that does not exist (a run writes its results under its own id, decision 295)
dbq "INSERT INTO results(run_id,uscc,type,reasons) VALUES(99,(SELECT min(uscc) FROM businesses),'survival','[]')" \
  > /dev/null || fail "insert a result of no run"
out=$("$g" db check 2>&1)
echo "$out" | grep -q "完整性 ok" && fail "db check did not see the result of no run: $out"
echo "$out" | grep -q "results" || fail "db check does not name the results: $out"
# SQLite: a status its CHECK should have refused, written past it (the library's quick check does not evaluate
# CHECKs), stops the run with the business named instead of being typed as the first code (decision 297).
# PostgreSQL always enforces its CHECKs, so the row cannot be written there.
if ! db_is_pg; then
  dbq "DELETE FROM results WHERE run_id=99" > /dev/null || fail "remove the result of no run"
  u=$(dbq "SELECT min(uscc) FROM businesses")
  dbq "PRAGMA ignore_check_constraints=1; UPDATE businesses SET status='bogus' WHERE uscc='$u'" > /dev/null ||
    fail "write a bogus status"
  "$g" run --year 2025 > "$tmp/run.out" 2>&1 && fail "a run typed a business of an unknown status"
  grep -q "bogus" "$tmp/run.out" && grep -q "$u" "$tmp/run.out" ||
    fail "the run does not name the damaged business: $(cat "$tmp/run.out")"
fi
echo "ok: an orphan fact, a missing import and a result of no run are found by db check$(db_is_pg && echo ", and a run refuses the directory")"
