#!/usr/bin/env bash
# Benchmark (not a test), issue 15's scale runs: p50/p90 of sign-ons (authorize -> usernamePassword.check -> resume ->
# token), client_credentials tokens and introspection with 1 environment / 1,000 users (baseline), then in environment
# #1 and #N of N environments, then with M users in one environment, each with its ratio to the baseline; on H2 and on
# PostgreSQL (embedded, or LATCHKEY_BENCH_PG_URL / _USER / _PASSWORD). Long: the full run loads 1,000,000 users.
# Usage: bench/scale.sh [h2|postgres|both] [environments] [users]      (defaults: both 10000 1000000)
# SCALE_SIGNONS (300) and SCALE_TOKENS (2000) set how many requests each scenario measures. See bench/ScaleBench.java.
set -euo pipefail
cd "$(dirname "$0")/.."
which_db="${1:-both}"
environments="${2:-10000}"
users="${3:-1000000}"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export PATH="$JAVA_HOME/bin:$PATH"
mvn -B -q -o compile
mvn -B -q -o dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
cp="target/classes:$(cat target/bench.classpath)"
run() {
  java -Xmx2g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$cp" bench/ScaleBench.java "$1" "$environments" "$users"
}
case "$which_db" in
  h2) run h2 ;;
  postgres) run postgres ;;
  both) run h2; run postgres ;;
  *) echo "usage: $0 [h2|postgres|both] [environments] [users]" >&2; exit 2 ;;
esac
