#!/usr/bin/env bash
# Spreadsheets in (issue 10 section 7): every kind's example data imported from
# XLSX (shared strings; inline strings), and from XLS, leaves the store exactly as
# the CSV import of the same data does (every data table compared byte for byte);
# bad cells, an unknown sheet, a corrupt zip and a zip bomb are refused with
# FILE:SHEET!ROW: column: message, all or nothing.
set -u
g=$1
fix=$2
ex=$3
tmp=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT; [ -n "${KEEP:-}" ] && echo "$tmp"
cd "$tmp"
export GETIHU_ACTOR="tester"
fail() { echo "FAIL: $*"; exit 1; }
kinds="registration annual_reports tax insurance trademarks patents abnormal_list serious_illegal suspensions penalties dishonest_debtors operator_groups"
file_of() { [ "$1" = tax ] && echo "$ex/tax-gbk.csv" || echo "$ex/$1.csv"; }
# Every table but the import records and the audit trail (file names, hashes, times differ).
. "$(dirname "$0")/../lib/db.sh" # db_new, db_dump: the store on either backend
dump() { # (PostgreSQL: each COPY row prefixed with its table, rows sorted, as heap order may differ)
  GETIHU_DB=$1 db_dump | grep -v -e '^INSERT INTO imports ' -e '^INSERT INTO audit ' -e '^INSERT INTO "imports"' -e '^INSERT INTO "audit"' |
    awk '/^COPY public\./ {t=$2; skip=(t=="public.imports"||t=="public.audit"); next} /^\\\.$/ {t=""; next}
         t!="" {if (!skip) print t "\t" $0; next} {print}' | if db_is_pg; then sort; else cat; fi
}

for fmt in csv xlsx xlsx-inline xls; do
  GETIHU_DB=$(db_new "$tmp/$fmt.db") || fail "a database for $fmt"
  export GETIHU_DB
  "$g" db init > /dev/null || fail "db init"
  for k in $kinds; do
    f=$(file_of "$k")
    sheet=()
    if [ "$fmt" != csv ]; then
      ext=${fmt%-inline}
      "$fix" "$fmt" "$f" "$k.$fmt.$ext" > /dev/null || fail "fixture $fmt $k"
      f="$k.$fmt.$ext"
      [ "$fmt" = xls ] || sheet=(--sheet 数据)
    fi
    "$g" import --source "$k" "${sheet[@]}" "$f" 2> err.txt || fail "import $k from $fmt: $(cat err.txt)"
  done
  "$g" db imports > imports.txt
  case $fmt in
    xlsx*) grep -q XLSX imports.txt || fail "the workbook format is recorded: $(cat imports.txt)" ;;
    xls) grep -q " XLS " imports.txt || grep -q "XLS" imports.txt || fail "XLS recorded" ;;
  esac
  dump "$GETIHU_DB" > "$fmt.sql"
  [ -s "$fmt.sql" ] || fail "empty dump"
done
for fmt in xlsx xlsx-inline xls; do
  cmp -s csv.sql "$fmt.sql" || { diff csv.sql "$fmt.sql" | head -20; fail "$fmt import differs from the CSV import"; }
done
grep -q "INSERT INTO businesses\|^public.businesses	" csv.sql || fail "the comparison saw no businesses"

# ---- bad cells: a fresh store with the registration ----
GETIHU_DB=$(db_new "$tmp/bad.db") || fail "a database for bad.db"
export GETIHU_DB
"$g" db init > /dev/null
"$g" import --source registration "$ex/registration.csv" 2> /dev/null || fail "registration"
cat > tax.csv <<CSV
统一社会信用代码,所属年度,实缴税款,税务登记
92110115MA00001014,2023,abc,是
92110115MA00001027,2023,1200.5,2019-03-08
92110115MA0000103A,2023,300,是
CSV
"$fix" xlsx tax.csv tax.xlsx Sheet1 > /dev/null
"$g" import --source tax --sheet Sheet1 tax.xlsx 2> err.txt; [ $? = 3 ] || fail "bad cells must exit 3: $(cat err.txt)"
grep -q "tax.xlsx:Sheet1!2: 实缴税款: " err.txt || fail "a text in a number column: $(cat err.txt)"
grep -q "tax.xlsx:Sheet1!3: 税务登记: 这是日期单元格" err.txt || fail "a date serial in a yes/no column: $(cat err.txt)"
grep -q "Sheet1!4" err.txt && fail "a good row reported bad"
"$g" show 92110115MA0000103A | grep -q "300.00" && fail "a file with bad rows wrote a row (all or nothing)"
"$g" import --source tax --sheet Sheet1 --skip-bad tax.xlsx 2> err.txt; [ $? = 3 ] || fail "--skip-bad exits 3"
[ "$(grep -c 'tax.xlsx:Sheet1!' err.txt)" = 2 ] || fail "--skip-bad lists every skipped row: $(cat err.txt)"
"$fix" xls tax.csv tax.xls Sheet1 > /dev/null
"$g" import --source tax tax.xls 2> err.txt; [ $? = 3 ] || fail "xls bad cells must exit 3"
grep -q "tax.xls:Sheet1!3: 税务登记: 这是日期单元格" err.txt || fail "xls: a date in a yes/no column: $(cat err.txt)"

