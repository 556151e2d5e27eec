#!/usr/bin/env bash
# Benchmark (not a test): Latchkey (and, with `both`, Keycloak) under load from wrk — 16 connections on 2 threads,
# each scenario for `seconds` after a 5 s warm-up: JWKS, OIDC discovery, client_credentials tokens
# (client_secret_basic), introspection of such a token, Latchkey's client_credentials again with an ES256 default key;
# then full authorization-code sign-ons by 8 clients (bench/SignOnLoad.java, same Argon2id cost on both). Prints p50/p99
# and requests/s side by side with the ratio Latchkey/Keycloak, and each server's RSS after the whole load (ps -o rss):
# every row of issue 15's goal table but the scale ones (bench/scale.sh).
# Usage: bench/load.sh [latchkey|both] [h2|postgres] [seconds]      (defaults: latchkey h2 15; build first)
# postgres: a throwaway cluster of the Debian `postgresql` package (/usr/lib/postgresql/*/bin) on port 18773, run as
# the `postgres` user; both servers then use it (a database each). Extra Latchkey JVM options: JAVA_OPTS.
# LATCHKEY_JAR=<jar> runs that jar with `java $JAVA_OPTS -jar` instead of bin/latchkey (to compare two builds).
set -euo pipefail
cd "$(dirname "$0")/.."
servers="${1:-latchkey}"
db="${2:-h2}"
seconds="${3:-15}"
kc_version="${KEYCLOAK_VERSION:-26.5.6}"
[[ -f target/latchkey.jar ]] || { echo "Build first: mvn -B -DskipTests package" >&2; exit 1; }
command -v wrk >/dev/null || { echo "Needs wrk (apt-get install -y wrk)" >&2; exit 1; }
BUILD_JAVA_HOME=
[[ -f target/latchkey.jvm ]] && . target/latchkey.jvm
export JAVA_HOME="${BUILD_JAVA_HOME:-${JAVA_HOME:-}}"
work="$(pwd)/target/bench"
mkdir -p "$work"
lk_port=18771 kc_port=18772 pg_port=18773
tmp="$(mktemp -d)"
chmod 755 "$tmp"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do while kill -0 "$p" 2>/dev/null; do sleep 0.1; done; done
  if [[ -d "$tmp/pg" ]]; then runuser -u postgres -- "$pg_bin/pg_ctl" -D "$tmp/pg" -m immediate stop >/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

if [[ "$db" == postgres ]]; then
  pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
  [[ -x "$pg_bin/initdb" ]] || { echo "Needs the Debian postgresql package (apt-get install -y postgresql)" >&2; exit 1; }
  mkdir "$tmp/pg" && chown postgres "$tmp/pg"
  runuser -u postgres -- "$pg_bin/initdb" -D "$tmp/pg" -U postgres --auth=trust >/dev/null
  runuser -u postgres -- "$pg_bin/pg_ctl" -D "$tmp/pg" -l "$tmp/pg/log" -w \
    -o "-p $pg_port -k $tmp/pg -c max_connections=100 -c shared_buffers=128MB" start >/dev/null
  for d in latchkey keycloak; do runuser -u postgres -- "$pg_bin/psql" -qh "$tmp/pg" -p "$pg_port" -c "create database $d"; done
  export LATCHKEY_DATABASE_URL="jdbc:postgresql://localhost:$pg_port/latchkey" LATCHKEY_DATABASE_USER=postgres
fi

export LATCHKEY_ADMIN_ENVIRONMENT_ID=0195f6d4-0000-7000-8000-000000000001
export LATCHKEY_ADMIN_CLIENT_ID=0195f6d4-0000-7000-8000-000000000002
export LATCHKEY_ADMIN_CLIENT_SECRET="bench-secret-$(printf 'x%.0s' {1..60})"
export KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin
lk_as="http://localhost:$lk_port/$LATCHKEY_ADMIN_ENVIRONMENT_ID/as"
kc_as="http://localhost:$kc_port/realms/master/protocol/openid-connect"

wait_for() { # url pid
  local begin=$SECONDS
  until [[ "$(curl -s -o /dev/null -w '%{http_code}' "$1" || true)" == "200" ]]; do
    kill -0 "$2" 2>/dev/null || { echo "server exited; see $work" >&2; exit 1; }
    (( SECONDS - begin < 300 )) || { echo "no answer from $1 in 300 s" >&2; exit 1; }
    sleep 0.1
  done
}
rss_mb() { echo $(( $(ps -o rss= -p "$(pgrep -P "$1" java || echo "$1")") / 1024 )); }

