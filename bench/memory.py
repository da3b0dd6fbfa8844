#!/usr/bin/env python3
"""make bench: the indexer's peak memory on hostile files (issue 20).

Generates, in a temporary folder, the files that once took gigabytes:
one 200 MB article (as bare text and as one HTML page, indexed with
--max-size raised), two 49 MB one-article files (just under the default
50 MiB limit) and an RSS feed of 100,000 items; indexes each folder into
a new index with the default jobs and prints the wall time, the peak RSS
(/usr/bin/time's maximum resident set) and the articles indexed, beside
the goal: under 1 GB (1,000 MB) peak RSS with the default jobs. A feed of
49 MB (as many items as fit under the default limit) shows where a feed's
memory goes with its size.

  bench/memory.py [--only NAME]...    DATELINE_BIN, INDEX_CHECK; BENCH_MEMORY_SCALE scales the sizes

Figures, not pass/fail: the machine is shared and noisy (the RSS less so).
"""
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.environ.get("DATELINE_BIN", os.path.join(ROOT, "bin"))
CHECK = os.environ.get("INDEX_CHECK", os.path.join(ROOT, "build", "opt", "tests", "index_check"))
SCALE = float(os.environ.get("BENCH_MEMORY_SCALE", "1"))
GOAL_MB = 1000

WORDS = ("the minister said talks on the treaty would resume in Geneva next week "
         "after officials from both sides met for three hours oil prices rose sharply "
         "as traders weighed the report central bank rates inflation exports grain "
         "harvest election campaign parliament vote opposition leader coalition "
         "government budget deficit unemployment figures shares closed higher").split()


def paragraphs(rng, nbytes):
    """Yield paragraphs of words, about nbytes in all."""
    done = 0
    while done < nbytes:
        p = " ".join(rng.choice(WORDS) for _ in range(rng.randint(40, 120))).capitalize() + ".\n\n"
        done += len(p)
        yield p


def write_text(path, nbytes, rng):
    with open(path, "w") as f:
        f.write("Talks resume in Geneva\n\n")
        for p in paragraphs(rng, nbytes):
            f.write(p)


def write_html(path, nbytes, rng):
    with open(path, "w") as f:
        f.write("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                "<title>Talks resume in Geneva</title></head><body><article>"
                "<h1>Talks resume in Geneva</h1>\n")
        for p in paragraphs(rng, nbytes):
            f.write("<p>" + p.strip() + "</p>\n")
        f.write("</article></body></html>\n")


def write_feed(path, items, rng, nbytes=None):
    """A feed of items, or of as many as make about nbytes."""
    with open(path, "w") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
                "<title>Wire</title><link>http://example.com/</link>\n")
        i = 0
        while (i < items) if nbytes is None else (f.tell() < nbytes):
            i += 1
            body = " ".join(rng.choice(WORDS) for _ in range(rng.randint(15, 35)))
            f.write(f"<item><title>Story {i}</title><link>http://example.com/{i}</link>"
                    f"<guid>http://example.com/{i}</guid>"
                    f"<pubDate>Mon, 03 Mar 2014 10:{i % 60:02d}:00 GMT</pubDate>"
                    f"<description>{body}.</description></item>\n")
        f.write("</channel></rss>\n")


def timed(cmd):
    """Run cmd under /usr/bin/time: (seconds, peak RSS in MB, exit status, stderr)."""
    with tempfile.NamedTemporaryFile() as t:
        t0 = time.monotonic()
        r = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", t.name] + cmd,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        secs = time.monotonic() - t0
        rss = int(open(t.name).read().split()[-1]) * 1024 / 1e6
    return secs, rss, r.returncode, r.stderr


def articles(db):
    """The article count of an index (index_check's 'docs N')."""
    r = subprocess.run([CHECK, db], capture_output=True, text=True)
    for line in r.stdout.splitlines():
        if line.startswith("docs "):
            return line.split()[1]
    return "?"


def main():
    only = [a for a in sys.argv[1:] if a != "--only"]
    mb = int(1e6 * SCALE)
    cases = [
        ("text-200MB", "one 200 MB bare-text article", ["--max-size", str(300 * mb)],
         lambda d, rng: write_text(os.path.join(d, "big.txt"), 200 * mb, rng)),
        ("html-200MB", "one 200 MB HTML page", ["--max-size", str(300 * mb)],
         lambda d, rng: write_html(os.path.join(d, "big.html"), 200 * mb, rng)),
        ("two-49MB", "two 49 MB files (text, HTML)", [],
         lambda d, rng: (write_text(os.path.join(d, "a.txt"), 49 * mb, rng),
                         write_html(os.path.join(d, "b.html"), 49 * mb, rng))),
        ("feed-100k", "an RSS feed of 100,000 items", [],
         lambda d, rng: write_feed(os.path.join(d, "wire.rss"), int(100000 * SCALE), rng)),
        ("feed-49MB", "an RSS feed of 49 MB", [],
         lambda d, rng: write_feed(os.path.join(d, "wire.rss"), 0, rng, 49 * mb)),
    ]
    tmp = tempfile.mkdtemp(prefix="dateline-memory.")
    try:
        print(f"\n== memory (issue 20): peak RSS indexing hostile files, default jobs "
              f"({os.cpu_count()} cores); goal < {GOAL_MB} MB")
        print(f"{'files':<32} {'MB':>6} {'seconds':>8} {'RSS MB':>8} {'articles':>9}  goal")
        for name, label, opts, gen in cases:
            if only and name not in only:
                continue
            folder = os.path.join(tmp, name)
            os.mkdir(folder)
            gen(folder, random.Random(20))
            size = sum(os.path.getsize(os.path.join(folder, f)) for f in os.listdir(folder)) / 1e6
            db = os.path.join(tmp, name + ".db")
            secs, rss, st, err = timed([os.path.join(BIN, "dateline-index"), "-q", "-d", db]
                                       + opts + [folder])
            n = articles(db) if st == 0 else f"exit {st}"
            print(f"{label:<32} {size:6.0f} {secs:8.1f} {rss:8.0f} {n:>9}  "
                  f"{'met' if rss < GOAL_MB and st == 0 else 'NOT MET'}")
            for line in err.splitlines()[:2]:
                print(f"    {line[:150]}")
            shutil.rmtree(folder)
            shutil.rmtree(db, ignore_errors=True)
            sys.stdout.flush()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
