#!/usr/bin/env bash
# The main job on a fresh machine: install what is missing, build, then build a
# demo directory of 大兴区 the way a district would. The generated businesses
# (50,000 by default) are written as department CSV extracts (tax and social
# insurance in GBK), imported through `getihu import`, typed for 2024 and 2025,
# published (runs named), a trial run with a lower threshold left unpublished, and summarised with `getihu stats`; a 名特优新 round is put in progress (`getihu category demo`:
# applications in each state, some recognised with a certificate, one with an open objection); the city's typing
# is imported with planted differences for the reconciliation; then demo accounts are made (staff, two departments,
# a town, a bank, an owner with an access code), the owner consents to the bank and objects to its result through
# the API, and `getihu serve` runs on localhost (SERVE=0 stops before it, PORT= changes the port).
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
  out=$($g run --year "$year" --name "$year 年度正式分型" 2> /dev/null)
  echo "$out"
  run=$(echo "$out" | sed -n 's/.*run #\([0-9]*\).*/\1/p')
  $g publish --run "$run"
done
# A named trial run with a lower growth threshold, not published, so that 分型批次 has a run to compare with the
# published one (the businesses that would move, 对比) and shows what a name and a note are for.
$g params show --year 2025 2> /dev/null | sed 's/"revenue_min": "300000"/"revenue_min": "200000"/' > "$dir/trial-2025.json"
$g run --year 2025 --params "$dir/trial-2025.json" --name 按新门槛试算 --note "成长型营业收入门槛降为 20 万元（试算，未公布）" 2> /dev/null
$g export --year 2025 --format csv --output "$dir/results-2025.csv" 2> /dev/null
echo "== 3b. 名特优新：一轮进行中的认定工作 (a 名特优新 round in progress, through the round's use cases)"
$g category demo --year 2025 --seed 1 2> /dev/null
$g category quota --year 2025 --date 2025-09-25 2> /dev/null | sed 's/^/  /'
$g category report --year 2025 --format xlsx --output "$dir/recognised-2025.xlsx" 2> /dev/null
echo "== 3c. 市级分型核对：市局下发的分型结果 (the city's typing, with planted differences) -> $dir/city-types-2025.csv"
# The city's file is the district's own 2025 result with a few types changed and one business the directory
# lacks, so the reconciliation (市级分型核对) has differences of several kinds to show.
awk -F, 'NR == 1 { print "统一社会信用代码,年度,分型结果"; next }
  { t = $6; n++
    if (t == "生存型" && n % 40 == 0) t = "成长型"; else if (t == "成长型" && n % 5 == 0) t = "生存型"
    else if (t == "不符合分型条件" && n % 30 == 0) t = "生存型"
    if (n % 97 != 0) print $1 "," $5 "," t }
  END { print "92110115MA0000000B,2025,生存型" }' "$dir/results-2025.csv" > "$dir/city-types-2025.csv"
