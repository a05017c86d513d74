#!/usr/bin/env bash
# The PostgreSQL backend answers as the SQLite one (issue 12 §3): the same generated
# district imported into both, typed for two years, published, adopted from the city's
# result, looked up and audited; every export is byte-identical and every listing the
# same once the clock's times are masked. Runs on PostgreSQL only (the `.pg` twin:
# GETIHU_TEST_STORE is a fresh database); elsewhere it skips (77).
#   pg_parity.sh GETIHU [COUNT]
set -u
g=$1
count=${2:-3000}
. "$(dirname "$0")/../lib/parity.sh"
parity_begin
parity_setup 7 "$count"
both run2024 run --year 2024 --name 上一年
both run2025a run --year 2025
both run2025b run --year 2025 --name 复核 --note 第二次
both publish2024 publish --run 1
both publish2025 publish --run 3
both runs runs
for run in 1 2 3; do
  year=2025; [ $run = 1 ] && year=2024
  for fmt in csv jsonl; do
    "$g" export --db "$sq" --year $year --run $run --format $fmt --output "$tmp/s.r$run.$fmt" 2> /dev/null || fail "export $run $fmt (SQLite)"
    "$g" export --db "$pg" --year $year --run $run --format $fmt --output "$tmp/p.r$run.$fmt" 2> /dev/null || fail "export $run $fmt (PostgreSQL)"
    same "r$run.$fmt"
  done
done
[ "$(wc -l < "$tmp/s.r3.jsonl")" -gt $((count / 2)) ] || fail "the 2025 export is too short to compare"
for fmt in table json csv; do both "stats.$fmt" stats --year 2025 --format $fmt; done
# look-ups: a USCC, a 注册号-less name of one, two and several characters (trigram or not)
uscc=$(sed -n 2p "$tmp/s.r3.jsonl" | sed -E 's/.*"uscc":"([^"]+)".*/\1/')
name=$(awk -F, 'NR==3 {print $2}' "$tmp/x/registration.csv")
both show.uscc show "$uscc"
for n in 1 2 4; do both "show.name$n" show "${name:0:$n}"; done
# the city's result: some agree with the run, some differ, one business the directory lacks
{ echo "统一社会信用代码,年度,分型结果"
  sed -n '2,400p' "$tmp/s.r3.jsonl" | sed -E 's/.*"uscc":"([^"]+)".*"type":"([a-z]+)".*/\1,2025,\2/' |
    awk -F, 'NR % 3 == 0 {$3 = ($3 == "survival" ? "growth" : "survival")} {print $1 "," $2 "," $3}'
} > "$tmp/city.csv"
both import.city import --source city_types "$tmp/city.csv"
both reconcile reconcile --year 2025 --format json
both reconcile.table reconcile --year 2025
c1=$(sed -n 3p "$tmp/city.csv" | cut -d, -f1)
both check reconcile check --year 2025 --status raised --note 已反映 "$c1"
both reconcile.raised reconcile --year 2025 --status raised --format json
both adopt reconcile adopt --year 2025
both publish.city publish --run 4
for fmt in csv jsonl; do
  "$g" export --db "$sq" --year 2025 --format $fmt --output "$tmp/s.city.$fmt" 2> /dev/null || fail "export city (SQLite)"
  "$g" export --db "$pg" --year 2025 --format $fmt --output "$tmp/p.city.$fmt" 2> /dev/null || fail "export city (PostgreSQL)"
  same "city.$fmt"
done
both stats.city stats --year 2025 --format json
both show.after show "$uscc"
# accounts and the audit trail
printf 'correct-horse-1\n' > "$tmp/pw"
IN=$tmp/pw both user.add user add --username clerk1 --role clerk --password-stdin
IN=$tmp/pw both user.dup user add --username clerk1 --role clerk --password-stdin
IN=$tmp/pw both user.bank user add --username bank1 --role bank --bank 农商银行 --password-stdin
both user.disable user disable --username bank1
both user.list user list
both audit.verify audit verify
both audit.list audit list --limit 100
grep -q "exit 0" "$tmp/p.audit.verify" || fail "the audit chain does not verify on PostgreSQL"
echo "pg_parity: ok ($count businesses: imports, 4 runs, exports, stats, look-ups, reconcile, accounts, audit)"
