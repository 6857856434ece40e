# shellcheck shell=bash
# Private, throw-away MariaDB instances for tests, benchmarks and local dev.
#
# Source this file, then:
#   mariadb_start NAME PORT [extra mariadbd args...]   create (if missing) + start, wait until it answers
#   mariadb_stop  NAME                                 shut down (graceful, then kill after a timeout)
#   mariadb_reset NAME                                 stop and delete the instance's datadir
#   mariadb_cli   NAME [mariadb client args...]        run the mariadb client against the instance (TCP)
#   mariadb_running NAME                               exit 0 when the instance's mariadbd process is alive
#
# Each instance lives in ${FERRY_IT_DIR:-/tmp/ferry-it}/NAME:
#   data/  mariadbd.pid  mariadbd.sock  mariadbd.err  port  .installed
# root has an EMPTY password (TCP on 127.0.0.1 and the socket). Nothing here reads /etc/mysql
# (every server/client call uses --no-defaults), so the system MariaDB on :3306 is never touched.
#
# Safe to source into `set -euo pipefail` scripts: functions return non-zero on failure, never exit.
# Tunables: FERRY_IT_DIR, MARIADB_START_TIMEOUT (s, default 60), MARIADB_STOP_TIMEOUT (s, default 30),
#           MARIADB_QUIET=1 (no progress lines).

_mdb_base()  { printf '%s/%s' "$(realpath -m "${FERRY_IT_DIR:-/tmp/ferry-it}")" "$1"; }
_mdb_log()   { [[ "${MARIADB_QUIET:-0}" == 1 ]] || printf '[mariadb] %s\n' "$*" >&2; }
_mdb_err()   { printf '[mariadb] ERROR: %s\n' "$*" >&2; }
_mdb_now_ms() { date +%s%3N; }

# The pid in NAME's pid file, if that process is alive AND is a mariadbd for NAME's datadir
# (guards against a recycled pid after a reboot or an old, stale pid file).
_mdb_pid() {
  local base pid
  base="$(_mdb_base "$1")"
  [[ -s "$base/mariadbd.pid" ]] || return 1
  pid="$(tr -dc '0-9' < "$base/mariadbd.pid")"
  [[ -n "$pid" ]] && _mdb_is_instance_pid "$pid" "$base" || return 1
  printf '%s' "$pid"
}

# _mdb_is_instance_pid PID BASE : PID is a live mariadbd started with --datadir=BASE/data
_mdb_is_instance_pid() {
  local comm arg
  read -r comm 2>/dev/null < "/proc/$1/comm" || return 1
  [[ "$comm" == mariadbd ]] || return 1
  while IFS= read -r -d '' arg; do
    [[ "$arg" == "--datadir=$2/data" ]] && return 0
  done 2>/dev/null < "/proc/$1/cmdline"
  return 1
}

# mariadbd processes started on NAME's datadir, whatever the pid file says (it may be lost).
_mdb_pids_by_datadir() {
  local base p
  base="$(_mdb_base "$1")"
  for p in /proc/[0-9]*; do
    _mdb_is_instance_pid "${p#/proc/}" "$base" && printf '%s\n' "${p#/proc/}"
  done
  return 0
}

mariadb_running() { _mdb_pid "$1" >/dev/null; }

# _mdb_query PORT SQL : run SQL over TCP as root, print raw result (no headers).
_mdb_query() {
  mariadb --no-defaults --protocol=TCP -h127.0.0.1 -P"$1" -uroot --connect-timeout=2 -N -B -e "$2" 2>/dev/null
}

# Is something on PORT a live MariaDB serving NAME's datadir?
_mdb_is_ours_on_port() {
  local base datadir
  base="$(_mdb_base "$1")"
  datadir="$(_mdb_query "$2" 'SELECT @@datadir')" || return 1
  [[ "${datadir%/}" == "$base/data" ]]
}

