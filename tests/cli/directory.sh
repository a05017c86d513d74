#!/usr/bin/env bash
# The directory end to end (issue 3): import every kind of docs/examples (GBK
# included), bad rows, --skip-bad, --dry-run, re-import, runs, publish, export in
# three formats, look-up (1- and 2-character Chinese queries), statistics, and that
# a run's export equals `getihu classify` on the same dossiers.
set -u
g=$1
ex=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
. "$(dirname "$0")/../lib/db.sh" # db_new, dbq: the store on either backend
GETIHU_DB=$(db_new "$tmp/t.db") || { echo "FAIL: no database for the store"; exit 1; }
export GETIHU_DB GETIHU_ACTOR="tester"
"$g" db init > /dev/null || { echo "FAIL: getihu db init"; exit 1; }
fail() { echo "FAIL: $*"; exit 1; }
kinds="registration annual_reports tax insurance trademarks patents abnormal_list serious_illegal suspensions penalties dishonest_debtors operator_groups"
file_of() { [ "$1" = tax ] && echo "$ex/tax-gbk.csv" || echo "$ex/$1.csv"; }

# A kind before registration: every row names an unknown business; nothing is written.
"$g" import --source annual_reports "$ex/annual_reports.csv" 2> err.txt; [ $? = 3 ] || fail "rows of unknown businesses must exit 3"
grep -q "annual_reports.csv:2: uscc: 名录中没有该个体工商户" err.txt || fail "unknown business not reported with file:line: $(cat err.txt)"
[ "$(grep -c '^.*annual_reports.csv:[0-9]*: ' err.txt)" = 5 ] || fail "every bad row listed"

# The first registration into an empty directory drops the secondary indexes and builds them again after
# (decisions 230, 283): every index of businesses must be back, as db init made it.
indexes() {
  if db_is_pg; then dbq "SELECT indexdef FROM pg_indexes WHERE tablename='businesses' ORDER BY indexname"
  else dbq "SELECT sql FROM sqlite_master WHERE type='index' AND tbl_name='businesses' ORDER BY name"; fi
}
indexes > idx.before || fail "list the indexes"
for k in $kinds; do
  "$g" import --source "$k" "$(file_of "$k")" 2> err.txt || fail "import $k: $(cat err.txt)"
done
indexes > idx.after || fail "list the indexes"
[ "$(grep -c . idx.before)" -ge 3 ] || fail "too few indexes listed: $(cat idx.before)"
cmp -s idx.before idx.after || fail "the import left the indexes of businesses changed: $(diff idx.before idx.after)"
"$g" db imports | grep -q "GB18030" || fail "the GBK tax file was not detected as GB18030"
"$g" db imports | grep -q "rejected" || fail "the refused import is recorded"
"$g" db imports | grep -q "tester" || fail "the actor is recorded"
"$g" db check | grep -q "完整性 ok" || fail "db check"

# Re-import changes nothing.
for k in $kinds; do
  "$g" import --source "$k" "$(file_of "$k")" 2> err.txt || fail "re-import $k"
  grep -q "变更 0 行" err.txt || fail "re-import of $k changed something: $(cat err.txt)"
done

# A file with bad rows: nothing written, every bad row listed; --dry-run writes nothing; --skip-bad writes good rows.
cat > bad.csv <<CSV
统一社会信用代码,年报年度,报送日期,营业收入,从业人数
92110115MA00001014,2023,2024-05-01,100000,1
92110115MA00001015,2023,2024-05-01,100000,1
92110115MA00001027,2023,2024-13-01,100000,1
92110115MA00001027,2022,2023-05-01,12.345,1
92110115MA00001014,2023,2024-05-02,100000,1
"92110115MA0000104D",2023,"2024-05-01","1,000,00",2
CSV
"$g" import --source annual_reports bad.csv 2> err.txt; [ $? = 3 ] || fail "bad rows must exit 3"
grep -q "bad.csv:3: 统一社会信用代码: 统一社会信用代码校验位错误" err.txt || fail "check character: $(cat err.txt)"
grep -q "bad.csv:4: 报送日期: 日期无效" err.txt || fail "bad date"
grep -q "bad.csv:5: 营业收入: 金额最多两位小数" err.txt || fail "bad amount"
grep -q "bad.csv:6: uscc: 本文件中已有同一键的行" err.txt || fail "repeated key"
grep -q "bad.csv:7: 营业收入: 千位分隔符位置不对" err.txt || fail "thousands separators"
"$g" show 92110115MA00001014 | grep -q "2023年度年报" && fail "a refused import wrote a row"
"$g" import --source annual_reports --dry-run bad.csv 2>/dev/null
"$g" show 92110115MA00001014 | grep -q "2023年度年报" && fail "--dry-run wrote a row"
"$g" import --source annual_reports --skip-bad bad.csv 2> err.txt; [ $? = 3 ] || fail "--skip-bad still exits 3"
grep -q "bad.csv:7:" err.txt || fail "--skip-bad lists skipped rows"
"$g" show 92110115MA00001014 | grep -q "2023年度年报: 报送 2024-05-01" || fail "--skip-bad wrote the good row"
"$g" import --source nonsense bad.csv 2>/dev/null; [ $? = 2 ] || fail "unknown kind exits 2"
printf 'foo,bar\n1,2\n' > nohead.csv
"$g" import --source registration nohead.csv 2> err.txt; [ $? = 2 ] || fail "missing required columns exit 2"
grep -q "缺少必需的列" err.txt || fail "missing column named"

