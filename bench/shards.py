#!/usr/bin/env python3
"""make bench, the sharded archive (issue 17): indexing and queries in shards.

On a corpus made by bench/gen_corpus.py (BENCH_SHARD_SIZE articles, default
100000; the million on request with BENCH_SHARD_SIZE=1000000) it prints:
  indexing wall time (and CPU time, user + sys) into one index, into 2
  and 4 local shards (--shards N), and of one part alone (--shard 1/4),
  with the ratio to the whole;
  query latency p50/p95 (ms, timed inside dateline-search, --timings) over
  ~200 queries, ranking alone (TREC output), a full answer with ten
  snippets, and JSON with the facets of the best 1,000, for one index, a
  stub of 4 local shards and a stub of the same
  4 shards served by xapian-tcpsrv on 127.0.0.1 (remote backend), each
  query's time the median of BENCH_ROUNDS rounds (default 5), the systems
  taking turns; and what a remote shard adds (remote minus local);
  whether the 4 shards rank as the one index (ids and scores of the top
  10, ties as sets).
It also counts the messages a query sends to the 4 remote shards
(bench/remote_messages.py's relay), ranking, page and facets.
BENCH_SHARD_CORPUS=FOLDER uses a corpus generated before;
BENCH_SHARD_BUILT=DIR (with BENCH_SHARD_CORPUS) uses the indexes of that
corpus built before, DIR/s4 (--shards 4) and DIR/one.db (one index, if
there): no indexing, the queries alone;
BENCH_SHARD_SYSTEMS=4 builds only the 4 shards (no one index, no 2
shards: a loaded machine's shorter run).
Figures, not pass/fail: the machine is shared and loaded.
"""
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.environ.get("DATELINE_BIN", os.path.join(ROOT, "bin"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
SIZE = int(os.environ.get("BENCH_SHARD_SIZE", "100000"))
# A corpus already generated (gen_corpus.py SIZE FOLDER), used as it is.
CORPUS = os.environ.get("BENCH_SHARD_CORPUS")
# Which indexes to build and time: "one" (one index), "2" and "4" shards;
# without "one" the ranking is not compared and --shard 1/4 is set
# against the 4 shards' run (which indexes all of it too).
SYSTEMS = os.environ.get("BENCH_SHARD_SYSTEMS", "one,2,4").split(",")
BUILT = os.environ.get("BENCH_SHARD_BUILT")
sys.path.insert(0, os.path.join(ROOT, "bench"))
from bench import make_queries, pct, read_timings  # noqa: E402
import remote_messages  # noqa: E402
import tcpsrv  # noqa: E402


CPU = {}
# What is timed: the ranking alone, a page with snippets, and (JSON) a
# page with the facets of the best 1,000 matches.
MODES = (("ranking", ["--trec"]), ("+snippets", ["--color", "never"]),
         ("+facets", ["--json", "--facets"]))


def index(args):
    """Wall seconds of one indexing run; its CPU seconds (user + sys) go in
    CPU under the same key (the fairer figure on a loaded machine)."""
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.monotonic()
    subprocess.run([os.path.join(BIN, "dateline-index"), "-q"] + args, check=True)
    wall = time.monotonic() - t0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU[wall] = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    return wall


def run(db, qfile, extra):
    """One round: {qid: ms}, and the TREC lines when extra asks for them."""
    with tempfile.NamedTemporaryFile() as t:
        out = subprocess.run([os.path.join(BIN, "dateline-search"), "-d", db, "--batch", qfile,
                              "-n", "10", "--timings", t.name] + extra,
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True).stdout
        return read_timings(t.name), out


def tie_groups(trec):
    """{qid: [(score, {ids})]} of a TREC run: hits of equal score as a set."""
    out = {}
    for line in trec.splitlines():
        qid, _, doc, _, score, _ = line.split()
        g = out.setdefault(qid, [])
        if g and abs(g[-1][0] - float(score)) <= 1e-5:
            g[-1][1].add(doc)
        else:
            g.append((float(score), {doc}))
    return out


def main():
    if not shutil.which("xapian-tcpsrv"):
        print("shards: skipped, xapian-tcpsrv is missing (Debian's xapian-tools)")
        return 0
    if SIZE <= 0:
        return 0
    print(f"\n== shards: generated-{SIZE} (machine: {os.cpu_count()} cores, shared and "
          f"loaded: load average {os.getloadavg()[0]:.1f} at the start)")
    with tempfile.TemporaryDirectory(prefix="dateline-bench-shards-") as tmp:
        folder = CORPUS or os.path.join(tmp, "corpus")
        if BUILT and not CORPUS:
            raise SystemExit("shards: BENCH_SHARD_BUILT needs BENCH_SHARD_CORPUS")
        if BUILT:
            return queries(tmp, folder, os.path.join(BUILT, "s4"), os.path.join(BUILT, "one.db"),
                           os.path.isdir(os.path.join(BUILT, "one.db")))
        if not CORPUS:
            subprocess.run([sys.executable, os.path.join(ROOT, "bench", "gen_corpus.py"),
                            str(SIZE), folder], check=True, stdout=subprocess.DEVNULL)
        one = os.path.join(tmp, "one.db")
        rows = []
        if "one" in SYSTEMS:
            rows.append(("one index", index(["-d", one, folder])))
        for n in (2, 4):
            if str(n) in SYSTEMS:
                rows.append((f"{n} local shards", index(["--shards", str(n), "-d",
                                                          os.path.join(tmp, f"s{n}"), folder])))
        part = index(["--shard", "1/4", "-d", os.path.join(tmp, "part1of4.db"), folder])
        base = rows[0][1]
        print(f"{'indexing':<24} {'seconds':>8} {'vs ' + rows[0][0]:>7} {'CPU s':>8} {'vs':>7}")
        for name, secs in rows:
            print(f"{name:<24} {secs:8.1f} {secs / base:6.2f}x {CPU[secs]:8.1f} "
                  f"{CPU[secs] / CPU[base]:6.2f}x")
        print(f"{'--shard 1/4 alone':<24} {part:8.1f} {part / base:6.2f}x {CPU[part]:8.1f} "
              f"{CPU[part] / CPU[base]:6.2f}x  (1/4 of the whole would be 0.25x)", flush=True)
        return queries(tmp, folder, os.path.join(tmp, "s4"), one, "one" in SYSTEMS)


def queries(tmp, folder, local, one, have_one):
    """Query latency of one index (when have_one), 4 local and 4 remote
    shards; the messages of the remote ones; the rankings compared."""
    # The queries: from the titles of the header-block articles.
    tsv = os.path.join(tmp, "titles.tsv")
    with open(tsv, "w") as out:
        for d, _, fs in os.walk(folder):
            for f in fs:
                with open(os.path.join(d, f), errors="replace") as fh:
                    first = fh.readline()
                if first.startswith("Title: "):
                    out.write(f"{f}\t{first[7:].strip()}\n")
    qfile = os.path.join(tmp, "queries")
    qs = make_queries(tsv)
    with open(qfile, "w") as f:
        for i, q in enumerate(qs, 1):
            f.write(f"{i}\t{q}\n")

    remote = os.path.join(tmp, "remote")
    servers = []
    try:
        ports = tcpsrv.serve_shards(local, 4, remote, servers)
        systems = ((("one index", one),) if have_one else ()) + (
            ("4 local shards", local), ("4 remote shards", remote))
        times = {}
        trec = {}
        for _ in range(ROUNDS):
            for name, db in systems:
                for mode, extra in MODES:
                    t, out = run(db, qfile, extra)
                    if mode == "ranking":
                        trec[name] = out
                    for q, ms in t.items():
                        times.setdefault((name, mode), {}).setdefault(q, []).append(ms)
        # The messages a query sends, through a relay to each server.
        counter = remote_messages.Counter()
        relayed = os.path.join(tmp, "relayed")
        tcpsrv.write_stub(relayed, [remote_messages.Relay(port, counter).port for port in ports],
                          os.path.join(local, "vocabulary"))
        with open(qfile) as f:
            qtexts = [line.rstrip("\n").split("\t", 1)[1] for line in f]
        counts = remote_messages.measure(relayed, qtexts, ("ranking", "page", "facets"), tmp,
                                         counter)
    finally:
        for p in servers:
            tcpsrv.stop(p)
    common = set.intersection(*(set(t) for t in times.values()))
    print(f"queries (ms): the {len(common)} of {len(qs)} answered by all, each the "
          f"median of {ROUNDS} rounds")
    print(f"{'queries (ms)':<28} {'p50':>7} {'p95':>7}")
    p50 = {}
    for (name, mode), t in times.items():
        v = [statistics.median(t[q]) for q in common]
        p50[(name, mode)] = pct(v, .5)
        print(f"{name + ', ' + mode:<28} {pct(v, .5):7.2f} {pct(v, .95):7.2f}")
    for mode, _ in MODES:
        add = p50[("4 remote shards", mode)] - p50[("4 local shards", mode)]
        print(f"remote minus local, {mode}: p50 {add:+.2f} ms for 4 shards "
              f"({add / 4:+.2f} ms a shard)")
    remote_messages.report(counts, 4)
    b, c = tie_groups(trec["4 remote shards"]), tie_groups(trec["4 local shards"])
    # Remote against local: the same shards, so the same TREC lines.
    def by_query(run):
        out = {}
        for line in run.splitlines():
            out.setdefault(line.split()[0], []).append(line)
        return out
    rl, ll = by_query(trec["4 remote shards"]), by_query(trec["4 local shards"])
    unlike = sum(1 for q in set(rl) | set(ll) if rl.get(q) != ll.get(q))
    print(f"TREC runs of 4 remote shards unlike 4 local ones' (the same lines): "
          f"{unlike} of {len(ll)} queries")
    if "one index" not in trec:
        return 0
    a, b = tie_groups(trec["one index"]), tie_groups(trec["4 remote shards"])
    c = tie_groups(trec["4 local shards"])
    # The last group of a top 10 may be a tie cut at the tenth hit,
    # where one index and the shards keep others of the tied hits: its
    # score is compared, not its members.
    def same(g, h):
        return len(g) == len(h) and all(
            abs(x[0] - y[0]) <= 1e-5 and (x[1] == y[1] or i == len(g) - 1)
            for i, (x, y) in enumerate(zip(g, h)))
    def differ(x):
        return sum(1 for q in a if not same(a[q], x.get(q, [])))
    print(f"top-10 rankings unlike one index's (ties as sets): 4 local "
          f"{differ(c)}, 4 remote {differ(b)} of {len(a)} queries")
    return 0


if __name__ == "__main__":
    sys.exit(main())
