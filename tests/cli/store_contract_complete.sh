#!/usr/bin/env bash
# Every function declared in src/store/store.h is called in the store contract
# suite (tests/unit/test_store_contract.c): a backend is held to all of them.
set -u
header=$1
suite=$2
fns=$(grep -oE '^[a-z][a-zA-Z_ *]*[ *](store[A-Z][A-Za-z0-9]*)\(' "$header" | grep -oE 'store[A-Z][A-Za-z0-9]*\($' | tr -d '(' | sort -u)
[ -n "$fns" ] || { echo "no store functions found in $header"; exit 1; }
missing=0
for f in $fns; do
  grep -qE "\b$f\(" "$suite" || { echo "store.h declares $f, but the contract suite never calls it"; missing=1; }
done
[ $missing = 0 ] && echo "store contract: all $(echo "$fns" | wc -l) store.h functions are exercised"
exit $missing
