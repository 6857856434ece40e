#!/usr/bin/env bash
# Benchmark: Ferry's streamed upload and streamed download, side by side in one run.
#
#   ops/bench/files.sh [GiB]      default 2: the size of the uploaded zip
#                                 DOWNLOAD_GIB=1: about how big the export to download is (its data/ directory)
#                                 KEEP_DB=1: keep the generated MariaDB datadir for the next run (default: deleted)
#
# 1. upload: a zip of GiB GiB of random data (STORED entries named like a dump: bench.t1.00000.sql ...) is sent with
#    `curl -F clusterId=.. -F file=@big.zip` (curl streams from disk) and compared with
#    `dd if=big.zip of=<the import root's filesystem> bs=1M conv=fsync`. Target: ferry/dd >= 0.70.
# 2. download: an NFS export of >= DOWNLOAD_GIB GiB (private MariaDB bench-files :33078, tables filled with the
#    sequence engine) is fetched with curl; time to first byte (target < 1 s), throughput, and the zip is checked
#    (CRC of every entry; entries = files of the export's data/ dir, same sizes).
# Both: heap growth of the Ferry JVM during the transfer (target < 64 MiB).
#
# Heap method. Used heap = live objects + garbage not yet collected. With a large young generation the peak would
# mostly measure how much garbage was allocated, not what a transfer holds on to, so the Ferry JVM runs with
# -Xmx1g -XX:+UseSerialGC -Xmn16m: garbage can only pile up in a 16 MiB eden, anything a transfer keeps (say, a
# body buffered in memory) is promoted to the old generation and shows. For each transfer:
#   baseline = used heap right after a forced full GC (`jcmd <pid> GC.run`), just before the transfer starts;
#   max      = the largest of `jstat -gc -t <pid> 200` samples (S0U+S1U+EU+OU, every 200 ms) during the transfer
#              and of the heap-before-GC figures that -Xlog:gc reports inside that window (peaks between samples);
#   growth   = max - baseline (an upper bound: includes up to 16 MiB of eden garbage);
#   retained = used after another forced full GC once the transfer has ended, minus baseline (leaks).
# First byte: curl's %{time_starttransfer} (request sent → first response byte, i.e. the status line), and a
# small Python client that also measures the first BODY byte (the zip's first local header, PK\3\4), then hangs up.
#
# Starts its own MariaDB (bench-files :33078 under /tmp/ferry-bench-files) and a copy of app/target/ferry.jar on
# :33079 (embedded H2, FERRY_HOME under /tmp/ferry-bench-files/work), stops them at the end and deletes the big files.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ROOT=$PWD
GIB="${1:-2}"
DL_GIB="${DOWNLOAD_GIB:-1}"
[[ "$GIB" =~ ^[0-9]+$ && "$GIB" -ge 1 && "$DL_GIB" =~ ^[0-9]+$ && "$DL_GIB" -ge 1 ]] \
  || { echo "usage: $0 [GiB]   (whole GiB >= 1; DOWNLOAD_GIB likewise)" >&2; exit 2; }
export FERRY_IT_DIR=/tmp/ferry-bench-files MARIADB_QUIET=1
source ops/lib/mariadb.sh
DB=33078 PORT=33079 INSTANCE=bench-files
BASE=/tmp/ferry-bench-files WORK=/tmp/ferry-bench-files/work
HELPER="$ROOT/ops/bench/files_helper.py"
MIB=1048576 GIB_B=1073741824

# --- disk: the zip, its dd copy or staged copy, the database, the export and the download -----------------------
mkdir -p "$BASE"
NEED=$(( GIB * 2 + DL_GIB * 4 + 2 )); (( NEED < 10 )) && NEED=10
FREE=$(df -B1 --output=avail "$BASE" | tail -n 1 | tr -d ' ')
if (( FREE < NEED * GIB_B )); then
  echo "not enough disk: $((FREE / GIB_B)) GiB free on $(df --output=target "$BASE" | tail -n 1), need $NEED GiB" >&2
  exit 1
fi
[[ -f app/target/ferry.jar ]] || { echo "app/target/ferry.jar is missing: build it first (./mvnw -B -q -DskipTests package)" >&2; exit 1; }
for tool in curl dd jcmd jstat python3 mariadb mydumper; do
  command -v "$tool" >/dev/null || { echo "missing tool: $tool" >&2; exit 1; }
done

