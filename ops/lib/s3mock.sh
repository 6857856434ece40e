# shellcheck shell=bash
# A private, throw-away S3-compatible server for tests: Adobe S3Mock (com.adobe.testing:s3mock, exec jar),
# run as its own Java process. Plain HTTP, path-style, region us-east-1.
#
# Source this file, then:
#   s3mock_start PORT     fetch the jar (once), start S3Mock with its HTTP API on PORT, wait until it answers
#   s3mock_stop           shut it down (SIGTERM, SIGKILL after a timeout)
#   s3mock_running        exit 0 when our S3Mock process is alive
#
# Everything lives in ${FERRY_IT_DIR:-/tmp/ferry-it}/s3mock:
#   lib/s3mock-<version>-exec.jar   data/ (the object store)   s3mock.pid   s3mock.log   port
#
# Facts about S3Mock that this relies on (checked against 4.11.0):
#   - HTTP port: --com.adobe.testing.s3mock.http-port=PORT (default 9090). Its HTTPS port is Spring's
#     --server.port (default 9191); we set --server.port=0 (a random free port) so two runs never collide.
#   - The extra HTTP connector listens on ALL interfaces (S3Mock sets only its port); --server.address
#     binds only the HTTPS one. There is no flag to restrict the HTTP one to 127.0.0.1.
#   - S3Mock does NOT check credentials or signatures: any access key / secret key is accepted.
#   - The store root is --com.adobe.testing.s3mock.store.root; with retain-files-on-exit=false S3Mock
#     deletes that folder on shutdown. We retain it (to look at after a run) and empty it at the next start
#     unless FERRY_IT_KEEP_DATA=1.
#   - Initial buckets: --com.adobe.testing.s3mock.store.initial-buckets=a,b (we create "ferry-it").
#   - There is no --help: every argument is a Spring property.
#
# Java: S3Mock 4.x is run with Temurin 25 (${FERRY_IT_S3MOCK_JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}).
# Safe to source into `set -euo pipefail` scripts: functions return non-zero on failure, never exit.
# Tunables: FERRY_IT_DIR, FERRY_IT_KEEP_DATA, S3MOCK_VERSION (default 4.11.0), FERRY_IT_S3MOCK_JAVA,
#           S3MOCK_START_TIMEOUT (s, default 90), S3MOCK_STOP_TIMEOUT (s, default 20), S3MOCK_QUIET=1.

S3MOCK_VERSION="${S3MOCK_VERSION:-4.11.0}"

_s3m_base() { printf '%s/s3mock' "$(realpath -m "${FERRY_IT_DIR:-/tmp/ferry-it}")"; }
_s3m_log()  { [[ "${S3MOCK_QUIET:-0}" == 1 ]] || printf '[s3mock] %s\n' "$*" >&2; }
_s3m_err()  { printf '[s3mock] ERROR: %s\n' "$*" >&2; }
_s3m_java() { printf '%s' "${FERRY_IT_S3MOCK_JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"; }
_s3m_jar()  { printf '%s/lib/s3mock-%s-exec.jar' "$(_s3m_base)" "$S3MOCK_VERSION"; }

# _s3m_is_ours PID : PID is a live java started on our store root.
_s3m_is_ours() {
  local arg root
  root="--com.adobe.testing.s3mock.store.root=$(_s3m_base)/data"
  [[ -r "/proc/$1/cmdline" ]] || return 1
  while IFS= read -r -d '' arg; do
    [[ "$arg" == "$root" ]] && return 0
  done 2>/dev/null < "/proc/$1/cmdline"
  return 1
}

# All S3Mock processes on our store root (pid file or not).
_s3m_pids() {
  local base p pid
  base="$(_s3m_base)"
  if [[ -s "$base/s3mock.pid" ]]; then
    pid="$(tr -dc '0-9' < "$base/s3mock.pid")"
    [[ -n "$pid" ]] && _s3m_is_ours "$pid" && printf '%s\n' "$pid"
  fi
  for p in /proc/[0-9]*; do
    p="${p#/proc/}"
    [[ "$p" == "${pid:-}" ]] && continue
    _s3m_is_ours "$p" && printf '%s\n' "$p"
  done
  return 0
}

s3mock_running() { [[ -n "$(_s3m_pids)" ]]; }

