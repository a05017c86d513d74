#!/usr/bin/env bash
# The pg_cluster CTest fixture's set-up (decision 260): starts the throwaway cluster (cluster.sh start STATE), then
# asks GETIHU to initialise a store on it. When this build has no PostgreSQL backend at all (storeOpen says "not
# built"), STATE records SKIP= and every `.pg` twin reports itself skipped (exit 77) instead of failing; any other
# failure of the probe fails the fixture, and with it the twins.
#   fixture.sh STATE GETIHU
set -uo pipefail
state=$1
g=$2
here=$(cd "$(dirname "$0")" && pwd)
# the cluster lives as long as ctest (this script's parent), not this script
url=$(GETIHU_PG_WATCH=$PPID bash "$here/cluster.sh" start "$state") || exit 1
base=${url%postgres}
psql -X -q -v ON_ERROR_STOP=1 "$url" -c "CREATE DATABASE probe" > /dev/null || exit 1
out=$("$g" db init --db "${base}probe" 2>&1)
rc=$?
psql -X -q "$url" -c "DROP DATABASE probe WITH (FORCE)" > /dev/null 2>&1
if [ $rc != 0 ]; then
  case $out in
    *"not built"*) echo "SKIP=this getihu has no PostgreSQL backend: $out" >> "$state"
                   echo "cluster at $url; the .pg twins will be skipped: $out"; exit 0 ;;
    *) echo "getihu db init on the cluster failed: $out"; exit 1 ;;
  esac
fi
echo "cluster at $url: getihu db init works there"
