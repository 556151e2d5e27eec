#!/usr/bin/env bash
# Benchmark (not a test): time of one browser-less sign-on with password + TOTP, end to end over HTTP
# (authorize -> usernamePassword.check -> otp.check -> resume -> token), against Latchkey in this JVM on H2, with the
# same sign-on without MFA as the baseline. See bench/MfaSignOnBench.java.
# Usage: bench/mfa-signon.sh [runs]      (default 50)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-50}"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export PATH="$JAVA_HOME/bin:$PATH"
mvn -B -q -o compile
mvn -B -q -o dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
cp="target/classes:$(cat target/bench.classpath)"
java -Xmx512m -cp "$cp" bench/MfaSignOnBench.java "$runs"
