#!/usr/bin/env python3
"""A news sanity check from Reuters-21578: does a setting hurt news?

No news collection with relevance judgments is in ../shared, so this
builds a rough one. Each Reuters story with a body becomes an article
(its TITLE as the headline). Each TOPICS category with at least
--min-stories stories and a name in cat-descriptions_120396.txt is a
query; the stories labelled with it are its relevant ones (a pseudo
judgment: a label says what a story is about, not whether a reader
looking for the topic wants it). Three query sets:
  names     the category's name as the list writes it ("Crude Oil")
  caps      the same in capitals ("CRUDE OIL")
  headlines the headline of one story of the category with 5 words or
            more (Reuters headlines are in capitals); that story is kept
            out of the index, so feedback (5+ words) is exercised
Every --try "tag:OPTIONS" row is a Dateline run with those search
options, compared with the first row (the defaults) by the paired
randomisation test of bench/eval.py. Figures are rough: judgments are
category labels, and the absolute MAP means little; what to look at is
whether a setting lowers MAP significantly against the defaults.

  python3 bench/news_check.py --try "nofb:--expand=0,0,0"
"""
import argparse
import html
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import eval as ev  # noqa: E402

REUTERS = os.path.join(ev.DATA, "corpora", "reuters21578")
WORK = os.path.join(ev.ROOT, "build", "news-check")


def stories():
    """(newid, title, body, [topics]) of every story with a body."""
    out = []
    for name in sorted(os.listdir(REUTERS)):
        if not name.endswith(".sgm"):
            continue
        with open(os.path.join(REUTERS, name), encoding="latin-1") as f:
            text = f.read()
        for m in re.finditer(r'<REUTERS[^>]*NEWID="(\d+)"[^>]*>(.*?)</REUTERS>', text, re.S):
            rec = m.group(2)
            body = re.search(r"<BODY>(.*?)</BODY>", rec, re.S)
            if not body:
                continue
            title = re.search(r"<TITLE>(.*?)</TITLE>", rec, re.S)
            topics = re.search(r"<TOPICS>(.*?)</TOPICS>", rec, re.S)
            tl = re.findall(r"<D>(.*?)</D>", topics.group(1)) if topics else []
            clean = lambda s: html.unescape(s).replace("\x03", "").strip()  # noqa: E731
            out.append((m.group(1), clean(title.group(1)) if title else "",
                        clean(body.group(1)), tl))
    return out


def topic_names():
    """{code: name} from the category descriptions ('Crude Oil (CRUDE)')."""
    names = {}
    with open(os.path.join(REUTERS, "cat-descriptions_120396.txt"), encoding="latin-1") as f:
        for line in f:
            m = re.match(r"^\s*([A-Za-z][^()]*?)\s*\(([A-Z0-9-]+)\)\s*$", line)
            if m:
                names.setdefault(m.group(2).lower(), m.group(1))
    return names


