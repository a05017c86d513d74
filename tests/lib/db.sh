# The store the shell tests use, on either backend (sourced, not run; issue 12 §3, decision 261).
# GETIHU_TEST_BACKEND=pg (set by tests/pg/with_db.sh for a `.pg` twin) puts every store of the test in its own
# database of the throwaway cluster; otherwise stores are SQLite files, as before. Tests look into the store only
# through dbq/dbq_at with portable SQL (standard SQL that SQLite and PostgreSQL both read: no group_concat, no
# strftime, flags as the 0/1 integers both schemas keep), and through the helpers below where the
# backends differ.
# shellcheck shell=bash

# db_is_pg: true when the test runs against PostgreSQL.
db_is_pg() { [ "${GETIHU_TEST_BACKEND:-sqlite}" = pg ]; }

# db_new PATH: prints the location of a new, empty store: PATH itself on SQLite; on PostgreSQL a new database named
# after PATH's file name under the test's prefix (created here, dropped by with_db.sh). `getihu db init` still
# creates the store in it.
db_new() {
  if db_is_pg; then
    local name
    name="${GETIHU_TEST_PG_PREFIX}_$(basename "$1" .db | tr -c 'a-z0-9' '_' | cut -c1-16)_${RANDOM}"
    psql -X -q -v ON_ERROR_STOP=1 "${GETIHU_TEST_PG}postgres" -c "CREATE DATABASE $name" > /dev/null || return 1
    echo "${GETIHU_TEST_PG}$name"
  else
    echo "$1"
  fi
}

# dbq SQL: the rows of SQL on $GETIHU_DB, one a line, columns separated by | (sqlite3's default and psql -At's).
dbq() { dbq_at "$GETIHU_DB" "$1"; }
# dbq_at LOCATION SQL: the same on the store at LOCATION.
dbq_at() {
  case $1 in
    postgresql://* | postgres://*) psql -X -At -q -v ON_ERROR_STOP=1 "$1" -c "$2" ;;
    *) sqlite3 "$1" "$2" ;;
  esac
}

# db_epoch: an SQL expression for the current Unix time in whole seconds.
db_epoch() {
  if db_is_pg; then echo "extract(epoch FROM now())::bigint"; else echo "CAST(strftime('%s','now') AS INTEGER)"; fi
}

# db_pg_dump: pg_dump's data of $GETIHU_DB without the \restrict and \unrestrict lines, whose key is new each time.
db_pg_dump() { pg_dump --data-only --no-owner "$GETIHU_DB" | grep -v '^\\\(un\)\?restrict '; }

# db_dump: every row of $GETIHU_DB as text (to show that a secret is not stored in clear).
db_dump() {
  case $GETIHU_DB in
    postgresql://* | postgres://*) db_pg_dump ;;
    *) sqlite3 "$GETIHU_DB" .dump ;;
  esac
}

# db_fingerprint: a hash of $GETIHU_DB's content (equal before and after: the command wrote nothing).
db_fingerprint() {
  case $GETIHU_DB in
    postgresql://* | postgres://*) db_pg_dump | sha256sum | cut -d' ' -f1 ;;
    *) sha256sum "$GETIHU_DB" | cut -d' ' -f1 ;;
  esac
}

# db_hold_writer SECONDS FLAG: holds the writers' lock of $GETIHU_DB as another writer would (SQLite: BEGIN
# IMMEDIATE; PostgreSQL: the advisory lock storeBegin takes, PG_WRITER_LOCK in src/store/pg/pg_int.h), touches FLAG
# once it is held, keeps it SECONDS, then commits. Callers run it in the background.
db_hold_writer() {
  case $GETIHU_DB in
    postgresql://* | postgres://*)
      psql -X -q "$GETIHU_DB" -c "BEGIN" -c "SELECT pg_advisory_xact_lock(1195984981)" -c "\\! touch $2" \
        -c "SELECT pg_sleep($1)" -c "COMMIT" > /dev/null 2>&1 ;;
    *) sqlite3 "$GETIHU_DB" "BEGIN IMMEDIATE;" ".shell touch $2; sleep $1" "COMMIT;" > /dev/null 2>&1 ;;
  esac
}

# db_shell: an SQL shell on $GETIHU_DB reading statements from standard input (sqlite3, or psql -At).
db_shell() {
  case $GETIHU_DB in
    postgresql://* | postgres://*) psql -X -q -At "$GETIHU_DB" ;;
    *) sqlite3 "$GETIHU_DB" ;;
  esac
}
# db_lock_sql: the statements that take the writers' lock in db_shell, held until "COMMIT;".
db_lock_sql() {
  if db_is_pg; then echo "BEGIN; SELECT pg_advisory_xact_lock(1195984981);"; else echo "BEGIN IMMEDIATE;"; fi
}
