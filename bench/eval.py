#!/usr/bin/env python3
"""make eval: relevance of Dateline and its peers on six test collections.

For each collection in ../shared/data/relevance (CISI, MED, Cranfield,
LISA, NPL, ADI) the documents become articles (a Title/Author header block
and the abstract), Dateline indexes them with dateline-index and answers
every judged query with `dateline-search --batch --trec`. Each query is
passed exactly as its collection writes it (capitals, punctuation and all,
its lines joined by spaces): that is what people type. Three peers answer
the same queries over the same text: the reference Xapian program
(bench/xapian_ref.cc: TermGenerator, QueryParser, English stemmer, BM25
defaults), SQLite FTS5 (porter unicode61, bm25()) and Lucene 4.10
(bench/LuceneRef.java: EnglishAnalyzer, BM25Similarity, escaped queries
joined with OR). ../shared/tools/treceval.py scores every run.

A query Dateline refuses (a bad query: exit status 2 and a message) or
answers with nothing counts as 0, and the table counts both. Differences
between two runs are tested with a paired randomisation test over the
queries' average precision (two-sided, 10,000 random sign flips).

Extra runs of Dateline with other settings are given with --try (search
options), --try-index (indexing options) and --try-lower (queries in lower
case), e.g.
  python3 bench/eval.py --try "k1=2:--k1 2" --try-index "porter:--language porter"
and appear as rows of their own, so experiments live in this output and
not in the code. --loco chooses among the Dateline rows by
leave-one-collection-out: for each collection, the row with the best mean
MAP ratio to the best peer on the other collections, and its figure on the
one held out.
"""
import argparse
import json
import os
import random
import re
import sqlite3
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.environ.get("DATELINE_DATA", os.path.join(ROOT, "..", "shared", "data"))
TREC_EVAL = os.path.join(DATA, "..", "tools", "treceval.py")
BIN = os.environ.get("DATELINE_BIN", os.path.join(ROOT, "bin"))
XAPIAN_REF = os.path.join(ROOT, "build", "xapian-ref")
LUCENE_CLASSES = os.path.join(ROOT, "build", "lucene-ref")
LUCENE_JARS = ["/usr/share/java/lucene-core-4.10.4.jar",
               "/usr/share/java/lucene-analyzers-common-4.10.4.jar",
               "/usr/share/java/lucene-queryparser-4.10.4.jar"]
WORK = os.path.join(ROOT, "build", "eval")
DEPTH = 1000
PERMUTATIONS = 10000
PEERS = ("xapian-ref", "sqlite-fts5", "lucene")
ALL_COLLECTIONS = ("cisi", "med", "cran", "lisa", "npl", "adi")


def one_line(text):
    return " ".join(text.split())


def read_lines(path):
    with open(path, encoding="latin-1") as f:
        return [line.rstrip("\n").rstrip("\r") for line in f]


def read_smart(path):
    """Records of a SMART file: {id: {field letter: text}} in file order."""
    records, cur, field = {}, None, None
    for line in read_lines(path):
        m = re.match(r"^\.([A-Z])(?:\s+(\d+))?\s*$", line)
        if m:
            if m.group(1) == "I":
                cur = records.setdefault(m.group(2), {})
                field = None
            else:
                field = m.group(1)
                if cur is not None:
                    cur.setdefault(field, [])
            continue
        if cur is not None and field:
            cur[field].append(line.rstrip())
    return {k: {f: "\n".join(v).strip() for f, v in r.items()} for k, r in records.items()}


def smart_docs(path):
    """(id, title, authors, body) of each SMART record (.T, .A, .W)."""
    return [(did, one_line(d.get("T", "")),
             [a.strip() for a in d.get("A", "").split("\n") if a.strip()], d.get("W", ""))
            for did, d in read_smart(path).items()]


def smart_queries(path, in_file_order=False):
    """(qid, text): a query is its .T and .W text as written. Cranfield's
    judgments number the queries 1, 2, ... in file order, not by .I."""
    out = []
    for n, (qid, q) in enumerate(read_smart(path).items(), 1):
        text = one_line(" ".join(q.get(f, "") for f in ("T", "W")))
        out.append((str(n) if in_file_order else qid, text))
    return out


def qrels_pairs(path):
    """CISI and ADI: 'qid docid 0 0.0' lines, all relevant."""
    rels = {}
    for line in read_lines(path):
        p = line.split()
        if len(p) >= 2:
            rels.setdefault(p[0], {})[p[1]] = 1
    return rels