FERRY_PID="" JSTAT_PID="" STARTED_DB=""
cleanup() {
  local rc=$?
  set +e
  [[ -n "$JSTAT_PID" ]] && kill "$JSTAT_PID" 2>/dev/null
  if [[ -n "$FERRY_PID" ]]; then
    kill "$FERRY_PID" 2>/dev/null
    for _ in $(seq 1 60); do kill -0 "$FERRY_PID" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$FERRY_PID" 2>/dev/null && kill -KILL "$FERRY_PID" 2>/dev/null
  fi
  if [[ -n "$STARTED_DB" ]]; then
    if [[ "${KEEP_DB:-0}" == 1 ]]; then mariadb_stop "$INSTANCE" || true; else mariadb_reset "$INSTANCE" || true; fi
  fi
  # the big files; the logs stay in $WORK
  rm -rf "$WORK/ferry" "$WORK/big.zip" "$WORK/dd.out" "$WORK/download.zip" "$WORK/ferry.jar"
  (( rc == 0 )) || echo "FAILED (exit $rc); logs in $WORK" >&2
  return 0
}
trap cleanup EXIT
rm -rf "$WORK"; mkdir -p "$WORK"
now() { date +%s.%N; }
sql() { mariadb --no-defaults -h127.0.0.1 -uroot -P"$DB" -N -e "$1"; }
calc() { python3 -c "print($1)"; }
json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

# --- MariaDB with the data of the export (first: it is the CPU-heavy part) ------------------------------------
mariadb_start "$INSTANCE" "$DB" --innodb-buffer-pool-size=1G >/dev/null
STARTED_DB=1
ROWS=$(( DL_GIB * 1100000 ))   # per table; a dump row is about 270 bytes → 4 tables ≈ 1.1 GiB per DOWNLOAD_GIB
if [[ "$(sql "SELECT COUNT(*) FROM bench.t4" 2>/dev/null)" != "$ROWS" ]]; then
  echo "generating $((ROWS * 4)) rows in 4 tables ..."
  sql "DROP DATABASE IF EXISTS bench; CREATE DATABASE bench"
  PIDS=()
  for t in 1 2 3 4; do
    sql "CREATE TABLE bench.t$t (id BIGINT PRIMARY KEY, payload VARCHAR(256)) ENGINE=InnoDB;
      INSERT INTO bench.t$t SELECT seq, REPEAT(MD5(seq * $t), 8) FROM bench.seq_1_to_$ROWS" &
    PIDS+=($!)
  done
  wait "${PIDS[@]}"   # not a bare wait: the MariaDB server is a child of this shell too
fi

# --- the zip to upload -----------------------------------------------------------------------------------------
echo "writing a ${GIB} GiB zip of random data ..."
ENTRIES=$(python3 "$HELPER" mkzip "$WORK/big.zip" $(( GIB * GIB_B )))
ZIP_BYTES=$(stat -c %s "$WORK/big.zip")

# --- Ferry -------------------------------------------------------------------------------------------------------
export FERRY_HOME="$WORK/ferry" FERRY_PORT=$PORT FERRY_ADMIN_PASSWORD=bench FERRY_POLL_INTERVAL=1s
export FERRY_MAX_UPLOAD_BYTES=$(( (GIB + 1) * GIB_B ))
unset FERRY_IMPORT_ROOT FERRY_EXPORT_ROOT
IMPORT_ROOT="$FERRY_HOME/import"
mkdir -p "$IMPORT_ROOT"
cp app/target/ferry.jar "$WORK/ferry.jar"   # a rebuild during the run must not touch the running jar
java -Xmx1g -XX:+UseSerialGC -Xmn16m -Xlog:gc:file="$WORK/gc.log":uptime -jar "$WORK/ferry.jar" \
  > "$WORK/ferry.out" 2>&1 &
FERRY_PID=$!
for _ in $(seq 1 120); do
  curl -sf "localhost:$PORT/actuator/health" >/dev/null && break
  kill -0 "$FERRY_PID" 2>/dev/null || { echo "Ferry exited at start:" >&2; tail -n 30 "$WORK/ferry.out" >&2; exit 1; }
  sleep 1
done
curl -sf "localhost:$PORT/actuator/health" >/dev/null || { echo "Ferry did not come up on :$PORT" >&2; exit 1; }
API="http://localhost:$PORT/api/v1"; AUTH=admin:bench; J='Content-Type: application/json'
CID=$(curl -sf -u $AUTH -H "$J" -d "{\"name\":\"bench-files\",\"kind\":\"MYSQL\",\"host\":\"127.0.0.1\",\"port\":$DB,\"user\":\"root\",\"password\":\"\"}" \
  "$API/clusters" | json "['data']['clusterId']")

