#!/usr/bin/env bash
# Runs one test against the throwaway cluster (the `.pg` twin of a CTest test; decision 260):
#   with_db.sh STATE COMMAND [ARGS...]
# STATE is the file tests/pg/cluster.sh start wrote. The test sees
#   GETIHU_TEST_BACKEND=pg                 (tests/lib/db.sh and tests/unit/store_fixture.h read it)
#   GETIHU_TEST_PG=postgresql://…:PORT/    the cluster, without a database name
#   GETIHU_TEST_PG_PREFIX=t_…              the prefix of every database the test creates (db_new, fixtureOpen)
#   GETIHU_TEST_STORE=URL                  one fresh empty database made here (test_store_contract uses it)
# and every database named with the prefix is dropped afterwards, whatever the test left running. Tests run in
# parallel (ctest -j): each has its own databases.
set -uo pipefail
state=$1
shift
[ -f "$state" ] || { echo "with_db.sh: no cluster ($state missing: the pg_cluster fixture did not start)"; exit 1; }
skip=$(sed -n 's/^SKIP=//p' "$state")
[ -n "$skip" ] && { echo "skipped: $skip"; exit 77; }
GETIHU_TEST_PG=$(sed -n 's/^GETIHU_TEST_PG=//p' "$state")
admin="${GETIHU_TEST_PG}postgres"
# unique and a valid lower-case identifier: the nanosecond clock and the process id
GETIHU_TEST_PG_PREFIX="t_$(date +%s%N | tail -c 10)_$$"
export GETIHU_TEST_BACKEND=pg GETIHU_TEST_PG GETIHU_TEST_PG_PREFIX
psql -X -q -v ON_ERROR_STOP=1 "$admin" -c "CREATE DATABASE ${GETIHU_TEST_PG_PREFIX}_store" > /dev/null ||
  { echo "with_db.sh: cannot create a database on $admin"; exit 1; }
export GETIHU_TEST_STORE="${GETIHU_TEST_PG}${GETIHU_TEST_PG_PREFIX}_store"
"$@"
rc=$?
for d in $(psql -X -At "$admin" -c "SELECT datname FROM pg_database WHERE datname LIKE '${GETIHU_TEST_PG_PREFIX}%'"); do
  psql -X -q "$admin" -c "DROP DATABASE \"$d\" WITH (FORCE)" > /dev/null 2>&1 || echo "with_db.sh: could not drop $d"
done
exit $rc