def qrels_med(path):
    """MED: 'qid 0 docid rel'."""
    rels = {}
    for line in read_lines(path):
        p = line.split()
        if len(p) == 4 and int(p[3]) > 0:
            rels.setdefault(p[0], {})[p[2]] = int(p[3])
    return rels


def qrels_cran(path):
    """Cranfield: 'qid docid code', code 1 (a complete answer) .. 4 (minimum
    interest) are relevant, with gain 5 - code for nDCG; -1 is no
    judgment."""
    rels = {}
    for line in read_lines(path):
        p = line.split()
        if len(p) == 3 and 1 <= int(p[2]) <= 4:
            rels.setdefault(p[0], {})[p[1]] = 5 - int(p[2])
    return rels


def lisa_docs(folder):
    """LISA: 'Document N', the title (may run over lines), a blank line,
    the abstract, a line of '*'; over the files LISA0.001 ... LISA5.850."""
    docs = []
    names = sorted(n for n in os.listdir(folder) if re.match(r"^LISA\d\.\d+$", n))
    for name in names:
        cur = None
        for line in read_lines(os.path.join(folder, name)):
            m = re.match(r"^Document\s+(\d+)\s*$", line)
            if m:
                cur = [m.group(1), [], [], False]
                continue
            if cur is None:
                continue
            if re.match(r"^\*+\s*$", line):
                docs.append((cur[0], one_line(" ".join(cur[1])), [], "\n".join(cur[2]).strip()))
                cur = None
            elif not cur[3] and not line.strip():
                cur[3] = bool(cur[1])
            elif cur[3]:
                cur[2].append(line)
            else:
                cur[1].append(line)
        if cur is not None:
            docs.append((cur[0], one_line(" ".join(cur[1])), [], "\n".join(cur[2]).strip()))
    return docs


def lisa_queries(path):
    """LISA.QUE: a line with the number, the text, ended by '#'."""
    out, qid, text = [], None, []
    for line in read_lines(path):
        if qid is None:
            if line.strip().isdigit():
                qid, text = line.strip(), []
            continue
        if "#" in line:
            text.append(line[:line.index("#")])
            out.append((qid, one_line(" ".join(text))))
            qid = None
        else:
            text.append(line)
    return out


def qrels_lisa(path):
    """LISA.REL: 'Query N', 'K Relevant Refs:', the docids, '-1'."""
    rels, qid = {}, None
    for line in read_lines(path):
        m = re.match(r"^Query\s+(\d+)", line)
        if m:
            qid = m.group(1)
            continue
        if qid is None or "Relevant" in line:
            continue
        for tok in line.split():
            if tok == "-1":
                qid = None
                break
            rels.setdefault(qid, {})[tok] = 1
    return rels


def slash_records(path):
    """NPL's files: a line with the number, lines of text, a line '/'."""
    out, num, text = [], None, []
    for line in read_lines(path):
        if line.strip() == "/":
            if num is not None:
                out.append((num, text))
            num, text = None, []
        elif num is None:
            if line.strip():
                num = line.strip()
        else:
            text.append(line)
    if num is not None:
        out.append((num, text))
    return out


def npl_docs(path):
    return [(num, "", [], "\n".join(text).strip()) for num, text in slash_records(path)]


def npl_queries(path):
    return [(num, one_line(" ".join(text))) for num, text in slash_records(path)]


def qrels_npl(path):
    return {num: {d: 1 for line in text for d in line.split()}
            for num, text in slash_records(path)}


def load(name):
    """(docs, queries, qrels) of a collection: docs are (id, title,
    authors, body), queries (qid, text as written), qrels {qid: {docid:
    gain}}."""
    d = os.path.join(DATA, "relevance", name)
    j = lambda f: os.path.join(d, f)
    if name == "cisi":
        return smart_docs(j("CISI.ALL")), smart_queries(j("CISI.QRY")), qrels_pairs(j("CISI.REL"))
    if name == "med":
        return smart_docs(j("MED.ALL")), smart_queries(j("MED.QRY")), qrels_med(j("MED.REL"))
    if name == "adi":
        return smart_docs(j("ADI.ALL")), smart_queries(j("ADI.QRY")), qrels_pairs(j("ADI.REL"))
    if name == "cran":
        return (smart_docs(j("cran.all.1400")), smart_queries(j("cran.qry"), True),
                qrels_cran(j("cranqrel")))
    if name == "lisa":
        return lisa_docs(d), lisa_queries(j("LISA.QUE")), qrels_lisa(j("LISA.REL"))
    if name == "npl":
        return npl_docs(j("doc-text")), npl_queries(j("query-text")), qrels_npl(j("rlv-ass"))
    raise SystemExit(f"eval: no collection {name!r} (known: {', '.join(ALL_COLLECTIONS)})")


