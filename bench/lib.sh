# Shared by the benches (sourced, not run): bench_tmp for the small ones that build a throwaway store (bank.sh,
# audit.sh, compare.sh), bench_rows for the phases of the directory-sized ones.
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

# bench_rows LABEL ROWS CMD…: runs one phase with its output in $out/last.out, and prints its wall seconds, rows/s,
# peak RSS, and CPU seconds (user + system) with rows per CPU second: on a shared machine CPU varies less than the
# wall clock. A failed phase prints its error and fails. The fields are read by position (bench/scale.sh): add
# new ones at the end.
bench_rows() {
  local label=$1 rows=$2 secs rss usr sys
  shift 2
  /usr/bin/time -f "%e %M %U %S" -o "$out/time.txt" "$@" > "$out/last.out" 2> "$out/err.txt" || {
    echo "FAIL: $label"; tail -5 "$out/err.txt"; return 1; }
  read -r secs rss usr sys < "$out/time.txt"
  printf "%-34s %9s rows %7.2f s %10.0f rows/s  peak RSS %5d MiB  CPU %7.2f s %10.0f rows/CPU-s\n" "$label" "$rows" \
    "$secs" "$(awk -v n="$rows" -v s="$secs" 'BEGIN{print (s > 0 ? n / s : 0)}')" $((rss / 1024)) \
    "$(awk -v u="$usr" -v y="$sys" 'BEGIN{print u + y}')" \
    "$(awk -v n="$rows" -v u="$usr" -v y="$sys" 'BEGIN{print (u + y > 0 ? n / (u + y) : 0)}')"
}
