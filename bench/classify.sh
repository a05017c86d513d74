#!/usr/bin/env bash
# Benchmark of `getihu classify` (issue 2): generates N dossiers (default
# 1,000,000), then measures classify throughput (records/s) and peak memory, and
# compares JSON parsers on the same data. Prints figures; asserts nothing.
#   bash bench/classify.sh [N]        (BIG=3000000 sets the memory-bound run; BIG=0 skips it)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
bash scripts/deps.sh --bench
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release > /dev/null
cmake --build build-bench -j"$(nproc)" --target getihu > /dev/null
mkdir -p bench/out
g=./build-bench/getihu
in=bench/out/dossiers-$N.jsonl
echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "== generating $N dossiers (seed 1, year 2025)"
/usr/bin/time -f "gen: %e s, peak RSS %M KiB" $g gen --count "$N" --seed 1 --year 2025 --output "$in" 2>&1 | grep -v "provisional\|暂定" || true
echo "   $(du -h "$in" | cut -f1) of JSON Lines, $(($(stat -c %s "$in") / N)) bytes per record"
cat "$in" > /dev/null # warm the page cache so the runs measure the program, not the disk
for run in 1 2 3; do
  /usr/bin/time -f "%e %M" -o bench/out/time.txt $g classify --year 2025 --input "$in" --output /dev/null 2> bench/out/err.txt
  read -r secs rss < bench/out/time.txt
  echo "classify run $run: $secs s, $(awk -v n="$N" -v s="$secs" 'BEGIN{printf "%.0f", n/s}') records/s, peak RSS $((rss / 1024)) MiB"
done
grep "分型完成" bench/out/err.txt
echo "== writing the results to a file as well"
/usr/bin/time -f "%e %M" -o bench/out/time.txt $g classify --year 2025 --input "$in" --output bench/out/results.jsonl 2>/dev/null
read -r secs rss < bench/out/time.txt
echo "classify to file: $secs s, $(awk -v n="$N" -v s="$secs" 'BEGIN{printf "%.0f", n/s}') records/s, peak RSS $((rss / 1024)) MiB, $(($(stat -c %s bench/out/results.jsonl) / N)) bytes per result"
rm -f bench/out/results.jsonl
BIG=${BIG:-3000000}
if [ "$BIG" -gt 0 ]; then
  echo "== memory bound: $BIG records streamed from gen (past the in-memory USCC set of ~1.57M codes)"
  $g gen --count "$BIG" --seed 2 --year 2025 2>/dev/null |
    /usr/bin/time -f "%e %M" -o bench/out/time.txt $g classify --year 2025 --output /dev/null 2> bench/out/err.txt
  read -r secs rss < bench/out/time.txt
  echo "classify $BIG: $secs s (gen running alongside), peak RSS $((rss / 1024)) MiB"
fi
echo "== JSON parsers on the first 200,000 records"
cc -O2 -Isrc bench/json_parsers.c build-bench/libgetihu_io.a build-bench/libgetihu_rules.a build-bench/libgetihu_core.a \
  $(pkg-config --cflags --libs libcjson jansson) -o build-bench/json_parsers
./build-bench/json_parsers "$in" 200000
