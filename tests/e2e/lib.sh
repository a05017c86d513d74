# The set-up every browser test's script shares (sourced, not run): a store in a
# temporary directory, a district typed and published, servers started and stopped,
# the node test run with its screenshots cleared first. After `e2e_init NAME`:
# $tmp, $GETIHU_DB, fail(); e2e_serve sets $E2E_URL (the newest server's address).
# shellcheck shell=bash
e2e_here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
e2e_pids=()
. "$e2e_here/../lib/db.sh" # db_new, dbq: the store on either backend

# e2e_init NAME: the temporary store and the clean-up of whatever is started later.
e2e_init() {
  e2e_name=$1
  tmp=$(mktemp -d)
  trap 'for p in "${e2e_pids[@]}"; do kill "$p" 2> /dev/null; done; rm -rf "$tmp"' EXIT
  GETIHU_DB=$(db_new "$tmp/$1.db") || fail "a database for the store"
  export GETIHU_DB GETIHU_ACTOR=e2e
  "$g" db init > /dev/null || fail "getihu db init"
}
fail() { echo "FAIL: $*"; exit 1; }
# Setting up a browser test's data through the API at $BASE_URL: signin NAME JSON keeps NAME's session cookie and
# CSRF token in $tmp; post NAME PATH JSON sends JSON as NAME and fails the test unless the answer is 2xx.
signin() { # name json
  curl -s -c "$tmp/$1.jar" -H 'Content-Type: application/json' -d "$2" "$BASE_URL/api/session" |
    sed -n 's/.*"csrf":"\([0-9a-f]*\)".*/\1/p' > "$tmp/$1.csrf"
}
post() { # who path json
  local st
  st=$(curl -s -o "$tmp/body" -w "%{http_code}" -b "$tmp/$1.jar" -H "X-CSRF-Token: $(cat "$tmp/$1.csrf")" \
       -H 'Content-Type: application/json' -d "$3" "$BASE_URL$2")
  case $st in 2*) ;; *) fail "$2: $st $(cat "$tmp/body")" ;; esac
}

# e2e_examples DIR: the example district's registration, annual reports and tax, its 2025 run published.
e2e_examples() {
  local k
  for k in registration annual_reports; do
    "$g" import --source "$k" "$1/$k.csv" > /dev/null 2>&1 || fail "import $k"
  done
  "$g" import --source tax "$1/tax-gbk.csv" > /dev/null 2>&1 || fail "import tax"
  "$g" run --year 2025 > /dev/null 2>&1 && "$g" publish --run 1 > /dev/null 2>&1 || fail "run"
}

# e2e_generated COUNT SEED: a generated district (extracts in $tmp/ex), every kind imported, 2025 published.
e2e_generated() {
  local f k
  "$g" gen --format extracts --dir "$tmp/ex" --count "$1" --seed "$2" 2> /dev/null || fail "getihu gen"
  "$g" import --source registration "$tmp/ex/registration.csv" > /dev/null 2>&1 || fail "import registration"
  for f in "$tmp"/ex/*.csv; do
    k=$(basename "$f" .csv)
    [ "$k" = registration ] && continue
    "$g" import --source "$k" "$f" > /dev/null 2>&1 || fail "import $k"
  done
  "$g" run --year 2025 > /dev/null 2>&1 && "$g" publish --run 1 > /dev/null 2>&1 || fail "run"
}

# e2e_serve [ARGS...]: one more `getihu serve` on the store (ARGS e.g. --today D); $E2E_URL its address.
e2e_serve() {
  local n=${#e2e_pids[@]} port
  "$g" serve --listen 127.0.0.1:0 --threads 2 "$@" > "$tmp/serve$n.out" 2> "$tmp/serve$n.err" &
  e2e_pids+=($!)
  for _ in $(seq 300); do grep -q "http://" "$tmp/serve$n.out" 2> /dev/null && break; sleep 0.1; done
  port=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$tmp/serve$n.out")
  [ -n "$port" ] || fail "serve: $(cat "$tmp/serve$n.err")"
  E2E_URL="http://127.0.0.1:$port"
}

# e2e_node SECONDS: runs tests/e2e/NAME.test.mjs (NAME from e2e_init) with its old screenshots removed.
e2e_node() {
  export ARTIFACTS=${ARTIFACTS:-$PWD/e2e-artifacts}
  rm -f "$ARTIFACTS/$e2e_name"-*.png 2> /dev/null
  [ -d "$e2e_here/node_modules/playwright-core" ] && [ -d "$e2e_here/node_modules/axe-core" ] ||
    fail "run npm ci in tests/e2e (scripts/test.sh does)"
  timeout "$1" node "$e2e_here/$e2e_name.test.mjs"
}