# An ID typed as a number (Excel keeps 15 digits, writes 1.10115199001011E+17) is refused, telling to use text.
cat > reg.csv <<CSV
统一社会信用代码,字号名称,经营者姓名,经营者身份证号,成立日期,登记状态,所属镇街,行业代码,经营场所,季节性经营
92110115MA00001014,北京市大兴区福顺小吃店,张三,110115199001011234,2015-05-12,在营,黄村镇,H6291,北京,否
CSV
"$fix" xlsx reg.csv reg.xlsx > /dev/null
unzip -q reg.xlsx -d regx
sed -i 's#<v>110115199001011234</v>#<v>1.10115199001011E+17</v>#; s#<c r="D2" t="s"><v>[0-9]*</v></c>#<c r="D2"><v>1.10115199001011E+17</v></c>#' regx/xl/worksheets/sheet2.xml
grep -q 'E+17' regx/xl/worksheets/sheet2.xml || fail "fixture edit"
(cd regx && zip -q -r ../reg2.xlsx .)
"$g" import --source registration --sheet 数据 reg2.xlsx 2> err.txt; [ $? = 3 ] || fail "an ID as a number must exit 3: $(cat err.txt)"
grep -q "reg2.xlsx:数据!2: 经营者身份证号: 数字以科学计数法保存.*文本" err.txt || fail "ID as number: $(cat err.txt)"

# An unknown sheet names the sheets there are; --sheet on a CSV is refused.
"$g" import --source tax --sheet 税务 tax.xlsx 2> err.txt; [ $? = 2 ] || fail "unknown sheet exits 2"
grep -q '没有名为 "税务" 的工作表，可用的工作表：说明, Sheet1' err.txt || fail "unknown sheet lists the sheets: $(cat err.txt)"
"$g" import --source tax --sheet 税务 tax.xls 2> err.txt; [ $? = 2 ] || fail "xls unknown sheet exits 2"
grep -q "可用的工作表：Sheet1" err.txt || fail "xls unknown sheet: $(cat err.txt)"
"$g" import --source tax --sheet Sheet1 tax.csv 2> err.txt; [ $? = 2 ] || fail "--sheet on csv"
# Without --sheet the first sheet is read; when its header does not fit, the message names the sheets.
"$g" import --source tax tax.xlsx 2> err.txt; [ $? = 2 ] || fail "the note sheet's header"
grep -q "tax.xlsx:说明!1: 表头 (header): .*本工作簿的工作表：说明, Sheet1，可用 --sheet 指定" err.txt || fail "header hint: $(cat err.txt)"

# A corrupt zip (the central directory cut off) and a truncated XLS are refused, nothing written.
head -c 3000 tax.xlsx > cut.xlsx
"$g" import --source tax cut.xlsx 2> err.txt; [ $? = 2 ] || fail "corrupt zip exits 2: $(cat err.txt)"
grep -q "cut.xlsx: .*zip" err.txt || fail "corrupt zip message: $(cat err.txt)"
head -c 1500 tax.xls > cut.xls
"$g" import --source tax cut.xls 2> err.txt; [ $? = 2 ] || fail "truncated xls exits 2: $(cat err.txt)"
grep -q "cut.xls: " err.txt || fail "truncated xls message"

# A sheet whose XML breaks after the header: the whole file is refused, naming the sheet and the XML line.
mkdir -p broken && cp -r regx/. broken/
sed -i 's#</row>#</rowx>#2' broken/xl/worksheets/sheet2.xml
(cd broken && zip -q -r ../broken.xlsx .)
"$g" import --source registration --sheet 数据 broken.xlsx 2> err.txt; [ $? = 2 ] || fail "broken sheet XML exits 2: $(cat err.txt)"
grep -q "broken.xlsx:数据: xl/worksheets/sheet2.xml 第 [0-9]* 行: XML 格式错误" err.txt || fail "broken XML message: $(cat err.txt)"

# A zip bomb: a sheet of 40 MB of blanks that compresses a thousandfold.
mkdir -p bomb && cp -r regx/. bomb/
head -c 40000000 /dev/zero | tr '\0' ' ' > pad.txt
sed -i 's#</worksheet>##' bomb/xl/worksheets/sheet2.xml
cat pad.txt >> bomb/xl/worksheets/sheet2.xml
echo '</worksheet>' >> bomb/xl/worksheets/sheet2.xml
(cd bomb && zip -q -9 -r ../bomb.xlsx .)
"$g" import --source registration --sheet 数据 bomb.xlsx 2> err.txt; [ $? = 2 ] || fail "zip bomb exits 2: $(cat err.txt)"
grep -q "bomb.xlsx: .*压缩炸弹" err.txt || fail "zip bomb message: $(cat err.txt)"
echo "ok: spreadsheets"
