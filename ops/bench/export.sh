#!/usr/bin/env bash
# Benchmark: Ferry's NFS export on each tool chain against raw mydumper, on the same data, with the same threads (4).
# Rounds rotate the order of the contenders; prints the medians, each chain's ratio to mydumper, Ferry's CPU time and
# Ferry's heap (from its GC log: live heap after a full GC before the rounds, the peak and the largest live heap while
# each chain exports, and the live heap after a full GC at the end).
#
#   ops/bench/export.sh [--generate] [--gib N] [--rounds N] [CHAIN...]     CHAIN: mysql, native (default: both)
#
#   --generate   (re)create the data even if it is there: database `bench`, about N GiB of dump files (default 1):
#                one big table (~60 %), three middle-sized ones, four small ones, a view, a trigger and a procedure
#   --gib N      size of the data to generate (default 1; fractions such as 0.1 too)
#   --rounds N   rounds (default 3; at least 3 for a median worth reading)
#   FERRY_JAR    the jar to run (default app/target/ferry.jar, built if missing); XMX its -Xmx (default 1g);
#                JAVA_OPTS more JVM options (e.g. -XX:StartFlightRecording=filename=/tmp/ferry.jfr to profile)
#
# Raw mydumper gets exactly the options Ferry's mysql chain gives it (one run for the one database). A chain the jar
# does not have (e.g. native before it exists) is reported as such, its column fails and the script exits 1: nothing
# is skipped silently. Runs its own MariaDB (bench-export-src on :36160, under /tmp/ferry-bench-export; the data is
# kept between runs) and Ferry on :36161 (embedded H2), and stops both at the end. Not a test: timings are noisy on
# a shared machine, so compare figures from one run only.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
GIB=1 ROUNDS="${ROUNDS:-3}" GENERATE=0 CHAINS=()
while (($#)); do
  case "$1" in
    --generate) GENERATE=1 ;;
    --gib) GIB="$2"; shift ;;
    --rounds) ROUNDS="$2"; shift ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    mysql|native) CHAINS+=("$1") ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
