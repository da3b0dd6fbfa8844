#!/usr/bin/env python3
"""The tagger measured on CoNLL-2003 (run by make eval).

Rows:
  * mention level, per type and overall: precision, recall and F1 of
    entities with exact span and type, counted as CoNLL's conlleval counts
    (gold in IOB1 as the files have it, the tagger's in BIO);
  * article level, for persons, organisations and places: the names of each
    type an article has (gold) and those the tagger finds; a gold name is
    found, and a found name is right, when a name of the other side equals it
    or the words of one contain the other's (Kerry ~ John Kerry); micro
    averages over the articles;
  * the old rule-based extraction (indexer/entities.c) at article level for
    persons and places, on the same articles.

On eng.testa (the development set, for final tuning only) and on the part
of eng.train that the development model did not learn from (every 5th
article: `dateline-ner train --hold 5`), so the gap between data the
features were chosen on and data they were not is in view.

Usage: ner_eval.py [--quick]   (--quick: the shipped model on testa only)
"""
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.environ.get("DATELINE_DATA", os.path.join(ROOT, "..", "shared", "data"))
CONLL = os.path.join(DATA, "ner", "conll2003")
TOOL = os.path.join(ROOT, "build", "opt", "ner", "dateline-ner")
MODEL = os.path.join(ROOT, "model", "ner.model")
DEV_MODEL = os.path.join(ROOT, "build", "ner-dev.model")
HOLD = "5"
TYPES = ["PER", "ORG", "LOC", "MISC"]
DOC_TYPES = [("persons", "PER"), ("organisations", "ORG"), ("places", "LOC")]


def read_tagged(text):
    """Articles of 'word gold pred' lines: a list of (words, gold, pred)."""
    docs, cur = [], None
    for line in text.splitlines():
        if line.startswith("-DOCSTART-"):
            cur = ([], [], [], [])
            docs.append(cur)
            continue
        if not line.strip():
            if cur and cur[0]:
                cur[3].append(len(cur[0]))
            continue
        w, g, p = line.split(" ")
        cur[0].append(w)
        cur[1].append(g)
        cur[2].append(p)
    return docs


def spans(tags, breaks):
    """Entities (start, end, type) of a tag sequence, IOB1 or BIO: an entity
    starts at B-, at an I- after another type or O, and at a sentence."""
    out, start, typ = [], None, None
    brk = set(breaks)
    for i, t in enumerate(tags + ["O"]):
        kind, _, ty = t.partition("-")
        new = kind == "B" or (kind == "I" and (ty != typ or i in brk))
        if start is not None and (kind == "O" or new):
            out.append((start, i, typ))
            start, typ = None, None
        if kind in ("B", "I") and start is None:
            start, typ = i, ty
    return out


def norm(words):
    name = " ".join(words).lower()
    name = re.sub(r"'s\b", "", name)
    return tuple(w for w in re.findall(r"[^\W_]+", name))


def match(a, b):
    return a == b or set(a) <= set(b) or set(b) <= set(a)


def doc_counts(pred_names, gold_names):
    """(right predicted, predicted, found gold, gold) for one article."""
    right = sum(1 for p in pred_names if any(match(p, g) for g in gold_names))
    found = sum(1 for g in gold_names if any(match(p, g) for p in pred_names))
    return right, len(pred_names), found, len(gold_names)


def prf(tp_p, npred, tp_g, ngold):
    p = tp_p / npred if npred else 0.0
    r = tp_g / ngold if ngold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def measure(docs):
    mention = {t: [0, 0, 0] for t in TYPES}   # correct, predicted, gold
    art = {t: [0, 0, 0, 0] for _, t in DOC_TYPES}
    gold_names_all = []
    for words, gold, pred, breaks in docs:
        gs = set(spans(gold, breaks))
        ps = set(spans(pred, breaks))
        for s in ps:
            mention[s[2]][1] += 1
            if s in gs:
                mention[s[2]][0] += 1
        for s in gs:
            mention[s[2]][2] += 1
        names = {}
        for _, t in DOC_TYPES:
            gn = {norm(words[a:b]) for a, b, ty in gs if ty == t}
            pn = {norm(words[a:b]) for a, b, ty in ps if ty == t}
            gn.discard(())
            pn.discard(())
            names[t] = gn
            c = doc_counts(pn, gn)
            for k in range(4):
                art[t][k] += c[k]
        gold_names_all.append(names)
    return mention, art, gold_names_all


