#!/usr/bin/env bash
# Benchmark of the staff search (issue 11 §3): a generated district of N businesses
# (default 1,000,000; registration, annual reports and tax imported, the year typed
# and published), then GET /api/businesses timed with curl: a name query, a
# filter-only query (town), a type filter, a deep page, a USCC. Prints the median of
# five calls each and the total it found. Asserts nothing.
#   bash bench/search.sh [N]        (GETIHU=path/to/getihu to skip the Release build)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
if [ -n "${GETIHU:-}" ]; then g=$GETIHU; else
  cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release > /dev/null
  cmake --build build-bench -j"$(nproc)" --target getihu > /dev/null
  g=./build-bench/getihu
fi
out=bench/out/search-$N
export GETIHU_DB=$out/getihu.db GETIHU_ACTOR=bench
if [ ! -f "$out/ready" ]; then
  rm -rf "$out"; mkdir -p "$out"
  $g db init > /dev/null
  $g gen --format extracts --dir "$out/ex" --count "$N" --seed 1 --year 2025 > /dev/null 2>&1
  for k in registration annual_reports tax; do $g import --source "$k" "$out/ex/$k.csv" > /dev/null 2>&1; done
  $g run --year 2025 > /dev/null 2>&1 && $g publish --run 1 > /dev/null 2>&1
  rm -rf "$out/ex"
  touch "$out/ready"
fi
$g db init > /dev/null # brings a database built by an earlier version up to date (the search indexes)
echo "password-of-bench" | $g user add --username bench --role clerk --password-stdin > /dev/null 2>&1 || true
$g serve --listen 127.0.0.1:0 --threads 2 > "$out/serve.out" 2> "$out/serve.err" &
spid=$!
trap 'kill $spid 2> /dev/null' EXIT
for _ in $(seq 300); do grep -q "http://" "$out/serve.out" 2> /dev/null && break; sleep 0.1; done
base=$(sed -n 's|.*\(http://127.0.0.1:[0-9]*\)/.*|\1|p' "$out/serve.out")
curl -s -c "$out/jar" -H 'Content-Type: application/json' -d '{"username":"bench","password":"password-of-bench"}' \
  "$base/api/session" > /dev/null
enc() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$1"; }
town=$(sqlite3 "$GETIHU_DB" "SELECT town FROM businesses WHERE town IS NOT NULL LIMIT 1")
uscc=$(sqlite3 "$GETIHU_DB" "SELECT lower(uscc) FROM businesses ORDER BY id DESC LIMIT 1")
deep=$((N / 2 / 20))
echo "== $N businesses; $(nproc) cores; median of 5 calls (curl time_total)"
timeit() { # label path
  local t
  t=$(for _ in 1 2 3 4 5; do curl -s -b "$out/jar" -o "$out/body" -w '%{time_total}\n' "$base$2"; done | sort -n | sed -n 3p)
  printf "%-44s %8.1f ms  total %s\n" "$1" "$(awk -v t="$t" 'BEGIN{print t * 1000}')" \
    "$(sed -n 's/.*"total":\([0-9]*\).*/\1/p' "$out/body")"
}
timeit "name 快餐, page 1 of 20" "/api/businesses?q=$(enc 快餐)&per_page=20"
timeit "name 快餐, sort by USCC" "/api/businesses?q=$(enc 快餐)&per_page=20&sort=uscc"
timeit "name 快餐 + town + type survival" "/api/businesses?q=$(enc 快餐)&town=$(enc "$town")&type=survival"
timeit "filter only: town $town" "/api/businesses?town=$(enc "$town")&per_page=20"
timeit "filter only: section H" "/api/businesses?industry=H&per_page=20"
timeit "filter only: type development" "/api/businesses?type=development&per_page=20"
timeit "filter only: type none" "/api/businesses?type=none&per_page=20"
timeit "browse all, page $deep (offset $((deep * 20)))" "/api/businesses?page=$deep&per_page=20"
timeit "town, newest first, last page" "/api/businesses?town=$(enc "$town")&sort=-established&page=1000&per_page=20"
timeit "lower-case USCC" "/api/businesses?q=$uscc"
timeit "filter options" "/api/businesses/filters"
echo "database: $(du -h "$GETIHU_DB" | cut -f1)"
