#!/usr/bin/env python3
"""make bench: dateline-serve under load, beside dateline-search run once
per query.

On the Reuters-21578 index (../shared/data; BENCH_SERVE_DB names an index
to use instead of building one), wrk drives GET /api/search?q=...&n=10
(ten hits with snippets, facets and the histogram's months, as the page
asks) over 200 queries made from the titles, each connection walking the
list from its own starting point, with 1, 8 and 64 connections
(BENCH_SERVE_SECONDS each, default 10), then 64 connections for
BENCH_SERVE_SOAK seconds (default 60) while the server's RSS is sampled.
It prints requests/s, p50/p95/p99 latency, failed requests (non-2xx and
socket errors), the server's CPU time a request (user + system, from
/proc: the figure the machine's other load disturbs least) and the RSS at
the soak's start and end. The peer row is
the same queries answered by spawning `dateline-search --json --facets`
once each, one after another.

Figures, not pass/fail: the machine is shared and noisy; the load average
is printed beside each row.
"""
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.environ.get("DATELINE_DATA", os.path.join(ROOT, "..", "shared", "data"))
BIN = os.environ.get("DATELINE_BIN", os.path.join(ROOT, "bin"))
SECONDS = int(os.environ.get("BENCH_SERVE_SECONDS", "10"))
SOAK = int(os.environ.get("BENCH_SERVE_SOAK", "60"))

# wrk's script: each thread's connections walk the query list from their
# own point; done() prints the percentiles wrk's --latency leaves out.
LUA = r"""
local paths = {}
for line in io.lines("%(paths)s") do paths[#paths + 1] = line end
local n = 0
local id = 0
function setup(thread)
  thread:set("tid", id)
  id = id + 1
end
function init(args)
  n = (tid or 0) * 37
end
function request()
  n = n + 1
  return wrk.format("GET", paths[(n %% #paths) + 1])
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %%d %%d %%d %%d %%d %%d %%f %%f %%f %%f\n",
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout,
    e.status, e.timeout, 0,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end
"""


def titles(folder):
    """The titles of the Reuters stories (the <TITLE> of each)."""
    out = []
    for f in sorted(os.listdir(folder)):
        if f.endswith(".sgm"):
            text = open(os.path.join(folder, f), encoding="latin-1").read()
            out += re.findall(r"<TITLE>(.*?)</TITLE>", text, re.S)
    return out