def prepare(name, workdir):
    """Write the articles, docs.tsv (for the peers), queries.tsv (the
    judged queries) and qrels into workdir. Returns (docs, queries)."""
    docs, queries, rels = load(name)
    art_dir = os.path.join(workdir, "articles")
    os.makedirs(art_dir, exist_ok=True)
    with open(os.path.join(workdir, "docs.tsv"), "w") as tsv:
        for did, title, authors, body in docs:
            with open(os.path.join(art_dir, did), "w") as f:
                if title:
                    f.write(f"Title: {title}\n")
                if authors:
                    f.write(f"Author: {'; '.join(authors)}\n")
                f.write(f"Source: {name}\n\n{body}\n")
            tsv.write(f"{did}\t{one_line(title + ' ' + ' '.join(authors))}\t{one_line(body)}\n")
    judged = [(qid, text) for qid, text in queries if rels.get(qid) and text]
    with open(os.path.join(workdir, "queries.tsv"), "w") as f:
        for qid, text in judged:
            f.write(f"{qid}\t{text}\n")
    with open(os.path.join(workdir, "queries-lower.tsv"), "w") as f:
        for qid, text in judged:
            f.write(f"{qid}\t{text.lower()}\n")
    with open(os.path.join(workdir, "qrels"), "w") as f:
        for qid in rels:
            for did, g in rels[qid].items():
                f.write(f"{qid} 0 {did} {g}\n")
    return len(docs), len(judged)


def score(workdir, run):
    """({metric: mean}, {metric: {qid: value}}, queries answered with nothing)."""
    out = subprocess.run([sys.executable, TREC_EVAL, os.path.join(workdir, "qrels"), run,
                          "--per-query"], capture_output=True, text=True, check=True).stdout
    means, per_q = {}, {}
    for line in out.splitlines():
        p = line.split()
        if len(p) == 2:
            means[p[0]] = float(p[1])
        elif len(p) % 3 == 0:
            for i in range(0, len(p), 3):
                per_q.setdefault(p[i], {})[p[i + 1]] = float(p[i + 2])
    answered = set()
    with open(run) as f:
        for line in f:
            answered.add(line.split(" ", 1)[0])
    with open(os.path.join(workdir, "queries.tsv")) as f:
        empty = sum(1 for line in f if line.split("\t", 1)[0] not in answered)
    return means, per_q, empty


def randomisation_p(a, b, seed=1):
    """Two-sided paired randomisation test of mean(a) - mean(b) over the
    same queries (dicts qid -> value): the share of random sign flips of
    the per-query differences whose mean is at least as far from 0."""
    d = [a.get(q, 0.0) - b.get(q, 0.0) for q in sorted(set(a) | set(b))]
    if not d:
        return 1.0
    obs = abs(sum(d))
    rng = random.Random(seed)
    hits = 0
    for _ in range(PERMUTATIONS):
        if abs(sum(x if rng.random() < 0.5 else -x for x in d)) >= obs - 1e-12:
            hits += 1
    return (hits + 1) / (PERMUTATIONS + 1)


def run_dateline(workdir, extra, tag, index_opts=(), reuse=False, lower=False):
    """A Dateline run; returns (run path, queries refused)."""
    db = os.path.join(workdir, "dateline.db" if not index_opts else f"dateline-{tag}.db")
    if not (reuse and os.path.exists(db)):
        subprocess.run(["rm", "-rf", db], check=True)
        subprocess.run([os.path.join(BIN, "dateline-index"), "-q", "-d", db]
                       + list(index_opts) + [os.path.join(workdir, "articles")], check=True)
    run = os.path.join(workdir, f"run.{tag}")
    queries = os.path.join(workdir, "queries-lower.tsv" if lower else "queries.tsv")
    with open(run, "w") as f:
        p = subprocess.run([os.path.join(BIN, "dateline-search"), "-d", db, "--batch", queries,
                            "--trec", "-n", str(DEPTH)] + list(extra),
                           stdout=f, stderr=subprocess.PIPE, text=True)
    if p.returncode not in (0, 2):
        raise SystemExit(f"eval: dateline-search {' '.join(extra)} failed:\n{p.stderr}")
    refused = len(re.findall(r"^dateline-search: query \S+:", p.stderr, re.M))
    return run, refused


