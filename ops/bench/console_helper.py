#!/usr/bin/env python3
"""Times Ferry's record list (console page and API) and the progress fragment; used by ops/bench/console.sh.

Each endpoint gets WARMUP untimed requests, then N timed ones over one keep-alive connection (as a browser would).
The time of a request is from sending it to having read the whole body, on localhost: the server's time plus a
loopback round trip. Prints p50/p95/p99/max in ms per endpoint and exits 1 if a p95 misses its target.
"""
import base64
import http.client
import re
import statistics
import sys
import time
import urllib.parse

port, user, password, n, warmup, running_id = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), sys.argv[6]


def connection():
    return http.client.HTTPConnection("127.0.0.1", int(port), timeout=30)


def cookies_of(response, jar):
    for header, value in response.getheaders():
        if header.lower() == "set-cookie":
            name, _, rest = value.partition("=")
            jar[name] = rest.split(";", 1)[0]


def cookie_header(jar):
    return "; ".join(f"{k}={v}" for k, v in jar.items())


def log_in():
    jar = {}
    c = connection()
    c.request("GET", "/login")
    r = c.getresponse()
    page = r.read().decode()
    cookies_of(r, jar)
    csrf = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode({"username": user, "password": password, "_csrf": csrf})
    c.request("POST", "/login", body, {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie_header(jar)})
    r = c.getresponse()
    r.read()
    cookies_of(r, jar)
    if r.status != 302 or "error" in (r.getheader("Location") or ""):
        sys.exit(f"login failed: {r.status} {r.getheader('Location')}")
    return jar


def timed(name, path, headers, target_ms, expect=None, count=None, warm=None):
    """path: a string, or a function of the request number (to defeat the count cache: every request a new filter)."""
    c = connection()
    times = []
    size = 0
    runs, skip = (count or n), (warmup if warm is None else warm)
    for i in range(skip + runs):
        start = time.perf_counter()
        c.request("GET", path(i) if callable(path) else path, headers=headers)
        r = c.getresponse()
        body = r.read()
        elapsed = (time.perf_counter() - start) * 1000
        if r.status != 200:
            sys.exit(f"{name}: {path} answered {r.status}: {body[:300]!r}")
        if expect and expect not in body.decode(errors="replace"):
            sys.exit(f"{name}: {path} does not contain {expect!r}")
        size = len(body)
        if i >= skip:
            times.append(elapsed)
    times.sort()
    q = statistics.quantiles(times, n=100) if len(times) > 1 else [times[0]] * 99
    p95 = q[94]
    ok = target_ms is None or p95 < target_ms
    print(f"{name:<44} p50 {q[49]:7.1f}  p95 {p95:7.1f}  p99 {q[98]:7.1f}  max {times[-1]:7.1f} ms"
          f"   ({size} B)  " + (f"target p95 < {target_ms} ms: {'MET' if ok else 'MISSED'}" if target_ms else "(no target)"))
    return ok


def create_token(jar):
    """An API token made the way a user makes one: the console's API tokens page (shown once in the answer)."""
    c = connection()
    c.request("GET", "/tokens", headers={"Cookie": cookie_header(jar)})
    page = c.getresponse().read().decode()
    csrf = re.search(r'name="_csrf" content="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode({"name": "bench", "expiresInDays": "7", "_csrf": csrf})
    c.request("POST", "/tokens", body, {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie_header(jar)})
    answer = c.getresponse().read().decode()
    found = re.search(r"fry_[A-Za-z0-9_-]{20,}", answer)
    if not found:
        sys.exit("could not create an API token on /tokens")
    return found.group(0)


jar = log_in()
token = create_token(jar)
page = {"Cookie": cookie_header(jar)}
hx = {"Cookie": cookie_header(jar), "HX-Request": "true"}
basic = {"Authorization": "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()}
results = [
    timed("console: /transfers (full page, newest 20)", "/transfers", page, 100, 'id="results"'),
    timed("console: /transfers?status=Failed&page=50", "/transfers?status=Failed&page=50", page, 100, "Failed"),
    timed("console: /transfers?q=copy 9999 (comment scan)", "/transfers?q=copy+9999", page, None, "nightly copy 9999",
          count=5, warm=1),
    timed("console: /transfers (htmx results fragment)", "/transfers", hx, 100, 'id="results"'),
    timed("console: /transfers?cluster=<new each time>*", lambda i: f"/transfers?cluster={1000 + i}", page, 100,
          'id="results"'),
    timed("console: /transfers?from=<new each time>*", lambda i: f"/transfers?from=2020-01-01T00:{i // 60 % 60:02d}:{i % 60:02d}",
          page, 100, 'id="results"'),
    timed("console: /transfers/{id}/progress (fragment)", f"/transfers/{running_id}/progress", hx, 20, "dumping"),
    timed("api: /api/v1/clusters/transport (Basic)", "/api/v1/clusters/transport?page=1&pageSize=20", basic, 100, '"total"'),
    timed("api: ...?clusterId=7&status=Failed (Basic)", "/api/v1/clusters/transport?clusterId=7&status=Failed", basic, 100, '"total"'),
]
bearer = {"Authorization": "Bearer " + token}
results.append(timed("api: /api/v1/clusters/transport (Bearer token)", "/api/v1/clusters/transport?page=1&pageSize=20",
                     bearer, 100, '"total"'))
results.append(timed("api: ...?clusterId=7&status=Failed (Bearer)", "/api/v1/clusters/transport?clusterId=7&status=Failed",
                     bearer, 100, '"total"'))
print("* a new filter on every request: the per-status counts are never in the cache (the cold path)")
sys.exit(0 if all(results) else 1)