def prepare(min_stories):
    docs = stories()
    names = topic_names()
    by_topic = {}
    for did, _, _, tl in docs:
        for t in tl:
            by_topic.setdefault(t, []).append(did)
    topics = sorted(t for t in by_topic if t in names and len(by_topic[t]) >= min_stories)
    titles = {did: title for did, title, _, _ in docs}
    held = {}
    for t in topics:
        for did in by_topic[t]:
            if len(titles[did].split()) >= 5 and did not in held.values():
                held[t] = did
                break
    held_out = set(held.values())
    art = os.path.join(WORK, "articles")
    if not os.path.isdir(art):
        os.makedirs(art)
        for did, title, body, _ in docs:
            if did in held_out:
                continue
            with open(os.path.join(art, did), "w") as f:
                f.write(f"Title: {title}\nSource: reuters\n\n{body}\n")
    with open(os.path.join(WORK, "docs.tsv"), "w") as f:
        for did, title, body, _ in docs:
            if did not in held_out:
                f.write(f"{did}\t{ev.one_line(title)}\t{ev.one_line(body)}\n")
    with open(os.path.join(WORK, "qrels"), "w") as f:
        for i, t in enumerate(topics):
            for did in by_topic[t]:
                if did not in held_out:
                    f.write(f"{i + 1} 0 {did} 1\n")
    sets = {"names": [names[t] for t in topics],
            "caps": [names[t].upper() for t in topics],
            "headlines": [titles[held[t]] if t in held else "" for t in topics]}
    for key, qs in sets.items():
        with open(os.path.join(WORK, f"queries-{key}.tsv"), "w") as f:
            for i, q in enumerate(qs):
                if q:
                    f.write(f"{i + 1}\t{ev.one_line(q)}\n")
    return len(docs) - len(held_out), len(topics)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--try", dest="tries", action="append", default=[],
                    metavar="TAG:OPTIONS", help="a Dateline run with these search options")
    ap.add_argument("--min-stories", type=int, default=20)
    ap.add_argument("--reuse", action="store_true",
                    help="keep the indexes and the peers' runs of an earlier run")
    ap.add_argument("--no-peers", action="store_true",
                    help="only Dateline's rows, not the three peers of bench/eval.py")
    args = ap.parse_args()
    if not os.path.isdir(REUTERS):
        print(f"news_check: skipped, {REUTERS} is absent")
        return
    os.makedirs(WORK, exist_ok=True)
    ndocs, ntopics = prepare(args.min_stories)
    db = os.path.join(WORK, "dateline.db")
    if not (args.reuse and os.path.exists(db)):
        subprocess.run(["rm", "-rf", db], check=True)
        subprocess.run([os.path.join(ev.BIN, "dateline-index"), "-q", "-d", db,
                        os.path.join(WORK, "articles")], check=True)
    rows = [("default", [])]
    for t in args.tries:
        tag, _, opts = t.partition(":")
        rows.append((tag, opts.split()))
    peers = [] if args.no_peers else peer_runs()
    print(f"Reuters-21578: {ndocs} stories, {ntopics} TOPICS categories as queries "
          f"(>= {args.min_stories} stories each)")
    tags = [tag for tag, _ in rows] + [name for name, _ in peers]
    print(f"| query set | {' | '.join(tags)} |")
    print("|---" * (len(tags) + 1) + "|")
    ratio_lines = []
    for n, key in enumerate(("names", "caps", "headlines")):
        queries = os.path.join(WORK, f"queries-{key}.tsv")
        runs = []
        for tag, opts in rows:
            run = os.path.join(WORK, f"run.{key}.{tag}")
            with open(run, "w") as f:
                p = subprocess.run([os.path.join(ev.BIN, "dateline-search"), "-d", db,
                                    "--batch", queries, "--trec", "-n", str(ev.DEPTH)] + opts,
                                   stdout=f, stderr=subprocess.PIPE, text=True)
            if p.returncode not in (0, 2):
                sys.exit(f"news_check: dateline-search {' '.join(opts)} failed:\n{p.stderr}")
            runs.append(run)
        for name, fn in peers:
            runs.append(fn(WORK, args.reuse, qset=f"-{key}",
                           index=not args.reuse and n == 0))
        with open(queries) as f:
            qids = [line.split("\t", 1)[0] for line in f]
        aps = [per_query_ap(run, qids) for run in runs]
        base = aps[0]
        means = [sum(a.values()) / len(a) for a in aps]
        cells = [f"{means[0]:.4f}"] + [f"{m:.4f} (p {ev.randomisation_p(a, base):.3f})"
                                       for m, a in zip(means[1:], aps[1:])]
        print(f"| {key} ({len(base)}) | {' | '.join(cells)} |")
        if peers:
            k = len(rows) + max(range(len(peers)), key=lambda i: means[len(rows) + i])
            top = means[k]
            ratio_lines.append(f"{key:<10} {tags[k]:<12} {top:7.4f} {means[0]:8.4f} "
                               f"{means[0] / top if top else 0.0:6.3f} "
                               f"{ev.randomisation_p(base, aps[k]):6.3f}")
    if ratio_lines:
        print(f"\n{'query set':<10} {'best peer':<12} {'its MAP':>7} {'Dateline':>8} "
              f"{'ratio':>6} {'p':>6}")
        print("\n".join(ratio_lines))


def peer_runs():
    """The peers of bench/eval.py that are built here: (name, run function)."""
    out = []
    if os.path.exists(ev.XAPIAN_REF):
        out.append(("xapian-ref", ev.run_xapian_ref))
    out.append(("sqlite-fts5", ev.run_fts5))
    if os.path.exists(os.path.join(ev.LUCENE_CLASSES, "LuceneRef.class")):
        out.append(("lucene", ev.run_lucene))
    return out


def per_query_ap(run, qids):
    """{qid: average precision} of a run over qids (0 for a query it does not answer)."""
    out = subprocess.run([sys.executable, ev.TREC_EVAL, os.path.join(WORK, "qrels"),
                          run, "--per-query"], capture_output=True, text=True,
                         check=True).stdout
    per_q = {}
    for line in out.splitlines():
        f3 = line.split()
        if len(f3) % 3 == 0 and len(f3) > 2:
            for i in range(0, len(f3), 3):
                if f3[i] == "MAP":
                    per_q[f3[i + 1]] = float(f3[i + 2])
    return {q: per_q.get(q, 0.0) for q in qids}

if __name__ == "__main__":
    main()
