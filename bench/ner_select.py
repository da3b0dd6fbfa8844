#!/usr/bin/env python3
"""Choose the tagger's features on data the choice is not judged on: the
development models of seeds 1-6 (dateline-ner train --hold 5 --seed S:
eng.train without every 5th article), each measured on the fifth it did
not learn from and on eng.testa; the mean mention-level F1 per type over
the seeds, and its spread. Not run by make eval (it trains six models);
its figures are what a feature change's commit message quotes.

Usage: ner_select.py [--seeds 1-6] [--jobs 2] [--tool PATH] [--out DIR]
"""
import argparse
import concurrent.futures
import os
import statistics
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ner_eval  # noqa: E402


def one(tool, clusters, out, seed):
    train = os.path.join(ner_eval.CONLL, "eng.train")
    testa = os.path.join(ner_eval.CONLL, "eng.testa")
    model = os.path.join(out, f"dev-{seed}.model")
    subprocess.run(["nice", "-n", "5", tool, "train", "--hold", ner_eval.HOLD, "--seed",
                    str(seed), "--clusters", clusters, model, train],
                   check=True, capture_output=True)
    res = {}
    for name, cmd in (("held", [tool, "tag", "--held", ner_eval.HOLD, model, train]),
                      ("testa", [tool, "tag", model, testa])):
        out_ = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
        mention, art, _ = ner_eval.measure(ner_eval.read_tagged(out_))
        f = {}
        tot = [0, 0, 0]
        for t in ner_eval.TYPES:
            c = mention[t]
            tot = [a + b for a, b in zip(tot, c)]
            f[t] = ner_eval.prf(c[0], c[1], c[0], c[2])[2]
        f["all"] = ner_eval.prf(tot[0], tot[1], tot[0], tot[2])[2]
        for label, t in ner_eval.DOC_TYPES:
            f["doc " + label[:3]] = ner_eval.prf(*art[t])[2]
        res[name] = f
    return seed, res


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", default="1-6")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--tool", default=ner_eval.TOOL)
    ap.add_argument("--out", default=os.path.join(ner_eval.ROOT, "build", "select"))
    a = ap.parse_args()
    lo, _, hi = a.seeds.partition("-")
    seeds = list(range(int(lo), int(hi or lo) + 1))
    clusters = os.path.join(ner_eval.ROOT, "build", "clusters.tsv")
    os.makedirs(a.out, exist_ok=True)
    with concurrent.futures.ThreadPoolExecutor(a.jobs) as ex:
        runs = dict(ex.map(lambda s: one(a.tool, clusters, a.out, s), seeds))
    cols = ner_eval.TYPES + ["all", "doc per", "doc org", "doc pla"]
    print(f"dev models, seeds {seeds[0]}-{seeds[-1]}: mean F1 (sd over seeds)")
    print(f"  {'':<6}" + "".join(f"{c:>15}" for c in cols))
    for part in ("held", "testa"):
        cells = []
        for c in cols:
            v = [runs[s][part][c] for s in seeds]
            sd = statistics.stdev(v) if len(v) > 1 else 0.0
            cells.append(f"{statistics.mean(v):8.4f} ({sd:.3f})")
        print(f"  {part:<6}" + "".join(f"{x:>15}" for x in cells))
    for part in ("held", "testa"):
        print(f"  all F1 by seed, {part}: " +
              " ".join(f"{runs[s][part]['all']:.4f}" for s in seeds))
    return 0


if __name__ == "__main__":
    sys.exit(main())
