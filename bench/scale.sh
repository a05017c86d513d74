#!/usr/bin/env bash
# The scale benchmark (issue 12 §4): for each N (default 1000000; e.g. "1000000 10000000"),
# department extracts of N generated businesses, then the whole year — import of the twelve
# extracts, the previous year's run and publication (for transitions), the run, publish,
# export CSV and JSONL, stats with transitions, and the public look-up under wrk — on
# SQLite, on PostgreSQL (a throwaway cluster of its own; skipped with PG=0), and by a peer
# doing the same job as an analyst would: DuckDB (npm @duckdb/node-api) loading the same
# CSV files and typing with one SQL statement (bench/duckdb). Prints rows/s and peak RSS
# per phase, checks that the peer's types equal getihu's (a bench of a wrong peer would
# prove nothing), and ends with the ratios getihu/peer per phase. Asserts no timing.
#   bash bench/scale.sh [N …]        PG=0 skips PostgreSQL, DUR=10s the wrk time
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${*:-1000000}
DUR=${DUR:-10s}
bash scripts/deps.sh --bench
command -v wrk > /dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk > /dev/null; }
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release > /dev/null
cmake --build build-bench -j"$(nproc)" --target getihu > /dev/null
(cd bench/duckdb && { [ -d node_modules/@duckdb/node-api ] || npm ci --no-audit --no-fund --silent; })
g=$PWD/build-bench/getihu
params=params/beijing-daxing
kinds="registration annual_reports tax insurance trademarks patents abnormal_list serious_illegal suspensions
       penalties dishonest_debtors operator_groups"
echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), \
$(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo); $(df -h . | awk 'NR==2{print $4}') free"

. bench/lib.sh
# measure LABEL ROWS CMD…: one phase (bench_rows), recorded in $out/phases.txt for the ratios.
measure() { bench_rows "$@" | tee -a "$out/phases.txt"; }

