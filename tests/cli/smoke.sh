#!/usr/bin/env bash
# Whole-program checks: help texts, generator determinism, classify on generated
# data, params commands. Exits non-zero on the first failure, saying which.
set -u
g=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

for c in classify gen demo params category; do
  "$g" "$c" --help > "$tmp/help" || fail "$c --help exit code"
  grep -q "Usage" "$tmp/help" || fail "$c --help text"
done
"$g" --help | grep -q "classify" || fail "top-level help"
"$g" nonsense 2>/dev/null; [ $? = 2 ] || fail "unknown command must exit 2"
"$g" version | grep -q "^getihu " || fail "version"
for c in classify gen demo; do
  "$g" "$c" --no-such-option 2>/dev/null; [ $? = 2 ] || fail "$c must refuse an unknown option with exit 2"
done

# The generator is deterministic by seed, and records depend only on (seed, index).
"$g" gen --count 300 --seed 5 > "$tmp/a.jsonl" 2>/dev/null || fail "gen"
"$g" gen --count 300 --seed 5 --output "$tmp/b.jsonl" 2>/dev/null || fail "gen --output"
cmp -s "$tmp/a.jsonl" "$tmp/b.jsonl" || fail "gen not deterministic"
"$g" gen --count 100 --seed 5 2>/dev/null | cmp -s - <(head -n 100 "$tmp/a.jsonl") || fail "gen prefix differs"
"$g" gen --count 300 --seed 6 2>/dev/null | cmp -s - "$tmp/a.jsonl" && fail "another seed gives the same data"
[ "$(wc -l < "$tmp/a.jsonl")" = 300 ] || fail "gen count"
"$g" gen --count 0 2>/dev/null | cmp -s - /dev/null || fail "gen --count 0"
"$g" gen --count -1 2>/dev/null; [ $? = 2 ] || fail "gen rejects a negative count"

# Everything generated is typed, in input order, one result per record.
"$g" classify --year 2025 --input "$tmp/a.jsonl" > "$tmp/r.jsonl" 2> "$tmp/err" || fail "classify generated data: $(cat "$tmp/err")"
[ "$(wc -l < "$tmp/r.jsonl")" = 300 ] || fail "one result per record"
diff <(grep -o '"uscc":"[^"]*"' "$tmp/a.jsonl") <(grep -o '"uscc":"[^"]*"' "$tmp/r.jsonl") > /dev/null || fail "results out of input order"
grep -q "分型完成" "$tmp/err" || fail "summary on stderr"
grep -q "provisional" "$tmp/err" || fail "provisional parameters must be announced"
grep -q "110115" "$tmp/r.jsonl" && grep -q '"operator_id"' "$tmp/r.jsonl" && fail "results leak operator data"
! grep -q '"operator_' "$tmp/r.jsonl" || fail "results must not carry operator fields"
# stdin and stdout work the same as files
"$g" classify --year 2025 < "$tmp/a.jsonl" 2>/dev/null | cmp -s - "$tmp/r.jsonl" || fail "stdin/stdout differ from files"

# params commands
"$g" params list | grep -q "beijing-daxing/2025.json" || fail "params list"
"$g" params show --year 2024 | grep -q '"year": 2024' || fail "params show"
"$g" params show --year 2024 > "$tmp/p.json"
"$g" params check "$tmp/p.json" > /dev/null || fail "params check on a shipped file"
echo '{"year":2025}' > "$tmp/bad.json"
"$g" params check "$tmp/bad.json" 2>/dev/null; [ $? = 2 ] || fail "params check must refuse"

# demo writes its files and prints a summary
(cd "$tmp" && "$g" demo --count 2000 --seed 3 > demo.txt 2>/dev/null) || fail "demo"
grep -q "生存型" "$tmp/demo.txt" && grep -q "合计" "$tmp/demo.txt" || fail "demo summary"
[ "$(wc -l < "$tmp/demo-data/results-2025.jsonl")" = 2000 ] || fail "demo results"
"$g" classify --year 2025 --input "$tmp/demo-data/dossiers-2025.jsonl" 2>/dev/null | cmp -s - "$tmp/demo-data/results-2025.jsonl" \
  || fail "demo results differ from classify on the same dossiers"
echo "cli smoke: all passed"
