#!/usr/bin/env python3
"""make bench: Dateline beside its peers, measured side by side in one run.

For each corpus — Reuters-21578 and BBC from ../shared/data, and a corpus
made by bench/gen_corpus.py (BENCH_SIZES, default 100000 articles; 0 skips
it) — it prints, for Dateline and for the peers:
  indexing wall time, articles/s, MB/s, peak RSS, index size (and after
  xapian-compact);
  query latency p50/p95/p99, timed inside one process (--timings), for
  ranking alone (TREC output) and for a full answer with ten snippets,
  over ~200 queries mixing rare and frequent words, phrases and fields,
  and over three sets of frequent words (frequent_queries: the 100 most
  frequent stems, 100 words of the next 900, 100 pairs), each its own rows;
and the ratios against the peers; and how fast HTML pages are read (the
extraction benchmark's 181 pages: the readers alone, and indexed). The peers are build/xapian-ref (the
reference Xapian program: TermGenerator, QueryParser, BM25) and SQLite FTS5;
they index the article text Dateline's readers extract (entities-dump
--text), so the peers' times leave out reading the formats.
Figures, not pass/fail: the machine is shared and noisy.
"""
import os
import random
import re
import resource
import shutil
import statistics
import sqlite3
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.environ.get("DATELINE_DATA", os.path.join(ROOT, "..", "shared", "data"))
BIN = os.environ.get("DATELINE_BIN", os.path.join(ROOT, "bin"))
REF = os.path.join(ROOT, "build", "xapian-ref")
DUMP = os.path.join(ROOT, "build", "opt", "bench", "entities-dump")
EXTRACT = os.path.join(ROOT, "build", "opt", "bench", "extract-dump")
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))


def du(path):
    total = 0
    for d, _, files in os.walk(path):
        for f in files:
            total += os.path.getsize(os.path.join(d, f))
    return total / 2**20 if os.path.isdir(path) else os.path.getsize(path) / 2**20


def timed(cmd, **kw):
    """Run cmd under /usr/bin/time: (seconds, peak RSS in MiB)."""
    with tempfile.NamedTemporaryFile() as t:
        t0 = time.monotonic()
        subprocess.run(["/usr/bin/time", "-f", "%M", "-o", t.name] + cmd, check=True, **kw)
        secs = time.monotonic() - t0
        rss = int(open(t.name).read().split()[-1]) / 1024
    return secs, rss


def compacted(db, tmp):
    out = os.path.join(tmp, os.path.basename(db) + ".compact")
    if shutil.which("xapian-compact"):
        subprocess.run(["xapian-compact", db, out], stdout=subprocess.DEVNULL, check=True)
        return du(out)
    return float("nan")


def pct(v, q):
    v = sorted(v)
    return v[min(len(v) - 1, int(q * len(v)))] if v else float("nan")


def read_timings(path):
    """{qid: milliseconds} of a --timings file."""
    return {l.split("\t")[0]: float(l.split("\t")[1]) for l in open(path) if "\t" in l}


def make_queries(tsv, n=200, seed=3):
    """Queries from the titles: 1-4 words, some phrases and title: fields."""
    rng = random.Random(seed)
    titles = []
    with open(tsv) as f:
        for line in f:
            t = line.split("\t")
            if len(t) > 1 and t[1].strip():
                titles.append(t[1])
    qs = []
    while len(qs) < n and titles:
        w = [x.lower() for x in re.findall(r"[A-Za-z]{3,}", rng.choice(titles))]
        if not w:
            continue
        k = min(len(w), rng.choice([1, 1, 2, 2, 3, 4]))
        sel = rng.sample(w, k)
        r = rng.random()
        if r < 0.15 and k >= 2:
            q = '"' + " ".join(sel[:2]) + '"'
        elif r < 0.25:
            q = "title:" + " ".join(sel)
        else:
            q = " ".join(sel)
        qs.append(q)
    return qs