$g import --source city_types "$dir/city-types-2025.csv" 2>&1 | grep -v "^注意"
$g reconcile --year 2025 2> /dev/null | awk 'NF == 0 { done = 1 } !done { print "  " $0 }'
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
pw=$(head -c 12 /dev/urandom | base64 | tr -d '/+=') # the tax office: its worklist of measures, objections about tax data
echo "$pw" | $g user add --username tax --role department --department 区税务局 --password-stdin > /dev/null
echo "tax $pw" >> "$dir/accounts.txt"
pw=$(head -c 12 /dev/urandom | base64 | tr -d '/+=') # a town (镇街): it sees its own town's businesses only
echo "$pw" | $g user add --username huangcun --role town --town 黄村镇 --password-stdin > /dev/null
echo "huangcun $pw" >> "$dir/accounts.txt"
# An owner (经营者) in 黄村镇 typed 生存型 for want of tax paid: it consents to the demo bank and objects to its result.
owner=$(awk -F, 'NR > 1 && $2 != "" && $3 == "黄村镇" && $7 == "survival" && $8 ~ /MISSED.GROWTH.B/ &&
                 $8 !~ /MISSED.AGE|TAX_REGISTRATION/ { print $1; exit }' "$dir/results-2025.csv")
$g user add --username owner --role business --uscc "$owner" > /dev/null
echo "== 4b. 经营者授权银行查询、提出异议，部门登记帮扶 (through the API: an owner consents and objects, the clerk asks 区税务局 to verify, 区税务局 works its list)"
$g serve --listen 127.0.0.1:0 --threads 1 --today 2025-09-25 > "$dir/serve.out" 2> /dev/null &
spid=$!
for _ in $(seq 100); do grep -q "http://" "$dir/serve.out" 2> /dev/null && break; sleep 0.1; done
base=$(sed -n 's|.*\(http://127.0.0.1:[0-9]*\)/.*|\1|p' "$dir/serve.out" | head -1)
api() { # jar csrf-file path json: a POST that must succeed
  local st
  st=$(curl -s -o "$dir/api.out" -w "%{http_code}" -b "$dir/$1.jar" -H "X-CSRF-Token: $(cat "$dir/$1.csrf")" \
       -H 'Content-Type: application/json' -d "$3" "$base$2")
  case $st in 2*) ;; *) echo "demo: $2: $st $(cat "$dir/api.out")" >&2; kill "$spid"; exit 1 ;; esac
}
signin() { # name json
  curl -s -c "$dir/$1.jar" -H 'Content-Type: application/json' -d "$2" "$base/api/session" |
    sed -n 's/.*"csrf":"\([0-9a-f]*\)".*/\1/p' > "$dir/$1.csrf"
}
signin owner "{\"uscc\":\"$owner\",\"code\":\"$($g user code --uscc "$owner" 2> /dev/null)\"}"
signin clerk "{\"username\":\"clerk\",\"password\":\"$(awk '$1 == "clerk" { print $2 }' "$dir/accounts.txt")\"}"
api owner /api/consents '{"bank":"中国农业银行北京大兴支行","from":"2025-09-25","to":"2026-09-24","scopes":["report","tax","insured"]}'
api owner /api/objections '{"year":2025,"code":"MISSED.GROWTH.B","statement":"2024年实缴税款应为5000元，系统漏记了第四季度的税款。"}'
oid=$(sed -n 's/.*"id":\([0-9]*\).*/\1/p' "$dir/api.out" | head -1)
api clerk "/api/objections/$oid/verify" '{}'
# 区税务局 works the start of its list for 降低经营成本 (A2(一)2), so the coverage chart is not all zero.
signin tax "{\"username\":\"tax\",\"password\":\"$(awk '$1 == "tax" { print $2 }' "$dir/accounts.txt")\"}"
curl -s -G -b "$dir/tax.jar" --data-urlencode 'measure=A2(一)2' --data-urlencode 'limit=40' "$base/api/measures/work" |
  grep -o '"uscc":"[0-9A-Z]*"' | cut -d'"' -f4 > "$dir/worklist.txt"
n=0
while read -r u; do
  n=$((n + 1)); st=served; [ $((n % 3)) = 0 ] && st=contacted
  api tax /api/measures/work "{\"uscc\":\"$u\",\"measure\":\"A2(一)2\",\"status\":\"$st\",\"note\":\"电话告知减免政策\"}"
done < "$dir/worklist.txt"
kill "$spid"; wait "$spid" 2> /dev/null || true
rm -f "$dir"/*.jar "$dir"/*.csrf "$dir/api.out" "$dir/serve.out" "$dir/worklist.txt"
echo "  经营者 $owner 已授权 中国农业银行北京大兴支行 查询，并对 2025 年度分型提出异议 #$oid（已请区税务局核实）"
echo "  区税务局 已登记 $n 户的“降低经营成本”帮扶工作（已服务或已联系）"
code=$($g user code --uscc "$owner" 2> /dev/null)
echo "owner $owner 访问码(access code) $code" >> "$dir/accounts.txt"
sed 's/^/  /' "$dir/accounts.txt"
[ "${SERVE:-1}" = 0 ] && exit 0
port=${PORT:-8080}
echo "== 5. 服务 (serving): 公众查询 http://127.0.0.1:$port/   工作台 http://127.0.0.1:$port/console.html   Ctrl-C 停止"
# The round's date is the demo's (2025-09-25: one business is still under publicity with an open objection).
exec $g serve --listen "127.0.0.1:$port" --today 2025-09-25