def make_queries(ts, n=200, seed=7):
    """1-3 words of a title, some as a phrase: what a reporter types."""
    rng = random.Random(seed)
    qs = []
    while len(qs) < n and ts:
        w = [x.lower() for x in re.findall(r"[A-Za-z]{4,}", rng.choice(ts))]
        if not w:
            continue
        sel = rng.sample(w, min(len(w), rng.choice([1, 1, 2, 2, 3])))
        q = " ".join(sel)
        if len(sel) >= 2 and rng.random() < 0.15:
            q = '"' + q + '"'
        qs.append(q)
    return qs


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def rss_kib(pid):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def cpu_ms(pid):
    """The CPU time (user + system) process pid has used, in ms."""
    f = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(f[11]) + int(f[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def load():
    return open("/proc/loadavg").read().split()[0]


def pct(v, q):
    v = sorted(v)
    return v[min(len(v) - 1, int(q * len(v)))] if v else float("nan")


def run_wrk(url, lua, conns, secs):
    threads = min(conns, 2)
    out = subprocess.run(["wrk", "-t", str(threads), "-c", str(conns), "-d", f"{secs}s",
                          "--timeout", "10s", "-s", lua, url],
                         capture_output=True, text=True).stdout
    m = re.search(r"^RESULT (.*)$", out, re.M)
    if not m:
        sys.exit("bench: wrk printed no result:\n" + out)
    f = m.group(1).split()
    reqs, dur_us, sock, status = int(f[0]), int(f[1]), int(f[2]), int(f[3])
    return {"reqs": reqs, "rps": reqs / (dur_us / 1e6), "failed": sock + status,
            "p50": float(f[6]), "p95": float(f[7]), "p99": float(f[8]), "max": float(f[9])}


def usable(url, made, paths):
    """The queries the searcher answers (those of stop words alone are
    refused with 400), written as wrk's request paths."""
    qs = []
    for q in made:
        try:
            urllib.request.urlopen(f"{url}/api/search?n=10&q={urllib.parse.quote(q)}",
                                   timeout=30).read()
            qs.append(q)
        except urllib.error.HTTPError:
            pass
    with open(paths, "w") as f:
        for q in qs:
            f.write("/api/search?n=10&q=" + urllib.parse.quote(q) + "\n")
    return qs


def row(label, r, extra=""):
    cpu = f"{r['cpu']:8.2f}" if "cpu" in r else f"{'':>8}"
    print(f"{label:<32} {r['rps']:9.0f} {r['p50']:8.2f} {r['p95']:8.2f} {r['p99']:8.2f} "
          f"{r['failed']:7d} {cpu}  load {load()}{extra}")


def measured(pid, url, lua, conns, secs):
    """run_wrk(), with the server's CPU ms a request (what the load of
    other processes changes least: the wall-time rows depend on how much
    of the 2 cores the server got)."""
    before = cpu_ms(pid)
    r = run_wrk(url, lua, conns, secs)
    r["cpu"] = (cpu_ms(pid) - before) / max(r["reqs"], 1)
    return r


def main():
    if not shutil.which("wrk"):
        sys.exit("bench: wrk is missing (tools/install-deps bench installs it)")
    reuters = os.path.join(DATA, "corpora", "reuters21578")
    if not os.path.isdir(reuters):
        print("serve: skipped, the shared data (Reuters-21578) is absent")
        return 0
    print(f"\n== dateline-serve on Reuters-21578 ({os.cpu_count()} cores, shared with "
          f"other builds: see the load average beside each row)")
    with tempfile.TemporaryDirectory(prefix="dateline-serve-bench-") as tmp:
        db = os.environ.get("BENCH_SERVE_DB")
        if not db:
            db = os.path.join(tmp, "reuters.db")
            folder = os.path.join(tmp, "sgml")
            os.makedirs(folder)
            for f in sorted(os.listdir(reuters)):
                if f.endswith(".sgm"):
                    os.symlink(os.path.join(os.path.abspath(reuters), f),
                               os.path.join(folder, f))
            subprocess.run([os.path.join(BIN, "dateline-index"), "-q", "-d", db, folder],
                           check=True, stdout=subprocess.DEVNULL)
        made = make_queries(titles(reuters))
        lua = os.path.join(tmp, "walk.lua")
        paths = os.path.join(tmp, "paths")
        with open(lua, "w") as f:
            f.write(LUA % {"paths": paths})

        qs = None
        results = {}
        for label, extra, conns, soak in (("", [], (1, 8, 64), SOAK),
                                          (" no cache", ["--cache-mb", "0"], (1, 8, 64), 0)):
            port = free_port()
            srv = subprocess.Popen([os.path.join(BIN, "dateline-serve"), "-d", db, "--listen",
                                    f"127.0.0.1:{port}", "--max-clients", "256"] + extra,
                                   stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
            try:
                srv.stdout.readline()
                url = f"http://127.0.0.1:{port}"
                if qs is None:
                    qs = usable(url, made, paths)
                    print(f"{len(qs)} queries from the titles ({len(made) - len(qs)} of "
                          f"{len(made)} refused: stop words alone); GET /api/search?n=10&q=... "
                          f"(ten hits, snippets, facets, months); each connection walks them")
                    print(f"{'':<32} {'req/s':>9} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
                          f"{'failed':>7} {'CPU ms':>8}")
                run_wrk(url, lua, 8, 2)  # warm the page cache (and the answers' cache)
                for c in conns:
                    r = measured(srv.pid, url, lua, c, SECONDS)
                    results[(label, c)] = r
                    row(f"serve{label}, {c} conn., {SECONDS} s", r)
                if soak > 0:
                    before = rss_kib(srv.pid)
                    samples = []
                    result = {}
                    th = threading.Thread(target=lambda: result.update(
                        run_wrk(url, lua, 64, soak)))
                    th.start()
                    while th.is_alive():
                        samples.append(rss_kib(srv.pid))
                        th.join(timeout=5)
                    after = rss_kib(srv.pid)
                    half = len(samples) // 2
                    row(f"serve{label}, 64 conn., {soak} s", result,
                        f"; RSS MiB {before / 1024:.0f} before, {max(samples) / 1024:.0f} max, "
                        f"{after / 1024:.0f} after (mean of the samples' halves "
                        f"{statistics.mean(samples[:half] or [0]) / 1024:.1f}, "
                        f"{statistics.mean(samples[half:] or [0]) / 1024:.1f})")
            finally:
                srv.terminate()
                srv.wait()

        # The peer: a process per query, as a script calling the program would.
        times = []
        search = os.path.join(BIN, "dateline-search")
        for q in qs[:100]:
            t0 = time.perf_counter()
            subprocess.run([search, "-d", db, "--json", "--facets", "-n", "10", "--", q],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            times.append((time.perf_counter() - t0) * 1000)
        r = {"rps": 1000 / statistics.mean(times), "p50": pct(times, .5), "p95": pct(times, .95),
             "p99": pct(times, .99), "failed": 0}
        row("dateline-search per query", r, " (100 queries, one after another)")
        # Side by side: issue 16's goal (2,000 searches/s at 8
        # connections, p95 under 10 ms) beside what was measured.
        for label, what in (("", "answers of a repeating query set (the cache)"),
                            (" no cache", "searches never asked before")):
            x = results.get((label, 8))
            if x:
                print(f"8 conn., {what}: {x['rps']:.0f} req/s ({x['rps'] / 2000:.2f}x the "
                      f"goal of 2,000), p95 {x['p95']:.1f} ms (goal 10), "
                      f"{x['rps'] / r['rps']:.1f}x dateline-search per query; server CPU "
                      f"{x['cpu']:.2f} ms a request, so at most "
                      f"{1000 * os.cpu_count() / max(x['cpu'], 1e-3):.0f} req/s on "
                      f"{os.cpu_count()} idle cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
