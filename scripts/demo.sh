#!/usr/bin/env bash
# The main job on a fresh machine: install what is missing, build, then build a
# demo directory of 大兴区 the way a district would. The generated businesses
# (50,000 by default) are written as department CSV extracts (tax and social
# insurance in GBK), imported through `getihu import`, typed for 2024 and 2025,
# published, and summarised with `getihu stats`; a 名特优新 round is put in progress (`getihu category demo`:
# applications in each state, some recognised with a certificate, one with an open objection); then demo accounts are made and
# `getihu serve` runs on localhost (SERVE=0 stops before it, PORT= changes the port).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo > /dev/null
cmake --build build -j"$(nproc)" > /dev/null
g=./build/getihu
dir=demo-data
count=${COUNT:-50000}
export GETIHU_DB=${GETIHU_DB:-$dir/getihu.db}
export GETIHU_ACTOR=${GETIHU_ACTOR:-demo}
mkdir -p "$dir"
rm -f "$GETIHU_DB" "$GETIHU_DB-wal" "$GETIHU_DB-shm"
$g db init # only an explicit initialisation creates a database
echo "== 1. 生成演示辖区的部门数据 (department extracts of $count businesses) -> $dir/extracts/"
$g gen --format extracts --dir "$dir/extracts" --count "$count" --seed 1 --year 2025 2> /dev/null
echo "== 2. 导入 (import into $GETIHU_DB)"
for kind in registration annual_reports tax insurance trademarks patents abnormal_list serious_illegal \
            suspensions penalties dishonest_debtors operator_groups; do
  $g import --source "$kind" "$dir/extracts/$kind.csv" 2>&1 | grep -v "^注意"
done
echo "== 3. 年度分型并公布 (run and publish 2024 and 2025)"
for year in 2024 2025; do
  out=$($g run --year "$year" 2> /dev/null)
  echo "$out"
  run=$(echo "$out" | sed -n 's/.*run #\([0-9]*\).*/\1/p')
  $g publish --run "$run"
done
$g export --year 2025 --format csv --output "$dir/results-2025.csv" 2> /dev/null
echo "== 3b. 名特优新：一轮进行中的认定工作 (a 名特优新 round in progress, through the round's use cases)"
$g category demo --year 2025 --seed 1 2> /dev/null
$g category quota --year 2025 --date 2025-09-25 2> /dev/null | sed 's/^/  /'
$g category report --year 2025 --format xlsx --output "$dir/recognised-2025.xlsx" 2> /dev/null
echo
$g stats --year 2025
echo
echo "数据库 (database): $GETIHU_DB    导出 (export): $dir/results-2025.csv    报市局名单: $dir/recognised-2025.xlsx"
echo "试试 (try): GETIHU_DB=$GETIHU_DB $g show 福顺     $g show --help"
echo
echo "== 4. 演示账户 (demo accounts; passwords are random and kept in $dir/accounts.txt, mode 600)"
umask 077
rm -f "$dir/accounts.txt"; : > "$dir/accounts.txt"
for role in admin clerk reviewer inspector; do
  pw=$(head -c 12 /dev/urandom | base64 | tr -d '/+=')
  echo "$pw" | $g user add --username "$role" --role "$role" --password-stdin > /dev/null
  echo "$role $pw" >> "$dir/accounts.txt"
done
pw=$(head -c 12 /dev/urandom | base64 | tr -d '/+=') # the department of the demo's recommendations and joint reviews
echo "$pw" | $g user add --username commerce --role department --department 区商务局 --password-stdin > /dev/null
echo "commerce $pw" >> "$dir/accounts.txt"
pw=$(head -c 12 /dev/urandom | base64 | tr -d '/+=') # a bank: it sees only the businesses that consent to it
echo "$pw" | $g user add --username abc --role bank --bank 中国农业银行北京大兴支行 --password-stdin > /dev/null
echo "abc $pw" >> "$dir/accounts.txt"
sed 's/^/  /' "$dir/accounts.txt"
[ "${SERVE:-1}" = 0 ] && exit 0
port=${PORT:-8080}
echo "== 5. 服务 (serving): 公众查询 http://127.0.0.1:$port/   工作台 http://127.0.0.1:$port/console.html   Ctrl-C 停止"
# The round's date is the demo's (2025-09-25: one business is still under publicity with an open objection).
exec $g serve --listen "127.0.0.1:$port" --today 2025-09-25