def bench(name, folder, tmp):
    print(f"\n== {name}")
    texts = os.path.join(tmp, f"{name}.tsv")
    files = [os.path.join(d, f) for d, _, fs in os.walk(folder, followlinks=True) for f in fs
             if not f.startswith(".")]
    with open(texts, "w") as out:
        for i in range(0, len(files), 500):
            subprocess.run([DUMP, "--text"] + files[i:i + 500], stdout=out, check=True)
    narticles = sum(1 for _ in open(texts))
    mb = sum(os.path.getsize(f) for f in files) / 2**20
    rows = []

    db = os.path.join(tmp, f"{name}.dateline")
    secs, rss = timed([os.path.join(BIN, "dateline-index"), "-q", "-d", db, folder])
    t0 = time.monotonic()
    subprocess.run([os.path.join(BIN, "dateline-index"), "-q", "-d", db, folder], check=True)
    rerun = time.monotonic() - t0
    rows.append(("dateline", secs, rss, du(db), compacted(db, tmp)))

    ref_db = os.path.join(tmp, f"{name}.ref")
    if os.path.exists(REF):
        secs, rss = timed([REF, "index", ref_db, texts])
        rows.append(("xapian-ref", secs, rss, du(ref_db), compacted(ref_db, tmp)))

    fts = os.path.join(tmp, f"{name}.fts5")
    t0 = time.monotonic()
    con = sqlite3.connect(fts)
    con.execute("CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, body, "
                "tokenize='porter unicode61')")
    with open(texts) as f:
        con.executemany("INSERT INTO docs VALUES (?, ?, ?)",
                        (l.rstrip("\n").split("\t", 2) for l in f if l.count("\t") >= 2))
    con.commit()
    rows.append(("sqlite-fts5", time.monotonic() - t0,
                 resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, du(fts), float("nan")))

    print(f"{narticles} articles, {mb:.1f} MiB in {len(files)} files; "
          f"Dateline's unchanged re-run: {rerun:.2f} s")
    print(f"{'indexing':<12} {'seconds':>8} {'art/s':>8} {'MiB/s':>7} {'RSS MiB':>8} "
          f"{'index MiB':>9} {'compact':>8}  {'vs dateline':>11}")
    base = rows[0][1]
    for sysname, secs, rss, size, comp in rows:
        print(f"{sysname:<12} {secs:8.2f} {narticles / secs:8.0f} {mb / secs:7.2f} {rss:8.0f} "
              f"{size:9.1f} {comp:8.1f}  {secs / base:10.2f}x")

    sets = [("mixed", make_queries(texts))]
    if os.path.exists(REF):
        sets += frequent_queries(db, ref_db, tmp)
    for setname, qs in sets:
        time_queries(setname, qs, db, ref_db, con, tmp)
    con.close()


