#!/usr/bin/env bash
# Benchmark (not a test): latchkey import-users of 100,000 users from JSON lines (pre-encoded passwords), then
# export --with-users of the environment, import of that file into an empty database, and the same import again,
# on H2 and on PostgreSQL (embedded, or LATCHKEY_BENCH_PG_URL / _USER / _PASSWORD). See bench/UserImportBench.java.
# Usage: bench/user-import.sh [h2|postgres|both] [users]      (defaults: both 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
which_db="${1:-both}"
users="${2:-100000}"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export PATH="$JAVA_HOME/bin:$PATH"
mvn -B -q -o compile
mvn -B -q -o dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
cp="target/classes:$(cat target/bench.classpath)"
run() { java -Xmx2g -cp "$cp" bench/UserImportBench.java "$1" "$users" 2>&1 | grep -v ' INFO \|^WARNING'; }
case "$which_db" in
  h2) run h2 ;;
  postgres) run postgres ;;
  both) run h2; run postgres ;;
  *) echo "usage: $0 [h2|postgres|both] [users]" >&2; exit 2 ;;
esac
