#!/usr/bin/env python3
"""The tagger's names on real web pages without gold names (run by make
eval): the 181 article pages of ../shared/data/extraction (news sites,
magazines, blogs of 2019), read by the indexer's HTML reader, their people,
organisations and places as entities-dump writes them, and the errors that
can be counted without a person's judgement:

  * ordinary words as names: a name of one word that the English word list
    (wamerican, compiled in) writes in lower case only ("Architecture",
    "Interestingly"); a few are right (team names: "Eagles", "Wild");
  * sentence adverbs as names: those of them made of a word of the list
    and -ly ("Oddly", "Lastly", "Possibly");
  * partial persons: a person whose words end another person's name in the
    same article ("Eriksson Ek" beside "Joel Eriksson Ek"), the fold of
    surnames not made;
  * names per page on the pages in English and on the others (the tagger
    learnt English: on other languages its names are mostly capitalised
    words), and the pages it does not read (another language, declared or
    detected, and few English function words: indexer/entities.h).

What changes between two models beyond these counts is mostly the noise of
training (two seeds of one model differ in about 650 of the 4,700 names):
read the names themselves (--names) before believing a change.

Usage: ner_pages.py [--names]   (DATELINE_NER_MODEL picks another model)
"""
import gzip
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.environ.get("DATELINE_DATA", os.path.join(ROOT, "..", "shared", "data"))
PAGES = os.path.join(DATA, "extraction", "article-extraction-benchmark", "html")
DUMP = os.path.join(ROOT, "build", "opt", "bench", "entities-dump")
WORK = os.path.join(ROOT, "build", "ner-pages")
ENGLISH = set("the and of to a in is that for it".split())


def pages():
    """The pages, unzipped into build/ner-pages (never committed)."""
    os.makedirs(WORK, exist_ok=True)
    out = []
    for name in sorted(os.listdir(PAGES)):
        if not name.endswith(".html.gz"):
            continue
        path = os.path.join(WORK, name[:-3])
        if not os.path.exists(path):
            with gzip.open(os.path.join(PAGES, name)) as f, open(path + ".new", "wb") as g:
                g.write(f.read())
            os.rename(path + ".new", path)
        out.append(path)
    return out


def stems(w):
    """What an adverb in -ly may be made of: odd-ly, possib(le)-ly."""
    return [w[:-2], w[:-1] + "e", w[:-3] + "y"]


def run(args, text=None):
    return subprocess.run([DUMP] + args, input=text, capture_output=True, text=True,
                          check=True).stdout


def main():
    if not os.path.isdir(PAGES):
        print(f"ner pages: skipped, {PAGES} is absent")
        return 0
    paths = pages()
    rows = {}
    for line in run(paths).splitlines():
        f = line.split("\t") + [""] * 5
        rows[f[0]] = {t: [k for k in f[i].split(";") if k]
                      for t, i in (("PER", 1), ("LOC", 2), ("ORG", 4))}
    english = set()
    for line in run(["--text"] + paths).splitlines():
        f = line.split("\t")
        words = re.findall(r"[a-z]+", " ".join(f[1:]).lower())
        if words and sum(w in ENGLISH for w in words) / len(words) > 0.12:
            english.add(f[0])
    gated = set()
    for line in run(["--share"] + paths).splitlines():
        f = line.split("\t")
        if len(f) > 3 and f[3] == "0":
            gated.add(f[0])
    if not rows:
        print("ner pages: entities-dump found no articles (is the model loadable?)")
        return 1
    words = {k for r in rows.values() for v in r.values() for k in v if " " not in k}
    words = sorted(words | {s for w in words if w.endswith("ly") for s in stems(w)})
    bits = {}
    for line in run(["--words"], "\n".join(words) + "\n").splitlines():
        w, _, b = line.rpartition("\t")
        bits[w] = int(b)
    count = {"ordinary": [], "adverb": [], "partial": []}
    names = {True: [0, 0], False: [0, 0]}
    for path, r in rows.items():
        n = sum(len(v) for v in r.values())
        names[path in english][0] += 1
        names[path in english][1] += n
        for t, v in r.items():
            for k in v:
                if " " not in k and bits.get(k) == 1:
                    count["ordinary"].append(f"{t}:{k}")
                    if k.endswith("ly") and any(bits.get(x) == 1 for x in stems(k)):
                        count["adverb"].append(f"{t}:{k}")
        for k in r["PER"]:
            if any(o != k and o.endswith(" " + k) for o in r["PER"]):
                count["partial"].append(k)
    total = sum(len(v) for r in rows.values() for v in r.values())
    print(f"\nNames on {len(rows)} real pages (../shared/data/extraction, no gold): {total} "
          f"(persons {sum(len(r['PER']) for r in rows.values())}, organisations "
          f"{sum(len(r['ORG']) for r in rows.values())}, places "
          f"{sum(len(r['LOC']) for r in rows.values())})")
    for label, key in (("ordinary words as names", "ordinary"),
                       ("sentence adverbs (-ly) as names", "adverb"),
                       ("partial persons, not folded", "partial")):
        ex = ", ".join(count[key][:8])
        print(f"  {label:<33} {len(count[key]):5}   {ex}".rstrip())
    for eng, label in ((True, "in English"), (False, "in other languages")):
        p, n = names[eng]
        print(f"  names per page {label:<18} {n / p if p else 0:5.1f}   ({p} pages)")
    g = [sum(len(v) for v in rows[k].values()) for k in gated if k in rows]
    print(f"  pages the tagger does not read    {len(g):5}   (other languages: "
          f"{len([k for k in gated if k not in english])}; their names, places only: "
          f"{sum(g) / len(g) if g else 0:.1f} a page)")
    if "--names" in sys.argv:
        for path, r in sorted(rows.items()):
            print(os.path.basename(path)[:12], *(f"{t}: {';'.join(v)}" for t, v in r.items()),
                  sep="\t")
    return 0


if __name__ == "__main__":
    sys.exit(main())
