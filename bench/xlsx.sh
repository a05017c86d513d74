#!/usr/bin/env bash
# Benchmark of spreadsheet imports (issue 10 §7): the same N registration rows
# (default 200,000, from `getihu gen --format extracts`) imported from CSV, from
# XLSX with shared strings (as Excel writes it) and from XLSX with inline strings,
# each into a fresh store. Prints rows/s and peak RSS. Asserts nothing.
#   bash bench/xlsx.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-200000}
bash scripts/deps.sh --bench
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release > /dev/null
cmake --build build-bench -j1 --target getihu sheet_fixture > /dev/null
g=./build-bench/getihu
fix=./build-bench/tests/sheet_fixture
out=bench/out/xlsx-$N
rm -rf "$out"
mkdir -p "$out"
export GETIHU_ACTOR=bench
. bench/lib.sh
measure() { bench_rows "$@"; } # label rows command...
echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
$g gen --format extracts --dir "$out/extracts" --count "$N" --seed 1 --year 2025 2> /dev/null
csv=$out/extracts/registration.csv
rows=$(($(wc -l < "$csv") - 1))
$fix xlsx "$csv" "$out/registration.xlsx"
$fix xlsx-inline "$csv" "$out/registration-inline.xlsx"
echo "files: csv $(du -h "$csv" | cut -f1), xlsx $(du -h "$out/registration.xlsx" | cut -f1), inline xlsx $(du -h "$out/registration-inline.xlsx" | cut -f1)"
for f in csv xlsx inline; do
  export GETIHU_DB=$out/$f.db
  $g db init > /dev/null
  case $f in
    csv) measure "import registration from CSV" "$rows" $g import --source registration "$csv" ;;
    xlsx) measure "import from XLSX (shared strings)" "$rows" $g import --source registration --sheet 数据 "$out/registration.xlsx" ;;
    inline) measure "import from XLSX (inline strings)" "$rows" $g import --source registration --sheet 数据 "$out/registration-inline.xlsx" ;;
  esac
done
# the same rows read without the store: the reader's own cost
export GETIHU_DB=$out/xlsx.db
measure "dry run from XLSX (re-import)" "$rows" $g import --source registration --dry-run --sheet 数据 "$out/registration.xlsx"