# The peers' runs. Each indexes workdir/docs.tsv (unless index is False:
# the index of an earlier call on the same workdir is searched again) and
# answers workdir/queries{qset}.tsv into workdir/run.PEER{qset}.
def run_xapian_ref(workdir, reuse=False, qset="", index=True):
    run = os.path.join(workdir, f"run.xapian-ref{qset}")
    if reuse and os.path.exists(run):
        return run
    db = os.path.join(workdir, "xapian-ref.db")
    if index or not os.path.exists(db):
        subprocess.run(["rm", "-rf", db], check=True)
        subprocess.run([XAPIAN_REF, "index", db, os.path.join(workdir, "docs.tsv")],
                       check=True)
    with open(run, "w") as f:
        subprocess.run([XAPIAN_REF, "search", db, os.path.join(workdir, f"queries{qset}.tsv"),
                        str(DEPTH)], stdout=f, check=True)
    return run


def run_fts5(workdir, reuse=False, qset="", index=True):
    run = os.path.join(workdir, f"run.fts5{qset}")
    if reuse and os.path.exists(run):
        return run
    con = sqlite3.connect(":memory:")
    con.execute("CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, body, "
                "tokenize='porter unicode61')")
    with open(os.path.join(workdir, "docs.tsv")) as f:
        con.executemany("INSERT INTO docs VALUES (?, ?, ?)",
                        (line.rstrip("\n").split("\t") for line in f))
    with open(os.path.join(workdir, f"queries{qset}.tsv")) as f, open(run, "w") as out:
        for line in f:
            qid, text = line.rstrip("\n").split("\t", 1)
            words = re.findall(r"\w+", text.lower())
            if not words:
                continue
            match = " OR ".join(f'"{w}"' for w in words)
            rows = con.execute("SELECT id, bm25(docs) FROM docs WHERE docs MATCH ? "
                               "ORDER BY bm25(docs) LIMIT ?", (match, DEPTH))
            for rank, (did, s) in enumerate(rows, 1):
                out.write(f"{qid} Q0 {did} {rank} {-s:.6f} fts5\n")
    return run


def run_lucene(workdir, reuse=False, qset="", index=True):
    run = os.path.join(workdir, f"run.lucene{qset}")
    if reuse and os.path.exists(run):
        return run
    cp = ":".join([LUCENE_CLASSES] + LUCENE_JARS)
    idx = os.path.join(workdir, "lucene.idx")
    if index or not os.path.exists(idx):
        subprocess.run(["rm", "-rf", idx], check=True)
        subprocess.run(["java", "-cp", cp, "LuceneRef", "index", idx,
                        os.path.join(workdir, "docs.tsv")], check=True)
    with open(run, "w") as f:
        subprocess.run(["java", "-cp", cp, "LuceneRef", "search", idx,
                        os.path.join(workdir, f"queries{qset}.tsv"), str(DEPTH)], stdout=f,
                       check=True)
    return run


def ratios(rows):
    """{collection: {system: MAP / best peer's MAP}} and {collection: best peer}."""
    out, best = {}, {}
    for name, systems in rows.items():
        peers = [(systems[p]["MAP"], p) for p in PEERS if p in systems]
        if not peers:
            continue
        top, best[name] = max(peers)
        out[name] = {sys_: r["MAP"] / top if top else 0.0 for sys_, r in systems.items()}
    return out, best


