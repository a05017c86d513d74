#!/usr/bin/env bash
# Checking the city's typing (issue 10 §6): a city file with planted differences of
# every kind (each ordered pair of types, only in the city — in the directory or not —
# and only in getihu) gives exactly those counts and rows, with getihu's reasons and
# the ones that drive each difference; an unparseable type and a repeated USCC refuse
# the whole file; the clerk's worklist is audited; the XLSX report is written whole;
# a city result made a run and published says so wherever results are shown.
set -u
g=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
. "$(dirname "$0")/../lib/db.sh" # db_new, dbq: the store on either backend
GETIHU_DB=$(db_new "$tmp/t.db") || { echo "FAIL: no database for the store"; exit 1; }
export GETIHU_DB GETIHU_ACTOR=tester
fail() { echo "FAIL: $*"; exit 1; }
q() { dbq "$1"; }
"$g" db init > /dev/null || fail "db init"
"$g" gen --count 8000 --seed 1 > d.jsonl 2> /dev/null || fail "gen"
"$g" import --source dossiers d.jsonl 2> /dev/null || fail "import dossiers"
"$g" run --year 2025 > /dev/null 2>&1 || fail "run"
"$g" publish --run 1 > /dev/null || fail "publish"
for t in survival growth development ineligible; do
  [ "$(q "SELECT count(*) FROM results WHERE run_id=1 AND type='$t'")" -ge 5 ] || fail "the data has fewer than 5 $t"
done

# The plan, per getihu type o, in USCC order: the k-th business (k = 1..3) gets the k-th other type from the
# city; the 4th is left out of the city's file (only in getihu); the rest agree. Plus: two businesses the
# directory lacks (only in the city). Labels as the city writes them, codes for some rows (both accepted).
plan="WITH r AS (SELECT uscc, type, row_number() OVER (PARTITION BY type ORDER BY uscc) AS k FROM results WHERE run_id=1),
 t(code, i, label) AS (VALUES('survival',0,'生存型'),('growth',1,'成长型'),('development',2,'发展型'),('ineligible',3,'不符合分型条件')),
 p AS (SELECT r.uscc, r.type, r.k, CASE WHEN r.k<=3 THEN (SELECT c.code FROM t c, t o WHERE o.code=r.type AND
        c.i = r.k - 1 + CASE WHEN r.k - 1 >= o.i THEN 1 ELSE 0 END) WHEN r.k=4 THEN NULL ELSE r.type END AS city FROM r)"
q "$plan SELECT p.uscc||',2025,'||CASE WHEN p.k % 2 = 1 THEN t.label ELSE t.code END FROM p JOIN t ON t.code=p.city ORDER BY p.uscc" > rows.csv
A=92110115MA00000361 B=92110115MA0012HMBR # valid codes of another seed, not in this directory
[ "$(q "SELECT count(*) FROM businesses WHERE uscc IN ('$A','$B')")" = 0 ] || fail "planted outsiders are in the directory"
{ printf '\xEF\xBB\xBF统一社会信用代码,年度,分型结果\r\n'; cat rows.csv; printf '%s,2025,发展型\n%s,2025,growth\n' $A $B; } > city.csv

# Refused whole: an unparseable type; a repeated USCC (same year). Nothing stored.
{ cat city.csv; printf '%s,2025,优秀型\n' 92110115MA0000001E; } > bad_type.csv
"$g" import --source city_types bad_type.csv 2> err.txt; [ $? = 3 ] || fail "unparseable type: exit"
grep -q "bad_type.csv:$(( $(wc -l < city.csv) + 1 )): 分型结果: 未知分型结果 \"优秀型\"" err.txt || fail "unparseable type message: $(cat err.txt)"
{ cat city.csv; sed -n 2p city.csv; } > dup.csv
"$g" import --source city_types dup.csv 2> err.txt; [ $? = 3 ] || fail "repeated USCC: exit"
grep -q "dup.csv:$(( $(wc -l < city.csv) + 1 )): uscc: 本文件中已有同一键的行" err.txt || fail "repeated USCC message: $(cat err.txt)"
[ "$(q "SELECT count(*) FROM city_results")" = 0 ] || fail "a refused file left rows"

