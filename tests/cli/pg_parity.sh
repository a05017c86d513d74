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
[ "${GETIHU_TEST_BACKEND:-}" = pg ] && [ -n "${GETIHU_TEST_STORE:-}" ] || { echo "skipped: needs the PostgreSQL twin"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
sq=$tmp/s.db
pg=$GETIHU_TEST_STORE
export GETIHU_ACTOR=parity
# both: runs the same command on each store (standard input from $IN, if set), output to
# $tmp/{s,p}.NAME with times masked, and compares
both() {
  local name=$1
  shift
  "$g" "$@" --db "$sq" < "${IN:-/dev/null}" > "$tmp/s.$name" 2>&1; echo "exit $?" >> "$tmp/s.$name"
  "$g" "$@" --db "$pg" < "${IN:-/dev/null}" > "$tmp/p.$name" 2>&1; echo "exit $?" >> "$tmp/p.$name"
  sed -i -E 's/[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2})?Z?/TIME/g; s#'"$tmp"'/s\.db|'"$pg"'#DB#g' \
    "$tmp/s.$name" "$tmp/p.$name"
  cmp -s "$tmp/s.$name" "$tmp/p.$name" || { diff "$tmp/s.$name" "$tmp/p.$name" | head -20; fail "$name differs"; }
}
# same: a file each store wrote must be byte-identical
same() { cmp "$tmp/s.$1" "$tmp/p.$1" || fail "$1: the exports differ"; }

"$g" db init --db "$sq" > /dev/null || fail "db init (SQLite)"
"$g" db init --db "$pg" > /dev/null || fail "db init (PostgreSQL)"
"$g" gen --format extracts --dir "$tmp/x" --count "$count" --seed 7 --year 2025 > /dev/null 2>&1 || fail gen
for k in registration annual_reports tax insurance trademarks patents abnormal_list serious_illegal suspensions \
         penalties dishonest_debtors operator_groups; do
  both "import.$k" import --source $k "$tmp/x/$k.csv"
done
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