def answered(db, qs, tmp):
    """The queries of qs Dateline answers (it refuses a query of stop
    words only), in order."""
    qfile, tfile = os.path.join(tmp, "candidates"), os.path.join(tmp, "t")
    with open(qfile, "w") as f:
        for i, q in enumerate(qs, 1):
            f.write(f"{i}\t{q}\n")
    subprocess.run([os.path.join(BIN, "dateline-search"), "-d", db, "--batch", qfile,
                    "-n", "1", "--trec", "--timings", tfile],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ok = read_timings(tfile)
    return [q for i, q in enumerate(qs, 1) if str(i) in ok]


def frequent_queries(db, ref_db, tmp, seed=5):
    """The frequent-word query sets (issue 22): the words of the corpus's
    100 most frequent stems (by documents, from the reference index: each
    stem's commonest unstemmed word), 100 words of the stems ranked
    101-1000, and 100 pairs of words of the 300 most frequent. Stop words
    are left out (Dateline refuses a query of them alone)."""
    rng = random.Random(seed)
    out = subprocess.run([REF, "terms", ref_db, "1500"], capture_output=True, text=True,
                         check=True).stdout
    words = answered(db, [l.split("\t")[0] for l in out.splitlines() if "\t" in l], tmp)
    top, rest = words[:100], words[100:1000]
    singles = rng.sample(rest, min(100, len(rest)))
    pairs = []
    while len(pairs) < 100 and len(words) >= 2:
        a, b = rng.sample(words[:300], 2)
        pairs.append(f"{a} {b}")
    return [("top-100 stems", top), ("frequent words", singles), ("frequent pairs", pairs)]


def time_queries(setname, qs, db, ref_db, con, tmp):
    """One query set's latency rows, every system side by side."""
    qfile = os.path.join(tmp, "queries")
    with open(qfile, "w") as f:
        for i, q in enumerate(qs, 1):
            f.write(f"{i}\t{q}\n")
    # Single runs of a query set vary by 20% on a shared machine: every
    # system answers the set ROUNDS times, the systems taking turns, and
    # each query's time is its median over the rounds.
    runs = {}
    def add(label, t):
        for q, ms in t.items():
            runs.setdefault(label, {}).setdefault(q, []).append(ms)
    tfile = os.path.join(tmp, "t")
    for _ in range(ROUNDS):
        for label, extra in (("dateline ranking", ["--trec"]),
                             ("dateline +snippets", ["--color", "never"])):
            subprocess.run([os.path.join(BIN, "dateline-search"), "-d", db, "--batch", qfile,
                            "-n", "10", "--timings", tfile] + extra,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            add(label, read_timings(tfile))
        if os.path.exists(REF):
            subprocess.run([REF, "search", ref_db, qfile, "10", tfile],
                           stdout=subprocess.DEVNULL, check=True)
            add("xapian-ref", read_timings(tfile))
        times = {}
        for i, q in enumerate(qs, 1):
            words = re.findall(r"\w+", q.replace("title:", ""))
            m = " OR ".join(f'"{w}"' for w in words)
            if q.startswith('"'):
                m = '"' + " ".join(words) + '"'
            t0 = time.perf_counter()
            con.execute("SELECT id, bm25(docs) FROM docs WHERE docs MATCH ? "
                        "ORDER BY bm25(docs) LIMIT 10", (m,)).fetchall()
            times[str(i)] = (time.perf_counter() - t0) * 1000
        add("sqlite-fts5", times)
    lat = [(label, {q: statistics.median(v) for q, v in t.items()})
           for label, t in runs.items()]
    # Every row over the same queries: those all the systems answered
    # (Dateline refuses a query of stop words only; the peers answer it,
    # often fast, which would lower their percentiles).
    common = set.intersection(*(set(t) for _, t in lat))
    lat = [(label, [t[q] for q in common]) for label, t in lat]
    print(f"{setname} queries (ms): the {len(common)} of {len(qs)} that every system "
          f"answered, each the median of {ROUNDS} rounds")
    print(f"{'queries (ms)':<20} {'n':>4} {'p50':>7} {'p95':>7} {'p99':>7}  {'p50 vs ref':>10}"
          f" {'p95 vs ref':>10}")
    ref = next((v for l, v in lat if l == "xapian-ref"), None)
    ref50 = pct(ref, 0.5) if ref else float("nan")
    ref95 = pct(ref, 0.95) if ref else float("nan")
    for label, v in lat:
        print(f"{label:<20} {len(v):>4} {pct(v, .5):7.3f} {pct(v, .95):7.3f} {pct(v, .99):7.3f}"
              f"  {pct(v, .5) / ref50:9.2f}x {pct(v, .95) / ref95:9.2f}x")


def html_reading(tmp):
    """How fast HTML pages are read: the extraction benchmark's pages
    (real news pages, 181), by the readers alone (extract-dump: parse,
    find the article and its fields) and indexed (dateline-index -j1
    --no-entities into a new index: reading, analysis and Xapian's
    writer), each the median of ROUNDS runs."""
    import gzip
    src = os.path.join(DATA, "extraction", "article-extraction-benchmark", "html")
    if not os.path.isdir(src) or not os.path.exists(EXTRACT):
        print("\nhtml: skipped (the extraction benchmark or extract-dump is absent)")
        return
    folder = os.path.join(tmp, "html-pages")
    os.makedirs(folder)
    pages = sorted(f for f in os.listdir(src) if f.endswith(".html.gz"))
    for f in pages:
        with gzip.open(os.path.join(src, f)) as g, open(os.path.join(folder, f[:-3]), "wb") as o:
            o.write(g.read())
    files = [os.path.join(folder, f[:-3]) for f in pages]
    mb = du(folder)
    print(f"\n== html\n{len(files)} pages, {mb:.1f} MiB (the article extraction benchmark)")
    print(f"{'reading':<24} {'seconds':>8} {'pages/s':>8} {'MiB/s':>7} {'RSS MiB':>8}")
    rows = (("readers (extract-dump)", [EXTRACT] + files, None),
            ("dateline-index -j1", [os.path.join(BIN, "dateline-index"), "-q", "-j1",
                                    "--no-entities", "-d", None, folder], "db"))
    for label, cmd, db in rows:
        secs, rss = [], 0
        for r in range(ROUNDS):
            c = list(cmd)
            if db:
                path = os.path.join(tmp, f"html-{r}.db")
                c[c.index(None)] = path
            t, m = timed(c, stdout=subprocess.DEVNULL)
            secs.append(t)
            rss = max(rss, m)
            if db:
                shutil.rmtree(path, ignore_errors=True)
        t = statistics.median(secs)
        print(f"{label:<24} {t:8.2f} {len(files) / t:8.0f} {mb / t:7.2f} {rss:8.0f}")
    shutil.rmtree(folder, ignore_errors=True)


def main():
    for tool in (DUMP, os.path.join(BIN, "dateline-index")):
        if not os.path.exists(tool):
            sys.exit(f"bench: {tool} is missing (make bench builds it)")
    print(f"machine: {os.cpu_count()} cores; {time.strftime('%Y-%m-%d')}")
    with tempfile.TemporaryDirectory(prefix="dateline-bench-") as tmp:
        reuters = os.path.join(DATA, "corpora", "reuters21578")
        if os.path.isdir(reuters):
            folder = os.path.join(tmp, "reuters-sgml")
            os.makedirs(folder)
            for f in sorted(os.listdir(reuters)):
                if f.endswith(".sgm"):
                    os.symlink(os.path.abspath(os.path.join(reuters, f)), os.path.join(folder, f))
            bench("reuters", folder, tmp)
        else:
            print("reuters: skipped, the shared data is absent")
        bbc = os.path.join(DATA, "corpora", "bbc")
        if os.path.isdir(bbc):
            bench("bbc", bbc, tmp)
        html_reading(tmp)
        for size in [int(s) for s in os.environ.get("BENCH_SIZES", "100000").split(",") if s]:
            if size <= 0:
                continue
            folder = os.path.join(tmp, f"gen{size}")
            t0 = time.monotonic()
            subprocess.run([sys.executable, os.path.join(ROOT, "bench", "gen_corpus.py"),
                            str(size), folder], check=True)
            print(f"\n(generated {size} articles in {time.monotonic() - t0:.0f} s)")
            bench(f"generated-{size}", folder, tmp)
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