# One bad row per kind: the column is named as in the file, the reason is given, nothing is written.
A=92110115MA00001014
bad_row() { # kind header row expected-fragment
  printf '%s\n%s\n' "$2" "$3" > "bad-$1.csv"
  "$g" import --source "$1" "bad-$1.csv" 2> err.txt; [ $? = 3 ] || fail "bad $1 row must exit 3"
  grep -qF -- "bad-$1.csv:2: $4" err.txt || fail "bad $1 row: wanted '$4', got: $(cat err.txt)"
}
bad_row registration "统一社会信用代码,成立日期,登记状态" "$A,2019-13-01,在营" "成立日期: 日期无效"
bad_row annual_reports "统一社会信用代码,年报年度" "$A,24" "年报年度: 年度应为四位数字"
bad_row tax "统一社会信用代码,所属年度,实缴税款" "$A,2024,1.001" "实缴税款: 金额最多两位小数"
bad_row insurance "统一社会信用代码,参保年度,单位参保人数" "$A,2024,-1" "单位参保人数: 应为非负整数"
bad_row trademarks "统一社会信用代码,商标注册号,持有人类型" "$A,123,朋友" "持有人类型: 应为 个体工商户 或 经营者"
bad_row patents "统一社会信用代码,专利号,专利权人类型" "$A,ZL1," "专利权人类型: 不能为空"
bad_row abnormal_list "统一社会信用代码,列入日期,移出日期" "$A,2024-05-01,2024-04-01" "abnormal_list: 结束日期早于开始日期"
bad_row serious_illegal "统一社会信用代码,列入日期" "$A,昨天" "列入日期: 日期无效"
bad_row suspensions "统一社会信用代码,歇业开始日期" "92110115MA00001015,2024-01-01" "统一社会信用代码: 统一社会信用代码校验位错误"
bad_row penalties "统一社会信用代码,处罚决定日期,处罚种类" "$A,2024-01-01,批评教育" "处罚种类: 未知处罚种类"
bad_row dishonest_debtors "统一社会信用代码,列入日期" "$A," "列入日期: 不能为空"
bad_row operator_groups "统一社会信用代码,人员类别" "$A,学生" "人员类别: 未知人员类别"
"$g" import --source tax "bad-tax.csv" --dry-run 2>/dev/null
"$g" show $A | grep -q "实缴税款 0.00" && fail "a bad tax row was written"

# Quoted fields with commas and newlines, CRLF, English headers.
printf 'uscc,name,established,status,address\r\n92110115MA0000106K,"北京市大兴区""老王""面馆",2018-04-01,registered,"大兴区,黄村镇\r\n二层"\r\n' > quoted.csv
"$g" import --source registration quoted.csv 2> err.txt || fail "quoted CSV: $(cat err.txt)"
"$g" show 92110115MA0000106K | grep -q '北京市大兴区"老王"面馆' || fail "quotes inside a quoted field"

