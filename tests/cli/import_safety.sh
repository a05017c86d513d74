#!/usr/bin/env bash
# Imports and runs that fail (issue 8 finding 25): an import killed half way leaves
# its record, listed as interrupted, and nothing else; a full disk's message names
# the database and the input file; `run` refuses a damaged database. On PostgreSQL (the .pg twin) the kill only:
# a damaged page and a full disk are about the SQLite file (PostgreSQL checks its own pages and reports its own
# disk errors).
set -u
g=$1
ex=$2
tmp=$(mktemp -d)
mnt=$tmp/small
cleanup() { mountpoint -q "$mnt" 2> /dev/null && umount "$mnt"; rm -rf "$tmp"; }
trap cleanup EXIT
cd "$tmp"
. "$(dirname "$0")/../lib/db.sh" # db_new, dbq: the store on either backend
GETIHU_DB=$(db_new "$tmp/t.db") || { echo "FAIL: no database for the store"; exit 1; }
export GETIHU_DB GETIHU_ACTOR=tester
fail() { echo "FAIL: $*"; exit 1; }
"$g" db init > /dev/null || fail "db init"
"$g" gen --format extracts --dir x --count 100000 --seed 9 --year 2025 > /dev/null 2>&1 || fail gen

# kill -9 while the import runs: its record (committed before the import's own
# transaction) stays, is listed as interrupted, and no business was written.
killed=
running_imports() { # read-only on SQLite, so that the watcher never holds a write lock
  if db_is_pg; then dbq "SELECT count(*) FROM imports WHERE status='running'" 2> /dev/null
  else sqlite3 "file:$GETIHU_DB?mode=ro" "SELECT count(*) FROM imports WHERE status='running'" 2> /dev/null; fi
}
for attempt in 1 2 3; do
  "$g" import --source registration x/registration.csv > /dev/null 2>&1 &
  pid=$!
  while kill -0 "$pid" 2> /dev/null; do
    if [ "$(running_imports)" = 1 ]; then
      kill -9 "$pid" && killed=1
      break
    fi
  done
  wait "$pid" 2> /dev/null
  [ -n "$killed" ] && break
  GETIHU_DB=$(db_new "$tmp/again$attempt.db") && export GETIHU_DB && "$g" db init > /dev/null # it ended first: again
done
[ -n "$killed" ] || fail "the import always ended before it could be killed"
# PostgreSQL learns of the dead client when its server process sees the closed socket, a moment later
for _ in $(seq 50); do
  "$g" db imports > out.txt 2> err.txt || fail "db imports: $(cat err.txt)"
  grep -q "interrupted .*registration" out.txt && break
  sleep 0.1
done
grep -q "interrupted .*registration" out.txt || fail "the killed import is not listed as interrupted: $(cat out.txt)"
[ "$(dbq "SELECT count(*) FROM businesses")" = 0 ] || fail "a killed import wrote businesses"
"$g" db check | grep -q "完整性 ok" || fail "db check after the kill"
"$g" import --source registration "$ex/registration.csv" 2> /dev/null || fail "import after the kill"
"$g" db imports | grep -q "committed .*registration" || fail "the next import"

# A damaged database (a page of an index overwritten, in a copy): run refuses, stores nothing.
for k in registration annual_reports tax insurance; do
  f=$ex/$k.csv; [ $k = tax ] && f=$ex/tax-gbk.csv
  "$g" import --source $k "$f" > /dev/null 2>&1 || fail "import $k"
done
if db_is_pg; then "$g" run --year 2025 > /dev/null 2> err.txt || fail "run: $(cat err.txt)"; echo "import_safety: ok (PostgreSQL)"; exit 0; fi
cp "$GETIHU_DB" damaged.db
page=$(sqlite3 damaged.db "SELECT rootpage FROM sqlite_master WHERE name='businesses_by_name'")
size=$(sqlite3 damaged.db "PRAGMA page_size")
head -c "$size" /dev/urandom | dd of=damaged.db bs="$size" seek=$((page - 1)) count=1 conv=notrunc 2> /dev/null
"$g" run --db damaged.db --year 2025 > out.txt 2> err.txt; code=$?
[ "$code" != 0 ] || fail "run on a damaged database succeeded: $(cat out.txt)"
grep -q "damaged.db 已损坏，拒绝分型" err.txt || fail "run does not say the database is damaged: $(cat err.txt)"
[ -z "$("$g" runs --db damaged.db 2> /dev/null)" ] || fail "a run was stored on the damaged database"
"$g" run --year 2025 > /dev/null 2> err.txt || fail "run on the sound database: $(cat err.txt)"

# A full disk: the message names the database and the input file (a small tmpfs: needs root and mount).
mkdir -p "$mnt"
if [ "$(id -u)" != 0 ] || ! mount -t tmpfs -o size=1m tmpfs "$mnt" 2> /dev/null; then
  echo "SKIP: full-disk part needs root and a tmpfs mount"; echo "import_safety: ok"; exit 0
fi
"$g" db init --db "$mnt/full.db" > /dev/null || fail "db init on the tmpfs"
"$g" import --db "$mnt/full.db" --source registration x/registration.csv > /dev/null 2> err.txt; code=$?
[ "$code" = 1 ] || fail "import to a full disk: exit $code: $(cat err.txt)"
grep -q "x/registration.csv" err.txt && grep -q "$mnt/full.db" err.txt || fail "full disk: names not both: $(cat err.txt)"
grep -q "磁盘已满 (disk full)" err.txt || fail "full disk not named as the cause: $(cat err.txt)"
cat err.txt; echo "import_safety: ok"
