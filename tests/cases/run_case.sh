#!/usr/bin/env bash
# Runs one data-file test case: tests/cases/<command>/<case>/ holds
#   args             the arguments after `getihu` (one line; run inside the case directory)
#   input.jsonl      standard input (optional)
#   expected.jsonl   expected standard output, exactly (optional: absent means empty)
#   expected.stderr  expected "line N: field: message" lines of standard error, exactly (optional)
#   expected.grep    fixed strings that standard error must contain, one per line (optional)
#   expected.exit    expected exit code (optional: absent means 0)
#   setup            commands to run first, one `getihu` argument line each (optional); every
#                    command of a case shares one fresh database ($GETIHU_DB in a temporary folder,
#                    made by `getihu db init`)
# Regenerate after an intended change: UPDATE=1 ctest -R case. (then read the diff!)
set -u
getihu=$1
dir=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/../lib/db.sh" # db_new: the store on either backend
GETIHU_DB=$(db_new "$tmp/case.db") || { echo "no database for the store"; exit 1; }
export GETIHU_DB GETIHU_ACTOR=case
"$getihu" db init > /dev/null || { echo "getihu db init failed"; exit 1; }
if [ -f "$dir/setup" ]; then
  while read -r -a step; do
    [ ${#step[@]} = 0 ] && continue
    (cd "$dir" && "$getihu" "${step[@]}" > /dev/null 2> "$tmp/setup.err") || { echo "setup failed: ${step[*]}"; cat "$tmp/setup.err"; exit 1; }
  done < "$dir/setup"
fi
read -r -a args < "$dir/args"
input=/dev/null
[ -f "$dir/input.jsonl" ] && input="$dir/input.jsonl"
(cd "$dir" && "$getihu" "${args[@]}" < "$input" > "$tmp/out" 2> "$tmp/err")
code=$?
grep '^line ' "$tmp/err" > "$tmp/lines" || true
if [ "${UPDATE:-}" = 1 ]; then
  cp "$tmp/out" "$dir/expected.jsonl"
  [ -s "$tmp/lines" ] && cp "$tmp/lines" "$dir/expected.stderr"
  [ "$code" != 0 ] && echo "$code" > "$dir/expected.exit"
fi
fail=0
want_exit=0
[ -f "$dir/expected.exit" ] && want_exit=$(cat "$dir/expected.exit")
if [ "$code" != "$want_exit" ]; then
  echo "exit code $code, expected $want_exit"; fail=1
fi
want_out=/dev/null
[ -f "$dir/expected.jsonl" ] && want_out="$dir/expected.jsonl"
if ! diff -u "$want_out" "$tmp/out"; then echo "stdout differs"; fail=1; fi
want_lines=/dev/null
[ -f "$dir/expected.stderr" ] && want_lines="$dir/expected.stderr"
if ! diff -u "$want_lines" "$tmp/lines"; then echo "stderr lines differ"; fail=1; fi
if [ -f "$dir/expected.grep" ]; then
  while IFS= read -r s; do
    [ -z "$s" ] && continue
    grep -qF -- "$s" "$tmp/err" || { echo "stderr lacks: $s"; fail=1; }
  done < "$dir/expected.grep"
fi
if [ "$fail" != 0 ]; then echo "--- stderr:"; cat "$tmp/err"; exit 1; fi
exit 0