# Runs: the same year twice on the same data gives identical results; never overwritten.
"$g" run --year 2025 > run1.txt 2>/dev/null || fail "run 2025"
"$g" run --year 2025 > /dev/null 2>&1 || fail "second run 2025"
"$g" run --year 2024 > /dev/null 2>&1 || fail "run 2024"
"$g" export --year 2025 --run 1 --format jsonl > a.jsonl 2>/dev/null || fail "export run 1"
"$g" export --year 2025 --run 2 --format jsonl > b.jsonl 2>/dev/null || fail "export run 2"
cmp -s a.jsonl b.jsonl || fail "two runs of one year on the same data differ"
[ "$(wc -l < a.jsonl)" = 6 ] || fail "population of 2025"
"$g" export --year 2025 --format jsonl 2>/dev/null && fail "export without a published run must refuse"
"$g" publish --run 2 > /dev/null || fail "publish"
"$g" publish --run 3 > /dev/null || fail "publish 2024"
"$g" publish --run 99 2>/dev/null && fail "publishing a missing run must fail"
"$g" runs | grep -q "#2 .*已公布" || fail "runs shows the published run"
"$g" export --year 2025 --format jsonl > pub.jsonl 2>/dev/null || fail "export published"
cmp -s pub.jsonl b.jsonl || fail "export defaults to the published run"
"$g" export --year 2025 --format csv --output r.csv 2>/dev/null || fail "export csv"
head -c 3 r.csv | od -An -tx1 | grep -q "ef bb bf" || fail "CSV starts with a BOM"
grep -q "^统一社会信用代码,名称,镇街" <(tail -c +4 r.csv) || fail "CSV header"
"$g" export --year 2025 --format xlsx --output r.xlsx 2>/dev/null || fail "export xlsx"
[ "$(head -c 2 r.xlsx)" = "PK" ] || fail "xlsx is a zip"
for f in pub.jsonl r.csv; do
  grep -qE "张三|李四|110115199001011234|130682197712124567" "$f" && fail "$f leaks personal data"
done

# A run equals classify on the same dossiers: import dossiers into a fresh store.
"$g" gen --count 500 --seed 11 > d.jsonl 2>/dev/null
D=$(db_new "$tmp/d.db") || fail "a database for d.db"
"$g" db init --db "$D" > /dev/null || fail "db init d.db"
GETIHU_DB="$D" "$g" import --source dossiers d.jsonl 2>/dev/null || fail "import dossiers"
GETIHU_DB="$D" "$g" import --source dossiers d.jsonl 2> err.txt || fail "re-import dossiers"
grep -q "变更 0 行" err.txt || fail "re-importing dossiers changed something"
GETIHU_DB="$D" "$g" run --year 2025 > /dev/null 2>&1 || fail "run on dossiers"
GETIHU_DB="$D" "$g" export --year 2025 --run 1 --format jsonl 2>/dev/null | sort > run.jsonl
"$g" classify --year 2025 --input d.jsonl 2>/dev/null | sort > cls.jsonl
cmp -s run.jsonl cls.jsonl || fail "exported run differs from classify on the same dossiers"
# A dossier that drops a report replaces the stored one.
head -n 1 d.jsonl | sed 's/"annual_reports":\[[^]]*\]/"annual_reports":[]/' > one.jsonl
GETIHU_DB="$D" "$g" import --source dossiers one.jsonl 2> err.txt || fail "dossier update"
grep -q "变更 [1-9]" err.txt || fail "dossier update changed nothing: $(cat err.txt)"

# Look-up: USCC, 注册号, 1- and 2-character Chinese fragments.
"$g" show 92110115MA00001014 | grep -q "北京市大兴区福顺小吃店" || fail "show by USCC"
"$g" show 110115000000003 | grep -q "北京市大兴区福顺小吃店" || fail "show by legacy 注册号"
"$g" show 福 | grep -q "福顺小吃店" || fail "one-character query"
"$g" show 瑞丰 | grep -q "92110115MA00001027" || fail "two-character query"
"$g" show 汽车修理 | grep -q "92110115MA0000104D" || fail "four-character query"
"$g" show 不存在的店 > /dev/null; [ $? = 3 ] || fail "nothing found exits 3"
"$g" show 92110115MA00001014 | grep -q "张\*" || fail "operator masked"
"$g" show 92110115MA00001014 | grep -q "110115199001011234" && fail "ID number shown without --personal"
"$g" show --personal 92110115MA00001014 | grep -q "110115199001011234" || fail "--personal shows it"
"$g" show 92110115MA00001014 | grep -q "DEVELOPMENT.D .*A1.3.2(3)D" || fail "explanation with article"
"$g" show 92110115MA00001014 | grep -q "registration" || fail "import history"

# Statistics: table, json, csv; transitions against the published previous year.
"$g" stats --year 2025 > s.txt || fail "stats"
grep -q "发展型" s.txt && grep -q "按镇街" s.txt && grep -q "按行业门类" s.txt || fail "stats table"
grep -q "与 2024 年度相比" s.txt || fail "transition matrix"
"$g" stats --year 2025 --format json | grep -q '"types":{"survival":' || fail "stats json"
"$g" stats --year 2025 --format json | grep -q '"transitions"' || fail "stats json transitions"
"$g" stats --year 2025 --format csv | grep -q "^town,黄村镇," || fail "stats csv"
echo "directory: all passed"