# heap_begin NAME / heap_end NAME → $WORK/heap-NAME.txt: "baseline max growth retained samples youngGCs fullGCs"
# (MiB). Not called in $(...): JSTAT_PID must be waited for and cleared by this shell.
heap_begin() {
  jcmd "$FERRY_PID" GC.run >/dev/null
  jstat -gc -t "$FERRY_PID" 200 > "$WORK/heap-$1.jstat" &
  JSTAT_PID=$!
  for _ in $(seq 1 100); do (( $(wc -l < "$WORK/heap-$1.jstat") >= 2 )) && return; sleep 0.1; done
  echo "jstat does not sample the Ferry JVM" >&2; exit 1
}
heap_end() {
  sleep 0.4   # two more samples after the end
  kill "$JSTAT_PID"; wait "$JSTAT_PID" 2>/dev/null || true; JSTAT_PID=""
  jcmd "$FERRY_PID" GC.run >/dev/null
  jstat -gc -t "$FERRY_PID" 1 1 > "$WORK/heap-$1.after"
  python3 "$HELPER" heap "$WORK/heap-$1.jstat" "$WORK/gc.log" "$WORK/heap-$1.after" > "$WORK/heap-$1.txt"
}

# --- 1. upload ---------------------------------------------------------------------------------------------------
echo "dd of the zip to the import root's filesystem ..."
sync
T0=$(now)
dd if="$WORK/big.zip" of="$IMPORT_ROOT/dd.out" bs=1M conv=fsync status=none
T1=$(now)
DD_S=$(calc "$T1 - $T0")
rm -f "$IMPORT_ROOT/dd.out"
sync

echo "uploading it to Ferry ..."
heap_begin upload
UP=$(curl -sS -u $AUTH -F "clusterId=$CID" -F "file=@$WORK/big.zip;type=application/zip" \
  -o "$WORK/upload.json" -w '%{http_code} %{time_total} %{size_upload}' "$API/clusters/import/upload")
heap_end upload
read -r UP_CODE UP_S UP_SENT <<< "$UP"
[[ "$UP_CODE" == 200 && "$(json "['code']" < "$WORK/upload.json")" == 0 ]] \
  || { echo "upload failed: HTTP $UP_CODE $(cat "$WORK/upload.json")" >&2; exit 1; }
UPLOAD_ID=$(json "['data']['uploadId']" < "$WORK/upload.json")
STAGED="$IMPORT_ROOT/uploads/$UPLOAD_ID/upload.zip"
[[ "$(json "['data']['size']" < "$WORK/upload.json")" == "$ZIP_BYTES" && "$(stat -c %s "$STAGED")" == "$ZIP_BYTES" ]] \
  || { echo "the staged upload is not $ZIP_BYTES bytes: $(cat "$WORK/upload.json")" >&2; exit 1; }
[[ "$(json "['data']['entries']" < "$WORK/upload.json")" == "$ENTRIES" ]] \
  || { echo "Ferry saw other entries than the $ENTRIES written: $(cat "$WORK/upload.json")" >&2; exit 1; }
cmp -s "$WORK/big.zip" "$STAGED" || { echo "the staged upload differs from the zip sent" >&2; exit 1; }
# Ferry does not fsync the staged file (dd above does): the time to get it onto the disk, for a like-for-like figure
T0=$(now); sync "$STAGED"; T1=$(now)
UP_SYNC_S=$(calc "$UP_S + $T1 - $T0")
rm -rf "$IMPORT_ROOT/uploads/$UPLOAD_ID" "$WORK/big.zip"
read -r UP_H0 UP_HMAX UP_HGROW UP_HRET UP_HN UP_YGC UP_FGC < "$WORK/heap-upload.txt"
echo "upload: $(calc "f'{$ZIP_BYTES / $MIB / $UP_S:.0f}'") MiB/s in ${UP_S}s (dd $(calc "f'{$ZIP_BYTES / $MIB / $DD_S:.0f}'") MiB/s);" \
  "heap ${UP_H0} → max ${UP_HMAX} MiB, ${UP_HN} samples, ${UP_YGC} young GCs"

# --- 2. download -------------------------------------------------------------------------------------------------
echo "exporting bench.* to NFS ..."
REC=$(curl -sf -u $AUTH -H "$J" -d "{\"clusterId\":\"$CID\",\"storageType\":\"nfs\",\"fileType\":\"sql\",\"filter\":\"bench.*\"}" \
  "$API/clusters/export" | json "['data']['recordId']")
