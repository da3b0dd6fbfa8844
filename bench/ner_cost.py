#!/usr/bin/env python3
"""What the tagger costs the indexer (run by make bench): Reuters-21578
indexed into a fresh index with the people, organisations and places
(the default) and with --no-entities, BENCH_ROUNDS rounds taking turns;
the median wall time, CPU time (user + system) and peak RSS of each, and
their ratios; and the ratio of the least CPU time of each (the run that
other processes on the machine disturbed least: on a shared machine the
medians move by +-30%, the minima much less). Aims: time at most 1.15
times, peak RSS at most 150 MB more.
"""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.environ.get("DATELINE_DATA", os.path.join(ROOT, "..", "shared", "data"))
INDEX = os.path.join(ROOT, "bin", "dateline-index")
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))


def run(folder, extra):
    tmp = tempfile.mkdtemp(prefix="dateline-nercost-")
    try:
        out = subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M", INDEX, "-q", *extra,
                              "-d", os.path.join(tmp, "db"), folder],
                             capture_output=True, text=True, check=True)
        e, u, s, m = out.stderr.strip().splitlines()[-1].split()
        return float(e), float(u) + float(s), int(m) / 1024
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main():
    folder = os.path.join(DATA, "corpora", "reuters21578")
    if not os.path.isdir(folder):
        print("ner cost: skipped, the shared Reuters-21578 set is absent")
        return 0
    res = {"tagger": [], "--no-entities": []}
    for _ in range(ROUNDS):
        res["tagger"].append(run(folder, []))
        res["--no-entities"].append(run(folder, ["--no-entities"]))
    med = {k: [statistics.median(x[i] for x in v) for i in range(3)] for k, v in res.items()}
    print(f"\nIndexing Reuters-21578 with and without the tagger (median of {ROUNDS} rounds, "
          "taking turns)")
    print(f"  {'':<15} {'wall s':>8} {'cpu s':>8} {'peak MB':>8}")
    for k in ("tagger", "--no-entities"):
        w, c, m = med[k]
        print(f"  {k:<15} {w:8.2f} {c:8.2f} {m:8.1f}")
    t, n = med["tagger"], med["--no-entities"]
    print(f"  {'ratio / diff':<15} {t[0] / n[0]:7.2f}x {t[1] / n[1]:7.2f}x {t[2] - n[2]:+7.1f}"
          "   (aims: 1.15x, +150 MB)")
    lo = {k: min(x[1] for x in v) for k, v in res.items()}
    print(f"  {'least cpu s':<15} {'':>8} {lo['tagger']:8.2f}   tagger, "
          f"{lo['--no-entities']:.2f} --no-entities: {lo['tagger'] / lo['--no-entities']:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
