#!/usr/bin/env bash
# Snapshot imports of the list kinds (issue 8 finding 25): a corrected extract that
# drops an entry removes it, for the businesses the file names (--snapshot
# businesses) or for the whole list (--snapshot all); exactly those entries, none
# of another list or business; counted as changes; recorded; re-import no change.
set -u
g=$1
ex=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
. "$(dirname "$0")/../lib/db.sh" # db_new, dbq: the store on either backend
GETIHU_DB=$(db_new "$tmp/t.db") || { echo "FAIL: no database for the store"; exit 1; }
export GETIHU_DB GETIHU_ACTOR=tester
fail() { echo "FAIL: $*"; exit 1; }
"$g" db init > /dev/null || fail "db init"
"$g" import --source registration "$ex/registration.csv" 2> /dev/null || fail "registration"
A=92110115MA00001014 B=92110115MA00001027 C=92110115MA0000103A
entries() { dbq "SELECT uscc||' '||from_date FROM intervals WHERE list='$1' ORDER BY 1" | tr '\n' ';'; }
header='统一社会信用代码,列入日期,移出日期'
printf '%s\n%s,2021-01-01,2021-06-30\n%s,2022-03-01,\n%s,2023-01-01,\n%s,2020-05-05,2020-08-01\n' "$header" $A $A $B $C > abn.csv
"$g" import --source abnormal_list abn.csv 2> /dev/null || fail "abnormal_list"
"$g" import --source suspensions "$ex/suspensions.csv" 2> /dev/null || fail "suspensions"
susp=$(entries suspension)
[ "$(entries abnormal)" = "$A 2021-01-01;$A 2022-03-01;$B 2023-01-01;$C 2020-05-05;" ] || fail "setup: $(entries abnormal)"

# A plain re-import of a shorter file removes nothing (why snapshots exist).
printf '%s\n%s,2022-03-01,\n' "$header" $A > fix1.csv
"$g" import --source abnormal_list fix1.csv 2> /dev/null || fail "plain import"
[ "$(entries abnormal)" = "$A 2021-01-01;$A 2022-03-01;$B 2023-01-01;$C 2020-05-05;" ] || fail "a plain import removed"

# businesses: the file is A's whole list; B and C are not in it and keep theirs.
"$g" import --source abnormal_list --snapshot businesses fix1.csv 2> err.txt || fail "snapshot businesses: $(cat err.txt)"
grep -q "变更 1 行" err.txt && grep -q "删除文件中已没有的条目 1 条" err.txt || fail "snapshot businesses counts: $(cat err.txt)"
[ "$(entries abnormal)" = "$A 2022-03-01;$B 2023-01-01;$C 2020-05-05;" ] || fail "snapshot businesses: $(entries abnormal)"
"$g" import --source abnormal_list --snapshot businesses fix1.csv 2> err.txt || fail "again"
grep -q "变更 0 行" err.txt || fail "re-import of a snapshot changed something: $(cat err.txt)"

# all: the file is the whole list; C's entry goes, another list (suspensions) stays.
printf '%s\n%s,2022-03-01,\n%s,2023-01-01,\n' "$header" $A $B > fix2.csv
"$g" import --source abnormal_list --snapshot all --dry-run fix2.csv 2> err.txt || fail "dry run: $(cat err.txt)"
grep -q "删除文件中已没有的条目 1 条" err.txt || fail "dry run counts: $(cat err.txt)"
[ "$(entries abnormal)" = "$A 2022-03-01;$B 2023-01-01;$C 2020-05-05;" ] || fail "a dry run removed"
"$g" import --source abnormal_list --snapshot all fix2.csv 2> err.txt || fail "snapshot all: $(cat err.txt)"
grep -q "变更 1 行" err.txt || fail "snapshot all counts: $(cat err.txt)"
[ "$(entries abnormal)" = "$A 2022-03-01;$B 2023-01-01;" ] || fail "snapshot all: $(entries abnormal)"
[ "$(entries suspension)" = "$susp" ] || fail "another list changed: $(entries suspension)"
"$g" import --source abnormal_list --snapshot all fix2.csv 2> err.txt && grep -q "变更 0 行" err.txt || fail "re-import all"
"$g" show $C | grep -q "abnormal_list\|经营异常名录" || fail "show does not list the import that removed C's entry: $("$g" show $C)"

# Recorded: the import record and the audit entry say so.
"$g" db imports | grep -q "snapshot businesses" || fail "db imports: no snapshot businesses"
"$g" db imports | grep -q "snapshot all" || fail "db imports: no snapshot all"
"$g" audit list --action import | grep -q '"snapshot":"all","rows_removed":1' || fail "audit: $("$g" audit list --action import | head -3)"

# A bad row: all or nothing, nothing removed.
printf '%s\n%s,2022-03-01,\n%s,2023-13-01,\n' "$header" $A $B > bad.csv
"$g" import --source abnormal_list --snapshot all bad.csv 2> /dev/null; [ $? = 3 ] || fail "bad row must exit 3"
[ "$(entries abnormal)" = "$A 2022-03-01;$B 2023-01-01;" ] || fail "a refused snapshot removed entries"

# Penalties: keyed by decision date and kind.
ph='统一社会信用代码,处罚决定日期,处罚种类,是否公示,信用修复日期'
printf '%s\n%s,2024-11-02,罚款,是,\n%s,2023-02-01,警告,是,\n%s,2023-02-01,警告,否,\n' "$ph" $A $A $B > pen.csv
"$g" import --source penalties pen.csv 2> /dev/null || fail "penalties"
printf '%s\n%s,2024-11-02,罚款,是,\n' "$ph" $A > pen1.csv
"$g" import --source penalties --snapshot businesses pen1.csv 2> err.txt && grep -q "变更 1 行" err.txt || fail "penalties: $(cat err.txt)"
[ "$(dbq "SELECT uscc||' '||decided_on||' '||kind FROM penalties ORDER BY 1" | tr '\n' ';')" = \
  "$A 2024-11-02 fine;$B 2023-02-01 warning;" ] || fail "penalties left: $(dbq "SELECT * FROM penalties")"

# The whole list emptied by a file with its header only.
printf '%s\n' "$header" > none.csv
"$g" import --source abnormal_list --snapshot all none.csv 2> err.txt && grep -q "变更 2 行" err.txt || fail "empty: $(cat err.txt)"
[ -z "$(entries abnormal)" ] || fail "the list is not empty"

# Refused: kinds that are not lists, with --skip-bad, an unknown scope.
"$g" import --source registration --snapshot all "$ex/registration.csv" 2> err.txt; [ $? = 2 ] || fail "registration snapshot"
grep -q "不能按完整名单导入" err.txt || fail "registration snapshot message: $(cat err.txt)"
"$g" import --source abnormal_list --snapshot all --skip-bad fix2.csv 2> err.txt; [ $? = 2 ] || fail "--skip-bad"
"$g" import --source abnormal_list --snapshot some fix2.csv 2> err.txt; [ $? = 2 ] || fail "unknown scope"
"$g" import --list-kinds --format json | grep -q '"kind":"penalties".*"snapshot":true' || fail "kinds JSON: penalties"
"$g" import --list-kinds --format json | grep -q '"kind":"registration".*"snapshot":false' || fail "kinds JSON: registration"
echo "snapshot: ok"