while :; do
  curl -sf -u $AUTH "$API/clusters/transport?recordId=$REC" > "$WORK/record.json"
  S=$(json "['data']['transportRecords'][0]['status']" < "$WORK/record.json")
  [[ $S == Processing || $S == Queued ]] || break
  sleep 1
done
[[ $S == Finished ]] || { echo "export $REC ended $S: $(cat "$WORK/record.json")" >&2; exit 1; }
DATA_DIR=$(json "['data']['transportRecords'][0]['filePath']" < "$WORK/record.json")
DATA_BYTES=$(find "$DATA_DIR" -type f -printf '%s\n' | awk '{s += $1} END {print s}')
DATA_FILES=$(find "$DATA_DIR" -type f | wc -l)
echo "export $REC: $DATA_FILES files, $(calc "f'{$DATA_BYTES / $GIB_B:.2f}'") GiB in $DATA_DIR"

echo "downloading it ..."
sync
heap_begin download
DL=$(curl -sS -u $AUTH -o "$WORK/download.zip" -w '%{http_code} %{time_starttransfer} %{time_total} %{size_download}' \
  "$API/clusters/export/download/$REC")
heap_end download
read -r DL_CODE DL_TTFB DL_S DL_BYTES <<< "$DL"
[[ "$DL_CODE" == 200 ]] || { echo "download failed: HTTP $DL_CODE $(head -c 500 "$WORK/download.zip")" >&2; exit 1; }
read -r DL_H0 DL_HMAX DL_HGROW DL_HRET DL_HN DL_YGC DL_FGC < "$WORK/heap-download.txt"
echo "checking the zip ..."
read -r ZIP_ENTRIES DIR_FILES _ <<< "$(python3 "$HELPER" verify "$WORK/download.zip" "$DATA_DIR")"
# the first BODY byte, measured by a client that hangs up right after it (after the main download: no contention)
read -r FB_HEAD FB_BODY <<< "$(python3 "$HELPER" firstbyte "$API/clusters/export/download/$REC" admin bench)"
rm -f "$WORK/download.zip"

# --- summary -----------------------------------------------------------------------------------------------------
python3 - <<PY
mib, gib = $MIB, $GIB_B
zb, dd, up, ups = $ZIP_BYTES, $DD_S, $UP_S, $UP_SYNC_S
fr, ddr, frs = zb / mib / up, zb / mib / dd, zb / mib / ups
db, dz, dl = $DATA_BYTES, $DL_BYTES, $DL_S
print()
print("=" * 118)
print(f"upload   {zb / gib:.2f} GiB: ferry {fr:.0f} MiB/s, dd {ddr:.0f} MiB/s, ratio {fr / ddr:.2f} (target >= 0.70); "
      f"heap growth {$UP_HGROW:.0f} MiB (target < 64)")
print(f"download {db / gib:.2f} GiB: first byte {$DL_TTFB:.2f} s (target < 1 s), {db / mib / dl:.0f} MiB/s; "
      f"heap growth {$DL_HGROW:.0f} MiB (target < 64)")
print("-" * 118)
print(f"upload   : {$ENTRIES} stored entries, {zb} bytes; curl {up:.2f} s, dd conv=fsync {dd:.2f} s; "
      f"with an fsync of the staged file {frs:.0f} MiB/s, ratio {frs / ddr:.2f}")
print(f"           heap baseline {$UP_H0:.1f} MiB, max {$UP_HMAX:.1f} MiB, retained after GC {$UP_HRET:+.1f} MiB "
      f"({$UP_HN} samples, {$UP_YGC} young / {$UP_FGC} full GCs)")
print(f"download : {$DIR_FILES} files in data/ = {$ZIP_ENTRIES} zip entries, all CRCs ok; zip {dz / mib:.0f} MiB in {dl:.2f} s "
      f"({dz / mib / dl:.0f} MiB/s on the wire); first body byte {$FB_BODY:.2f} s (headers {$FB_HEAD:.2f} s)")
print(f"           heap baseline {$DL_H0:.1f} MiB, max {$DL_HMAX:.1f} MiB, retained after GC {$DL_HRET:+.1f} MiB "
      f"({$DL_HN} samples, {$DL_YGC} young / {$DL_FGC} full GCs)")
print("=" * 118)
PY
