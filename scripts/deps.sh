#!/usr/bin/env bash
# Installs the Debian 12 packages getihu needs to build and test, only those that
# are missing (apt-get update runs only when something has to be installed).
set -euo pipefail
need=(gcc make cmake pkg-config libcjson-dev libcmocka-dev libsqlite3-dev libsodium-dev libxlsxwriter-dev libmicrohttpd-dev curl)
[ "${1:-}" = "--bench" ] && need+=(time libjansson-dev)
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
