#!/usr/bin/env bash
# Starts the built Latchkey jar on a fresh data directory (plain HTTP, loopback) behind a TLS terminator, then
# configures it for the OIDF conformance suite (configure.py). `start-latchkey.sh stop` stops both.
# The suite itself, its runner and the TLS terminator live outside this repository (see README.md):
#   SHARED  the directory with latchkey-tls-proxy.mjs (default ../shared/conformance beside the repository)
#   WORK    where pids, logs, TLS material and the plan configuration go (default /tmp/oidf-conformance/work)
#   JAR (target/latchkey.jar), JAVA (java of the recorded or a JDK 21+), LK_PORT (18090), TLS_PORT (9443)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SHARED="${SHARED:-$ROOT/../shared/conformance}"
WORK="${WORK:-/tmp/oidf-conformance/work}"
JAR="${JAR:-$ROOT/target/latchkey.jar}"
BUILD_JAVA_HOME=; [ -f "$ROOT/target/latchkey.jvm" ] && . "$ROOT/target/latchkey.jvm"   # the JDK that built the jar
JAVA="${JAVA:-${BUILD_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java}"
LK_PORT="${LK_PORT:-18090}"; TLS_PORT="${TLS_PORT:-9443}"
ADMIN_ENV=0c0c0c0c-1111-4222-8333-444444444444
ADMIN_ID=0d0d0d0d-5555-4666-8777-888888888888
ADMIN_SECRET=latchkey-conformance-admin-secret-2026
mkdir -p "$WORK/tls"

stop() {  # name
  local pidfile="$WORK/$1.pid"
  [ -f "$pidfile" ] || return 0
  kill "$(cat "$pidfile")" 2>/dev/null || true
  rm -f "$pidfile"
}
stop latchkey-tls; stop latchkey
[ "${1:-}" = stop ] && exit 0

DATA="$(mktemp -d /tmp/latchkey-conformance.XXXXXX)"
LATCHKEY_ADMIN_ENVIRONMENT_ID=$ADMIN_ENV LATCHKEY_ADMIN_CLIENT_ID=$ADMIN_ID LATCHKEY_ADMIN_CLIENT_SECRET=$ADMIN_SECRET \
  setsid nohup "$JAVA" -jar "$JAR" serve --port "$LK_PORT" --data-dir "$DATA" --base-url "https://127.0.0.1:$TLS_PORT" \
  > "$WORK/latchkey.log" 2>&1 < /dev/null & echo $! > "$WORK/latchkey.pid"

[ -f "$WORK/tls/op.crt" ] || openssl req -x509 -nodes -days 365 -newkey rsa:2048 -keyout "$WORK/tls/op.key" \
  -out "$WORK/tls/op.crt" -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 >/dev/null 2>&1
PROXY_PORT=$TLS_PORT UPSTREAM="http://127.0.0.1:$LK_PORT" PROXY_CERT="$WORK/tls/op.crt" PROXY_KEY="$WORK/tls/op.key" \
  setsid nohup node "$SHARED/latchkey-tls-proxy.mjs" > "$WORK/latchkey-tls.log" 2>&1 < /dev/null & echo $! > "$WORK/latchkey-tls.pid"

for _ in $(seq 1 120); do
  curl -sfk -o /dev/null "https://127.0.0.1:$TLS_PORT/$ADMIN_ENV/as/.well-known/openid-configuration" && break
  sleep 0.5
done
python3 "$ROOT/conformance/configure.py" --direct "http://127.0.0.1:$LK_PORT" --public "https://127.0.0.1:$TLS_PORT" \
  --admin-env $ADMIN_ENV --admin-id $ADMIN_ID --admin-secret $ADMIN_SECRET --out "$WORK/latchkey-static.json"