_mdb_port_in_use() {
  ss -Hltn "sport = :$1" 2>/dev/null | grep -q . && return 0
  # fallback without ss: try a TCP connect
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

mariadb_cli() {
  local name="${1:?mariadb_cli NAME [args]}"; shift
  local base port
  base="$(_mdb_base "$name")"
  port="$(cat "$base/port" 2>/dev/null)" || { _mdb_err "$name: no port file (never started?)"; return 1; }
  mariadb --no-defaults --protocol=TCP -h127.0.0.1 -P"$port" -uroot "$@"
}

mariadb_start() {
  local name="${1:?mariadb_start NAME PORT [mariadbd args...]}" port="${2:?mariadb_start NAME PORT}"
  shift 2
  local base data t0 tmo lockfd
  base="$(_mdb_base "$name")"
  data="$base/data"
  tmo="${MARIADB_START_TIMEOUT:-60}"
  t0="$(_mdb_now_ms)"
  mkdir -p "$base" || return 1

  # One start/stop at a time per instance.
  exec {lockfd}>"$base/.lock"
  if ! flock -w 120 "$lockfd"; then
    _mdb_err "$name: could not get $base/.lock"; exec {lockfd}>&-; return 1
  fi
  local rc=0
  _mariadb_start_locked "$name" "$port" "$base" "$data" "$tmo" "$t0" "$@" || rc=$?
  exec {lockfd}>&-
  return "$rc"
}

_mariadb_start_locked() {
  local name="$1" port="$2" base="$3" data="$4" tmo="$5" t0="$6"
  shift 6
  local pid old_port

  # 1. A previous instance of NAME is still around (earlier, aborted run)?
  if pid="$(_mdb_pid "$name")"; then
    old_port="$(cat "$base/port" 2>/dev/null || true)"
    if [[ "$old_port" == "$port" ]] && _mdb_is_ours_on_port "$name" "$port"; then
      _mdb_log "$name: reusing running instance (pid $pid) on 127.0.0.1:$port"
      return 0
    fi
    _mdb_log "$name: stale instance (pid $pid, port ${old_port:-?}) does not answer as expected; stopping it"
    _mariadb_stop_unlocked "$name" || return 1
  fi
  # A mariadbd on our datadir without (valid) pid file: stop it too, it holds the InnoDB locks.
  local stray
  for stray in $(_mdb_pids_by_datadir "$name"); do
    _mdb_log "$name: stray mariadbd pid $stray on $data; terminating"
    kill -TERM "$stray" 2>/dev/null || true; kill -CONT "$stray" 2>/dev/null || true
    local i
    for ((i = 0; i < 100; i++)); do kill -0 "$stray" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$stray" 2>/dev/null && kill -KILL "$stray" 2>/dev/null || true
  done

  # 2. The port must be free now (someone else's server there is an error, not ours to stop).
  if _mdb_port_in_use "$port"; then
    _mdb_err "$name: port $port on 127.0.0.1 is taken by another process (not this instance); pick another port"
    return 1
  fi

  # 3. Create the datadir once. The .installed marker makes a half-finished install get redone.
  if [[ ! -f "$base/.installed" ]]; then
    _mdb_log "$name: initialising datadir $data"
    rm -rf "$data"
    mkdir -p "$data"
    if ! mariadb-install-db --no-defaults --datadir="$data" --user=root \
        --auth-root-authentication-method=normal --skip-test-db --skip-name-resolve \
        >"$base/install.log" 2>&1; then
      _mdb_err "$name: mariadb-install-db failed; see $base/install.log:"
      tail -n 20 "$base/install.log" >&2
      return 1
    fi
    touch "$base/.installed"
  fi

  # 4. Start. Leftovers of a killed server (pid file, socket, socket lock) would confuse it.
  rm -f "$base/mariadbd.pid" "$base/mariadbd.sock" "$base/mariadbd.sock.lock"
  printf '%s\n' "$port" > "$base/port"
  local errlog="$base/mariadbd.err"
  # keep a mark so that only this start's part of the error log is shown on failure
  local errmark=0
  [[ -f "$errlog" ]] && errmark="$(wc -l < "$errlog")"
  local args=(
    --no-defaults
    --datadir="$data"
    --port="$port"
    --socket="$base/mariadbd.sock"
    --pid-file="$base/mariadbd.pid"
    --bind-address=127.0.0.1
    --user=root
    --log-error="$errlog"
    --skip-name-resolve
    --innodb-buffer-pool-size=128M
    --innodb-flush-log-at-trx-commit=2
    --character-set-server=utf8mb4
    --collation-server=utf8mb4_unicode_ci
    --max-allowed-packet=64M
  )
  # setsid: own session/process group, so Ctrl-C in the calling terminal does not hit the server
  # (the caller's trap stops it cleanly instead); stdin from /dev/null, output to the error log.
  # All other inherited descriptors are closed: the server must not hold our lock file, nor a
  # caller's pipe (a CI log pipe held open by a server would keep the CI step from finishing).
  (
    for fd in /proc/self/fd/*; do
      fd="${fd##*/}"
      if ((fd > 2)); then eval "exec $fd>&-" 2>/dev/null || true; fi
    done
    exec setsid mariadbd "${args[@]}" "$@"
  ) </dev/null >>"$errlog" 2>&1 &
  local spid=$!

  # 5. Wait until it answers over TCP.
  local deadline=$(( $(_mdb_now_ms) + tmo * 1000 ))
  while :; do
    if mariadb --no-defaults --protocol=TCP -h127.0.0.1 -P"$port" -uroot --connect-timeout=2 \
        -e 'select 1' >/dev/null 2>&1; then
      break
    fi
    # ($spid may be a short-lived setsid parent when job control is on: look for the server itself)
    if ! kill -0 "$spid" 2>/dev/null && [[ -z "$(_mdb_pids_by_datadir "$name")" ]]; then
      _mdb_err "$name: mariadbd exited during startup; last lines of $errlog:"
      tail -n +"$((errmark + 1))" "$errlog" | tail -n 25 >&2
      return 1
    fi
    if (( $(_mdb_now_ms) > deadline )); then
      _mdb_err "$name: no answer on 127.0.0.1:$port after ${tmo}s; last lines of $errlog:"
      tail -n +"$((errmark + 1))" "$errlog" | tail -n 25 >&2
      kill -KILL "$spid" 2>/dev/null || true
      return 1
    fi
    sleep 0.1
  done
  local ms=$(( $(_mdb_now_ms) - t0 ))
  spid="$(_mdb_pid "$name" || echo "$spid")"
  _mdb_log "$name: up on 127.0.0.1:$port (pid $spid, $(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))s, dir $base)"
}

