#!/usr/bin/env bash
# The rooms of src/ and their doors (docs/architecture.md): core and rules do no
# I/O and include nothing from io/, gen/ or cli/; rules do not read the clock;
# app/ (use cases) stays below http/ and cli/; http/ never reaches into cli/ or gen/.
set -u
src=$1
fail=0
check() { # $1 = folder (its subfolders included), $2 = regex that must not match, $3 = why
  if grep -rnE --include='*.[ch]' "$2" "$src/$1" > /tmp/layering.$$ 2>/dev/null; then
    echo "src/$1 must not: $3"; cat /tmp/layering.$$; fail=1
  fi
}
check core  '#include "(io|gen|cli|rules)/' "include io/, gen/, cli/ or rules/"
check rules '#include "(io|gen|cli)/' "include io/, gen/ or cli/"
check rules '\b(FILE|fopen|fread|fwrite|fprintf|printf|puts|getenv|time|clock_gettime|gettimeofday|rand|srand)\s*\(|\bFILE\b' "do I/O, read the clock or the environment"
check rules '^(static )?[a-z_]+[a-zA-Z_ *]* g_[a-z]|^[a-z][a-zA-Z_ *]+ [a-z][a-zA-Z]* = ' "hold mutable globals"
check io    '#include "(gen|cli)/' "include gen/ or cli/"
# the store speaks domain types only: no formats, no use cases; SQLite stays in its backend
check store '#include "(io|app|http|cli|gen)/' "include io/, app/, http/, cli/ or gen/"
if grep -rnE --include='*.[ch]' '#include <sqlite3\.h>' "$src" | grep -v "^$src/store/sqlite/" > /tmp/layering.$$; then
  echo "only src/store/sqlite/ may include sqlite3.h"; cat /tmp/layering.$$; fail=1
fi
# and PostgreSQL in its own (issue 12 §3)
if grep -rnE --include='*.[ch]' '#include <(libpq-fe|libpq/[a-z-]+)\.h>' "$src" | grep -v "^$src/store/pg/" > /tmp/layering.$$; then
  echo "only src/store/pg/ may include libpq-fe.h"; cat /tmp/layering.$$; fail=1
fi
check app   '#include "(http|cli|gen)/' "include http/, cli/ or gen/ (use cases sit below the server and the command line)"
check http  '#include "(cli|gen)/' "include cli/ or gen/"
check gen   '#include "(store|app|http|cli)/' "include store/, app/, http/ or cli/"
# cli/ may use every room.
# every rule function cites its article: each function in rules/typing.c has an
# A1.x id in the comment or body around it
n=$(grep -cE '^(static )?[a-z].*\) \{$' "$src/rules/typing.c")
a=$(grep -cE 'A1\.[0-9]' "$src/rules/typing.c")
[ "$a" -ge 10 ] || { echo "rules/typing.c cites only $a article ids for $n functions"; fail=1; }
rm -f /tmp/layering.$$
[ $fail = 0 ] && echo "layering: all rooms keep to their doors"
exit $fail
