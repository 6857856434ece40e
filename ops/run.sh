#!/usr/bin/env bash
# Run Ferry on its embedded default configuration:   ops/run.sh [application args...]
# Builds app/target/ferry.jar first when it is missing or older than any pom.xml or source file.
# FERRY_JAVA_OPTS (optional) is passed to the JVM, e.g. FERRY_JAVA_OPTS='-Xmx1g'.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# The mysql tool chain (mydumper/myloader) is Debian's package; install it when missing and we may.
if ! command -v mydumper >/dev/null 2>&1; then
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "[run.sh] installing mydumper (apt-get)" >&2
    apt-get -q update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get -y -q install mydumper >/dev/null \
      || echo "[run.sh] WARNING: could not install mydumper; exports will fail until it is installed" >&2
  else
    echo "[run.sh] WARNING: mydumper is not installed (apt-get install mydumper); exports need it" >&2
  fi
fi

JAR=app/target/ferry.jar
needs_build() {
  [[ -f "$JAR" ]] || return 0
  # any pom.xml or file under a module's src/ newer than the jar?
  [[ -n "$(find . -path ./.git -prune -o -path '*/target' -prune -o -path ./ops -prune -o \
             \( -name pom.xml -o -path '*/src/*' \) -type f -newer "$JAR" -print -quit)" ]]
}

if needs_build; then
  echo "[run.sh] building $JAR (./mvnw -B -q -DskipTests package)" >&2
  ./mvnw -B -q -DskipTests package
fi
exec java ${FERRY_JAVA_OPTS:-} -jar "$JAR" "$@"
