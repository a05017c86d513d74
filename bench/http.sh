#!/usr/bin/env bash
# Benchmark of getihu serve (issue 4): wrk against the public USCC look-up on a store
# of N businesses (bench/directory.sh builds it), and in the same run nginx serving
# a static file of the same size: the ceiling of this machine. Prints requests/s and
# latency percentiles. Loopback only; bounded in time.
#   bash bench/http.sh [N]      RUNS=3 rounds, DUR=15s each, PROFILE=1 adds a perf profile of getihu
#   BACKEND=pg                  the same store copied (getihu db copy) into a throwaway PostgreSQL
#                               cluster (bench/pg.sh), served from there (issue 12 §2)
#   GETIHU_BIN=path             serve with that binary instead of building build-bench (before/after)
#   ACCESS_LOG=1                the server writes its access log (bench/out/http/access.log) as in production
#   LOOKUP_CACHE=N              serve --lookup-cache N (decision 300); LOOKUP_CACHE=0 measures without the cache
# The server's CPU seconds over each getihu round are printed per request too: on a
# shared machine they vary less than requests/s.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
DUR=${DUR:-15s}
bash scripts/deps.sh --bench
command -v wrk > /dev/null && command -v nginx > /dev/null || {
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk nginx-light > /dev/null; }
db=bench/out/directory-$N/getihu.db
[ -f "$db" ] || bash bench/directory.sh "$N"
g=${GETIHU_BIN:-./build-bench/getihu}
if [ -z "${GETIHU_BIN:-}" ]; then
  cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release > /dev/null
  cmake --build build-bench -j"$(nproc)" --target getihu > /dev/null
