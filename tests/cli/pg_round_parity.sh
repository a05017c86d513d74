#!/usr/bin/env bash
# The 名特优新 round, the quota, the report to the city and the measures' coverage
# answer the same on PostgreSQL as on SQLite (issue 12 §3): the same generated district
# imported into both, typed for 2024 and 2025 and published, then a demo round played
# on each with the same seed (applications, moves, evidence, consents, visits,
# opinions, objections, recognitions, certificates); every listing is the same once
# the clock's times are masked and the report files are byte-identical. Runs on
# PostgreSQL only (the `.pg` twin: GETIHU_TEST_STORE is a fresh database); elsewhere
# it skips (77).
#   pg_round_parity.sh GETIHU [COUNT]
set -u
g=$1
count=${2:-3000}
. "$(dirname "$0")/../lib/parity.sh"
parity_begin
parity_setup 11 "$count"
both run2024 run --year 2024
both publish2024 publish --run 1
# the quota is refused before 2025 is published, then counted from the published run
both quota.before category quota --year 2025 --date 2025-09-01
both run2025 run --year 2025
both publish2025 publish --run 2
both quota category quota --year 2025 --date 2025-09-01
# a round played through every state, twice (the second round's numbers follow the first's)
both demo category demo --year 2025 --seed 3
grep -q "recognised" "$tmp/s.demo" || fail "the demo round recognised nobody: $(head -5 "$tmp/s.demo")"
both demo.again category demo --year 2025 --seed 4
both quota.after category quota --year 2025 --date 2025-12-01
# the list reported to the city: the same bytes
for fmt in csv xlsx; do
  "$g" category report --year 2025 --format $fmt --output "$tmp/s.report.$fmt" --db "$sq" > /dev/null 2>&1 ||
    fail "report $fmt (SQLite)"
  "$g" category report --year 2025 --format $fmt --output "$tmp/p.report.$fmt" --db "$pg" > /dev/null 2>&1 ||
    fail "report $fmt (PostgreSQL)"
done
cmp "$tmp/s.report.csv" "$tmp/p.report.csv" || fail "the reports to the city differ"
[ "$(wc -l < "$tmp/s.report.csv")" -gt 1 ] || fail "the report lists nobody"
# measures: the categories held count from the year after recognition (A3.2.1)
both coverage measures coverage --year 2025 --today 2025-12-01
both coverage.next measures coverage --year 2025 --today 2026-03-01
cmp -s "$tmp/s.coverage" "$tmp/s.coverage.next" && fail "the categories held did not change the coverage next year"
# the audit trail of both rounds verifies on PostgreSQL
"$g" audit verify --db "$pg" > "$tmp/p.verify" 2>&1 || fail "audit verify: $(cat "$tmp/p.verify")"
echo "ok: the round, quota, report and coverage are the same on PostgreSQL"
