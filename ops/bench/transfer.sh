#!/usr/bin/env bash
# Benchmark: Ferry's export (NFS) and re-import against the same mydumper/myloader commands run directly, on the
# same generated data, side by side in one run. Prints the ratios (Ferry time / raw tool time).
#
#   ops/bench/transfer.sh [GiB]        default 1 (about 1 GiB of dump files)
#
# Starts its own MariaDB instances (bench-src :33075, bench-dst :33076, under /tmp/ferry-bench), S3Mock (:33079)
# and a Ferry jar on :33077 (embedded H2, FERRY_HOME under /tmp/ferry-bench), and stops them at the end.
# Each timed run starts after the server has flushed its dirty pages; rounds alternate which side goes first.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ROOT=$PWD
GIB="${1:-1}"
export FERRY_IT_DIR=/tmp/ferry-bench MARIADB_QUIET=1
source ops/lib/mariadb.sh
source ops/lib/s3mock.sh
SRC=33075 DST=33076 PORT=33077 S3PORT=33079 ROUNDS="${ROUNDS:-3}" THREADS=4
WORK=/tmp/ferry-bench/work; rm -rf "$WORK"; mkdir -p "$WORK"
FERRY_PID=""
cleanup() { [[ -n "$FERRY_PID" ]] && kill "$FERRY_PID" 2>/dev/null; s3mock_stop || true; mariadb_stop bench-src || true; mariadb_stop bench-dst || true; }
trap cleanup EXIT
now() { date +%s.%N; }
sql() { mariadb --no-defaults -h127.0.0.1 -uroot -P"$1" -N -e "$2"; }

[[ -f app/target/ferry.jar ]] || ./mvnw -B -q -DskipTests package
mariadb_start bench-src $SRC --innodb-buffer-pool-size=1G >/dev/null
mariadb_start bench-dst $DST --innodb-buffer-pool-size=1G >/dev/null
s3mock_start $S3PORT >/dev/null
S3="http://127.0.0.1:$S3PORT"

# --- data: 4 tables, ~250 bytes a row in the dump -------------------------------------------------------------
ROWS=$(( GIB * 1100000 ))   # per table
if [[ "$(sql $SRC "SELECT COUNT(*) FROM bench.t4" 2>/dev/null)" != "$ROWS" ]]; then
  echo "generating $((ROWS * 4)) rows in 4 tables ..."
  sql $SRC "DROP DATABASE IF EXISTS bench; CREATE DATABASE bench"
  PIDS=()
  for t in 1 2 3 4; do
    sql $SRC "CREATE TABLE bench.t$t (id BIGINT PRIMARY KEY, name VARCHAR(64), email VARCHAR(96), amount DECIMAL(12,2),
      created DATETIME, note VARCHAR(255)) ENGINE=InnoDB;
      INSERT INTO bench.t$t SELECT seq, CONCAT('name-', seq, '-', MD5(seq)), CONCAT(SHA1(seq), '@example.com'),
      seq % 100000 / 100, '2026-01-01' + INTERVAL (seq % 86400) SECOND, REPEAT(SUBSTR(MD5(seq * $t), 1, 16), 6)
      FROM bench.seq_1_to_$ROWS" &
    PIDS+=($!)
  done
  wait "${PIDS[@]}"   # not a bare wait: the MariaDB servers are children of this shell too
fi
printf '[client]\npassword=""\n' > "$WORK/my.cnf"; chmod 600 "$WORK/my.cnf"

