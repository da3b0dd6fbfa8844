#!/usr/bin/env python3
"""Does an index of several languages rank each language as well as an
index of that language alone?

Collections: MED (English, ../shared/data/relevance/med, its 30 queries and
judgements) and, for French, German, Spanish and Russian, a known-item
collection built here from the prose of Debian's translation catalogs
(/usr/share/locale/LANG/LC_MESSAGES/*.mo, sentences as bench/lang_detect.py
takes them): an article is ten consecutive sentences of one catalog, and
its query is the five longest words of one of its sentences but the first,
in lower case, every other word of them changed in its ending where the
language inflects (dropped last letter), so the stemmer has to join them
again. Each query has one relevant article.

Runs: each collection alone (dateline-index --language LANG, so every
article is stemmed in its language, as before per-article languages), and
all five in one index (detection per article; queries stemmed in every
language the index holds). Prints MAP for MED and MRR@10 for the others,
alone and mixed. Figures, not pass/fail.

   python3 bench/lang_mixed.py [--per 400]
"""
import argparse
import os
import random
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lang_detect  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.environ.get("DATELINE_DATA", os.path.join(ROOT, "..", "shared", "data"))
BIN = os.environ.get("DATELINE_BIN", os.path.join(ROOT, "bin"))
WORK = os.path.join(ROOT, "build", "lang-mixed")
NAMES = {"en": "english", "fr": "french", "de": "german", "es": "spanish", "ru": "russian"}


def known_items(lang, per, rnd):
    arts, queries = [], []
    runs = []
    for name, sents in lang_detect.catalogs(lang):
        for i in range(0, len(sents) - 10 + 1, 10):
            runs.append(sents[i:i + 10])
    rnd.shuffle(runs)
    for k, sents in enumerate(runs[:per]):
        aid = "%s-%04d" % (lang, k)
        arts.append((aid, sents))
        s = sents[1 + rnd.randrange(9)]
        words = sorted({w.strip(".,;").lower() for w in s.split() if w.strip(".,;").isalpha()},
                       key=lambda w: (-len(w), w))[:5]
        q = [w[:-1] if i % 2 and len(w) > 5 else w for i, w in enumerate(words)]
        queries.append(("%s-q%04d" % (lang, k), " ".join(q), aid))
    return arts, queries


def write_articles(folder, arts):
    os.makedirs(folder, exist_ok=True)
    for aid, sents in arts:
        with open(os.path.join(folder, aid + ".txt"), "w", encoding="utf-8") as f:
            f.write("Title: %s\n\n%s\n" % (" ".join(sents[0].split()[:8]), " ".join(sents)))


def index(db, folders, lang=None):
    shutil.rmtree(db, ignore_errors=True)
    cmd = [os.path.join(BIN, "dateline-index"), "-q", "-d", db] + (["--language", lang] if lang else [])
    subprocess.run(cmd + folders, check=True)


def run(db, queries):
    path = db + ".queries"
    with open(path, "w", encoding="utf-8") as f:
        for qid, q, *_ in queries:
            f.write("%s\t%s\n" % (qid, q))
    out = subprocess.run([os.path.join(BIN, "dateline-search"), "-d", db, "-n", "1000",
                          "--batch", path, "--trec"], capture_output=True, text=True).stdout
    ranked = {}
    for line in out.splitlines():
        p = line.split()
        if len(p) >= 3:
            ranked.setdefault(p[0], []).append(os.path.basename(p[2]).rsplit(".", 1)[0])
    return ranked


def mrr(ranked, queries):
    total = 0.0
    for qid, _, rel in queries:
        r = ranked.get(qid, [])[:10]
        total += 1.0 / (r.index(rel) + 1) if rel in r else 0.0
    return total / len(queries)


def average_precision(r, rel):
    hits, s = 0, 0.0
    for i, d in enumerate(r):
        if d in rel:
            hits += 1
            s += hits / (i + 1)
    return s / len(rel) if rel else 0.0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--per", type=int, default=400)
    a = ap.parse_args()
    if not os.path.isdir(os.path.join(DATA, "relevance", "med")):
        print("lang_mixed: skipped, %s/relevance/med is absent" % DATA)
        return
    shutil.rmtree(WORK, ignore_errors=True)
    rnd = random.Random(1)
    import eval as ev
    docs, mq, qrels = ev.load("med")
    medf = os.path.join(WORK, "med")
    os.makedirs(medf)
    for d in docs:
        with open(os.path.join(medf, d[0] + ".txt"), "w", encoding="utf-8") as f:
            f.write("Title: %s\n\n%s\n" % (d[1], d[3]))
    med_queries = [(q[0], q[1]) for q in mq]
    folders = {"en": medf}
    kq = {}
    for lang in ("fr", "de", "es", "ru"):
        arts, queries = known_items(lang, a.per, rnd)
        folders[lang] = os.path.join(WORK, lang)
        write_articles(folders[lang], arts)
        kq[lang] = queries
    mixed = os.path.join(WORK, "mixed.db")
    index(mixed, [folders[l] for l in ("en", "fr", "de", "es", "ru")])
    print("%-4s %-8s %6s %8s %8s" % ("lang", "measure", "items", "alone", "mixed"))
    for lang in ("en", "fr", "de", "es", "ru"):
        alone = os.path.join(WORK, lang + ".db")
        index(alone, [folders[lang]], NAMES[lang])
        if lang == "en":
            def score(db):
                r = run(db, med_queries)
                return sum(average_precision(r.get(q[0], []), {d for d, g in qrels.get(q[0], {}).items() if g > 0})
                           for q in med_queries) / len(med_queries)
            print("%-4s %-8s %6d %8.4f %8.4f" % (lang, "MAP", len(med_queries), score(alone), score(mixed)))
        else:
            q = kq[lang]
            print("%-4s %-8s %6d %8.4f %8.4f" % (lang, "MRR@10", len(q), mrr(run(alone, q), q), mrr(run(mixed, q), q)))


if __name__ == "__main__":
    main()
