#!/usr/bin/env bash
# Installs the Debian 12 packages getihu needs to build and test, only those that
# are missing (apt-get update runs only when something has to be installed).
set -euo pipefail
need=(gcc make cmake pkg-config libcjson-dev libcmocka-dev libsqlite3-dev libsodium-dev libxlsxwriter-dev libmicrohttpd-dev libqrencode-dev libzip-dev libexpat1-dev libfreexl-dev libpq-dev curl)
# browser tests: Debian's Chromium (driven by playwright-core from npm) and CJK fonts for readable screenshots
[ "${1:-}" = "--test" ] && need+=(chromium fonts-noto-cjk)
# the sqlite3 shell: tests look into the store (e.g. that access codes are stored only hashed); unzip and zip:
# tests read the XLSX exports and re-pack workbooks (cli.spreadsheets)
[ "${1:-}" = "--test" ] && need+=(sqlite3 unzip zip)
# python3 (standard library only): URL-encoding in the API tests and the hostile workbooks of api.attack_issue10
[ "${1:-}" = "--test" ] && need+=(python3)
# nginx and openssl: tests/api/nginx.sh runs the shipped nginx sample in front of the server (skipped without them)
[ "${1:-}" = "--test" ] && need+=(nginx-light openssl)
# PostgreSQL 15 (issue 12): the tests start a throwaway cluster of their own (initdb, pg_ctl; pg_trgm and amcheck from contrib)
# (tests/pg/cluster.sh; psql and pg_dump from the client: tests/lib/db.sh)
[ "${1:-}" = "--test" ] && need+=(postgresql-15 postgresql-contrib postgresql-client-15)
# Node.js and npm for playwright-core: the machine's own if it has them, else Debian's
[ "${1:-}" = "--test" ] && ! { command -v node && command -v npm; } > /dev/null && need+=(nodejs npm)
[ "${1:-}" = "--bench" ] && need+=(time bc libjansson-dev)
# bench/scale.sh: the PostgreSQL phases (bench/pg.sh), the DuckDB peer (Node.js, npm) and iconv (libc-bin) for it
[ "${1:-}" = "--bench" ] && need+=(postgresql-15 postgresql-contrib postgresql-client-15 python3)
[ "${1:-}" = "--bench" ] && ! { command -v node && command -v npm; } > /dev/null && need+=(nodejs npm)
missing=()
for p in "${need[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "== installing: ${missing[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
