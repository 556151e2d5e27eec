#!/usr/bin/env bash
# Benchmark (not a test): a legitimate user's sequential sign-ons per second (authorize -> usernamePassword.check ->
# resume -> token) on a quiet server, then during a flood of failed sign-ons (unknown usernames) by concurrent attackers
# from another address; with the default limits, then with the limits off for comparison. The server is the built jar
# with --trusted-proxies 127.0.0.1, so that user and attackers speak as different addresses through X-Forwarded-For.
# Server CPU time is read from /proc/<pid>/stat. The client runs on the same machine and takes CPU too.
# Usage: bench/signon-flood.sh [seconds] [attackers]     (defaults: 20 8; build first:
#        mvn -B -q -DskipTests -Dlatchkey.train.skip=true package)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-20}"
attackers="${2:-8}"
[[ -f target/latchkey.jar ]] || { echo "Build first: mvn -B -q -DskipTests -Dlatchkey.train.skip=true package" >&2; exit 1; }
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
java="$JAVA_HOME/bin/java"
port="${LATCHKEY_BENCH_PORT:-18766}"
data="$(mktemp -d)"
pid=
trap '[[ -n "$pid" ]] && kill "$pid" 2>/dev/null; rm -rf "$data"' EXIT
[[ "$(getconf CLK_TCK)" == 100 ]] || echo "warning: CLK_TCK is not 100; CPU figures are off" >&2

export LATCHKEY_ADMIN_ENVIRONMENT_ID="$(cat /proc/sys/kernel/random/uuid)"
export LATCHKEY_ADMIN_CLIENT_ID="$(cat /proc/sys/kernel/random/uuid)"
export LATCHKEY_ADMIN_CLIENT_SECRET="bench-$(cat /proc/sys/kernel/random/uuid)"

# One run: starts the server with the extra options given, measures, stops it.
run() {
  rm -rf "$data/db"
  "$java" -jar target/latchkey.jar serve --port "$port" --data-dir "$data/db" --trusted-proxies 127.0.0.1 "$@" \
    >"$data/server.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 600); do
    [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://localhost:$port/v1/environments" || true)" != 000 ]] && break
    kill -0 "$pid" 2>/dev/null || { cat "$data/server.log" >&2; exit 1; }
    sleep 0.1
  done
  "$java" -cp target/latchkey.jar bench/SignOnFlood.java "http://localhost:$port" "$LATCHKEY_ADMIN_ENVIRONMENT_ID" \
    "$LATCHKEY_ADMIN_CLIENT_ID" "$LATCHKEY_ADMIN_CLIENT_SECRET" "$pid" "$seconds" "$attackers"
  kill -TERM "$pid"; wait "$pid" || true; pid=
}

echo "== default limits (failed checks 20/address at 1/s, 10/username at 1/30s; interactive requests 1,000/address at 500/s)"
run
echo "== limits off (--rate-limit-...=0), for comparison"
run --rate-limit-failures-per-address 0 --rate-limit-failures-per-username 0 --rate-limit-requests-per-address 0
