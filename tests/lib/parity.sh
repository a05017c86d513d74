# The two stores of a parity test (issue 12 §3): one SQLite file, one PostgreSQL database, and the same command run
# on each (sourced, not run). The caller sets g (the binary) and calls parity_begin first.
# shellcheck shell=bash

# parity_begin: skips (77) unless this is the PostgreSQL twin (GETIHU_TEST_STORE is a fresh database); otherwise
# sets tmp (a scratch directory removed on exit), sq and pg (the two stores) and fail().
parity_begin() {
  [ "${GETIHU_TEST_BACKEND:-}" = pg ] && [ -n "${GETIHU_TEST_STORE:-}" ] || { echo "skipped: needs the PostgreSQL twin"; exit 77; }
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  sq=$tmp/s.db
  pg=$GETIHU_TEST_STORE
  export GETIHU_ACTOR=parity
}
fail() { echo "FAIL: $*"; exit 1; }

# both NAME ARGS…: runs the same command on each store (standard input from $IN, if set), output to
# $tmp/{s,p}.NAME with times, durations and the store's name masked, and compares.
both() {
  local name=$1
  shift
  "$g" "$@" --db "$sq" < "${IN:-/dev/null}" > "$tmp/s.$name" 2>&1; echo "exit $?" >> "$tmp/s.$name"
  "$g" "$@" --db "$pg" < "${IN:-/dev/null}" > "$tmp/p.$name" 2>&1; echo "exit $?" >> "$tmp/p.$name"
  sed -i -E 's/用时 [0-9.]+ 秒/用时 N 秒/g; s/[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2})?Z?/TIME/g;
            s#'"$tmp"'/s\.db|'"$pg"'#DB#g' \
    "$tmp/s.$name" "$tmp/p.$name"
  cmp -s "$tmp/s.$name" "$tmp/p.$name" || { diff "$tmp/s.$name" "$tmp/p.$name" | head -20; fail "$name differs"; }
}

# same NAME: a file each store wrote ($tmp/s.NAME, $tmp/p.NAME) must be byte-identical.
same() { cmp "$tmp/s.$1" "$tmp/p.$1" || fail "$1: the files differ"; }

# parity_setup SEED COUNT: both stores made, and the same generated district's twelve extracts imported into each.
parity_setup() {
  "$g" db init --db "$sq" > /dev/null || fail "db init (SQLite)"
  "$g" db init --db "$pg" > /dev/null || fail "db init (PostgreSQL)"
  "$g" gen --format extracts --dir "$tmp/x" --count "$2" --seed "$1" --year 2025 > /dev/null 2>&1 || fail gen
  local k
  for k in registration annual_reports tax insurance trademarks patents abnormal_list serious_illegal suspensions \
           penalties dishonest_debtors operator_groups; do
    both "import.$k" import --source $k "$tmp/x/$k.csv"
  done
}
