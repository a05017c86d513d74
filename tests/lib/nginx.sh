# The deploy/ nginx sample run for a test (sourced, not run): tests/api/nginx.sh (one getihu behind it) and
# tests/api/multiproc.sh (two). The caller sets tmp (a scratch directory nginx may read) and fail().
# shellcheck shell=bash

# nginx_port: a free port for nginx (one nothing answers on) in nport, and its https origin in public.
nginx_port() {
  local p
  nport=
  for _ in $(seq 20); do
    p=$((20000 + RANDOM % 40000))
    (exec 3<> "/dev/tcp/127.0.0.1/$p") 2> /dev/null || { nport=$p; break; }
  done
  [ -n "$nport" ] || fail "no free port"
  public="https://127.0.0.1:$nport"
}

# nginx_site SAMPLE SED_ARGS…: $tmp/site.conf, the sample as shipped but for a self-signed certificate, the
# paths, its port and without its port-80 redirect server; SED_ARGS (-e …) point its upstreams at getihu.
nginx_site() {
  local sample=$1
  shift
  openssl req -x509 -newkey rsa:2048 -nodes -keyout "$tmp/key.pem" -out "$tmp/cert.pem" -days 1 -subj /CN=127.0.0.1 \
    2> /dev/null || fail "certificate"
  awk '/^server \{/ { n++ } n < 2' "$sample" |
    sed -e "s|listen 443 ssl.*;|listen 127.0.0.1:$nport ssl;|" -e "s|/etc/ssl/getihu/fullchain.pem|$tmp/cert.pem|" \
        -e "s|/etc/ssl/getihu/privkey.pem|$tmp/key.pem|" -e "s|/var/log/nginx/|$tmp/|" "$@" > "$tmp/site.conf"
}

# nginx_start: nginx serving $tmp/site.conf (its pid in npid, the caller's to stop), answering on $public.
nginx_start() {
  {
    [ "$(id -u)" = 0 ] && echo "user root;"
    echo "pid $tmp/nginx.pid; error_log $tmp/nginx.err; events {}"
    echo "http { client_body_temp_path $tmp/nb; proxy_temp_path $tmp/np; fastcgi_temp_path $tmp/nf; uwsgi_temp_path $tmp/nu;"
    echo "  scgi_temp_path $tmp/ns; include $tmp/site.conf; }"
  } > "$tmp/nginx.conf"
  nginx -p "$tmp" -c "$tmp/nginx.conf" -g 'daemon off;' 2> "$tmp/nginx.start" &
  npid=$!
  for _ in $(seq 50); do curl -sk -o /dev/null "$public/healthz" && break; sleep 0.1; done
  curl -sk -o /dev/null "$public/healthz" || fail "nginx did not start: $(cat "$tmp/nginx.start")"
}
