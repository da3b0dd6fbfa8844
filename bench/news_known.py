#!/usr/bin/env python3
"""A known-item news check from the BBC corpus: is each story found by its headline?

The news check of Reuters (bench/news_check.py) judges by category labels
on short wire stories. This one uses the BBC's 2,225 longer stories
(../shared/data/corpora/bbc): each story is indexed without its headline
(the first line), and its headline is the query, in capitals (as the
judged news collections we do not have write their queries) and as
written; the one relevant article is the story itself. MAP is then the
mean reciprocal rank. It answers a different question from the six test
collections: how well the body of a news story of a few hundred words is
found by the few words a reader remembers of it. Every --try
"tag:OPTIONS" row is a Dateline run with those search options; the three
peers of bench/eval.py answer the same queries over the same text; p is
the paired randomisation test of bench/eval.py against the first row
(the defaults).

  python3 bench/news_known.py --try "nofb:--expand=0,0,0"
"""
import argparse
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import eval as ev  # noqa: E402
import news_check as nc  # noqa: E402

BBC = os.path.join(ev.DATA, "corpora", "bbc")
WORK = os.path.join(ev.ROOT, "build", "news-known")


def stories():
    """(id, headline, body) of every BBC story, in a fixed order."""
    out = []
    for cat in sorted(os.listdir(BBC)):
        folder = os.path.join(BBC, cat)
        if not os.path.isdir(folder):
            continue
        for name in sorted(os.listdir(folder)):
            if not name.endswith(".txt"):
                continue
            with open(os.path.join(folder, name), encoding="latin-1") as f:
                lines = f.read().split("\n")
            head = lines[0].strip()
            body = "\n".join(lines[1:]).strip()
            if head and body:
                out.append((f"{cat}-{name[:-4]}", head, body))
    return out


def prepare():
    docs = stories()
    art = os.path.join(WORK, "articles")
    if not os.path.isdir(art):
        os.makedirs(art)
        for did, _, body in docs:
            with open(os.path.join(art, did), "w") as f:
                f.write(f"Source: bbc\n\n{body}\n")
    with open(os.path.join(WORK, "docs.tsv"), "w") as f:
        for did, _, body in docs:
            f.write(f"{did}\t\t{ev.one_line(body)}\n")
    with open(os.path.join(WORK, "qrels"), "w") as f:
        for i, (did, _, _) in enumerate(docs):
            f.write(f"{i + 1} 0 {did} 1\n")
    for key, fold in (("caps", str.upper), ("written", lambda s: s)):
        with open(os.path.join(WORK, f"queries-{key}.tsv"), "w") as f:
            for i, (_, head, _) in enumerate(docs):
                f.write(f"{i + 1}\t{ev.one_line(fold(head))}\n")
    return len(docs)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--try", dest="tries", action="append", default=[],
                    metavar="TAG:OPTIONS", help="a Dateline run with these search options")
    ap.add_argument("--reuse", action="store_true",
                    help="keep the indexes and the peers' runs of an earlier run")
    ap.add_argument("--no-peers", action="store_true",
                    help="only Dateline's rows, not the three peers of bench/eval.py")
    args = ap.parse_args()
    if not os.path.isdir(BBC):
        print(f"news_known: skipped, {BBC} is absent")
        return
    os.makedirs(WORK, exist_ok=True)
    n = prepare()
    db = os.path.join(WORK, "dateline.db")
    if not (args.reuse and os.path.exists(db)):
        subprocess.run(["rm", "-rf", db], check=True)
        subprocess.run([os.path.join(ev.BIN, "dateline-index"), "-q", "-d", db,
                        os.path.join(WORK, "articles")], check=True)
    rows = [("default", [])]
    for t in args.tries:
        tag, _, opts = t.partition(":")
        rows.append((tag, opts.split()))
    peers = [] if args.no_peers else nc.peer_runs()
    tags = [tag for tag, _ in rows] + [name for name, _ in peers]
    print(f"BBC: {n} stories, each found by its headline (MAP = mean reciprocal rank)")
    print(f"| query set | {' | '.join(tags)} |")
    print("|---" * (len(tags) + 1) + "|")
    for k, key in enumerate(("caps", "written")):
        queries = os.path.join(WORK, f"queries-{key}.tsv")
        runs = []
        for tag, opts in rows:
            run = os.path.join(WORK, f"run.{key}.{tag}")
            with open(run, "w") as f:
                p = subprocess.run([os.path.join(ev.BIN, "dateline-search"), "-d", db,
                                    "--batch", queries, "--trec", "-n", str(ev.DEPTH)] + opts,
                                   stdout=f, stderr=subprocess.PIPE, text=True)
            if p.returncode not in (0, 2):
                sys.exit(f"news_known: dateline-search {' '.join(opts)} failed:\n{p.stderr}")
            runs.append(run)
        for name, fn in peers:
            runs.append(fn(WORK, args.reuse, qset=f"-{key}", index=not args.reuse and k == 0))
        with open(queries) as f:
            qids = [line.split("\t", 1)[0] for line in f]
        aps = [per_query(run, qids) for run in runs]
        means = [sum(a.values()) / len(a) for a in aps]
        cells = [f"{means[0]:.4f}"] + [f"{m:.4f} (p {ev.randomisation_p(a, aps[0]):.3f})"
                                       for m, a in zip(means[1:], aps[1:])]
        print(f"| {key} ({len(qids)}) | {' | '.join(cells)} |")


def per_query(run, qids):
    """{qid: reciprocal rank of the relevant story} (0 when not in the run)."""
    rel = {}
    with open(os.path.join(WORK, "qrels")) as f:
        for line in f:
            q, _, d, _ = line.split()
            rel[q] = d
    rr = {}
    with open(run) as f:
        for line in f:
            q, _, d, r, _, _ = line.split()
            if rel.get(q) == d and q not in rr:
                rr[q] = 1.0 / int(r)
    return {q: rr.get(q, 0.0) for q in qids}


if __name__ == "__main__":
    main()
