#!/usr/bin/env bash
# Benchmark of getihu serve (issue 4): wrk against the public USCC look-up on a store
# of N businesses (bench/directory.sh builds it), and in the same run nginx serving
# a static file of the same size: the ceiling of this machine. Prints requests/s and
# latency percentiles. Loopback only; bounded in time.
#   bash bench/http.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
DUR=${DUR:-15s}
bash scripts/deps.sh --bench
command -v wrk > /dev/null && command -v nginx > /dev/null || {
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk nginx-light > /dev/null; }
db=bench/out/directory-$N/getihu.db
[ -f "$db" ] || bash bench/directory.sh "$N"
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release > /dev/null
cmake --build build-bench -j"$(nproc)" --target getihu > /dev/null
out=bench/out/http
mkdir -p "$out"
g=./build-bench/getihu
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
$g serve --db "$db" --listen 127.0.0.1:18080 --threads "$(nproc)" --rate 100000 --burst 100000 > "$out/serve.out" 2>&1 &
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
trap 'kill $spid 2>/dev/null; nginx -c "$PWD/$out/nginx/nginx.conf" -p "$PWD/$out/nginx" -s stop 2>/dev/null' EXIT
sleep 0.5
echo "== answer size: $(wc -c < "$out/nginx/www/answer.json") bytes; $(nproc) cores; wrk -t2 -c32 -d$DUR"
echo "== getihu: public USCC look-up (rotating over 10,000 businesses of $N)"
wrk -t2 -c32 -d"$DUR" --latency -s "$out/lookup.lua" http://127.0.0.1:18080/ | grep -E "Requests/sec|Latency|50%|90%|99%|Non-2xx"
echo "== nginx: static file of the same size (the ceiling)"
wrk -t2 -c32 -d"$DUR" --latency http://127.0.0.1:18081/answer.json | grep -E "Requests/sec|Latency|50%|90%|99%|Non-2xx"
