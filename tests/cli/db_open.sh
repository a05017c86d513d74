#!/usr/bin/env bash
# Opening databases (issue 8 findings 23, 24, 25): only `getihu db init` creates or
# migrates one; a mistyped --db and another program's SQLite file are refused
# untouched; commands that only read open read-only, and a read-only directory or
# filesystem is named as the cause; a killed import leaves its record, listed as
# interrupted; `run` refuses a damaged database.
set -u
g=$1
ex=$2
fixtures=$(cd "$(dirname "$0")" && pwd)/fixtures
tmp=$(mktemp -d)
mnt=$tmp/ro
cleanup() { mountpoint -q "$mnt" 2> /dev/null && umount "$mnt"; chmod -R u+w "$tmp" 2> /dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
cd "$tmp"
export GETIHU_ACTOR=tester
unset GETIHU_DB
fail() { echo "FAIL: $*"; exit 1; }

# A mistyped --db: refused, named, not created, with what to do.
for cmd in "db check" "db imports" "run --year 2025" "show 福顺" "import --source registration $ex/registration.csv" \
           "export --year 2025 --format csv" "stats --year 2025" "runs" "audit list" "user list" "publish --run 1"; do
  # shellcheck disable=SC2086
  "$g" $cmd --db nosuch.db > out.txt 2> err.txt; code=$?
  [ "$code" = 2 ] || fail "$cmd --db nosuch.db: exit $code, expected 2: $(cat err.txt)"
  grep -q "nosuch.db: 数据库文件不存在" err.txt || fail "$cmd: message does not name the missing file: $(cat err.txt)"
  grep -q "getihu db init --db nosuch.db" err.txt || fail "$cmd: message does not say how to create one"
  [ -e nosuch.db ] && fail "$cmd --db nosuch.db created the file"
done
grep -q "run #" out.txt && fail "run on a missing database stored a run"
"$g" serve --db nosuch.db --listen 127.0.0.1:0 > /dev/null 2> err.txt; [ $? = 2 ] || fail "serve on a missing database"
grep -q "数据库文件不存在" err.txt || fail "serve: $(cat err.txt)"
[ -e nosuch.db ] && fail "serve created the file"

# db init creates, then says the database is up to date; the new database is getihu's.
"$g" db init --db t.db > out.txt || fail "db init"
grep -q "已新建数据库 (created)" out.txt || fail "db init does not say it created: $(cat out.txt)"
"$g" db init --db t.db > out.txt || fail "db init twice"
grep -q "已是最新 (up to date)" out.txt || fail "second db init: $(cat out.txt)"
[ "$(sqlite3 t.db 'PRAGMA application_id')" = 1195984981 ] || fail "application_id not set"
"$g" db check --db t.db | grep -q "完整性 ok" || fail "db check on a new database"

# Another program's SQLite file: refused by every command, left byte for byte as it was.
sqlite3 foreign.db "CREATE TABLE notes(id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes(text) VALUES('mine');"
sqlite3 other-app.db "PRAGMA application_id=42; PRAGMA user_version=3; CREATE TABLE imports(x); CREATE TABLE businesses(y); CREATE TABLE runs(z);"
for f in foreign.db other-app.db; do
  before=$(sha256sum "$f")
  for cmd in "show 福顺" "db check" "db init" "import --source registration $ex/registration.csv" "run --year 2025"; do
    # shellcheck disable=SC2086
    "$g" $cmd --db "$f" > /dev/null 2> err.txt; code=$?
    [ "$code" = 2 ] || fail "$cmd --db $f: exit $code, expected 2: $(cat err.txt)"
    grep -q "$f: 不是 getihu 数据库" err.txt || fail "$cmd --db $f: $(cat err.txt)"
  done
  [ "$(sha256sum "$f")" = "$before" ] || fail "$f was changed"
done
[ "$(sqlite3 foreign.db "SELECT count(*) FROM sqlite_master")" = 1 ] || fail "tables were added to foreign.db"
printf 'just some text, not a database at all, long enough to have a header......................\n' > text.db
"$g" show 福顺 --db text.db 2> err.txt; [ $? = 2 ] || fail "a text file as database"
grep -q "不是 getihu 数据库" err.txt || fail "text file: $(cat err.txt)"
: > empty.db
"$g" show 福顺 --db empty.db 2> err.txt; [ $? = 2 ] || fail "an empty file as database"
grep -q "尚未初始化" err.txt && grep -q "getihu db init --db empty.db" err.txt || fail "empty file: $(cat err.txt)"

# A database of the previous schema version: refused until db init migrates it; its data kept.
sqlite3 old.db < "$fixtures/schema-v3.sql" || fail "fixture"
for cmd in "show 92110115MA0000104D" "import --source registration $ex/registration.csv"; do
  # shellcheck disable=SC2086
  "$g" $cmd --db old.db > /dev/null 2> err.txt; [ $? = 2 ] || fail "$cmd on an old database"
  grep -q "结构版本 3 旧于本程序" err.txt && grep -q "getihu db init --db old.db" err.txt || fail "old: $(cat err.txt)"
done
"$g" db init --db old.db > out.txt || fail "db init on the old database"
grep -q "已升级 (migrated) 结构版本 3 -> " out.txt || fail "migration not reported: $(cat out.txt)"
[ "$(sqlite3 old.db 'PRAGMA application_id')" = 1195984981 ] || fail "migration did not mark the database"
"$g" show 92110115MA0000104D --db old.db | grep -q "经营异常名录" || fail "data lost in the migration"
"$g" db check --db old.db | grep -q "完整性 ok" || fail "db check after migration"
"$g" db imports --db old.db | grep -q "committed" || fail "old imports listed"

# Read-only directory: reads work, writes name the directory (chmod binds only non-root users).
mkdir rodir
"$g" db init --db rodir/t.db > /dev/null && "$g" import --db rodir/t.db --source registration "$ex/registration.csv" 2> /dev/null ||
  fail "setup rodir"
chmod 555 rodir
as_user() { if [ "$(id -u)" = 0 ]; then setpriv --reuid=65534 --regid=65534 --clear-groups -- "$@"; else "$@"; fi; }
if [ "$(id -u)" != 0 ] || command -v setpriv > /dev/null; then
  chmod 755 "$tmp"; chmod 666 rodir/t.db # the file writable: the directory is the cause
  as_user "$g" show 92110115MA0000104D --db rodir/t.db > out.txt 2> err.txt || fail "show in a read-only directory: $(cat err.txt)"
  grep -q "92110115MA0000104D" out.txt || fail "show in a read-only directory printed nothing"
  as_user "$g" db check --db rodir/t.db > /dev/null 2> err.txt || fail "db check in a read-only directory: $(cat err.txt)"
  as_user "$g" import --db rodir/t.db --source registration "$ex/registration.csv" 2> err.txt; [ $? = 1 ] || fail "import in a read-only directory"
  grep -q "rodir/t.db: 无法写入，所在目录只读 (read-only directory) rodir" err.txt || fail "import in a read-only directory: $(cat err.txt)"
  grep -q "readonly database" err.txt && fail "SQLite's message instead of the cause"
else
  echo "SKIP: read-only directory as root needs setpriv"
fi
chmod 755 rodir

# Read-only filesystem (a read-only bind mount; needs root and mount).
mkdir -p "$mnt"
if [ "$(id -u)" = 0 ] && mount --bind rodir "$mnt" 2> /dev/null && mount -o remount,bind,ro "$mnt" 2> /dev/null; then
  "$g" show 92110115MA0000104D --db "$mnt/t.db" > out.txt 2> err.txt || fail "show on a read-only filesystem: $(cat err.txt)"
  grep -q "92110115MA0000104D" out.txt || fail "show on a read-only filesystem printed nothing"
  "$g" stats --year 2025 --db "$mnt/t.db" > /dev/null 2> err.txt
  grep -q "readonly" err.txt && fail "stats on a read-only filesystem: $(cat err.txt)"
  "$g" import --db "$mnt/t.db" --source registration "$ex/registration.csv" 2> err.txt; [ $? = 1 ] || fail "import on a read-only filesystem"
  grep -q "$mnt/t.db: 无法写入，文件只读\|$mnt/t.db: 无法写入，文件系统只读" err.txt || fail "import on a ro fs: $(cat err.txt)"
  grep -q "文件系统只读 (read-only filesystem)" err.txt || fail "read-only filesystem not named: $(cat err.txt)"
  umount "$mnt"
else
  echo "SKIP: read-only filesystem part needs root and a bind mount"
fi

echo "db_open: ok"