mariadb_stop() {
  local name="${1:?mariadb_stop NAME}"
  local base lockfd rc=0
  base="$(_mdb_base "$name")"
  [[ -d "$base" ]] || return 0
  exec {lockfd}>"$base/.lock"
  flock -w 120 "$lockfd" || _mdb_err "$name: could not get $base/.lock; stopping anyway"
  _mariadb_stop_unlocked "$name" || rc=$?
  exec {lockfd}>&-
  return "$rc"
}

_mariadb_stop_unlocked() {
  local name="$1"
  local base pid tmo i
  base="$(_mdb_base "$name")"
  tmo="${MARIADB_STOP_TIMEOUT:-30}"
  local pids=()
  if pid="$(_mdb_pid "$name")"; then pids+=("$pid"); fi
  for i in $(_mdb_pids_by_datadir "$name"); do
    [[ " ${pids[*]} " == *" $i "* ]] || pids+=("$i")
  done
  if ((${#pids[@]} == 0)); then
    _mdb_log "$name: not running"
    rm -f "$base/mariadbd.pid" "$base/mariadbd.sock" "$base/mariadbd.sock.lock"
    return 0
  fi
  _mdb_log "$name: stopping (pid ${pids[*]})"
  # Graceful: over the socket (no port needed); --shutdown-timeout lets the server itself give up.
  timeout "$((tmo + 5))" mariadb-admin --no-defaults -S "$base/mariadbd.sock" -uroot \
    --connect-timeout=5 --shutdown-timeout="$tmo" shutdown >/dev/null 2>&1 || true
  for ((i = 0; i < tmo * 5; i++)); do
    local alive=0 p
    for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null && alive=1; done
    ((alive)) || break
    sleep 0.2
  done
  for p in "${pids[@]}"; do
    if kill -0 "$p" 2>/dev/null; then
      _mdb_log "$name: pid $p ignored shutdown; SIGTERM"
      kill -TERM "$p" 2>/dev/null || true; kill -CONT "$p" 2>/dev/null || true
      for ((i = 0; i < 50; i++)); do kill -0 "$p" 2>/dev/null || break; sleep 0.2; done
    fi
    if kill -0 "$p" 2>/dev/null; then
      _mdb_log "$name: pid $p still alive; SIGKILL"
      kill -KILL "$p" 2>/dev/null || true
      for ((i = 0; i < 25; i++)); do kill -0 "$p" 2>/dev/null || break; sleep 0.2; done
    fi
    if kill -0 "$p" 2>/dev/null; then
      _mdb_err "$name: could not stop pid $p"; return 1
    fi
  done
  rm -f "$base/mariadbd.pid" "$base/mariadbd.sock" "$base/mariadbd.sock.lock"
  _mdb_log "$name: stopped"
}

mariadb_reset() {
  local name="${1:?mariadb_reset NAME}"
  local base
  base="$(_mdb_base "$name")"
  mariadb_stop "$name" || return 1
  rm -rf "$base/data" "$base/.installed" "$base/install.log"
}
