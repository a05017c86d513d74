#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for the benches (issue 12): start DIR prints its URL,
# stop DIR stops it and removes DIR. Runs as an unprivileged user (postgres when root),
# on a free port, trust authentication on 127.0.0.1 only.
set -euo pipefail
bin=/usr/lib/postgresql/15/bin
cmd=$1 dir=$2
as() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case $cmd in
start)
  mkdir -p "$dir"; [ "$(id -u)" = 0 ] && chown postgres "$dir"
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  as "$bin/initdb" -D "$dir/data" -A trust -U getihu -E UTF8 --locale=C.UTF-8 > "$dir/initdb.log" 2>&1
  as "$bin/pg_ctl" -D "$dir/data" -l "$dir/data/log" -w -o "-p $port -k $dir/data -c listen_addresses=127.0.0.1 \
    -c shared_buffers=1GB -c max_wal_size=8GB" start > /dev/null
  echo "postgresql://getihu@127.0.0.1:$port/postgres" ;;
stop)
  [ -d "$dir/data" ] && as "$bin/pg_ctl" -D "$dir/data" -m fast stop > /dev/null 2>&1 || true
  rm -rf "$dir" ;;
*) echo "usage: bench/pg.sh start|stop DIR" >&2; exit 2 ;;
esac