fi
out=bench/out/http
mkdir -p "$out"
$g db init --db "$db" > /dev/null # brings a database built by an earlier version up to date
# 10,000 USCCs of published results to query in turn.
(set +o pipefail; GETIHU_DB=$db $g export --year 2025 --format jsonl 2>/dev/null | head -n 10000 | sed -n 's/^{"uscc":"\([0-9A-Z]*\)".*/\1/p' > "$out/usccs.txt")
cat > "$out/lookup.lua" <<'LUA'
local codes = {}
for line in io.lines("bench/out/http/usccs.txt") do codes[#codes + 1] = line end
local i = 0
request = function()
  i = i % #codes + 1
  return wrk.format("GET", "/api/public/search?q=" .. codes[i])
end
LUA
serve_db=$db
if [ "${BACKEND:-sqlite}" = pg ]; then
  bash bench/pg.sh stop "$PWD/$out/pg"
  serve_db=$(bash bench/pg.sh start "$PWD/$out/pg") || { echo "FAIL: PostgreSQL cluster"; exit 1; }
  trap 'bash bench/pg.sh stop "$PWD/$out/pg"' EXIT
  $g db init --db "$serve_db" > /dev/null
  $g db copy --from "$db" --to "$serve_db" --year 2025 > "$out/copy.out" 2>&1 || { cat "$out/copy.out"; exit 1; }
fi
log=()
[ "${ACCESS_LOG:-0}" = 1 ] && rm -f "$out/access.log" && log=(--access-log "$out/access.log")
[ -n "${LOOKUP_CACHE:-}" ] && log+=(--lookup-cache "$LOOKUP_CACHE")
$g serve --db "$serve_db" --listen 127.0.0.1:18080 --threads "$(nproc)" --rate 100000 --burst 100000 "${log[@]}" \
  > "$out/serve.out" 2>&1 &
spid=$!
# nginx: the same machine serving a static file of the size of one answer.
curl -s "http://127.0.0.1:18080/api/public/search?q=$(head -1 "$out/usccs.txt")" > /dev/null || sleep 1
mkdir -p "$out/nginx/logs" "$out/nginx/www"
curl -s "http://127.0.0.1:18080/api/public/search?q=$(head -1 "$out/usccs.txt")" > "$out/nginx/www/answer.json"
cat > "$out/nginx/nginx.conf" <<CONF
worker_processes $(nproc);
pid $PWD/$out/nginx/nginx.pid;
error_log $PWD/$out/nginx/logs/error.log;
events { worker_connections 1024; }
http { access_log off; server { listen 127.0.0.1:18081; root $PWD/$out/nginx/www; } }
CONF
nginx -c "$PWD/$out/nginx/nginx.conf" -p "$PWD/$out/nginx"
trap 'kill $spid 2>/dev/null; nginx -c "$PWD/$out/nginx/nginx.conf" -p "$PWD/$out/nginx" -s stop 2>/dev/null
  [ "${BACKEND:-sqlite}" = pg ] && { sleep 0.5; bash bench/pg.sh stop "$PWD/$out/pg"; }' EXIT
sleep 0.5
echo "== answer size: $(wc -c < "$out/nginx/www/answer.json") bytes; $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg); backend ${BACKEND:-sqlite}; lookup cache ${LOOKUP_CACHE:-default}; wrk -t2 -c32 -d$DUR"
# RUNS rounds, each getihu then nginx back to back (so that both see the same machine), and
# the ratio of each round: the issue asks >= 50% in every one (issue 12 §2).
rate() { awk '/Requests\/sec/{printf "%.0f", $2}' "$1"; }
# The server's CPU ticks (user + system, all threads; PostgreSQL's backends not included).
ticks() { awk '{print $14 + $15}' "/proc/$spid/stat"; }
hz=$(getconf CLK_TCK)
for r in $(seq "${RUNS:-3}"); do
  echo "== round $r: getihu, public USCC look-up (rotating over 10,000 businesses of $N)"
  t0=$(ticks)
  wrk -t2 -c32 -d"$DUR" --latency -s "$out/lookup.lua" http://127.0.0.1:18080/ > "$out/g.txt"
  t1=$(ticks)
  grep -E "Requests/sec|Latency|50%|90%|99%|Non-2xx" "$out/g.txt"
  awk -v t=$((t1 - t0)) -v hz="$hz" -v n="$(awk '/requests in/{print $1}' "$out/g.txt")" \
    'BEGIN{printf "   server CPU %.2f s for %d requests = %.1f us per request\n", t / hz, n, 1e6 * t / hz / n}'
  echo "== round $r: nginx, static file of the same size (the ceiling)"
  wrk -t2 -c32 -d"$DUR" --latency http://127.0.0.1:18081/answer.json > "$out/n.txt"
  grep -E "Requests/sec|Latency|50%|90%|99%|Non-2xx" "$out/n.txt"
  awk -v g="$(rate "$out/g.txt")" -v n="$(rate "$out/n.txt")" -v r="$r" \
    'BEGIN{printf "== round %d: getihu %d req/s = %.1f%% of nginx %d req/s\n", r, g, 100 * g / n, n}'
done
# PROFILE=1: where getihu's time goes under the same load (perf, DWARF call graphs).
if [ "${PROFILE:-0}" = 1 ] && command -v perf > /dev/null; then
  wrk -t2 -c32 -d"$DUR" -s "$out/lookup.lua" http://127.0.0.1:18080/ > /dev/null &
  wpid=$!
  sleep 1
  perf record -q -F 499 --call-graph dwarf -p "$spid" -o "$out/perf.data" -- sleep 4 > /dev/null 2>&1
  wait "$wpid" # wrk only: the server runs on
  set +o pipefail # head closes the pipe on perf report: not a failure of the bench
  echo "== profile: share of getihu's CPU time by library"
  perf report -i "$out/perf.data" --no-children --sort dso --stdio -g none 2>/dev/null | grep -E "^ +[0-9]" | head -8
  echo "== profile: functions with the largest inclusive share"
  perf report -i "$out/perf.data" --children --sort symbol --stdio -g none 2>/dev/null | grep -E "^ +[0-9]" |
    grep -v -E "0x0000|\[k\] (entry|do_syscall)" | head -25
fi
