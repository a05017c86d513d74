#!/usr/bin/env bash
# Exports are written whole or not at all (issue 8 finding 22): on a full disk the
# earlier file at the output path stays as it was and no cut file is left behind.
# Uses a small tmpfs, so it needs root (and mount); elsewhere it says so and skips.
set -u
g=$1
ex=$2
tmp=$(mktemp -d)
mnt=$tmp/small
cleanup() { mountpoint -q "$mnt" && umount "$mnt"; rm -rf "$tmp"; }
trap cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }
. "$(dirname "$0")/../lib/db.sh" # db_new, dbq: the store on either backend
GETIHU_DB=$(db_new "$tmp/t.db") || { echo "FAIL: no database for the store"; exit 1; }
export GETIHU_DB GETIHU_ACTOR=test
"$g" db init > /dev/null || { echo "FAIL: getihu db init"; exit 1; }
"$g" gen --format extracts --dir "$tmp/x" --count 3000 --seed 5 --year 2025 > /dev/null 2>&1 || fail gen
for k in registration annual_reports tax insurance; do "$g" import --source $k "$tmp/x/$k.csv" > /dev/null 2>&1 || fail import $k; done
"$g" run --year 2025 > /dev/null 2>&1 && "$g" publish --run 1 > /dev/null 2>&1 || fail run
# A good export over an existing file replaces it whole, and leaves no temporary behind.
echo old > "$tmp/r.csv"
"$g" export --year 2025 --format csv --output "$tmp/r.csv" 2> /dev/null || fail "export to a roomy folder"
[ "$(wc -l < "$tmp/r.csv")" -gt 3000 ] || fail "export incomplete"
[ -z "$(ls "$tmp" | grep '\.tmp-')" ] || fail "temporary left behind"
# A target that is not a regular file is written in place, never replaced by a rename (decision 296): a pipe
# gets the same bytes and stays a pipe; a device node (as root: a private twin of /dev/null) stays a device.
mkfifo "$tmp/pipe" || fail mkfifo
timeout 20 cat "$tmp/pipe" > "$tmp/piped.csv" &
reader=$!
"$g" export --year 2025 --format csv --output "$tmp/pipe" 2> "$tmp/err" || fail "export to a pipe: $(cat "$tmp/err")"
wait "$reader" || fail "the pipe's reader got no end of file"
[ -p "$tmp/pipe" ] || fail "the pipe was replaced by a file"
cmp -s "$tmp/piped.csv" "$tmp/r.csv" || fail "the pipe got other bytes than the file"
[ -z "$(ls "$tmp" | grep '\.tmp-')" ] || fail "temporary left behind by the pipe's export"
if [ "$(id -u)" = 0 ] && mknod "$tmp/null" c 1 3 2> /dev/null; then
  "$g" export --year 2025 --format jsonl --output "$tmp/null" 2> "$tmp/err" || fail "export to a device: $(cat "$tmp/err")"
  [ -c "$tmp/null" ] || fail "the device node was replaced by a file"
fi
if [ "$(id -u)" != 0 ] || ! { mkdir -p "$mnt" && mount -t tmpfs -o size=256k tmpfs "$mnt" 2> /dev/null; }; then
  echo "SKIP: full-disk part needs root and a tmpfs mount"; exit 0
fi
head -c 200k /dev/zero > "$mnt/filler" # leaves about 50 KiB: less than any of the three exports
for fmt in csv jsonl xlsx; do
  printf 'earlier export\n' > "$mnt/r.$fmt"
  if "$g" export --year 2025 --format $fmt --output "$mnt/r.$fmt" 2> "$tmp/err"; then fail "$fmt: export to a full disk said it succeeded"; fi
  grep -q "原文件未改动" "$tmp/err" || { cat "$tmp/err"; fail "$fmt: message does not say the earlier file is untouched"; }
  [ "$(cat "$mnt/r.$fmt")" = "earlier export" ] || fail "$fmt: the earlier file was destroyed"
  [ "$(ls "$mnt" | grep -c '\.tmp-')" = 0 ] || fail "$fmt: a cut temporary file was left: $(ls "$mnt")"
done
[ "$(ls "$mnt" | grep -c '\.tmp-')" = 0 ] || fail "temporaries left: $(ls "$mnt")"
echo "export_atomic: ok"