# --- Ferry -------------------------------------------------------------------------------------------------------
export FERRY_HOME="$WORK/ferry" FERRY_PORT=$PORT FERRY_ADMIN_PASSWORD=bench FERRY_DUMP_THREADS=$THREADS FERRY_POLL_INTERVAL=1s
export FERRY_S3_ALLOWED_ENDPOINTS=127.0.0.1  # S3Mock on loopback, refused as an S3 endpoint by default
cp app/target/ferry.jar "$WORK/ferry.jar"  # a rebuild during the run must not touch the running jar
java -Xmx1g -jar "$WORK/ferry.jar" > "$WORK/ferry.out" 2>&1 &
FERRY_PID=$!
for _ in $(seq 1 90); do curl -sf "localhost:$PORT/actuator/health" >/dev/null && break; sleep 1; done
API="http://localhost:$PORT/api/v1"; AUTH=admin:bench; J='Content-Type: application/json'
json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
register() { curl -sf -u $AUTH -H "$J" -d "{\"name\":\"$1\",\"kind\":\"MYSQL\",\"host\":\"127.0.0.1\",\"port\":$2,\"user\":\"root\",\"password\":\"\"}" "$API/clusters" | json "['data']['clusterId']"; }
CSRC=$(register bench-src $SRC); CDST=$(register bench-dst $DST)
# Polls once a second (polling 5 times a second cost the 2-core box 3-5 s of a 20 s import) and takes the end from
# the record itself: its endTime, so the poll interval adds nothing to the measurement. Prints "status endEpoch".
await() {
  while :; do
    S=$(curl -sf -u $AUTH "$API/clusters/transport?recordId=$1" | python3 -c "import json,sys,datetime
r = json.load(sys.stdin)['data']['transportRecords'][0]
end = r['endTime']
print(r['status'], datetime.datetime.fromisoformat(end.replace('Z', '+00:00')).timestamp() if end else '')")
    [[ $S == Processing* || $S == Queued* ]] || { echo "$S"; return; }
    sleep 1
  done
}
# Ferry's duration: from just before the API call to the record's endTime.
ferry_timed() {  # ferry_timed <json> <url> <name>
  local t0 out; t0=$(now)
  R=$(curl -sf -u $AUTH -H "$J" -d "$1" "$2" | json "['data']['recordId']")
  out=$(await "$R")
  [[ $out == Finished* ]] || { echo "Ferry $3 $R ended: $out" >&2; exit 1; }
  python3 -c "print(f'{${out#Finished } - $t0:.2f}')" > "$WORK/last-duration"
}
prepare_export() { rm -rf "$WORK/raw"; mkdir -p "$WORK/raw"; settle $SRC; }   # not timed: Ferry's record dir is new
raw_export() {
  mydumper --defaults-file="$WORK/my.cnf" --host 127.0.0.1 --port $SRC --user root --database bench \
    --outputdir "$WORK/raw" --threads $THREADS --chunk-filesize 256 --triggers --events --routines --verbose 3 \
    > "$WORK/raw.log" 2>&1; }
ferry_export() {
  ferry_timed "{\"clusterId\":\"$CSRC\",\"storageType\":\"nfs\",\"fileType\":\"sql\",\"filter\":\"bench.*\"}" "$API/clusters/export" export
  echo "$R" > "$WORK/last-export"; }
ferry_export_s3() {
  ferry_timed "{\"clusterId\":\"$CSRC\",\"storageType\":\"s3\",\"fileType\":\"sql\",\"filter\":\"bench.*\",\"endpointUrl\":\"$S3\",\"bucketUrl\":\"s3://ferry-it/bench\",\"accessKey\":\"bench\",\"secretAccessKey\":\"bench\"}" "$API/clusters/export" "S3 export"
  curl -sf -u $AUTH -X DELETE "$API/clusters/transport/$R?deleteRemote=true" >/dev/null; }
# Let the target flush and purge what the previous load/drop left, so that no run pays for the one before it.
settle() {
  sql "$1" "SET GLOBAL innodb_max_dirty_pages_pct = 0" >/dev/null
  for _ in $(seq 1 120); do
    [[ $(sql "$1" "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME='INNODB_BUFFER_POOL_PAGES_DIRTY'") -lt 100 ]] && break
    sleep 0.5
  done
  sql "$1" "SET GLOBAL innodb_max_dirty_pages_pct = 90" >/dev/null; sync; }
prepare_import() { sql $DST "DROP DATABASE IF EXISTS bench"; settle $DST; }   # not timed, for both sides
raw_import() {
  myloader --defaults-file="$WORK/my.cnf" --host 127.0.0.1 --port $DST --user root --directory "$WORK/raw" \
    --threads $THREADS --verbose 3 > "$WORK/raw-load.log" 2>&1; }
ferry_import() {
  ferry_timed "{\"clusterId\":\"$CDST\",\"recordId\":\"$(cat "$WORK/last-export")\"}" "$API/clusters/import" import; }
time_of() { local t0; t0=$(now); "$@" >&2; python3 -c "print(f'{$(now) - $t0:.2f}')"; }
ferry_time_of() { "$@" >&2; cat "$WORK/last-duration"; }

declare -a RE FE FS RI FI
for i in $(seq 1 "$ROUNDS"); do   # odd rounds run the raw tool first, even rounds Ferry first
  if (( i % 2 )); then
    prepare_export; RE+=("$(time_of raw_export)"); settle $SRC; FE+=("$(ferry_time_of ferry_export)")
    settle $SRC; FS+=("$(ferry_time_of ferry_export_s3)")
    prepare_import; RI+=("$(time_of raw_import)"); prepare_import; FI+=("$(ferry_time_of ferry_import)")
  else
    settle $SRC; FS+=("$(ferry_time_of ferry_export_s3)"); settle $SRC; FE+=("$(ferry_time_of ferry_export)")
    prepare_export; RE+=("$(time_of raw_export)")
    prepare_import; FI+=("$(ferry_time_of ferry_import)"); prepare_import; RI+=("$(time_of raw_import)")
  fi
  echo "round $i: export raw ${RE[-1]}s ferry ${FE[-1]}s ferry-s3 ${FS[-1]}s | import raw ${RI[-1]}s ferry ${FI[-1]}s"
done
SIZE=$(du -sb "$WORK/raw" | cut -f1)
python3 - "$SIZE" "${RE[*]}" "${FE[*]}" "${RI[*]}" "${FI[*]}" "${FS[*]}" <<'PY'
import sys, statistics as st
size = int(sys.argv[1]); re_, fe, ri, fi, fs = ([float(x) for x in a.split()] for a in sys.argv[2:7])
m = lambda xs: st.median(xs)
print(f"dump size {size/2**30:.2f} GiB, median of {len(re_)} rounds")
print(f"export NFS : mydumper {m(re_):6.2f}s  Ferry {m(fe):6.2f}s  ratio {m(fe)/m(re_):.3f}  (target <= 1.05)")
print(f"export S3  : mydumper {m(re_):6.2f}s  Ferry {m(fs):6.2f}s  ratio {m(fs)/m(re_):.3f}  (target <= 1.15; dump alone vs dump + upload to S3Mock)")
print(f"import     : myloader {m(ri):6.2f}s  Ferry {m(fi):6.2f}s  ratio {m(fi)/m(ri):.3f}  (target <= 1.05)")
PY