# lookup DB: the public USCC look-up under wrk (rotating over 10,000 published businesses).
lookup() {
  local db=$1 label=$2
  (set +o pipefail; tail -n +2 "$out/extracts/registration.csv" | head -n 10000 | cut -d, -f1 > "$out/usccs.txt")
  cat > "$out/lookup.lua" <<LUA
local codes = {}
for line in io.lines("$out/usccs.txt") do codes[#codes + 1] = line end
local i = 0
request = function() i = i % #codes + 1; return wrk.format("GET", "/api/public/search?q=" .. codes[i]) end
LUA
  "$g" serve --db "$db" --listen 127.0.0.1:18090 --threads "$(nproc)" --rate 100000 --burst 100000 \
    > "$out/serve.out" 2>&1 &
  local spid=$!
  for _ in $(seq 50); do curl -sf "http://127.0.0.1:18090/api/public/search?q=x" > /dev/null && break; sleep 0.2; done
  # another process on the port would be measured instead: this server must be the one that answered
  kill -0 "$spid" 2> /dev/null || { echo "FAIL: $label serve: $(tail -2 "$out/serve.out")"; exit 1; }
  wrk -t2 -c32 -d"$DUR" --latency -s "$out/lookup.lua" http://127.0.0.1:18090/ > "$out/wrk.txt" ||
    { kill "$spid"; echo "FAIL: $label wrk"; exit 1; }
  kill "$spid"; wait "$spid" 2>/dev/null || true
  printf "%-30s %9s req/s  p50 %s  p99 %s  (%s)\n" "$label look-up" \
    "$(awk '/Requests\/sec/{printf "%.0f", $2}' "$out/wrk.txt")" "$(awk '$1=="50%"{print $2}' "$out/wrk.txt")" \
    "$(awk '$1=="99%"{print $2}' "$out/wrk.txt")" "$(grep -c . "$out/usccs.txt") businesses" | tee -a "$out/phases.txt"
}

# year DB LABEL: the getihu phases on one store.
year() {
  local db=$1 b=$2 rows total=0 start end
  export GETIHU_DB=$db GETIHU_ACTOR=bench
  "$g" db init > /dev/null
  start=$(date +%s.%N)
  for kind in $kinds; do
    rows=$(($(wc -l < "$out/extracts/$kind.csv") - 1))
    total=$((total + rows))
    measure "$b import $kind" "$rows" "$g" import --source "$kind" "$out/extracts/$kind.csv"
  done
  end=$(date +%s.%N)
  printf "%-30s %9d rows %7.2f s %10.0f rows/s\n" "$b import, all kinds" "$total" "$(awk -v a="$start" -v b="$end" 'BEGIN{print b-a}')" \
    "$(awk -v n="$total" -v a="$start" -v b="$end" 'BEGIN{print n/(b-a)}')" | tee -a "$out/phases.txt"
  "$g" run --year 2024 > /dev/null 2>&1 && "$g" publish --run 1 > /dev/null 2>&1 || { echo "FAIL: run 2024"; exit 1; }
  measure "$b run 2025" "$N" "$g" run --year 2025
  measure "$b publish" "$N" "$g" publish --run 2
  measure "$b export csv" "$N" "$g" export --year 2025 --format csv --output "$out/$b.csv"
  measure "$b export jsonl" "$N" "$g" export --year 2025 --format jsonl --output "$out/$b.jsonl"
  measure "$b stats with transitions" "$N" "$g" stats --year 2025
  lookup "$db" "$b"
}

for N in $SIZES; do
  out=$PWD/bench/out/scale-$N
  rm -rf "$out"; mkdir -p "$out"
  echo "== $N businesses"
  measure "gen extracts" "$N" "$g" gen --format extracts --dir "$out/extracts" --count "$N" --seed 1 --year 2025
  year "$out/getihu.db" sqlite
  if [ "${PG:-1}" != 0 ]; then
    url=$(bash bench/pg.sh start "$out/pg") || { echo "FAIL: PostgreSQL cluster"; exit 1; }
    trap 'bash bench/pg.sh stop "$out/pg"' EXIT
    year "$url" pg
    bash bench/pg.sh stop "$out/pg"; trap - EXIT
  fi
  node bench/duckdb/peer.mjs "$out/extracts" $params/2025.json $params/2024.json "$out" | tee -a "$out/phases.txt"
  # The peer must type as getihu does, or its speed means nothing.
  python3 - "$out" <<'PY'
import csv, json, sys
out = sys.argv[1]
g = {}
with open(f"{out}/sqlite.jsonl") as f:
    for line in f:
        o = json.loads(line); g[o["uscc"]] = o["type"]
with open(f"{out}/peer-types.csv") as f:
    p = {r[0]: r[1] for r in csv.reader(f)}
same = sum(1 for k, t in g.items() if p.get(k) == t)
print(f"== peer types equal getihu's: {same} of {len(g)} (peer typed {len(p)})")
PY
  echo "== ratio getihu time / peer time per phase (below 1: getihu faster)"
  awk '
    function sec(l, m) { if (!match(l, / rows +[0-9.]+ s /)) return 0; m = substr(l, RSTART, RLENGTH); gsub(/[^0-9.]/, "", m); return m + 0 }
    /^(sqlite|pg) import, all kinds/ { t[$1 " load"] = sec($0) }
    /^(sqlite|pg) run 2025/ { t[$1 " type"] = sec($0) }
    /^(sqlite|pg) export csv/ { t[$1 " csv"] = sec($0) }
    /^(sqlite|pg) export jsonl/ { t[$1 " jsonl"] = sec($0) }
    /^(sqlite|pg) stats/ { t[$1 " stats"] = sec($0) }
    /^peer: load/ { t["peer load"] = sec($0) }
    /^peer: type/ { t["peer type"] = sec($0) }
    /^peer: export csv/ { t["peer csv"] = sec($0) }
    /^peer: export jsonl/ { t["peer jsonl"] = sec($0) }
    /^peer: stats/ { t["peer stats"] = sec($0) }
    END { split("load type csv jsonl stats", ph, " ");
          for (i = 1; i <= 5; i++) for (b = 0; b < 2; b++) { be = b ? "pg" : "sqlite"; k = be " " ph[i];
            if ((k in t) && t["peer " ph[i]] > 0) printf "  %-8s %-6s %6.2f s vs %6.2f s  ratio %5.2f\n", be, ph[i], t[k], t["peer " ph[i]], t[k] / t["peer " ph[i]] } }
  ' "$out/phases.txt"
done