# Runs wrk: scenario name, URL, lua script; prints "name p50 p99 rps" (and appends it to $tmp/<server>).
load() { # server name url script
  wrk -t2 -c16 --timeout 30s -d5s -s "bench/wrk/$4" "$3" >/dev/null
  local r
  r=$(wrk -t2 -c16 --timeout 30s -d"${seconds}s" -s "bench/wrk/$4" "$3" | sed -n 's/^RESULT //p')
  read -r p50 p90 p99 rps bad timeouts <<<"$r"
  (( bad == 0 )) || { echo "$1 $2: $bad answers were not 2xx" >&2; exit 1; }
  (( timeouts == 0 )) || echo "  ($1 $2: $timeouts requests timed out after 30 s: not in the percentiles)"
  echo "$2 $p50 $p99 $rps" >>"$tmp/$1"
  printf '  %-9s %-20s p50 %8s ms  p99 %8s ms  %7s/s\n' "$1" "$2" "$p50" "$p99" "$rps"
}

# Scenario runner for one server: base64 client credentials, discovery URL, JWKS URL, token URL, introspect URL.
scenarios() { # server basic discovery jwks token introspect
  local token
  curl -fsS -o /dev/null "$4" # the first request makes the environment's first signing key
  load "$1" jwks "$4" get.lua
  load "$1" discovery "$3" get.lua
  WRK_BASIC="$2" WRK_BODY="grant_type=client_credentials" load "$1" client_credentials "$5" post-form.lua
  token=$(curl -fsS -H "Authorization: Basic $2" -d grant_type=client_credentials "$5" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
  WRK_BASIC="$2" WRK_BODY="token=${token:?no token}" load "$1" introspection "$6" post-form.lua
}

# Full authorization-code sign-ons (bench/SignOnLoad.java): 8 clients, each its own user, for `seconds` after a 5 s
# warm-up; prints "sign_ons p50 p99 rate" as load() does.
signons() { # server SignOnLoad-arguments...
  local server=$1 r
  shift
  r=$("$JAVA_HOME/bin/java" -cp target/latchkey.jar bench/SignOnLoad.java "$@" 8 "$seconds" | sed -n 's/^RESULT //p')
  read -r rate p50 p99 <<<"$r"
  echo "sign_ons $p50 $p99 ${rate:?sign-ons failed}" >>"$tmp/$server"
  printf '  %-9s %-20s p50 %8s ms  p99 %8s ms  %7s/s\n' "$server" sign_ons "$p50" "$p99" "$rate"
}

rss() { # server pid
  echo "rss $(rss_mb "$2")" >>"$tmp/$1"
  echo "  $1 RSS after the whole load: $(rss_mb "$2") MB"
}

echo "Latchkey ${LATCHKEY_JAR:-bin/latchkey} ($db, JAVA_OPTS='${JAVA_OPTS:-}'), wrk 16 connections, ${seconds} s per scenario:"
if [[ -n "${LATCHKEY_JAR:-}" ]]; then
  # shellcheck disable=SC2086 # JAVA_OPTS is a list of options
  "$JAVA_HOME/bin/java" ${JAVA_OPTS:-} -jar "$LATCHKEY_JAR" serve --port "$lk_port" --data-dir "$tmp/lk" >"$work/latchkey.log" 2>&1 &
else
  bin/latchkey serve --port "$lk_port" --data-dir "$tmp/lk" >"$work/latchkey.log" 2>&1 &
fi
lk_pid=$!; pids+=("$lk_pid")
wait_for "$lk_as/.well-known/openid-configuration" "$lk_pid"
lk_basic="$(printf '%s:%s' "$LATCHKEY_ADMIN_CLIENT_ID" "$LATCHKEY_ADMIN_CLIENT_SECRET" | base64 -w0)"
scenarios latchkey "$lk_basic" "$lk_as/.well-known/openid-configuration" "$lk_as/jwks" "$lk_as/token" "$lk_as/introspect"
# The same tokens signed with ES256: an EC P-256 key made the environment's default through the keys API.
admin_token=$(curl -fsS -H "Authorization: Basic $lk_basic" -d grant_type=client_credentials "$lk_as/token" \
  | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
curl -fsS -o /dev/null -H "Authorization: Bearer ${admin_token:?no token}" -H 'Content-Type: application/json' \
  -d '{"name":"bench-es256","algorithm":"EC","keyLength":256,"signatureAlgorithm":"SHA256withECDSA","subjectDN":"CN=bench","validityPeriod":365,"usageType":"SIGNING","default":true}' \
  "http://localhost:$lk_port/v1/environments/$LATCHKEY_ADMIN_ENVIRONMENT_ID/keys"
WRK_BASIC="$lk_basic" WRK_BODY="grant_type=client_credentials" load latchkey client_credentials_es256 "$lk_as/token" post-form.lua
signons latchkey latchkey "http://localhost:$lk_port" "$LATCHKEY_ADMIN_ENVIRONMENT_ID" "$LATCHKEY_ADMIN_CLIENT_ID" \
  "$LATCHKEY_ADMIN_CLIENT_SECRET"
rss latchkey "$lk_pid"
kill "$lk_pid"; while kill -0 "$lk_pid" 2>/dev/null; do sleep 0.1; done

[[ "$servers" == both ]] || exit 0
kc="$work/keycloak-$kc_version"
if [[ ! -x "$kc/bin/kc.sh" ]]; then
  mvn -B -q dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$kc_version:zip" -DoutputDirectory="$work"
  (cd "$work" && unzip -q -o "keycloak-quarkus-dist-$kc_version.zip")
fi
rm -rf "$kc/data"
kc_db=()
[[ "$db" == postgres ]] && kc_db=(--db postgres --db-url "jdbc:postgresql://localhost:$pg_port/keycloak" --db-username postgres --db-password x)
echo "Keycloak $kc_version ($db):"
"$kc/bin/kc.sh" start-dev --http-port "$kc_port" "${kc_db[@]}" >"$work/keycloak.log" 2>&1 &
kc_pid=$!; pids+=("$kc_pid")
wait_for "http://localhost:$kc_port/realms/master/.well-known/openid-configuration" "$kc_pid"
admin_token=$(curl -s -d grant_type=password -d client_id=admin-cli -d username=admin -d password=admin \
  "$kc_as/token" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
curl -fsS -o /dev/null -H "Authorization: Bearer ${admin_token:?no Keycloak admin token}" -H 'Content-Type: application/json' \
  -d '{"clientId":"bench","secret":"bench-secret","publicClient":false,"serviceAccountsEnabled":true,"standardFlowEnabled":false,"directAccessGrantsEnabled":false}' \
  "http://localhost:$kc_port/admin/realms/master/clients"
scenarios keycloak "$(printf 'bench:bench-secret' | base64 -w0)" \
  "http://localhost:$kc_port/realms/master/.well-known/openid-configuration" "$kc_as/certs" "$kc_as/token" \
  "$kc_as/token/introspect"
signons keycloak keycloak "http://localhost:$kc_port" admin admin -
rss keycloak "$kc_pid"

echo
echo "| $db, wrk 16 connections | Latchkey | Keycloak $kc_version | ratio |"
echo "|---|---|---|---|"
join <(sort "$tmp/latchkey") <(sort "$tmp/keycloak") | while read -r name lp50 lp99 lrps kp50 kp99 krps; do
  if [[ "$name" == rss ]]; then
    printf "| RSS after the load | %s MB | %s MB | %.2f |\n" "$lp50" "$lp99" "$(awk -v a="$lp50" -v b="$lp99" 'BEGIN { print a / b }')"
  else
    awk -v n="$name" -v a="$lp50" -v b="$kp50" -v c="$lp99" -v d="$kp99" -v e="$lrps" -v f="$krps" 'BEGIN {
      printf "| %s p50 | %s ms | %s ms | %.2f |\n| %s p99 | %s ms | %s ms | %.2f |\n| %s requests/s | %s | %s | %.2f |\n",
        n, a, b, a / b, n, c, d, c / d, n, e, f, e / f }'
  fi
done
# The ES256 goal compares with Keycloak's RS256 tokens (Keycloak signs RS256 by default).
es=$(awk '$1 == "client_credentials_es256" { print $4 }' "$tmp/latchkey")
kc_rs=$(awk '$1 == "client_credentials" { print $4 }' "$tmp/keycloak")
printf "| client_credentials requests/s, Latchkey ES256 / Keycloak RS256 | %s | %s | %.2f |\n" "$es" "$kc_rs" \
  "$(awk -v a="$es" -v b="$kc_rs" 'BEGIN { print a / b }')"
