#!/usr/bin/env python3
"""Helpers of ops/bench/files.sh (standard library only).

  mkzip OUT TOTAL_BYTES            a zip of incompressible (random) STORED entries shaped like a mydumper dump
  heap JSTAT_LOG GC_LOG AFTER_LOG  heap of the Ferry JVM during one measured window (see files.sh for the method)
  firstbyte URL USER PASSWORD      seconds until the response headers and until the first BODY byte, then hangs up
  verify ZIP DATA_DIR              CRC-checks every entry; entry count and sizes must match the files of DATA_DIR
"""
import base64
import http.client
import os
import re
import sys
import time
import urllib.parse
import zipfile

MIB = 1 << 20


def mkzip(out, total):
    """Entries of 256 MiB (the last one smaller) named like mydumper chunks, plus the small schema files."""
    chunk = 256 * MIB
    block = 4 * MIB
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as z:
        z.writestr("metadata", "Started dump at: 2026-01-01 00:00:00\n")
        z.writestr("bench-schema-create.sql", "CREATE DATABASE IF NOT EXISTS `bench`;\n")
        for t in range(1, 5):
            z.writestr(f"bench.t{t}-schema.sql", f"CREATE TABLE `t{t}` (`id` bigint NOT NULL, `b` blob, PRIMARY KEY (`id`));\n")
        written, i = 0, 0
        while written < total:
            size = min(chunk, total - written)
            info = zipfile.ZipInfo(f"bench.t{i % 4 + 1}.{i // 4:05d}.sql", date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_STORED
            info.file_size = size
            with z.open(info, "w") as w:
                left = size
                while left:
                    n = min(block, left)
                    w.write(os.urandom(n))
                    left -= n
            written += size
            i += 1
    with open(out, "rb+") as f:  # clean in the page cache before anything is timed (no writeback during dd)
        os.fsync(f.fileno())
    print(i + 6)


def jstat_samples(path):
    """jstat -gc -t lines → [(uptime s, used bytes, young GCs, full GCs)]; used = S0U+S1U+EU+OU (KiB in jstat)."""
    rows, header = [], None
    with open(path) as f:
        for line in f:
            cols = line.split()
            if not cols:
                continue
            if cols[0] == "Timestamp":
                header = cols
                continue
            if header is None or len(cols) != len(header):
                continue
            v = dict(zip(header, cols))  # a column the collector does not have reads "-" (CGC of Serial)
            try:
                v = {k: float(v[k]) for k in ("Timestamp", "S0U", "S1U", "EU", "OU", "YGC", "FGC")}
            except ValueError:
                continue
            used = (v["S0U"] + v["S1U"] + v["EU"] + v["OU"]) * 1024
            rows.append((v["Timestamp"], used, int(v["YGC"]), int(v["FGC"])))
    return rows


GC_LINE = re.compile(r"^\[(\d+(?:\.\d+)?)s\].*Pause.*?(\d+)([KMG])->(\d+)([KMG])\((\d+)([KMG])\)")
UNIT = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}


def heap(jstat_log, gc_log, after_log):
    samples = jstat_samples(jstat_log)
    if len(samples) < 2:
        sys.exit(f"heap: too few jstat samples in {jstat_log}")
    t0, t1 = samples[0][0], samples[-1][0]
    baseline = samples[0][1]
    peak = max(s[1] for s in samples)
    # heap occupancy right before each collection inside the window: the peaks between two samples
    gc_peak = 0
    if os.path.exists(gc_log):
        with open(gc_log) as f:
            for line in f:
                m = GC_LINE.match(line)
                if m and t0 <= float(m.group(1)) <= t1:
                    gc_peak = max(gc_peak, int(m.group(2)) * UNIT[m.group(3)])
    after = jstat_samples(after_log)
    after_used = after[-1][1] if after else float("nan")
    peak = max(peak, gc_peak)
    print(f"{baseline / MIB:.1f} {peak / MIB:.1f} {(peak - baseline) / MIB:.1f} {(after_used - baseline) / MIB:.1f} "
          f"{len(samples)} {samples[-1][2] - samples[0][2]} {samples[-1][3] - samples[0][3]}")


def firstbyte(url, user, password):
    u = urllib.parse.urlsplit(url)
    auth = base64.b64encode(f"{user}:{password}".encode()).decode()
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=120)
    t = time.monotonic()
    conn.request("GET", u.path, headers={"Authorization": "Basic " + auth})
    resp = conn.getresponse()
    headers = time.monotonic() - t
    if resp.status != 200:
        sys.exit(f"firstbyte: HTTP {resp.status}")
    first = resp.read(4)  # a zip starts with its first local file header: PK\3\4
    body = time.monotonic() - t
    conn.close()  # hangs up mid-zip, on purpose: the server must let go of the download
    if first != b"PK\x03\x04":
        sys.exit(f"firstbyte: the body does not start like a zip: {first!r}")
    print(f"{headers:.3f} {body:.3f}")


def verify(zip_path, data_dir):
    files = {}
    for root, _dirs, names in os.walk(data_dir):
        for n in names:
            p = os.path.join(root, n)
            if os.path.isfile(p) and not os.path.islink(p):
                files[os.path.relpath(p, data_dir).replace(os.sep, "/")] = os.path.getsize(p)
    with zipfile.ZipFile(zip_path) as z:
        bad = z.testzip()
        if bad is not None:
            sys.exit(f"verify: entry {bad} fails its CRC check")
        entries = {i.filename: i.file_size for i in z.infolist() if not i.is_dir()}
    if entries != files:
        missing = sorted(set(files) - set(entries))[:5]
        extra = sorted(set(entries) - set(files))[:5]
        wrong = sorted(n for n in set(files) & set(entries) if files[n] != entries[n])[:5]
        sys.exit(f"verify: zip ({len(entries)} files) != data dir ({len(files)} files): missing {missing}, "
                 f"extra {extra}, other size {wrong}")
    print(f"{len(entries)} {len(files)} {sum(files.values())}")


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "mkzip":
        mkzip(args[0], int(args[1]))
    elif cmd == "heap":
        heap(*args)
    elif cmd == "firstbyte":
        firstbyte(*args)
    elif cmd == "verify":
        verify(*args)
    else:
        sys.exit(__doc__)
