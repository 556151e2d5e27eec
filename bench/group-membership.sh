#!/usr/bin/env bash
# Benchmark (not a test): latency of group membership queries (users by group, a user's groups) with 100,000 users and 1,000 groups,
# over HTTP, on H2 and on PostgreSQL (embedded, or LATCHKEY_BENCH_PG_URL / _USER / _PASSWORD).
# Usage: bench/group-membership.sh [h2|postgres|both] [users] [groups] [requests]   (defaults: both 100000 1000 500)
# How data are loaded: see bench/GroupMembershipBench.java.
set -euo pipefail
cd "$(dirname "$0")/.."
which_db="${1:-both}"
users="${2:-100000}"
groups="${3:-1000}"
requests="${4:-500}"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export PATH="$JAVA_HOME/bin:$PATH"
mvn -B -q -o compile
mvn -B -q -o dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
cp="target/classes:$(cat target/bench.classpath)"
run() { java -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$cp" bench/GroupMembershipBench.java "$1" "$users" "$groups" "$requests"; }
case "$which_db" in
  h2) run h2 ;;
  postgres) run postgres ;;
  both) run h2; run postgres ;;
  *) echo "usage: $0 [h2|postgres|both] [users] [groups] [requests]" >&2; exit 2 ;;
esac