def print_loco(rows, candidates, baseline):
    """Leave-one-collection-out choice among the candidate Dateline rows."""
    rat, best = ratios(rows)
    names = [n for n in rows if n in rat]
    if len(names) < 2:
        return
    print("\nleave-one-collection-out: the row with the best mean MAP ratio to the best "
          "peer on the other collections, judged on the one held out")
    print(f"{'held out':<10} {'chosen on the others':<30} {'ratio':>6} {'base':>7} "
          f"{'MAP':>6} {'p':>6}")
    worst = None
    for held in names:
        others = [n for n in names if n != held]
        pick = max(candidates, key=lambda c: (sum(rat[n][c] for n in others) / len(others),
                                              c == baseline))
        r, r0 = rat[held][pick], rat[held][baseline]
        pv = randomisation_p(rows[held][pick]["ap"], rows[held][baseline]["ap"]) \
            if pick != baseline else 1.0
        worst = r if worst is None else min(worst, r)
        print(f"{held:<10} {pick:<30} {r:6.3f} {r0:7.3f} {rows[held][pick]['MAP']:6.4f} "
              f"{pv:6.3f}")
    print(f"worst held-out ratio {worst:.3f}")
    print(f"\n{'row':<30} " + " ".join(f"{n:>6}" for n in names) + f" {'mean':>6} {'worst':>6}")
    for c in candidates:
        v = [rat[n][c] for n in names]
        print(f"{c:<30} " + " ".join(f"{x:6.3f}" for x in v)
              + f" {sum(v) / len(v):6.3f} {min(v):6.3f}")


def half_map(ap, qset):
    return sum(ap.get(q, 0.0) for q in qset) / len(qset) if qset else 0.0