def tag(model, path, held=None):
    cmd = [TOOL, "tag"] + (["--held", held] if held else []) + [model, path]
    return read_tagged(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout)


def old(path, held=None):
    cmd = [TOOL, "old"] + (["--held", held] if held else []) + [path]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    res = []
    for line in out.split("\n")[:-1]:
        per, _, loc = line.partition("\t")
        res.append({"PER": {tuple(x.split()) for x in per.split(";") if x},
                    "LOC": {tuple(x.split()) for x in loc.split(";") if x}})
    return res


def indexed(path, held=None):
    """What the indexer keeps (tagger + normal forms) and the gold names
    through the same normal forms, per article."""
    cmd = [TOOL, "new"] + (["--held", held] if held else []) + [path]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    res = []
    for line in out.split("\n")[:-1]:
        f = line.split("\t")
        sets = [{tuple(x.split()) for x in v.split(";") if x} for v in f]
        res.append(sets)
    return res


def report_indexed(rows):
    print(f"  {'as indexed':<14} {'P':>6} {'R':>6} {'F1':>6}   (normal forms: Kiev = Kyiv, "
          f"surname = full name)")
    for k, (label, _) in enumerate(DOC_TYPES):
        c = [0, 0, 0, 0]
        for r in rows:
            c = [a + b for a, b in zip(c, doc_counts(r[k], r[k + 3]))]
        p, r_, f = prf(*c)
        print(f"  {label:<14} {p:6.3f} {r_:6.3f} {f:6.3f}")


def report(name, docs, old_names):
    mention, art, gold_names = measure(docs)
    print(f"\n{name}: {len(docs)} articles")
    print(f"  {'mentions':<14} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6}")
    tot = [0, 0, 0]
    for t in TYPES:
        c = mention[t]
        tot = [a + b for a, b in zip(tot, c)]
        p, r, f = prf(c[0], c[1], c[0], c[2])
        print(f"  {t:<14} {p:6.3f} {r:6.3f} {f:6.3f} {c[2]:>6}")
    p, r, f = prf(tot[0], tot[1], tot[0], tot[2])
    print(f"  {'all':<14} {p:6.3f} {r:6.3f} {f:6.3f} {tot[2]:>6}")
    print(f"  {'per article':<14} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6}"
          f"   {'old P':>6} {'old R':>6} {'old F1':>6}")
    for label, t in DOC_TYPES:
        c = art[t]
        p, r, f = prf(*c)
        line = f"  {label:<14} {p:6.3f} {r:6.3f} {f:6.3f} {c[3]:>6}"
        if old_names is not None and t in ("PER", "LOC"):
            o = [0, 0, 0, 0]
            for names, got in zip(gold_names, old_names):
                oc = doc_counts(got[t], names[t])
                o = [a + b for a, b in zip(o, oc)]
            op, orr, of = prf(*o)
            line += f"   {op:6.3f} {orr:6.3f} {of:6.3f}"
        print(line)
    return mention, art


def main():
    train = os.path.join(CONLL, "eng.train")
    testa = os.path.join(CONLL, "eng.testa")
    if not os.path.exists(TOOL):
        print(f"ner: build {TOOL} first (make eval does)")
        return 1
    if not os.path.exists(testa):
        print(f"ner: skipped, {testa} is absent")
        return 0
    print("Tagger (analysis/tagger.c) on CoNLL-2003; 'old' = the rule-based extraction")
    if "--quick" not in sys.argv:
        # The development model: eng.train without every 5th article, with
        # the word classes make model learns (made here if absent).
        clusters = os.path.join(ROOT, "build", "clusters.tsv")
        if not os.path.exists(clusters):
            subprocess.run(["make", "--no-print-directory", "build/clusters.tsv"], cwd=ROOT,
                           check=True)
        subprocess.run([TOOL, "train", "--hold", HOLD, "--clusters", clusters, DEV_MODEL,
                        train], check=True, capture_output=True)
        report("eng.train held-out fifth (development model, not trained on it)",
               tag(DEV_MODEL, train, HOLD), old(train, HOLD))
        os.environ["DATELINE_NER_MODEL"] = DEV_MODEL
        report_indexed(indexed(train, HOLD))
        del os.environ["DATELINE_NER_MODEL"]
        report("eng.testa (development model)", tag(DEV_MODEL, testa), None)
    report("eng.testa (shipped model, trained on all of eng.train)", tag(MODEL, testa),
           old(testa))
    report_indexed(indexed(testa))
    return 0


if __name__ == "__main__":
    sys.exit(main())
