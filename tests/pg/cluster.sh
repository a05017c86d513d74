#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for the tests (issue 12 §3, decision 260):
#   cluster.sh start STATE   initdb + pg_ctl in a fresh temporary directory, on a free loopback port, trust
#                            authentication on 127.0.0.1 only; STATE (a file) gets the lines PGDIR=… and
#                            GETIHU_TEST_PG=postgresql://getihu@127.0.0.1:PORT/ (the URL without a database)
#   cluster.sh stop STATE    stops it and removes its directory and STATE
#   cluster.sh url STATE     prints the URL of the cluster's maintenance database (…/postgres)
# A started cluster is watched: when the process that started it (ctest; $GETIHU_PG_WATCH names it when a script
# stands between them) is gone without stopping it — killed, or interrupted with ^C — the watcher stops it and
# removes its directory, so no server is left running.
# As root (CI) the server runs as the unprivileged user `postgres` (runuser), else as the caller. The binaries are
# Debian's (postgresql-15); GETIHU_PG_BIN overrides their directory. The cluster is tuned for throwaway data
# (fsync off): it never holds anything that must survive a crash.
set -euo pipefail
cmd=${1:-}
state=${2:-}
[ -n "$cmd" ] && [ -n "$state" ] || { echo "usage: cluster.sh start|stop|url|watch STATE" >&2; exit 2; }
bin=${GETIHU_PG_BIN:-/usr/lib/postgresql/15/bin}

as_owner() { # runs "$@" as the cluster's owner
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

stop() {
  [ -f "$state" ] || return 0
  local dir
  dir=$(sed -n 's/^PGDIR=//p' "$state")
  if [ -n "$dir" ] && [ -d "$dir" ]; then
    as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop > /dev/null 2>&1 || true
    rm -rf "$dir"
  fi
  rm -f "$state"
}

# watch STATE DIR PID: waits while PID lives and STATE still names DIR, then stops the cluster in DIR (not one a
# later run started under the same STATE)
watch() {
  while kill -0 "$3" 2> /dev/null && [ "$(sed -n 's/^PGDIR=//p' "$1" 2> /dev/null)" = "$2" ]; do sleep 2; done
  [ "$(sed -n 's/^PGDIR=//p' "$1" 2> /dev/null)" = "$2" ] && stop
}

free_port() { # a loopback port nobody listens on now (the kernel's choice)
  # (not 55430-55439: the ports developers' own clusters use by convention)
  python3 -c 'import socket
while True:
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close()
    if not 55430 <= p <= 55439: break
print(p)'
}

case $cmd in
  start)
    [ -x "$bin/initdb" ] || { echo "cluster.sh: $bin/initdb not found (bash scripts/deps.sh --test installs postgresql-15)" >&2; exit 1; }
    stop # a cluster left behind by an interrupted run
    dir=$(mktemp -d /tmp/getihu-pg.XXXXXX)
    chmod 755 "$dir"
    [ "$(id -u)" = 0 ] && chown postgres: "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -A trust -U getihu -E UTF8 --locale=C.UTF-8 > "$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log" >&2; rm -rf "$dir"; exit 1; }
    for attempt in 1 2 3 4 5; do
      port=$(free_port)
      if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 60 start -o \
           "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off \
            -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=64MB" > /dev/null 2>&1; then
        printf 'PGDIR=%s\nGETIHU_TEST_PG=postgresql://getihu@127.0.0.1:%s/\n' "$dir" "$port" > "$state"
        # its own session, its output nowhere: ctest neither waits for it nor takes it down with a ^C
        setsid bash "$0" watch "$state" "$dir" "${GETIHU_PG_WATCH:-$PPID}" < /dev/null > /dev/null 2>&1 &
        "$0" url "$state"
        exit 0
      fi
      [ "$attempt" = 5 ] && { tail -20 "$dir/log" >&2; rm -rf "$dir"; exit 1; }
    done
    ;;
  stop) stop ;;
  watch) watch "$state" "$3" "$4" ;;
  url)
    [ -f "$state" ] || { echo "cluster.sh: no cluster ($state missing: start it first)" >&2; exit 1; }
    echo "$(sed -n 's/^GETIHU_TEST_PG=//p' "$state")postgres"
    ;;
  *) echo "usage: cluster.sh start|stop|url|watch STATE" >&2; exit 2 ;;
esac
