#!/usr/bin/env bash
# Benchmark (not a test): time from launching the server to its first HTTP answer, and its resident memory then,
# for `bin/latchkey serve` (with the build's start-up cache) against plain `java -jar target/latchkey.jar serve`
# (the peer), alternating, on one H2 data dir made by a first start. Fails when a server does not answer in 60 s,
# so CI also uses it as a smoke test of the README's start command.
# Usage: bench/startup.sh [runs]      (default 10; build first: mvn -B -DskipTests package)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-10}"
[[ -f target/latchkey.jar ]] || { echo "Build first: mvn -B -DskipTests package" >&2; exit 1; }
BUILD_JAVA_HOME=
[[ -f target/latchkey.jvm ]] && . target/latchkey.jvm
# The peer runs on the JDK bin/latchkey uses (the one that built the jar), not on JAVA_HOME, which may be older.
java="${BUILD_JAVA_HOME:-${JAVA_HOME:-}}/bin/java"
port="${LATCHKEY_BENCH_PORT:-18765}"
data="$(mktemp -d)"
trap 'rm -rf "$data"' EXIT

# One start: prints "<ms to first answer> <RSS MB>", then stops the server with SIGTERM.
start_once() {
  local begin pid status deadline
  begin=$(date +%s%N)
  "$@" serve --port "$port" --data-dir "$data" >"$data/server.log" 2>&1 &
  pid=$!
  deadline=$(( begin + 60000000000 ))
  while true; do
    status=$(curl -s -o /dev/null -w '%{http_code}' "http://localhost:$port/v1/environments" || true)
    [[ "$status" != "000" ]] && break
    if (( $(date +%s%N) > deadline )) || ! kill -0 "$pid" 2>/dev/null; then
      echo "The server did not answer within 60 s: $*" >&2; cat "$data/server.log" >&2; kill "$pid" 2>/dev/null || true; exit 1
    fi
    sleep 0.01
  done
  local ms=$(( ($(date +%s%N) - begin) / 1000000 ))
  [[ "$status" == "401" ]] || { echo "Expected 401 from an unauthenticated call, got $status" >&2; exit 1; }
  local rss=$(( $(awk '/VmRSS/ {print $2}' "/proc/$pid/status") / 1024 ))
  kill -TERM "$pid"; wait "$pid" || true
  echo "$ms $rss"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

first=$(start_once bin/latchkey)
echo "first start (empty data dir, bootstrap included), bin/latchkey: ${first% *} ms"
: >"$data/launcher" ; : >"$data/plain"
for ((i = 1; i <= runs; i++)); do
  start_once bin/latchkey >>"$data/launcher"
  start_once "$java" -jar target/latchkey.jar >>"$data/plain"
done
report() {
  local ms rss
  ms=$(cut -d' ' -f1 "$2" | median); rss=$(cut -d' ' -f2 "$2" | median)
  printf '%-42s median %5d ms (min %d, max %d), RSS %d MB\n' "$1" "$ms" \
    "$(cut -d' ' -f1 "$2" | sort -n | head -1)" "$(cut -d' ' -f1 "$2" | sort -n | tail -1)" "$rss"
  echo "$ms" >"$2.median"
}
echo "restart to first answer, $runs runs each, alternating:"
report "bin/latchkey serve (start-up cache)" "$data/launcher"
report "java -jar target/latchkey.jar serve (peer)" "$data/plain"
awk -v a="$(cat "$data/launcher.median")" -v b="$(cat "$data/plain.median")" \
  'BEGIN { printf "ratio launcher / plain: %.2f\n", a / b }'
