#!/usr/bin/env bash
# docs/openapi.yaml matches the server: every documented route exists and every
# route is documented (`getihu serve --list-routes` prints the server's table).
set -u
g=$1
spec=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$g" serve --list-routes | sort > "$tmp/code"
awk '/^  \/[^:]*:$/ { sub(/:$/, "", $1); path = $1 }
     /^    (get|post|put|patch|delete):/ { m = $1; sub(/:$/, "", m); print toupper(m) " " path }' "$spec" | sort > "$tmp/doc"
if ! diff -u "$tmp/doc" "$tmp/code"; then echo "FAIL: docs/openapi.yaml and the server's routes differ (- documented, + served)"; exit 1; fi
[ "$(wc -l < "$tmp/code")" -ge 9 ] || { echo "FAIL: too few routes read"; exit 1; }
echo "openapi: $(wc -l < "$tmp/code") routes, documented and served"