"$g" import --source city_types city.csv 2> err.txt || fail "city import: $(cat err.txt)"
grep -q "其中 2 户不在区级名录中（市级有、区级无）" err.txt || fail "the import reports the outsiders: $(cat err.txt)"
# The city's result is not a fact: the dossiers are untouched and a new run types as before.
[ "$(q "SELECT count(*) FROM city_results WHERE year=2025")" = "$(( $(wc -l < city.csv) - 1 ))" ] || fail "city rows stored"

# Counts: every kind of difference as planted (one per ordered pair, one only-in-getihu per type, two
# only-in-city), the rest agree.
"$g" reconcile --year 2025 --format json > rep.json || fail "reconcile json"
count() { grep -o "\"kind\":\"$1\",[^}]*\"count\":[0-9]*" rep.json | sed 's/.*"count"://'; }
for c in survival growth development ineligible; do
  for o in survival growth development ineligible; do
    [ $c = $o ] && continue
    [ "$(count $c-$o)" = 1 ] || fail "kind $c-$o: $(count $c-$o)"
  done
  [ "$(count none-$c)" = 1 ] || fail "only in getihu $c: $(count none-$c)"
done
[ "$(count development-none)" = 1 ] && [ "$(count growth-none)" = 1 ] || fail "only in the city"
[ "$(count survival-none)" = 0 ] && [ "$(count ineligible-none)" = 0 ] || fail "only in the city, zero kinds"
total=$(q "SELECT count(*) FROM results WHERE run_id=1")
grep -q "\"differ\":18," rep.json || fail "differ: $(head -c 200 rep.json)"
grep -q "\"agree\":$(( total - 16 ))," rep.json || fail "agree: $(head -c 200 rep.json)"
[ "$(grep -o '"uscc":' rep.json | wc -l)" = 18 ] || fail "rows listed"

# Rows: the planted growth→survival business shows both types, getihu's reasons and what drives it.
gs=$(q "$plan SELECT uscc FROM p WHERE type='survival' AND city='growth'")
"$g" reconcile --year 2025 --kind growth-survival --format json > gs.json || fail "kind filter"
grep -q "\"uscc\":\"$gs\"" gs.json || fail "growth-survival row: $(cat gs.json)"
grep -q '"city_type":"growth","city_type_label":"成长型","run_type":"survival","run_type_label":"生存型"' gs.json ||
  fail "types side by side"
grep -q '"code":"SURVIVAL.DEFAULT"[^}]*"drives":false' gs.json || fail "the result's own reason, not a driver"
grep -q '"code":"MISSED.GROWTH.A"[^}]*未达到成长型标准[^}]*"drives":true' gs.json || fail "A1.3.2(2)A unmet drives it: $(cat gs.json)"
grep -q '"drivers":\[[^]]*未达到成长型标准 300000.00 元' gs.json || fail "drivers list the figures"
# getihu ineligible: the failed base conditions drive it.
"$g" reconcile --year 2025 --kind growth-ineligible --format json | grep -q '"code":"INELIGIBLE\.[A-Z_]*"[^}]*"drives":true' ||
  fail "ineligible drivers"
# Only in the city: a business the directory lacks is listed as such.
"$g" reconcile --year 2025 --kind development-none --format json > dn.json
grep -q "\"uscc\":\"$A\",\"name\":\"\",\"town\":\"\",\"in_directory\":false" dn.json || fail "outsider: $(cat dn.json)"
"$g" reconcile --year 2025 > table.txt || fail "table"
grep -q "市级成长型、区级生存型" table.txt && grep -q "市级有、区级无" table.txt && grep -q "区级有、市级无" table.txt ||
  fail "table kinds: $(head -30 table.txt)"
