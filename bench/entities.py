#!/usr/bin/env python3
"""Precision and recall of Dateline's people and places (run by make eval).

Two gold standards:
  * corpus/ with the project's own gold lists (bench/gold/corpus-entities.tsv:
    id, person keys, place keys), compared key for key;
  * Reuters-21578 (../shared/data), whose stories carry PEOPLE and PLACES
    labels: places are compared as countries (each extracted place counts as
    its ISO country; the labels are country names), people by surname (the
    labels are mostly surnames). The labels name what a story is about, not
    everyone it mentions, so precision against them is a lower bound.
Per-document precision (over documents with an extraction) and recall (over
documents with gold), macro-averaged, and micro-averaged figures. On Reuters
only the stories with labels of that kind count (docs column).
With --errors: every corpus/ miss and false hit instead (miss|false, kind,
article, key; tab-separated), for the error analysis.
"""
import glob
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.environ.get("DATELINE_DATA", os.path.join(ROOT, "..", "shared", "data"))
DUMP = os.path.join(ROOT, "build", "opt", "bench", "entities-dump")


def dump(paths):
    out = subprocess.run([DUMP] + paths, capture_output=True, text=True, check=True).stdout
    res = {}
    for line in out.splitlines():
        f = line.split("\t")
        f += [""] * (5 - len(f))
        res[f[0]] = ([x for x in f[1].split(";") if x], [x for x in f[2].split(";") if x],
                     [x for x in f[3].split(";") if x], [x for x in f[4].split(";") if x])
    return res


def scores(pairs, judged_only=False):
    """pairs: list of (predicted set, gold set). Macro P/R, micro P/R.
    judged_only: only the documents that have gold labels count (Reuters
    labels only some stories)."""
    ps, rs, tp, npred, ngold = [], [], 0, 0, 0
    if judged_only:
        pairs = [(p, g) for p, g in pairs if g]
    for pred, gold in pairs:
        hit = len(pred & gold)
        if pred:
            ps.append(hit / len(pred))
        if gold:
            rs.append(hit / len(gold))
        tp += hit
        npred += len(pred)
        ngold += len(gold)
    avg = lambda v: sum(v) / len(v) if v else 0.0
    return (avg(ps), avg(rs), tp / npred if npred else 0.0, tp / ngold if ngold else 0.0,
            len(pairs))


def row(name, kind, s):
    print(f"{name:<9} {kind:<8} {s[4]:>6}  {s[0]:9.3f} {s[1]:9.3f}  {s[2]:9.3f} {s[3]:9.3f}")


def corpus(errors=False):
    gold_path = os.path.join(ROOT, "bench", "gold", "corpus-entities.tsv")
    gold = {}
    with open(gold_path) as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            fld = line.rstrip("\n").split("\t") + ["", "", ""]
            gold[fld[0]] = (set(x for x in fld[1].split(";") if x),
                            set(x for x in fld[2].split(";") if x),
                            set(x for x in fld[3].split(";") if x))
    files = sorted(glob.glob(os.path.join(ROOT, "corpus", "**", "*"), recursive=True))
    files = [f for f in files if os.path.isfile(f)]
    got = dump(files)
    per, pla, org = [], [], []
    for aid, (gp, gl, go) in gold.items():
        key = next((k for k in got if k.endswith(aid)), None)
        pp, pl, _, po = got.get(key, ([], [], [], []))
        per.append((set(pp), gp))
        pla.append((set(pl), gl))
        org.append((set(po), go))
        if errors:
            for kind, pred, g in (("person", set(pp), gp), ("place", set(pl), gl),
                                  ("org", set(po), go)):
                for k in sorted(g - pred):
                    print(f"miss\t{kind}\t{aid}\t{k}")
                for k in sorted(pred - g):
                    print(f"false\t{kind}\t{aid}\t{k}")
    if errors:
        return
    row("corpus", "persons", scores(per))
    row("corpus", "places", scores(pla))
    row("corpus", "orgs", scores(org))


def reuters():
    folder = os.path.join(DATA, "corpora", "reuters21578")
    files = sorted(glob.glob(os.path.join(folder, "reut2-*.sgm")))
    if not files:
        print("reuters: skipped, the shared Reuters-21578 set is absent")
        return
    gold = {}
    names = set()
    for path in files:
        text = open(path, encoding="latin-1").read()
        for m in re.finditer(r'<REUTERS[^>]*NEWID="(\d+)"[^>]*>(.*?)</REUTERS>', text, re.S):
            body = m.group(2)
            def labels(tag):
                t = re.search(rf"<{tag}>(.*?)</{tag}>", body, re.S)
                return re.findall(r"<D>([^<]+)</D>", t.group(1)) if t else []
            places, people = labels("PLACES"), labels("PEOPLE")
            names.update(places)
            gold[f"{os.path.basename(path)}#{m.group(1)}"] = (places, people)
    names = sorted(names)
    codes = subprocess.run([DUMP, "--codes"], input="\n".join(n.replace("-", " ") for n in names),
                           capture_output=True, text=True, check=True).stdout.split()
    code_of = dict(zip(names, codes))
    got = dump(files)
    per, pla = [], []
    for aid, (gplaces, gpeople) in gold.items():
        pp, _, pc, _ = got.get(aid, ([], [], [], []))
        gcodes = set(code_of.get(p, "XX") + ":" + p if code_of.get(p, "XX") == "XX" else code_of[p]
                     for p in gplaces)
        pla.append((set(c for c in pc if c != "XX"), gcodes))
        per.append((set(p.split()[-1] for p in pp), set(p.split("-")[-1] for p in gpeople)))
    unmapped = [n for n in names if code_of.get(n) == "XX"]
    row("reuters", "persons", scores(per, True))
    row("reuters", "places", scores(pla, True))
    print(f"(reuters: {len(unmapped)} of {len(names)} PLACES labels have no country in the "
          f"gazetteer, e.g. {', '.join(unmapped[:6])})")


def main():
    errors = "--errors" in sys.argv[1:]
    if not os.path.exists(DUMP):
        print(f"entities: build {DUMP} first (make eval does)")
        return 1
    if not errors:
        print(f"{'set':<9} {'kind':<8} {'docs':>6}  {'P (doc)':>9} {'R (doc)':>9}  "
              f"{'P (all)':>9} {'R (all)':>9}")
    corpus(errors)
    if not errors:
        reuters()
    return 0


if __name__ == "__main__":
    sys.exit(main())
