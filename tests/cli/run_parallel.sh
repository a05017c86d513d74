#!/usr/bin/env bash
# A run at scale (issue 12 §2, decisions 240-243): 20,000 businesses are many batches
# for the reading thread and the typing workers. The results are the same whatever
# the number of workers, equal `getihu classify` on the same dossiers, and the
# statistics (counts by town, transitions, merged over the index) equal counts made
# from the two runs' exports.
set -u
g=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
export GETIHU_DB="$tmp/t.db" GETIHU_ACTOR="tester"
fail() { echo "FAIL: $*"; exit 1; }
"$g" db init > /dev/null || fail "db init"
"$g" gen --count 20000 --seed 5 > d.jsonl 2> /dev/null || fail "gen"
"$g" import --source dossiers d.jsonl > /dev/null 2>&1 || fail "import dossiers"

GETIHU_RUN_THREADS=1 "$g" run --year 2025 > /dev/null 2> err.txt || fail "run with one worker: $(cat err.txt)"
GETIHU_RUN_THREADS=3 "$g" run --year 2025 > /dev/null 2> err.txt || fail "run with three workers: $(cat err.txt)"
"$g" run --year 2024 > /dev/null 2> err.txt || fail "run 2024: $(cat err.txt)"
"$g" export --year 2025 --run 1 --format jsonl > one.jsonl 2> /dev/null || fail "export run 1"
"$g" export --year 2025 --run 2 --format jsonl > three.jsonl 2> /dev/null || fail "export run 2"
n=$(wc -l < one.jsonl)
[ "$n" -gt 10000 ] || fail "only $n results: too few for many batches"
cmp -s one.jsonl three.jsonl || fail "one worker and three workers typed differently"
sort -c one.jsonl 2> /dev/null || fail "the run's results are not in USCC order"
"$g" classify --year 2025 --input d.jsonl 2> /dev/null | sort > cls.jsonl
cmp -s one.jsonl cls.jsonl || fail "the run differs from classify on the same dossiers"

# The run's counts and the statistics agree with the export.
"$g" publish --run 2 > /dev/null 2>&1 || fail "publish 2025"
"$g" publish --run 3 > /dev/null 2>&1 || fail "publish 2024"
"$g" export --year 2024 --run 3 --format jsonl > prev.jsonl 2> /dev/null || fail "export 2024"
"$g" stats --year 2025 --format json > stats.json 2> err.txt || fail "stats: $(cat err.txt)"
typeof() { sed -E 's/^\{"uscc":"([0-9A-Z]+)","year":[0-9]+,"type":"([a-z]+)".*/\1 \2/' "$1"; }
typeof one.jsonl > now.txt
typeof prev.jsonl > before.txt
for t in survival growth development ineligible; do
  want=$(grep -c " $t\$" now.txt)
  grep -q "\"types\":{[^}]*\"$t\":$want[,}]" stats.json || fail "stats $t is not $want: $(head -c 300 stats.json)"
done
# transitions: join the two years by USCC (every business is in both populations or only in 2025)
join -a 2 -e none -o 1.2,2.2 before.txt now.txt | sort | uniq -c > moves.txt
[ "$(wc -l < moves.txt)" -gt 4 ] || fail "too few kinds of transition to test: $(cat moves.txt)"
grep -q " none " moves.txt || fail "no business new in 2025: $(cat moves.txt)"
while read -r count from to; do
  grep -q "{\"from\":\"$from\",\"to\":\"$to\",\"count\":$count}" stats.json ||
    fail "transition $from -> $to is not $count: $(grep -o '"transitions".*' stats.json)"
done < moves.txt
# by town: the sum over towns is the total
sum=$(grep -o '"by_town":\[[^]]*\]' stats.json | grep -oE '"(survival|growth|development|ineligible)":[0-9]+' | cut -d: -f2 | paste -sd+ | bc)
[ "$sum" = "$n" ] || fail "by_town sums to $sum, not $n"
echo "ok: $n businesses, same results with 1 and 3 workers, equal to classify; stats agree"
