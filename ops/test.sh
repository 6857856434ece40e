#!/usr/bin/env bash
# THE test command for Ferry (CI runs it through .ci/run).
#
#   ops/test.sh [extra Maven args...]      e.g.  ops/test.sh -pl batch-jobs -am   |   ops/test.sh -DskipTests
#
# Installs what the tests need (Debian packages, only when missing), starts the services the
# integration tests talk to, runs `./mvnw -B verify`, and always stops the services again.
#
# Services (private instances under ${FERRY_IT_DIR:-/tmp/ferry-it}, never the system MariaDB on :3306):
#   MariaDB "source"  127.0.0.1:${FERRY_IT_SOURCE_PORT:-33071}   root, empty password
#   MariaDB "target"  127.0.0.1:${FERRY_IT_TARGET_PORT:-33072}   root, empty password
#   S3Mock (S3 API)   http://127.0.0.1:${FERRY_IT_S3_PORT:-33073}  any access/secret key; bucket "ferry-it"
#                     (Adobe S3Mock exec jar fetched through Maven, run with Temurin 25; see ops/lib/s3mock.sh)
# Exported to the build: FERRY_IT_SOURCE_PORT, FERRY_IT_TARGET_PORT, FERRY_IT_S3_ENDPOINT, FERRY_IT_DIR.
#
# Knobs: FERRY_IT_KEEP_DATA=1 keeps the datadirs of earlier runs (default: fresh datadirs every run).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$PWD"
T0=$(date +%s)

log() { printf '[test.sh %4ss] %s\n' "$(( $(date +%s) - T0 ))" "$*"; }

# shellcheck source=ops/lib/mariadb.sh
source "$ROOT/ops/lib/mariadb.sh"
# shellcheck source=ops/lib/s3mock.sh
source "$ROOT/ops/lib/s3mock.sh"

export FERRY_IT_DIR="${FERRY_IT_DIR:-/tmp/ferry-it}"
export FERRY_IT_SOURCE_PORT="${FERRY_IT_SOURCE_PORT:-33071}"
export FERRY_IT_TARGET_PORT="${FERRY_IT_TARGET_PORT:-33072}"
FERRY_IT_S3_PORT="${FERRY_IT_S3_PORT:-33073}"

# ---------------------------------------------------------------------------------------------
# 1. Packages (Debian). Add new ones to this list; they are installed only when missing.
# ---------------------------------------------------------------------------------------------
# prometheus: for promtool, which checks ops/monitoring/ferry-alerts.yml (on a systemd host Debian also starts its
# server on port 9090; the tests do not use it); zstd: the stand-in tidb-lightning decompresses .zst data for myloader
PACKAGES=(mariadb-server mariadb-client mydumper chromium chromium-driver prometheus zstd)

pkg_installed() { [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" == "install ok installed" ]]; }

# apt/dpkg may be busy (an unattended or parallel install): wait for the locks instead of failing.
apt_retry() {
  local i
  for i in 1 2 3 4 5 6 7 8 9 10; do
    if DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 "$@" </dev/null; then
      return 0
    fi
    log "apt-get $1 failed (attempt $i, lock busy?); retrying in 15s"
    sleep 15
  done
  return 1
}

missing=()
for p in "${PACKAGES[@]}"; do pkg_installed "$p" || missing+=("$p"); done
if ((${#missing[@]})); then
  log "installing: ${missing[*]}"
  apt_retry -q update
  apt_retry -y -q install --no-install-recommends "${missing[@]}"
else
  log "packages present: ${PACKAGES[*]}"
fi

# ---------------------------------------------------------------------------------------------
# 2. Services. Everything started here must be stopped in cleanup().
# ---------------------------------------------------------------------------------------------
INSTANCES=()
S3MOCK_STARTED=0
cleanup() {
  local rc=$? name
  trap - EXIT INT TERM
  if [[ -n "${FERRY_PID:-}" ]]; then kill "$FERRY_PID" 2>/dev/null || true; fi
  # (stop later services here, in reverse start order)
  if ((S3MOCK_STARTED)); then
    s3mock_stop || rc=$((rc ? rc : 1))
  fi
  for name in "${INSTANCES[@]}"; do
    mariadb_stop "$name" || rc=$((rc ? rc : 1))
  done
  if ((rc == 0)); then
    log "OK - total $(( $(date +%s) - T0 ))s"
  else
    log "FAILED (exit $rc) - total $(( $(date +%s) - T0 ))s"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

start_mariadb() {
  local name="$1" port="$2"
  INSTANCES+=("$name")
  if [[ "${FERRY_IT_KEEP_DATA:-0}" != 1 ]]; then
    mariadb_reset "$name"
  fi
  mariadb_start "$name" "$port"
}

log "starting MariaDB source :$FERRY_IT_SOURCE_PORT and target :$FERRY_IT_TARGET_PORT"
start_mariadb source "$FERRY_IT_SOURCE_PORT"
start_mariadb target "$FERRY_IT_TARGET_PORT"

log "starting S3Mock :$FERRY_IT_S3_PORT"
S3MOCK_STARTED=1
s3mock_start "$FERRY_IT_S3_PORT"
export FERRY_IT_S3_ENDPOINT="http://127.0.0.1:$FERRY_IT_S3_PORT"

# A later service follows the same pattern: its package in PACKAGES above, started here, its
# address exported for the build, stopped in cleanup(). (Chromium and chromedriver need no
# service: the browser tests start them from /usr/bin.)

# ---------------------------------------------------------------------------------------------
# 3. Build and tests.
# ---------------------------------------------------------------------------------------------
log "running ./mvnw -B verify $*"
./mvnw -B verify "$@"

# ---------------------------------------------------------------------------------------------
# 4. The README's walk-through against the built jar on its embedded default (H2, local storage).
# ---------------------------------------------------------------------------------------------
if [[ " $* " != *" -DskipTests "* && -f app/target/ferry.jar ]]; then
  WALK_HOME="$(mktemp -d /tmp/ferry-walkthrough.XXXXXX)"
  WALK_PORT="${FERRY_IT_WALK_PORT:-33090}"
  log "README walk-through: ferry.jar on :$WALK_PORT, FERRY_HOME=$WALK_HOME"
  FERRY_HOME="$WALK_HOME" FERRY_PORT="$WALK_PORT" FERRY_ADMIN_PASSWORD=walkthrough-pw \
    java -jar app/target/ferry.jar > "$WALK_HOME/ferry.out" 2>&1 &
  FERRY_PID=$!
  stop_ferry() { kill "$FERRY_PID" 2>/dev/null && wait "$FERRY_PID" 2>/dev/null || true; }
  for _ in $(seq 1 90); do
    curl -sf "http://127.0.0.1:$WALK_PORT/actuator/health" >/dev/null 2>&1 && break
    kill -0 "$FERRY_PID" 2>/dev/null || { cat "$WALK_HOME/ferry.out"; log "ferry.jar did not start"; exit 1; }
    sleep 1
  done
  if ! FERRY_ADMIN_PASSWORD=walkthrough-pw ops/walkthrough.sh "http://127.0.0.1:$WALK_PORT" "$FERRY_IT_SOURCE_PORT"; then
    stop_ferry; tail -50 "$WALK_HOME/ferry.out"; log "README walk-through FAILED"; exit 1
  fi
  stop_ferry
  rm -rf "$WALK_HOME"
  log "README walk-through OK"
fi
