# The set-up the API tests share (sourced, not run): a store in a temporary
# directory, accounts, one server, curl helpers. After `api_init`: $tmp, $GETIHU_DB,
# fail(); after `api_serve`: $base; code() leaves the body in $tmp/body and the
# headers in $tmp/headers and prints the status.
# shellcheck shell=bash
. "$(dirname "${BASH_SOURCE[0]}")/../lib/db.sh" # db_new, dbq: the store on either backend
api_pid=

# api_init: the temporary store (db init) and the clean-up of the server.
api_init() {
  tmp=$(mktemp -d)
  trap '[ -n "$api_pid" ] && kill "$api_pid" 2> /dev/null; rm -rf "$tmp"' EXIT
  GETIHU_DB=$(db_new "$tmp/t.db") || fail "a database for the store"
  export GETIHU_DB GETIHU_ACTOR=tester
  "$g" db init > /dev/null || fail "db init"
}
fail() { echo "FAIL: $*"; [ -f "$tmp/serve.err" ] && tail -5 "$tmp/serve.err"; exit 1; }

# api_examples DIR: the example district's registration, annual reports and tax, its 2025 run published.
api_examples() {
  "$g" import --source registration "$1/registration.csv" > /dev/null 2>&1 || fail "import registration"
  "$g" import --source annual_reports "$1/annual_reports.csv" > /dev/null 2>&1 || fail "import annual reports"
  "$g" import --source tax "$1/tax-gbk.csv" > /dev/null 2>&1 || fail "import tax"
  "$g" run --year 2025 > /dev/null 2>&1 || fail "run"
  "$g" publish --run 1 > /dev/null 2>&1 || fail "publish"
}

# api_district SEED COUNT: a generated district of COUNT businesses, its twelve extracts imported.
api_district() {
  "$g" gen --format extracts --dir "$tmp/ex" --count "$2" --seed "$1" --year 2025 > /dev/null 2>&1 || fail "gen"
  local k
  for k in registration annual_reports tax insurance trademarks patents abnormal_list serious_illegal suspensions \
           penalties dishonest_debtors operator_groups; do
    "$g" import --source "$k" "$tmp/ex/$k.csv" > /dev/null 2>&1 || fail "import $k"
  done
}

# api_user NAME ROLE [OPTIONS...]: an account whose password is password-of-NAME.
api_user() {
  local name=$1 role=$2
  shift 2
  echo "password-of-$name" | "$g" user add --username "$name" --role "$role" "$@" --password-stdin > /dev/null ||
    fail "user $name"
}

# api_serve [ARGS...]: getihu serve (with $API_THREADS threads, 2 by default) on a free loopback port (the one before, if any, stopped first: e.g. to
# move its --today on); $base its address.
api_serve() {
  if [ -n "$api_pid" ]; then kill "$api_pid" 2> /dev/null; wait "$api_pid" 2> /dev/null; fi
  rm -f "$tmp/serve.out"
  "$g" serve --listen 127.0.0.1:0 --threads "${API_THREADS:-2}" "$@" > "$tmp/serve.out" 2> "$tmp/serve.err" &
  api_pid=$!
  for _ in $(seq 600); do grep -q "http://" "$tmp/serve.out" 2> /dev/null && break; sleep 0.1; done
  local port
  port=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$tmp/serve.out")
  [ -n "$port" ] || fail "serve"
  base="http://127.0.0.1:$port"
}

code() { curl -s -o "$tmp/body" -D "$tmp/headers" -w "%{http_code}" --max-time 30 "$@"; }

# login NAME [PASSWORD]: signs in (password-of-NAME by default); $tmp/NAME.jar, $tmp/NAME.csrf.
login() {
  [ "$(code -c "$tmp/$1.jar" -H 'Content-Type: application/json' \
        -d "{\"username\":\"$1\",\"password\":\"${2:-password-of-$1}\"}" "$base/api/session")" = 200 ] ||
    fail "login $1: $(cat "$tmp/body")"
  sed -n 's/.*"csrf":"\([0-9a-f]*\)".*/\1/p' "$tmp/body" > "$tmp/$1.csrf"
}

# api_owner NAME USCC: the owner's account of USCC, signed in with a fresh access code.
api_owner() {
  "$g" user add --username "$1" --role business --uscc "$2" > /dev/null || fail "owner $1"
  api_owner_login "$1" "$2"
}

# api_owner_login NAME USCC: signs in the existing owner account of USCC with a fresh access code.
api_owner_login() {
  local c
  c=$("$g" user code --uscc "$2" 2> /dev/null) || fail "access code $2"
  [ "$(code -c "$tmp/$1.jar" -H 'Content-Type: application/json' -d "{\"uscc\":\"$2\",\"code\":\"$c\"}" \
        "$base/api/session")" = 200 ] || fail "owner login $1"
  sed -n 's/.*"csrf":"\([0-9a-f]*\)".*/\1/p' "$tmp/body" > "$tmp/$1.csrf"
}
