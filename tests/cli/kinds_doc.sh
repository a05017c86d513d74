#!/usr/bin/env bash
# docs/import-formats.md shows the import kinds exactly as `getihu import --list-kinds`
# prints the descriptors (src/io/kinds.c), so the docs cannot drift from the code.
set -u
g=$1
doc=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$g" import --list-kinds > "$tmp/code" || { echo "FAIL: getihu import --list-kinds"; exit 1; }
awk '/^<!-- kinds:end/ { on = 0 } on { print } /^<!-- kinds:begin/ { on = 1 }' "$doc" > "$tmp/doc"
[ -s "$tmp/doc" ] || { echo "FAIL: no <!-- kinds:begin --> … <!-- kinds:end --> section in $doc"; exit 1; }
if ! diff -u "$tmp/doc" "$tmp/code"; then
  echo "FAIL: $doc and 'getihu import --list-kinds' differ (- docs, + code): paste the command's output"
  exit 1
fi
"$g" import --list-kinds --format json > "$tmp/json" || { echo "FAIL: --format json"; exit 1; }
n=$(grep -c '^.\{0,1\}{"kind":' "$tmp/json")
[ "$n" = "$(grep -c '^| `' "$tmp/code")" ] || { echo "FAIL: JSON lists $n kinds"; exit 1; }
echo "kinds_doc: $n kinds, documented as described"