def print_halves(rows, qids, candidates, baseline):
    """Two-fold split of every collection's judged queries (alternate
    ones in file order): the row with the best mean MAP ratio to the best
    peer over the six tuning halves, judged on the other halves."""
    names = [n for n in rows if n in qids]
    halves = {n: [set(qids[n][0::2]), set(qids[n][1::2])] for n in names}

    def ratio(n, c, h):
        top = max(half_map(rows[n][p]["ap"], halves[n][h]) for p in PEERS if p in rows[n])
        return half_map(rows[n][c]["ap"], halves[n][h]) / top if top else 0.0
    print("\nhalves: tuned on one half of every collection's queries (alternate "
          "queries), judged on the other half")
    for tune in (0, 1):
        held = 1 - tune
        pick = max(candidates, key=lambda c: (sum(ratio(n, c, tune) for n in names) / len(names),
                                              c == baseline))
        print(f"tuned on half {tune} (mean ratio {sum(ratio(n, pick, tune) for n in names) / len(names):.3f}):"
              f" {pick}")
        print(f"  {'held out':<8} {'ratio':>6} {'base':>6} {'tuned':>6} {'MAP':>6} {'p':>6}")
        for n in names:
            q = halves[n][held]
            a = {k: v for k, v in rows[n][pick]["ap"].items() if k in q}
            b = {k: v for k, v in rows[n][baseline]["ap"].items() if k in q}
            for k in q:
                a.setdefault(k, 0.0)
                b.setdefault(k, 0.0)
            pv = randomisation_p(a, b) if pick != baseline else 1.0
            print(f"  {n:<8} {ratio(n, pick, held):6.3f} {ratio(n, baseline, held):6.3f} "
                  f"{ratio(n, pick, tune):6.3f} {half_map(rows[n][pick]['ap'], q):6.4f} {pv:6.3f}")
        print(f"  worst held-out ratio {min(ratio(n, pick, held) for n in names):.3f}, "
              f"tuned {min(ratio(n, pick, tune) for n in names):.3f}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--try", dest="tries", action="append", default=[],
                    help="NAME:OPTIONS, an extra Dateline run with dateline-search OPTIONS")
    ap.add_argument("--try-index", dest="index_tries", action="append", default=[],
                    help="NAME:OPTIONS[|SEARCH OPTIONS], an extra Dateline run on an "
                         "index built with dateline-index OPTIONS (searched with SEARCH "
                         "OPTIONS)")
    ap.add_argument("--try-lower", dest="lower_tries", action="append", default=[],
                    help="NAME:OPTIONS, an extra Dateline run with the queries in lower case")
    ap.add_argument("--collections", default=",".join(ALL_COLLECTIONS))
    ap.add_argument("--loco", action="store_true",
                    help="choose among the Dateline rows by leave-one-collection-out")
    ap.add_argument("--halves", action="store_true",
                    help="choose among the Dateline rows on half of every collection's "
                         "queries, judged on the other half (both ways)")
    ap.add_argument("--baseline", default="dateline",
                    help="the row the others are tested against (default: dateline)")
    ap.add_argument("--reuse", action="store_true",
                    help="keep the indexes and peer runs already in build/eval")
    ap.add_argument("--no-peers", action="store_true",
                    help="only Dateline's rows (needs --reuse runs of the peers for ratios)")
    ap.add_argument("--json", metavar="FILE", help="write every figure, per query, to FILE")
    args = ap.parse_args()
    if not os.path.isdir(os.path.join(DATA, "relevance")):
        print(f"eval: skipped, {os.path.join(DATA, 'relevance')} is absent "
              "(the shared relevance collections are not on this machine)")
        return 0
    rows, sizes, qids = {}, {}, {}
    for name in args.collections.split(","):
        wd = os.path.join(WORK, name)
        os.makedirs(wd, exist_ok=True)
        sizes[name] = prepare(name, wd)
        with open(os.path.join(wd, "queries.tsv")) as f:
            qids[name] = [line.split("\t", 1)[0] for line in f]
        runs = [("dateline", *run_dateline(wd, [], "dateline", reuse=args.reuse))]
        for t in args.tries:
            tag, _, opts = t.partition(":")
            runs.append((tag, *run_dateline(wd, opts.split(), "t-" + re.sub(r"\W", "_", tag),
                                            reuse=args.reuse)))
        for t in args.lower_tries:
            tag, _, opts = t.partition(":")
            runs.append((tag, *run_dateline(wd, opts.split(), "l-" + re.sub(r"\W", "_", tag),
                                            reuse=args.reuse, lower=True)))
        for t in args.index_tries:
            tag, _, opts = t.partition(":")
            iopts, _, sopts = opts.partition("|")
            runs.append((tag, *run_dateline(wd, sopts.split(), "i-" + re.sub(r"\W", "_", tag),
                                            iopts.split(), reuse=args.reuse)))
        reuse_peers = args.reuse or args.no_peers
        if os.path.exists(XAPIAN_REF):
            runs.append(("xapian-ref", run_xapian_ref(wd, reuse_peers), 0))
        runs.append(("sqlite-fts5", run_fts5(wd, reuse_peers), 0))
        if os.path.exists(os.path.join(LUCENE_CLASSES, "LuceneRef.class")):
            runs.append(("lucene", run_lucene(wd, reuse_peers), 0))
        rows[name] = {}
        for system, run, refused in runs:
            means, per_q, empty = score(wd, run)
            rows[name][system] = dict(means, ap=per_q.get("MAP", {}), refused=refused,
                                      empty=empty)
    print(f"{'collection':<10} {'docs':>5} {'queries':>7}  {'system':<28} "
          f"{'MAP':>6} {'P@10':>6} {'nDCG@10':>7} {'R@1000':>6} {'refused':>7} {'empty':>5} "
          f"{'p':>6}")
    for name, systems in rows.items():
        base = systems[args.baseline]["ap"]
        for system, m in systems.items():
            pv = "" if system == args.baseline else f"{randomisation_p(m['ap'], base):6.3f}"
            print(f"{name:<10} {sizes[name][0]:>5} {sizes[name][1]:>7}  {system:<28} "
                  f"{m.get('MAP', 0):6.4f} {m.get('P@10', 0):6.4f} {m.get('nDCG@10', 0):7.4f} "
                  f"{m.get('Recall@1000', 0):6.4f} {m['refused']:>7} {m['empty']:>5} {pv:>6}")
    print(f"(p: paired randomisation test of the row's MAP against {args.baseline}'s)")
    rat, best = ratios(rows)
    if rat:
        print(f"\n{'collection':<10} {'best peer':<12} {'its MAP':>7} {'Dateline':>8} "
              f"{'ratio':>6} {'p':>6} {'P@10':>6} {'nDCG@10':>7}")
        for name in rat:
            d, b = rows[name]["dateline"], rows[name][best[name]]
            print(f"{name:<10} {best[name]:<12} {b['MAP']:7.4f} {d['MAP']:8.4f} "
                  f"{rat[name]['dateline']:6.3f} {randomisation_p(d['ap'], b['ap']):6.3f} "
                  f"{d['P@10']:6.4f} {d['nDCG@10']:7.4f}")
        print(f"worst ratio {min(r['dateline'] for r in rat.values()):.3f}")
    cands = ["dateline"] + [s for s in next(iter(rows.values())) if s not in PEERS
                            and s != "dateline"]
    if args.loco:
        print_loco(rows, cands, args.baseline)
    if args.halves:
        print_halves(rows, qids, cands, args.baseline)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(rows, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