_s3m_port_in_use() {
  ss -Hltn "sport = :$1" 2>/dev/null | grep -q . && return 0
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# S3Mock answers ListBuckets on GET / with 200 (it checks no credentials).
_s3m_answers() {
  curl -sf -o /dev/null --max-time 2 "http://127.0.0.1:$1/" 2>/dev/null
}

# Fetch the exec jar through Maven (from ~/.m2 when it is there, else from Maven Central).
_s3m_fetch_jar() {
  local jar root
  jar="$(_s3m_jar)"
  [[ -s "$jar" ]] && return 0
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  _s3m_log "fetching com.adobe.testing:s3mock:$S3MOCK_VERSION:jar:exec"
  mkdir -p "$(dirname "$jar")"
  # -N: run only on the parent pom, not once per module.
  if ! (cd "$root" && ./mvnw -B -q -N dependency:copy \
      -Dartifact="com.adobe.testing:s3mock:$S3MOCK_VERSION:jar:exec" \
      -DoutputDirectory="$(dirname "$jar")") >&2; then
    _s3m_err "could not fetch the S3Mock jar with Maven"
    return 1
  fi
  [[ -s "$jar" ]] || { _s3m_err "Maven did not produce $jar"; return 1; }
}

s3mock_start() {
  local port="${1:?s3mock_start PORT}"
  local base java jar tmo t0 pid
  base="$(_s3m_base)"
  java="$(_s3m_java)"
  tmo="${S3MOCK_START_TIMEOUT:-90}"
  t0="$(date +%s%3N)"
  mkdir -p "$base" || return 1

  if [[ ! -x "$java" ]]; then
    _s3m_err "S3Mock $S3MOCK_VERSION is run with Java 25, but $java does not exist."
    _s3m_err "Install Eclipse Temurin 25 at /usr/lib/jvm/temurin-25-jdk-amd64 or set FERRY_IT_S3MOCK_JAVA to a Java 25 binary."
    return 1
  fi
  _s3m_fetch_jar || return 1
  jar="$(_s3m_jar)"

  # A leftover of an earlier, aborted run: stop it (fresh store below).
  if s3mock_running; then
    _s3m_log "stale S3Mock (pid $(_s3m_pids | tr '\n' ' ')) from an earlier run; stopping it"
    s3mock_stop || return 1
  fi
  if _s3m_port_in_use "$port"; then
    _s3m_err "port $port is taken by another process (not our S3Mock); pick another port (FERRY_IT_S3_PORT)"
    return 1
  fi
  if [[ "${FERRY_IT_KEEP_DATA:-0}" != 1 ]]; then
    rm -rf "$base/data"
  fi
  mkdir -p "$base/data"
  printf '%s\n' "$port" > "$base/port"

  local logf="$base/s3mock.log" mark=0
  [[ -f "$logf" ]] && mark="$(wc -l < "$logf")"
  local args=(
    -Xmx512m
    -jar "$jar"
    --com.adobe.testing.s3mock.http-port="$port"
    --server.port=0
    --server.address=127.0.0.1
    --com.adobe.testing.s3mock.store.root="$base/data"
    --com.adobe.testing.s3mock.store.retain-files-on-exit=true
    --com.adobe.testing.s3mock.store.initial-buckets=ferry-it
    --spring.main.banner-mode=off
  )
  # Own session (Ctrl-C in the terminal does not hit it), stdin /dev/null, no inherited descriptors
  # (a held CI log pipe would keep the CI step from finishing).
  (
    for fd in /proc/self/fd/*; do
      fd="${fd##*/}"
      if ((fd > 2)); then eval "exec $fd>&-" 2>/dev/null || true; fi
    done
    exec setsid "$java" "${args[@]}"
  ) </dev/null >>"$logf" 2>&1 &
  local spid=$!

  local deadline=$(( $(date +%s%3N) + tmo * 1000 ))
  while ! _s3m_answers "$port"; do
    if ! kill -0 "$spid" 2>/dev/null && ! s3mock_running; then
      _s3m_err "S3Mock exited during startup; last lines of $logf:"
      tail -n +"$((mark + 1))" "$logf" | tail -n 25 >&2
      return 1
    fi
    if (( $(date +%s%3N) > deadline )); then
      _s3m_err "no answer on http://127.0.0.1:$port after ${tmo}s; last lines of $logf:"
      tail -n +"$((mark + 1))" "$logf" | tail -n 25 >&2
      s3mock_stop || true
      return 1
    fi
    sleep 0.2
  done
  pid="$(_s3m_pids | head -n 1)"
  printf '%s\n' "${pid:-$spid}" > "$base/s3mock.pid"
  local ms=$(( $(date +%s%3N) - t0 ))
  _s3m_log "up on http://127.0.0.1:$port (pid ${pid:-$spid}, $(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))s, dir $base)"
}

s3mock_stop() {
  local base tmo pids p i
  base="$(_s3m_base)"
  tmo="${S3MOCK_STOP_TIMEOUT:-20}"
  mapfile -t pids < <(_s3m_pids)
  if ((${#pids[@]} == 0)); then
    _s3m_log "not running"
    rm -f "$base/s3mock.pid"
    return 0
  fi
  _s3m_log "stopping (pid ${pids[*]})"
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do
    for ((i = 0; i < tmo * 5; i++)); do kill -0 "$p" 2>/dev/null || break; sleep 0.2; done
    if kill -0 "$p" 2>/dev/null; then
      _s3m_log "pid $p ignored SIGTERM; SIGKILL"
      kill -KILL "$p" 2>/dev/null || true
      for ((i = 0; i < 25; i++)); do kill -0 "$p" 2>/dev/null || break; sleep 0.2; done
    fi
    if kill -0 "$p" 2>/dev/null; then
      _s3m_err "could not stop pid $p"; return 1
    fi
  done
  rm -f "$base/s3mock.pid"
  _s3m_log "stopped"
}
