#!/usr/bin/env bash
# Benchmark: Ferry's S3 upload paths against curl, on the same ~1 GiB of dump-sized files, side by side in one run.
#
#   ops/bench/s3upload.sh            ROUNDS=3 (at least 3), S3PORT=33081, SINK_PUT=32 SINK_PART=16 (MiB), SINK_INFLIGHT=2
#
# Files: 7 files of random bytes, 64-256 MiB each (64+128+192+256+64+128+192 = 1 GiB), generated once under
# /tmp/ferry-bench-s3upload/files (and kept for the next run), read from the page cache by every side.
# Each round uploads all of them 4 at a time to a private S3Mock (started here, stopped and emptied at the end), in
# turn by:
#   curl              4 parallel `curl -T` PUTs (xargs -P4): what the server takes; wall time of the whole batch;
#   uploader          DirectoryUploader with the default settings (the mysql and tidb chains stage the dump, then
#                     upload it): one PutObject per file below 1 GiB, file bodies read in 1 MiB pieces;
#   uploader-8mib     the same with the settings before issue 9: 8 MiB parts from 8 MiB on (the SDK's multipart);
#   sink              S3StreamingSink (the native engine: no staging), 4 writers writing the files in 64 KiB pieces:
#                     files above SINK_PUT MiB (all of these) become multipart uploads of SINK_PART MiB parts,
#                     SINK_INFLIGHT in flight per file (the defaults of StreamingSettings);
#   sink-32mib-chunks the same bytes, each file written as 32 MiB files (chunk-sized: one PUT each from memory).
# The Java sides run in a JVM each (dev.ferry.s3.UploadBench from the test classes); their time is measured inside
# the JVM after a warm-up upload of the smallest file, clients included (Ferry is a long-running, warm server).
# Rounds alternate the order (round 1 curl first, round 2 reversed, ...). Prints every figure, the medians and the
# ratios to curl's median.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ROUNDS="${ROUNDS:-3}" S3PORT="${S3PORT:-33081}"
SINK_PUT="${SINK_PUT:-32}" SINK_PART="${SINK_PART:-16}" SINK_INFLIGHT="${SINK_INFLIGHT:-2}"
(( ROUNDS >= 3 )) || { echo "ROUNDS must be at least 3" >&2; exit 2; }
export FERRY_IT_DIR=/tmp/ferry-bench-s3upload S3MOCK_QUIET=1
BASE=/tmp/ferry-bench-s3upload FILES=/tmp/ferry-bench-s3upload/files WORK=/tmp/ferry-bench-s3upload/work
source ops/lib/s3mock.sh
trap 's3mock_stop >/dev/null 2>&1 || true; rm -rf "$WORK" "$BASE/s3mock/data"' EXIT   # the uploads: GiBs
now() { date +%s.%N; }

# --- files ---------------------------------------------------------------------------------------------------------
if [[ ! -f $FILES/.complete ]]; then
  rm -rf "$FILES"; mkdir -p "$FILES"
  i=0
  for mib in 64 128 192 256 64 128 192; do
    head -c $((mib * 1024 * 1024)) /dev/urandom > "$FILES/bench.t$i.0000$i.sql"
    i=$((i + 1))
  done
  touch "$FILES/.complete"
fi
TOTAL=$(du -cb "$FILES"/*.sql | tail -1 | cut -f1)
cat "$FILES"/*.sql > /dev/null   # into the page cache once: every side reads from memory

# --- Java classpath (as ops/bench/inspect.sh) ----------------------------------------------------------------------
[[ -f batch-jobs/target/test-classes/dev/ferry/s3/UploadBench.class ]] || ./mvnw -o -B -q -pl batch-jobs -am test-compile
CP_FILE=batch-jobs/target/bench.classpath
[[ -f $CP_FILE ]] || ./mvnw -o -B -q -pl batch-jobs -am compile dependency:build-classpath -Dmdep.outputFile="$PWD/$CP_FILE"
CP="batch-jobs/target/classes:batch-jobs/target/test-classes:$(cat "$CP_FILE")"

# --- S3Mock --------------------------------------------------------------------------------------------------------
s3mock_start "$S3PORT"
S3="http://127.0.0.1:$S3PORT" BUCKET=bench
curl -sf -X PUT "$S3/$BUCKET" -o /dev/null
mkdir -p "$WORK"

run_curl() {
  local t0; t0=$(now)
  printf '%s\n' "$FILES"/*.sql | xargs -P4 -I{} sh -c 'curl -sf -T "$1" "$2/$(basename "$1")" -o /dev/null' _ {} "$S3/$BUCKET/curl"
  python3 -c "print(f'{$(now) - $t0:.3f}')"
}
run_java() {  # mode -> seconds (checks that every byte was uploaded)
  local line
  line=$(java -Xmx1g -Djava.io.tmpdir="$WORK" -Dsink.put="$SINK_PUT" -Dsink.part="$SINK_PART" \
    -Dsink.inflight="$SINK_INFLIGHT" -cp "$CP" \
    dev.ferry.s3.UploadBench "$1" "$FILES" "$S3" "$BUCKET" "$1" 2>"$WORK/$1.err" | tail -1) \
    || { echo "UploadBench $1 failed:" >&2; tail -20 "$WORK/$1.err" >&2; exit 1; }
  read -r _ seconds bytes <<< "$line"
  [[ "$bytes" == "$TOTAL" ]] || { echo "UploadBench $1 uploaded $bytes bytes, not $TOTAL" >&2; exit 1; }
  echo "$seconds"
}
run() { if [[ $1 == curl ]]; then run_curl; else run_java "$1"; fi; }

run_curl > /dev/null   # warm S3Mock up (its JIT, its store)
SIDES=(curl uploader uploader-8mib-parts sink sink-32mib-chunks)
declare -A T
echo "upload of $(python3 -c "print(f'{$TOTAL / 2**30:.2f}')") GiB in $(ls "$FILES"/*.sql | wc -l) files, 4 at a time, to S3Mock $S3 ($ROUNDS rounds)"
for round in $(seq 1 "$ROUNDS"); do
  order=("${SIDES[@]}")
  if (( round % 2 == 0 )); then order=(sink-32mib-chunks sink uploader-8mib-parts uploader curl); fi
  line="round $round:"
  for side in "${order[@]}"; do
    s=$(run "$side")
    T[$side]+="$s "
    line+=" $side ${s}s"
  done
  echo "$line"
done
python3 - "$TOTAL" "${T[curl]}" "${T[uploader]}" "${T[uploader-8mib-parts]}" "${T[sink]}" "${T[sink-32mib-chunks]}" <<'PY'
import statistics, sys
total = int(sys.argv[1])
names = ["curl -T x4", "DirectoryUploader", "DirectoryUploader, 8 MiB parts (before)",
         "S3StreamingSink, 64-256 MiB files (parts)", "S3StreamingSink, 32 MiB files (one PUT)"]
times = [[float(x) for x in arg.split()] for arg in sys.argv[2:]]
curl = statistics.median(times[0])
for name, t in zip(names, times):
    m = statistics.median(t)
    print(f"{name:42s} median {m:7.3f} s  {total / m / 2**20:7.1f} MiB/s  {m / curl:5.2f}x curl   "
          f"(rounds: {' '.join(f'{x:.3f}' for x in t)})")
ratios = [[x / c for x, c in zip(t, times[0])] for t in times]
print("per-round ratios to curl (same round): " + "; ".join(
    f"{name}: {' '.join(f'{r:.2f}' for r in rs)} (median {statistics.median(rs):.2f})"
    for i, (name, rs) in enumerate(zip(names, ratios)) if i > 0))
PY
