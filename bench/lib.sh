# Shared by the small benches that build a throwaway store (bank.sh, audit.sh, compare.sh); sourced, not run.
# bench_tmp DBNAME WHAT: the binary in $g (G=path picks another; default build/getihu), a temporary folder $tmp
# removed on exit with the server whose pid is in $pid, a fresh store $tmp/DBNAME, and the machine line naming
# WHAT (e.g. "20000 businesses") so the figures printed after it can be compared across machines.
bench_tmp() {
  g=${G:-build/getihu}
  [ -x "$g" ] || { echo "build first: cmake -B build && cmake --build build"; exit 1; }
  tmp=$(mktemp -d)
  pid=
  trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
  export GETIHU_DB="$tmp/$1" GETIHU_ACTOR=bench
  echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $2"
  "$g" db init > /dev/null
}