grep -q "$A  （区级名录无此户）" table.txt || fail "table outsider"
"$g" reconcile --year 2025 --kind good-bad > /dev/null 2>&1; [ $? = 2 ] || fail "bad kind"
"$g" reconcile --year 2026 > /dev/null 2>&1; [ $? = 2 ] || fail "a year without a run"

# The worklist: statuses recorded, filtered, audited; an agreeing business has nothing to check.
"$g" reconcile check --year 2025 --status raised --note "营业收入口径不同，已报市局" "$gs" > /dev/null || fail "raise"
"$g" reconcile check --year 2025 --status accepted "$A" > /dev/null || fail "accept"
same=$(q "$plan SELECT uscc FROM p WHERE k=5 AND type='survival'")
"$g" reconcile check --year 2025 --status accepted "$same" 2> err.txt; [ $? = 2 ] || fail "an agreeing business checked"
grep -q "无需核实" err.txt || fail "agreeing message: $(cat err.txt)"
"$g" reconcile check --year 2025 --status maybe "$gs" > /dev/null 2>&1; [ $? = 2 ] || fail "unknown status"
"$g" reconcile --year 2025 --status raised --format json > raised.json
[ "$(grep -o '"uscc":' raised.json | wc -l)" = 1 ] && grep -q "\"uscc\":\"$gs\".*\"status\":\"raised\",\"status_label\":\"已向市局反映\",\"note\":\"营业收入口径不同，已报市局\",\"checked_by\":\"tester\"" raised.json ||
  fail "raised list: $(cat raised.json)"
[ "$("$g" reconcile --year 2025 --status pending --format json | grep -o '"uscc":' | wc -l)" = 16 ] || fail "pending list"
"$g" audit list --action city_check | grep -q "city_check 2025 $gs" || fail "audit city_check"
"$g" audit verify > /dev/null || fail "audit chain"

# XLSX: two sheets, written whole; every planted row; strings never formulas.
"$g" reconcile --year 2025 --xlsx rep.xlsx > /dev/null 2> err.txt || fail "xlsx: $(cat err.txt)"
grep -q "差异 18 户" err.txt || fail "xlsx rows: $(cat err.txt)"
unzip -p rep.xlsx xl/workbook.xml | grep -q '差异汇总.*差异明细' || fail "sheets"
unzip -p rep.xlsx xl/worksheets/sheet2.xml | grep -q "$gs" || fail "the row in the sheet"
unzip -p rep.xlsx xl/worksheets/sheet2.xml | grep -q "<f>" && fail "a formula in the report"
ls -a | grep -q "rep.xlsx.*tmp\|^\.rep" && fail "a temporary file left behind"

# The city's result made a run and published: it says so in runs, show and the export.
"$g" reconcile adopt --year 2025 > adopt.txt 2> /dev/null || fail "adopt"
crun=$(sed -n 's/.*run #\([0-9]*\).*/\1/p' adopt.txt)
[ "$(q "SELECT source FROM runs WHERE id=$crun")" = city ] || fail "city run source"
[ "$(q "SELECT count(*) FROM results WHERE run_id=$crun")" = "$(( $(wc -l < city.csv) - 3 ))" ] || fail "city run: directory businesses only"
"$g" publish --run "$crun" > /dev/null || fail "publish the city run"
"$g" runs | grep "^#$crun " | grep -q "市级分型结果.*已公布" || fail "runs list: $("$g" runs)"
"$g" show "$gs" | grep -q "成长型  \[第 $crun 次分型，市级分型结果，已公布\]" || fail "show: $("$g" show "$gs")"
"$g" show "$gs" | grep -q "市级统一判定结果" || fail "show: the reason names the city"
"$g" export --year 2025 --format csv 2> /dev/null | grep "^$gs," | grep -q "市级分型结果" || fail "export says the source"
# Reconciling again compares with getihu's own run, not the published city run (decision 122).
"$g" reconcile --year 2025 --format json | grep -q '"run":1,' || fail "compared with the city's own run"
echo "reconcile: ok"
