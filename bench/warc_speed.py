#!/usr/bin/env python3
"""make bench, web archives (issue 21): a WARC against the same pages as files.

The pages: the article extraction benchmark's real news pages (181, 174 KB
on average, ../shared/data/extraction), then Reuters-21578 stories written
as small HTML news pages (title, dateline, date, paragraphs) up to
BENCH_WARC_PAGES pages (default 1000). They are written once as HTML files
in a folder and once as a WARC of request + response records
(tools/make_warc.py), both .warc and .warc.gz (a gzip member per record).

Prints, per kind (real pages, Reuters pages, all; --kinds) and -j value
(--jobs, 0 the default): the indexing wall time, CPU time (user + sys) and
the busiest thread's CPU time of the folder and of each WARC, the median and
the best of BENCH_ROUNDS runs (default 3, the three taking turns so that the
load hits them alike), the WARC's speed per page over the folder's in each,
the load average before and after, and pages per CPU second (CPU time is the
fairer figure on a loaded machine, wall time what a user waits; the busiest
thread bounds the wall time on idle cores);
then whether every page's stored body (and title) is the same in the WARC's
index as in the folder's (dateline-search --show --json, page by page).
Figures, not pass/fail: the machine is shared and loaded.

  bench/warc_speed.py [--pages N] [--rounds R] [--kinds real,reuters,all]
                      [--jobs 1,0] [--keep DIR]
"""
import argparse
import glob
import gzip
import hashlib
import html
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.environ.get("DATELINE_BIN", os.path.join(ROOT, "bin"))
DATA = os.path.join(ROOT, "..", "shared", "data")
EXTRACTION = os.path.join(DATA, "extraction", "article-extraction-benchmark", "html")
REUTERS = os.path.join(DATA, "corpora", "reuters21578")


def real_pages():
    """The extraction benchmark's pages (bytes), in name order."""
    out = []
    for f in sorted(glob.glob(os.path.join(EXTRACTION, "*.html.gz"))):
        with gzip.open(f) as g:
            out.append(g.read())
    return out


def reuters_pages(n):
    """n Reuters stories with a title and a body, as HTML pages."""
    out = []
    if n <= 0:
        return out
    for f in sorted(glob.glob(os.path.join(REUTERS, "reut2-*.sgm"))):
        with open(f, "rb") as fh:
            text = fh.read().decode("latin-1")
        for m in re.finditer(r"<REUTERS.*?</REUTERS>", text, re.S):
            r = m.group(0)
            t = re.search(r"<TITLE>(.*?)</TITLE>", r, re.S)
            b = re.search(r"<BODY>(.*?)</BODY>", r, re.S)
            d = re.search(r"<DATE>\s*(\d+)-(\w+)-(\d+)", r)
            if not t or not b:
                continue
            title = html.unescape(t.group(1)).strip()
            body = html.unescape(b.group(1)).replace("\x03", "").strip()
            paras = [p.strip() for p in re.split(r"\n\s+", body) if p.strip()]
            date = "%s %s %s" % d.groups() if d else ""
            page = ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                    "<title>%s</title><meta name=\"date\" content=\"%s\"></head><body>"
                    "<header><nav><a href=\"/\">Home</a> <a href=\"/markets\">Markets</a></nav>"
                    "</header><article><h1>%s</h1>%s</article><footer>Reuters</footer>"
                    "</body></html>\n") % (
                html.escape(title), html.escape(date), html.escape(title),
                "".join("<p>%s</p>" % html.escape(p) for p in paras))
            out.append(page.encode("utf-8"))
            if len(out) == n:
                return out
    return out


def rid(*parts):
    """The record id tools/make_warc.py gives (derived from its arguments)."""
    return "urn:uuid:%s" % uuid.UUID(hashlib.sha1("|".join(parts).encode()).hexdigest()[:32])


TICK = os.sysconf("SC_CLK_TCK")


def thread_cpu(pid, seen):
    """Each live thread's CPU seconds (user + sys, /proc/PID/task/TID/stat)
    into seen[tid]; a thread that has ended keeps its last reading."""
    try:
        tids = os.listdir("/proc/%d/task" % pid)
    except OSError:
        return
    for tid in tids:
        try:
            with open("/proc/%d/task/%s/stat" % (pid, tid)) as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # After the name: state is field 3, utime 14 and stime 15.
        seen[tid] = (int(fields[11]) + int(fields[12])) / TICK


def index(db, target, jobs):
    """One run: wall s, CPU s (user + sys) and the busiest thread's CPU s
    (read from /proc every 10 ms while it runs: a thread's last 10 ms
    before it ends may be missed)."""
    shutil.rmtree(db, ignore_errors=True)
    cmd = [os.path.join(BIN, "dateline-index"), "-q", "-d", db]
    if jobs:
        cmd += ["-j", str(jobs)]
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.monotonic()
    p = subprocess.Popen(cmd + [target])
    seen = {}
    while p.poll() is None:
        thread_cpu(p.pid, seen)
        time.sleep(0.01)
    wall = time.monotonic() - t0
    if p.returncode != 0:
        raise subprocess.CalledProcessError(p.returncode, cmd + [target])
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    return wall, cpu, max(seen.values()) if seen else cpu


