#!/usr/bin/env bash
# Benchmark (not a test): Latchkey against Keycloak, the peer, on this machine in the same run.
#  1. start-up: launch to the first answer of the OIDC discovery document, restarting on a data dir made by a first
#     start (both on their embedded H2: Keycloak `start-dev`, Latchkey `bin/latchkey serve`); RSS then;
#  2. client_credentials tokens (client_secret_basic): latency of sequential requests and throughput of 4 clients
#     (bench/TokenBench.java, the same client for both).
# Keycloak comes from Maven Central (org.keycloak:keycloak-quarkus-dist) into target/bench on first use.
# Usage: bench/keycloak-peer.sh [runs] [tokens]      (defaults: 3 starts each, 2000 tokens; build Latchkey first)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
tokens="${2:-2000}"
kc_version="${KEYCLOAK_VERSION:-26.5.6}"
[[ -f target/latchkey.jar ]] || { echo "Build first: mvn -B -DskipTests package" >&2; exit 1; }
BUILD_JAVA_HOME=
[[ -f target/latchkey.jvm ]] && . target/latchkey.jvm
# Both servers and the client on the JDK bin/latchkey uses (the one that built the jar); JAVA_HOME may be older.
export JAVA_HOME="${BUILD_JAVA_HOME:-${JAVA_HOME:-}}"
java="$JAVA_HOME/bin/java"
work="$(pwd)/target/bench"
mkdir -p "$work"
kc="$work/keycloak-$kc_version"
if [[ ! -x "$kc/bin/kc.sh" ]]; then
  mvn -B -q dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$kc_version:zip" -DoutputDirectory="$work"
  (cd "$work" && unzip -q -o "keycloak-quarkus-dist-$kc_version.zip")
fi

lk_port=18771 kc_port=18772
lk_data="$(mktemp -d)"
rm -rf "$kc/data"
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$lk_data"' EXIT

export LATCHKEY_ADMIN_ENVIRONMENT_ID=0195f6d4-0000-7000-8000-000000000001
export LATCHKEY_ADMIN_CLIENT_ID=0195f6d4-0000-7000-8000-000000000002
export LATCHKEY_ADMIN_CLIENT_SECRET="bench-secret-$(printf 'x%.0s' {1..60})"
export KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin

lk_discovery="http://localhost:$lk_port/$LATCHKEY_ADMIN_ENVIRONMENT_ID/as/.well-known/openid-configuration"
kc_discovery="http://localhost:$kc_port/realms/master/.well-known/openid-configuration"
start_latchkey() { bin/latchkey serve --port "$lk_port" --data-dir "$lk_data" >"$work/latchkey.log" 2>&1 & echo $!; }
start_keycloak() { "$kc/bin/kc.sh" start-dev --http-port "$kc_port" >"$work/keycloak.log" 2>&1 & echo $!; }

# Starts a server, waits for 200 from its discovery URL, prints "<ms> <RSS MB> <pid>".
timed_start() {
  local begin pid
  begin=$(date +%s%N)
  pid=$("$1")
  until [[ "$(curl -s -o /dev/null -w '%{http_code}' "$2" || true)" == "200" ]]; do
    kill -0 "$pid" 2>/dev/null || { echo "$1 exited; see $work" >&2; exit 1; }
    (( $(date +%s%N) - begin < 300000000000 )) || { echo "$1 did not answer in 300 s" >&2; exit 1; }
    sleep 0.01
  done
  local java_pid
  java_pid=$(pgrep -P "$pid" java || echo "$pid")
  echo "$(( ($(date +%s%N) - begin) / 1000000 )) $(( $(awk '/VmRSS/ {print $2}' "/proc/$java_pid/status") / 1024 )) $pid"
}
# Stops a server (not a child of this shell: started in a subshell) and waits until it is gone.
stop() { kill -TERM "$1"; while kill -0 "$1" 2>/dev/null; do sleep 0.05; done; }
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

echo "first starts (empty data):"
read -r ms rss pid < <(timed_start start_latchkey "$lk_discovery"); stop "${pid:?Latchkey did not start}"; echo "  Latchkey $ms ms"
read -r ms rss pid < <(timed_start start_keycloak "$kc_discovery"); stop "${pid:?Keycloak did not start}"; echo "  Keycloak $kc_version $ms ms"

: >"$work/lk.starts"; : >"$work/kc.starts"
for ((i = 1; i <= runs; i++)); do
  read -r ms rss pid < <(timed_start start_latchkey "$lk_discovery"); stop "${pid:?}"; echo "$ms $rss" >>"$work/lk.starts"
  read -r ms rss pid < <(timed_start start_keycloak "$kc_discovery"); stop "${pid:?}"; echo "$ms $rss" >>"$work/kc.starts"
done
lk_ms=$(cut -d' ' -f1 "$work/lk.starts" | median); kc_ms=$(cut -d' ' -f1 "$work/kc.starts" | median)
echo "restart to first discovery answer, median of $runs: Latchkey $lk_ms ms (RSS $(cut -d' ' -f2 "$work/lk.starts" | median) MB)," \
  "Keycloak $kc_ms ms (RSS $(cut -d' ' -f2 "$work/kc.starts" | median) MB); ratio $(awk -v a="$lk_ms" -v b="$kc_ms" 'BEGIN { printf "%.2f", a / b }')"

# Token endpoint: one confidential client with a service account in Keycloak's master realm; Latchkey's admin worker.
read -r _ _ lk_pid < <(timed_start start_latchkey "$lk_discovery"); pids+=("${lk_pid:?Latchkey did not start}")
read -r _ _ kc_pid < <(timed_start start_keycloak "$kc_discovery"); pids+=("${kc_pid:?Keycloak did not start}")
admin_token=$(curl -s -d grant_type=password -d client_id=admin-cli -d username=admin -d password=admin \
  "http://localhost:$kc_port/realms/master/protocol/openid-connect/token" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
curl -fsS -o /dev/null -H "Authorization: Bearer ${admin_token:?no Keycloak admin token}" -H 'Content-Type: application/json' \
  -d '{"clientId":"bench","secret":"bench-secret","publicClient":false,"serviceAccountsEnabled":true,"standardFlowEnabled":false,"directAccessGrantsEnabled":false}' \
  "http://localhost:$kc_port/admin/realms/master/clients"
echo "client_credentials, $tokens sequential requests then 4 clients:"
# Assigned first: a failing benchmark then stops the script (set -e) instead of printing an empty figure.
lk_tokens=$("$java" bench/TokenBench.java "http://localhost:$lk_port/$LATCHKEY_ADMIN_ENVIRONMENT_ID/as/token" \
  "$LATCHKEY_ADMIN_CLIENT_ID" "$LATCHKEY_ADMIN_CLIENT_SECRET" "$tokens" 4)
kc_tokens=$("$java" bench/TokenBench.java "http://localhost:$kc_port/realms/master/protocol/openid-connect/token" \
  bench bench-secret "$tokens" 4)
echo "  Latchkey: $lk_tokens"
echo "  Keycloak: $kc_tokens"
echo "  RSS after the tokens: Latchkey $(( $(awk '/VmRSS/ {print $2}' "/proc/$(pgrep -P "$lk_pid" java || echo "$lk_pid")/status") / 1024 )) MB," \
  "Keycloak $(( $(awk '/VmRSS/ {print $2}' "/proc/$(pgrep -P "$kc_pid" java || echo "$kc_pid")/status") / 1024 )) MB"
