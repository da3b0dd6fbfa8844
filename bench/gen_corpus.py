#!/usr/bin/env python3
"""Generate a corpus of N articles for the benchmark, deterministically.

  gen_corpus.py N OUTDIR [--seed S]

Article lengths, vocabulary (with its frequencies), names and places are
sampled from the shared real corpora (../shared/data: BBC and
Reuters-21578); the articles are written in the formats Dateline reads:
header-block text (70%), text scraped from a page (10%), bare text (10%),
HTML (5%), and RSS feeds of ten items (5% of the articles). 1,000 files per
folder. The same N and seed always give the same files.
"""
import argparse
import glob
import html
import os
import random
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.environ.get("DATELINE_DATA", os.path.join(ROOT, "..", "shared", "data"))
WORD = re.compile(r"[A-Za-z][a-z']+|[0-9]+")


def sample_sources():
    """Texts of the real corpora: (lengths in words, word counts, names)."""
    texts = []
    for path in sorted(glob.glob(os.path.join(DATA, "corpora", "bbc", "*", "*.txt"))):
        texts.append(open(path, encoding="latin-1").read())
    for path in sorted(glob.glob(os.path.join(DATA, "corpora", "reuters21578", "*.sgm"))):
        body = open(path, encoding="latin-1").read()
        texts += re.findall(r"<BODY>(.*?)</BODY>", body, re.S)
    if not texts:
        sys.exit(f"gen_corpus: no real corpus under {DATA}")
    lengths, counts, caps = [], {}, {}
    for t in texts:
        words = WORD.findall(t)
        lengths.append(len(words))
        for w in words:
            if w[0].isupper():
                caps[w] = caps.get(w, 0) + 1
            lw = w.lower()
            counts[lw] = counts.get(lw, 0) + 1
    vocab = sorted(counts, key=lambda w: (-counts[w], w))[:50000]
    weights = [counts[w] for w in vocab]
    names = [w for w in sorted(caps, key=lambda w: (-caps[w], w)) if len(w) > 3][:3000]
    return lengths, vocab, weights, names


PLACES = ["Paris", "London", "Moscow", "Kyiv", "Crimea", "Washington", "Berlin",
          "Geneva", "Tokyo", "Beijing", "New York", "Brussels", "Vienna", "Madrid",
          "Rome", "Warsaw", "Minsk", "Havana", "Cairo", "Sydney"]
FIRST = ["John", "Sergei", "Angela", "Maria", "David", "Anna", "Peter", "Elena",
         "James", "Laura", "Michael", "Olga", "Robert", "Sarah", "Thomas", "Yulia"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int)
    ap.add_argument("outdir")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    lengths, vocab, weights, names = sample_sources()
    cum, total = [], 0
    for w in weights:
        total += w
        cum.append(total)

    def words(k):
        return rng.choices(vocab, cum_weights=cum, k=k)

    def sentence_text(k):
        out, ws = [], words(k)
        i = 0
        while i < len(ws):
            n = rng.randint(8, 25)
            s = ws[i:i + n]
            # A person or a place now and then.
            if rng.random() < 0.3:
                s.insert(rng.randrange(len(s) + 1), f"{rng.choice(FIRST)} {rng.choice(names)}")
            if rng.random() < 0.3:
                s.insert(rng.randrange(len(s) + 1), rng.choice(PLACES))
            s[0] = s[0].capitalize()
            out.append(" ".join(s) + ".")
            i += n
        paras, p = [], []
        for s in out:
            p.append(s)
            if len(p) >= rng.randint(2, 5):
                paras.append(" ".join(p))
                p = []
        if p:
            paras.append(" ".join(p))
        return "\n\n".join(paras)

    def article(i):
        n = max(30, min(2000, rng.choice(lengths)))
        title = " ".join(words(rng.randint(5, 10))).capitalize()
        author = f"{rng.choice(FIRST)} {rng.choice(names)}"
        year, month, day = rng.randint(1987, 2025), rng.randint(1, 12), rng.randint(1, 28)
        date = f"{year:04d}-{month:02d}-{day:02d}"
        return title, author, date, rng.choice(PLACES), sentence_text(n)

    os.makedirs(args.outdir, exist_ok=True)
    i = 0
    months = ["January", "February", "March", "April", "May", "June", "July",
              "August", "September", "October", "November", "December"]
    while i < args.n:
        folder = os.path.join(args.outdir, f"{i // 1000:04d}")
        os.makedirs(folder, exist_ok=True)
        r = rng.random()
        if r < 0.05 and args.n - i >= 10:
            items = [article(i + k) for k in range(10)]
            with open(os.path.join(folder, f"a{i:07d}.rss"), "w") as f:
                f.write('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
                        '<title>Generated feed</title>\n')
                for k, (t, a, d, p, b) in enumerate(items):
                    f.write(f"<item><title>{html.escape(t)}</title><guid>g{i + k}</guid>"
                            f"<pubDate>{d}</pubDate><author>{html.escape(a)}</author>"
                            f"<description>{html.escape(b)}</description></item>\n")
                f.write("</channel></rss>\n")
            i += 10
            continue
        t, a, d, p, b = article(i)
        y, m, dd = d.split("-")
        if r < 0.75:
            text = f"Title: {t}\nAuthor: {a}\nDate: {d}\nPlace: {p}\nSource: Generated\n\n{b}\n"
            name = f"a{i:07d}.txt"
        elif r < 0.85:
            text = (f"Home | World | News\nShare this article\nTweet\n"
                    f"Posted {months[int(m) - 1]} {int(dd)}, {y} by\n{a}\n{p}\n{t}\n\n{b}\n"
                    f"Share\nComments ({rng.randint(0, 99)})\n")
            name = f"a{i:07d}.txt"
        elif r < 0.95:
            text = f"{t}\n\n{b}\n"
            name = f"a{i:07d}.txt"
        else:
            paras = "".join(f"<p>{html.escape(x)}</p>\n" for x in b.split("\n\n"))
            text = (f"<!DOCTYPE html><html><head><title>{html.escape(t)}</title>"
                    f'<meta name="author" content="{html.escape(a)}">'
                    f'<meta property="article:published_time" content="{d}"></head><body>'
                    f"<nav><a href='/'>Home</a></nav><article><h1>{html.escape(t)}</h1>\n"
                    f"{paras}</article><footer>Copyright</footer></body></html>\n")
            name = f"a{i:07d}.html"
        with open(os.path.join(folder, name), "w") as f:
            f.write(text)
        i += 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