((${#CHAINS[@]})) || CHAINS=(mysql native)
((ROUNDS >= 1)) || { echo "--rounds must be at least 1" >&2; exit 2; }
export FERRY_IT_DIR=/tmp/ferry-bench-export MARIADB_QUIET=1
source ops/lib/mariadb.sh
SRC=36160 PORT=36161 THREADS=4 XMX="${XMX:-1g}"
WORK=$FERRY_IT_DIR/work; rm -rf "$WORK"; mkdir -p "$WORK"
JAR="${FERRY_JAR:-app/target/ferry.jar}"
FERRY_PID=""
cleanup() { [[ -n "$FERRY_PID" ]] && kill "$FERRY_PID" 2>/dev/null; mariadb_stop bench-export-src || true; }
trap cleanup EXIT
now() { date +%s.%N; }
sql() { mariadb --no-defaults -h127.0.0.1 -uroot -P"$SRC" -N -e "$1"; }

[[ -f "$JAR" ]] || ./mvnw -B -q -o -DskipTests package -pl app -am
mariadb_start bench-export-src $SRC --innodb-buffer-pool-size=2G --innodb-log-file-size=512M >/dev/null

# --- data ---------------------------------------------------------------------------------------------------------
# ~250 bytes a row in the dump: big 2.6 M rows a GiB, mid 3 x 0.45 M, small 4 x 25 k.
rows() { awk "BEGIN { print int($GIB * $1) }"; }
BIG=$(rows 2600000) MID=$(rows 450000) SMALL=$(rows 25000)
table() {  # table NAME ROWS SALT
  sql "CREATE TABLE bench.$1 (id BIGINT PRIMARY KEY, name VARCHAR(64), email VARCHAR(96), amount DECIMAL(12,2),
    created DATETIME, note VARCHAR(255), KEY (created)) ENGINE=InnoDB;
    INSERT INTO bench.$1 SELECT seq, CONCAT('name-', seq, '-', MD5(seq)), CONCAT(SHA1(seq), '@example.com'),
    seq % 100000 / 100, '2026-01-01' + INTERVAL (seq % 86400) SECOND, REPEAT(SUBSTR(MD5(seq * $3), 1, 16), 6)
    FROM bench.seq_1_to_$2"; }
if ((GENERATE)) || [[ "$(sql "SELECT COUNT(*) FROM bench.big" 2>/dev/null)" != "$BIG" ]]; then
  echo "generating bench: big $BIG rows, mid1-3 $MID rows each, small1-4 $SMALL rows each ..."
  sql "DROP DATABASE IF EXISTS bench; CREATE DATABASE bench"
  table big $BIG 1 & PIDS=($!)
  for t in 1 2 3; do table mid$t $MID $((t + 1)) & PIDS+=($!); done
  wait "${PIDS[@]}"   # not a bare wait: the MariaDB server is a child of this shell too
  for t in 1 2 3 4; do table small$t $SMALL $((t + 4)); done
  sql "CREATE VIEW bench.big_view AS SELECT id, name FROM bench.big WHERE amount > 900;
    CREATE TRIGGER bench.small1_stamp BEFORE INSERT ON bench.small1 FOR EACH ROW SET NEW.note = CONCAT(NEW.note, '!');
    CREATE PROCEDURE bench.count_big() SELECT COUNT(*) FROM bench.big"
fi
sql "ANALYZE TABLE bench.big, bench.mid1, bench.mid2, bench.mid3" >/dev/null
printf '[client]\npassword=""\n' > "$WORK/my.cnf"; chmod 600 "$WORK/my.cnf"

# --- Ferry --------------------------------------------------------------------------------------------------------
export FERRY_HOME="$WORK/ferry" FERRY_PORT=$PORT FERRY_ADMIN_PASSWORD=bench FERRY_DUMP_THREADS=$THREADS FERRY_POLL_INTERVAL=1s
cp "$JAR" "$WORK/ferry.jar"  # a rebuild during the run must not touch the running jar
# shellcheck disable=SC2086
java -Xmx"$XMX" -Xlog:gc:file="$WORK/gc.log" ${JAVA_OPTS:-} -jar "$WORK/ferry.jar" > "$WORK/ferry.out" 2>&1 &
FERRY_PID=$!
for _ in $(seq 1 120); do curl -sf "localhost:$PORT/actuator/health" >/dev/null && break; sleep 1; done
curl -sf "localhost:$PORT/actuator/health" >/dev/null || { echo "Ferry did not start; see $WORK/ferry.out" >&2; exit 1; }
API="http://localhost:$PORT/api/v1"; AUTH=admin:bench; J='Content-Type: application/json'
json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
# An API token for everything after this: HTTP Basic costs a bcrypt check (~70 ms of CPU) per request, which a poll
# once a second would take from the 2 cores the dump runs on (made as a user makes one: the console's tokens page).
TOKEN=$(python3 - "$PORT" <<'PY'
import http.client, re, sys, urllib.parse
port = int(sys.argv[1]); jar = {}
def call(method, path, body=None, headers=None):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    h = dict(headers or {}); h["Cookie"] = "; ".join(f"{k}={v}" for k, v in jar.items())
    c.request(method, path, body, h); r = c.getresponse(); text = r.read().decode()
    for name, value in r.getheaders():
        if name.lower() == "set-cookie":
            k, _, rest = value.partition("="); jar[k] = rest.split(";", 1)[0]
    return r, text
form = {"Content-Type": "application/x-www-form-urlencoded"}
_, page = call("GET", "/login")
csrf = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
call("POST", "/login", urllib.parse.urlencode({"username": "admin", "password": "bench", "_csrf": csrf}), form)
_, page = call("GET", "/tokens")
csrf = re.search(r'name="_csrf" content="([^"]+)"', page).group(1)
_, answer = call("POST", "/tokens", urllib.parse.urlencode({"name": "bench", "expiresInDays": "7", "_csrf": csrf}), form)
print(re.search(r"fry_[A-Za-z0-9_-]{20,}", answer).group(0))
PY
)
BEARER="Authorization: Bearer $TOKEN"
CSRC=$(curl -sf -u $AUTH -H "$J" -d "{\"name\":\"bench-src\",\"kind\":\"MYSQL\",\"host\":\"127.0.0.1\",\"port\":$SRC,\"user\":\"root\",\"password\":\"\"}" "$API/clusters" | json "['data']['clusterId']")
cpu_ticks() { awk '{print $14 + $15}' "/proc/$FERRY_PID/stat"; }
gc_lines() { wc -l < "$WORK/gc.log"; }
# Full GC, then the live heap in MiB (the "after" of the last GC line).
live_heap() {
  jcmd "$FERRY_PID" GC.run >/dev/null
  sleep 1
  grep 'Pause Full' "$WORK/gc.log" | tail -n 1 | sed -E 's/.* ([0-9]+)M->([0-9]+)M.*/\2/'
}
await() {  # prints "status endEpoch" once the record settled; polls once a second
  while :; do
    S=$(curl -sf -H "$BEARER" "$API/clusters/transport?recordId=$1" | python3 -c "import json,sys,datetime
r = json.load(sys.stdin)['data']['transportRecords'][0]
end = r['endTime']
print(r['status'], datetime.datetime.fromisoformat(end.replace('Z', '+00:00')).timestamp() if end else '', (r.get('message') or '').replace(chr(10), ' '))")
    [[ $S == Processing* || $S == Queued* ]] || { echo "$S"; return; }
    sleep 1
  done
}
settle() {  # flush the source's dirty pages and the page cache's dirty files: no run pays for the one before it
  sql "SET GLOBAL innodb_max_dirty_pages_pct = 0" >/dev/null
  for _ in $(seq 1 120); do
    [[ $(sql "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME='INNODB_BUFFER_POOL_PAGES_DIRTY'") -lt 100 ]] && break
    sleep 0.5
  done
  sql "SET GLOBAL innodb_max_dirty_pages_pct = 90" >/dev/null; sync; }

raw_export() {
  rm -rf "$WORK/raw"; mkdir -p "$WORK/raw"; settle
  local t0; t0=$(now)
  mydumper --defaults-file="$WORK/my.cnf" --host 127.0.0.1 --port $SRC --user root --database bench \
    --outputdir "$WORK/raw" --threads $THREADS --chunk-filesize 256 --triggers --events --routines --verbose 3 \
    > "$WORK/raw.log" 2>&1
  python3 -c "print(f'{$(now) - $t0:.2f}')"
}
declare -A UNAVAILABLE FAILED
# ferry_export CHAIN: sets T (seconds), C (Ferry's CPU seconds), G ("from:to" lines of the GC log), or T=- when the
# chain cannot run (UNAVAILABLE/FAILED say why). Not in a subshell: it records into the arrays above.
ferry_export() {
  local chain=$1 t0 c0 g0 reply code id out end
  settle
  g0=$(gc_lines); c0=$(cpu_ticks); t0=$(now); T=-
  reply=$(curl -s -H "$BEARER" -H "$J" -d "{\"clusterId\":\"$CSRC\",\"storageType\":\"nfs\",\"fileType\":\"sql\",\"filter\":\"bench.*\",\"toolChain\":\"$chain\"}" "$API/clusters/export")
  code=$(echo "$reply" | json "['code']" 2>/dev/null || echo "?")
  if [[ "$code" != 0 ]]; then
    UNAVAILABLE[$chain]=$(echo "$reply" | json "['message']" 2>/dev/null || echo "$reply"); return
  fi
  id=$(echo "$reply" | json "['data']['recordId']")
  out=$(await "$id")
  if [[ $out != Finished* ]]; then FAILED[$chain]="record $id ended: $out"; return; fi
  end=$(echo "$out" | cut -d' ' -f2)
  T=$(python3 -c "print(f'{$end - $t0:.2f}')")
  # where the time went, from the tool's log in the record directory (mysql chain): "+before/tool/+after"
  P=$(python3 - "$FERRY_HOME/export/$CSRC/$id-nfs/mydumper.log" "$t0" "$end" <<'PY' 2>/dev/null || echo "-"
import datetime, re, sys
log, t0, end = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
text = open(log).read()
launched = datetime.datetime.fromisoformat(re.search(r"^=== (\S+?)(?:\d{3})?Z", text, re.M).group(1) + "+00:00")
hms = re.findall(r"\*\* Message: (\d\d:\d\d:\d\d\.\d+): Finished dump", text)[-1]
finished = datetime.datetime.combine(launched.date(), datetime.time.fromisoformat(hms), datetime.timezone.utc)
a, b = launched.timestamp(), finished.timestamp()
print(f"+{a - t0:.2f}/{b - a:.2f}/+{end - b:.2f}")
PY
)
  C=$(python3 -c "print(f'{($(cpu_ticks) - $c0) / $(getconf CLK_TCK):.1f}')")
  G="$g0:$(gc_lines)"
  curl -sf -H "$BEARER" -X DELETE "$API/clusters/transport/$id" >/dev/null || true  # not timed: frees the disk
}

BASE_LIVE=$(live_heap)
declare -A TIMES CPU GCR
RAW=()
CONTENDERS=(mydumper "${CHAINS[@]}")
for i in $(seq 1 "$ROUNDS"); do
  n=${#CONTENDERS[@]} line="round $i:"
  for k in $(seq 0 $((n - 1))); do   # round i starts with contender (i-1) mod n: each goes first in turn
    c=${CONTENDERS[$(((i - 1 + k) % n))]}
    if [[ $c == mydumper ]]; then
      t=$(raw_export); RAW+=("$t"); line+=" mydumper ${t}s"
    elif [[ -n "${UNAVAILABLE[$c]:-}${FAILED[$c]:-}" ]]; then
      line+=" $c n/a"
    else
      ferry_export "$c"
      if [[ $T == - ]]; then line+=" $c FAILED"; continue; fi
      TIMES[$c]+="$T " CPU[$c]+="$C " GCR[$c]+="$G "; line+=" $c ${T}s (Ferry cpu ${C}s, before/tool/after ${P}s)"
    fi
  done
  echo "$line"
done
END_LIVE=$(live_heap)
SIZE=$(du -sb "$WORK/raw" | cut -f1)

RC=0
python3 - "$SIZE" "${RAW[*]}" "$WORK/gc.log" "$BASE_LIVE" "$END_LIVE" "$XMX" <<PY || RC=1
import re, statistics as st, sys
size, raw, gclog, base, end, xmx = int(sys.argv[1]), [float(x) for x in sys.argv[2].split()], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), sys.argv[6]
lines = open(gclog).read().splitlines()
def heap(ranges):
    used, live = [], []
    for r in ranges.split():
        a, b = map(int, r.split(":"))
        for l in lines[a:b]:
            m = re.search(r" (\d+)M->(\d+)M", l)
            if m: used.append(int(m.group(1))); live.append(int(m.group(2)))
    return (max(used) if used else None, max(live) if live else None)
chains = {}
$(for c in "${CHAINS[@]}"; do echo "chains['$c'] = ('${TIMES[$c]:-}', '${CPU[$c]:-}', '${GCR[$c]:-}', '''${UNAVAILABLE[$c]:-}''', '''${FAILED[$c]:-}''')"; done)
m = st.median
print(f"dump size {size / 2**30:.2f} GiB (mydumper's files), {len(raw)} rounds, {4} threads, medians")
print(f"mydumper        {m(raw):7.2f}s")
bad = False
for chain, (times, cpu, ranges, unavailable, failed) in chains.items():
    if unavailable:
        print(f"{chain:<15} FAILED: the {chain} chain is not available in this jar: {unavailable}"); bad = True; continue
    if failed:
        print(f"{chain:<15} FAILED: {failed}"); bad = True; continue
    t = [float(x) for x in times.split()]; c = [float(x) for x in cpu.split()]
    peak, live = heap(ranges)
    heap_text = ("no GC ran during its exports" if peak is None else
                 f"peak used {peak} MiB, largest live {live} MiB (growth {live - base} MiB over the {base} MiB live before)")
    print(f"{chain:<15} {m(t):7.2f}s  ratio to mydumper {m(t) / m(raw):.3f}  Ferry CPU {m(c):.1f}s  heap: {heap_text}")
print(f"heap (-Xmx{xmx}): live after a full GC {base} MiB before the rounds, {end} MiB after them")
sys.exit(1 if bad else 0)
PY
exit $RC
