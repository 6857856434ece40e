#!/usr/bin/env bash
# Benchmark: the manifest scan (CRC32C and row count of every file, sha256 when asked) against plain reads of the same
# files, in the page cache. Generates ~1 GiB of mydumper-style SQL (250-byte rows) under /tmp/ferry-bench-scan once.
#
#   ops/bench/scan.sh [rounds]      default 5
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ROUNDS="${1:-5}"
DATA=/tmp/ferry-bench-scan/data
if [[ ! -s "$DATA/bench.t1.00001.sql" ]]; then
  mkdir -p "$DATA"
  python3 - "$DATA" <<'PY'
import hashlib, sys
n = 0
for chunk in (1, 2, 3, 4):
    with open(f"{sys.argv[1]}/bench.t1.{chunk:05d}.sql", "w") as f:
        size = 0
        while size < 256 << 20:
            rows = ["INSERT INTO `t1` VALUES\n"]
            for i in range(1000):
                n += 1
                h = hashlib.md5(str(n).encode()).hexdigest()
                rows.append(f"({n},\"name-{n}-{h}\",\"{hashlib.sha1(str(n).encode()).hexdigest()}@example.com\","
                            f"{n % 100000 / 100:.2f},\"2026-01-01 00:00:00\",\"{h[:16] * 6}\")" + (",\n" if i < 999 else ";\n"))
            text = "".join(rows)
            f.write(text)
            size += len(text)
PY
fi
[[ -d batch-jobs/target/classes/dev/ferry/manifest ]] || ./mvnw -B -q -o -DskipTests compile -pl batch-jobs -am
./mvnw -B -q -o dependency:build-classpath -pl batch-jobs -Dmdep.outputFile=/tmp/ferry-bench-scan/cp.txt >/dev/null
cat "$DATA"/*.sql > /dev/null  # into the page cache
java -cp "batch-jobs/target/classes:$(cat /tmp/ferry-bench-scan/cp.txt)" ops/bench/ScanSpeed.java "$DATA" "$ROUNDS"