def median(v):
    v = sorted(v)
    return (v[len(v) // 2] + v[(len(v) - 1) // 2]) / 2


INDEX_CHECK = os.environ.get("INDEX_CHECK", os.path.join(ROOT, "build", "opt", "tests", "index_check"))


def count(db):
    """The index's number of articles (tests/index_check's docs line)."""
    out = subprocess.run([INDEX_CHECK, db], capture_output=True, text=True)
    for line in out.stdout.splitlines():
        if line.startswith("docs "):
            return line.split()[1]
    return "?"


def show(db, ident):
    out = subprocess.run([os.path.join(BIN, "dateline-search"), "-d", db, "--json",
                          "--show", ident], capture_output=True, text=True)
    if out.returncode != 0:
        return None
    return json.loads(out.stdout)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=int(os.environ.get("BENCH_WARC_PAGES", "1000")))
    ap.add_argument("--rounds", type=int, default=int(os.environ.get("BENCH_ROUNDS", "3")))
    ap.add_argument("--keep", help="build in this folder and keep it")
    ap.add_argument("--kinds", default="all",
                    help="which pages, comma-separated: real, reuters, all (default all)")
    ap.add_argument("--jobs", default="1,0", help="-j values, 0 the default (default 1,0)")
    args = ap.parse_args()
    if not os.path.isdir(EXTRACTION):
        print("warc bench: skipped (no %s)" % EXTRACTION)
        return
    real = real_pages()[:args.pages]
    news = reuters_pages(max(0, args.pages - len(real)))
    work = args.keep or tempfile.mkdtemp(prefix="dateline-warc-")
    os.makedirs(work, exist_ok=True)
    kinds = {}
    try:
        for kind, pages in (("real", real), ("reuters", news), ("all", real + news)):
            if not pages or kind not in args.kinds.split(","):
                continue
            folder = os.path.join(work, kind, "pages")
            os.makedirs(folder, exist_ok=True)
            specs, names = [], []
            for i, p in enumerate(pages):
                name = "page-%04d.html" % i
                with open(os.path.join(folder, name), "wb") as f:
                    f.write(p)
                names.append(name)
                specs.append("http://bench.example/%s/%s=%s" % (kind, name, os.path.join(folder, name)))
            warcs = {}
            for ext in ("warc", "warc.gz"):
                w = os.path.join(work, kind, "pages." + ext)
                subprocess.run([sys.executable, os.path.join(ROOT, "tools", "make_warc.py"), w]
                               + specs, check=True)
                warcs[ext] = w
            kinds[kind] = (folder, warcs, names, specs, sum(len(p) for p in pages))
        print("WARC vs the same pages as HTML files, %d rounds taking turns (folder, .warc, "
              ".warc.gz, folder, ...): per kind the median (and best) wall s, CPU s (user+sys) "
              "and busiest thread's CPU s; the folder's over the WARC's, i.e. the WARC's speed "
              "per page over the folder's; the load average (1 min) before and after" % args.rounds)
        print("%-8s %5s %6s %4s %-8s  %-17s %-17s %-17s  %s" % (
            "pages", "count", "MiB", "jobs", "kind", "wall", "cpu", "busiest thread",
            "folder/kind: wall cpu busiest"))
        for kind, (folder, warcs, names, specs, size) in kinds.items():
            for jobs in [int(j) for j in args.jobs.split(",")]:
                runs = {}
                load0 = os.getloadavg()[0]
                for _ in range(args.rounds):
                    for what, target in (("folder", folder), ("warc", warcs["warc"]),
                                         ("warc.gz", warcs["warc.gz"])):
                        runs.setdefault(what, []).append(
                            index(os.path.join(work, kind, "db-" + what), target, jobs))
                load1 = os.getloadavg()[0]
                n = len(names)
                med = {w: [median([r[i] for r in v]) for i in range(3)] for w, v in runs.items()}
                best = {w: [min(r[i] for r in v) for i in range(3)] for w, v in runs.items()}
                for what in ("folder", "warc", "warc.gz"):
                    cells = ["%6.2f (%6.2f)" % (med[what][i], best[what][i]) for i in range(3)]
                    ratio = "" if what == "folder" else "%.2f %.2f %.2f (best %.2f %.2f %.2f)" % (
                        tuple(med["folder"][i] / med[what][i] for i in range(3))
                        + tuple(best["folder"][i] / best[what][i] for i in range(3)))
                    print("%-8s %5d %6.1f %4s %-8s  %s  %s" % (
                        kind, n, size / 1048576, jobs or "dflt", what, " ".join(cells), ratio),
                        flush=True)
                print("%-8s %5d %6.1f %4s load    %.1f -> %.1f; pages per CPU second: folder "
                      "%.0f, .warc %.0f, .warc.gz %.0f" % (
                          kind, n, size / 1048576, jobs or "dflt", load0, load1,
                          n / med["folder"][1], n / med["warc"][1], n / med["warc.gz"][1]),
                      flush=True)
        # The same bodies: page by page, the folder's article against the WARC's.
        for kind, (folder, warcs, names, specs, size) in kinds.items():
            dbf = os.path.join(work, kind, "db-folder")
            dbw = os.path.join(work, kind, "db-warc.gz")
            same = diff = missing = 0
            first = None
            for name, spec in zip(names, specs):
                url = spec.split("=", 1)[0]
                a = show(dbf, name)
                b = show(dbw, os.path.basename(warcs["warc.gz"]) + "#" + rid(url, "response"))
                if a is None or b is None:
                    missing += 1
                    first = first or (name, "missing in %s" % ("folder" if a is None else "warc"))
                    continue
                if a.get("body") == b.get("body") and a.get("title") == b.get("title"):
                    same += 1
                else:
                    diff += 1
                    first = first or (name, "body or title differs")
            print("same bodies (%s): %d same, %d different, %d missing; articles: folder %s, "
                  "warc %s%s" % (kind, same, diff, missing, count(dbf), count(dbw),
                                 "" if not first else "; first: %s %s" % first))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
