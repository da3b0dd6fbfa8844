#!/usr/bin/env python3
"""make eval: relevance of Dateline and its peers on CISI and MED.

For each collection in ../shared/data/relevance, the documents become
articles (a Title/Author header block and the abstract), Dateline indexes
them with dateline-index and answers every judged query with
`dateline-search --batch --trec`; the reference Xapian program
(bench/xapian_ref.cc: TermGenerator, QueryParser, English stemmer, BM25
defaults) and SQLite FTS5 (porter unicode61, bm25()) answer the same
queries over the same text. ../shared/tools/treceval.py scores every run.

Extra runs of Dateline with other settings are given with --try (search
options) and --try-index (indexing options), e.g.
  python3 bench/eval.py --try "k1=2:--k1 2" --try-index "porter:--language porter"
and appear as rows of their own, so experiments live in this output and
not in the code.
"""
import argparse
import os
import re
import sqlite3
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.environ.get("DATELINE_DATA", os.path.join(ROOT, "..", "shared", "data"))
TREC_EVAL = os.path.join(DATA, "..", "tools", "treceval.py")
BIN = os.environ.get("DATELINE_BIN", os.path.join(ROOT, "bin"))
XAPIAN_REF = os.path.join(ROOT, "build", "xapian-ref")
DEPTH = 1000

COLLECTIONS = {
    "cisi": ("CISI.ALL", "CISI.QRY", "CISI.REL"),
    "med": ("MED.ALL", "MED.QRY", "MED.REL"),
}


def read_smart(path):
    """Records of a SMART file: {id: {field letter: text}} in file order."""
    records, cur, field = {}, None, None
    with open(path, encoding="latin-1") as f:
        for line in f:
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


def read_qrels(path, out):
    """Write TREC qrels ("qid 0 docid rel") and return the judged qids."""
    judged = set()
    with open(path) as f, open(out, "w") as o:
        for line in f:
            p = line.split()
            if len(p) < 3:
                continue
            if p[1] == "0" and len(p) == 4 and "." not in p[3]:   # MED: qid 0 docid rel
                qid, docid, rel = p[0], p[2], p[3]
            else:                                                 # CISI: qid docid 0 0.0
                qid, docid, rel = p[0], p[1], "1"
            judged.add(qid)
            o.write(f"{qid} 0 {docid} {rel}\n")
    return judged


def one_line(text):
    return " ".join(text.split())


def query_text(q):
    """The words of a query, without characters of Dateline's query
    language: the queries are natural-language text."""
    text = one_line(" ".join(q.get(f, "") for f in ("T", "W")))
    return re.sub(r'["():+\-*]', " ", text)


def prepare(name, workdir):
    docs_f, qry_f, rel_f = (os.path.join(DATA, "relevance", name, f) for f in COLLECTIONS[name])
    docs = read_smart(docs_f)
    queries = read_smart(qry_f)
    qrels = os.path.join(workdir, "qrels")
    judged = read_qrels(rel_f, qrels)
    art_dir = os.path.join(workdir, "articles")
    os.makedirs(art_dir)
    with open(os.path.join(workdir, "docs.tsv"), "w") as tsv:
        for did, d in docs.items():
            title = one_line(d.get("T", ""))
            authors = "; ".join(a for a in d.get("A", "").split("\n") if a.strip())
            body = d.get("W", "")
            with open(os.path.join(art_dir, did), "w") as f:
                if title:
                    f.write(f"Title: {title}\n")
                if authors:
                    f.write(f"Author: {one_line(authors)}\n")
                f.write(f"Source: {name}\n\n{body}\n")
            tsv.write(f"{did}\t{title} {one_line(authors)}\t{one_line(body)}\n")
    with open(os.path.join(workdir, "queries.tsv"), "w") as f:
        for qid, q in queries.items():
            if qid in judged:
                f.write(f"{qid}\t{query_text(q)}\n")
    return len(docs), len(judged)


def score(workdir, run):
    out = subprocess.run([sys.executable, TREC_EVAL, os.path.join(workdir, "qrels"), run],
                         capture_output=True, text=True, check=True).stdout
    return {m.group(1): float(m.group(2))
            for m in re.finditer(r"^(\S+)\s+([0-9.]+)\s*$", out, re.M)}


def run_dateline(workdir, extra, tag, index_opts=()):
    db = os.path.join(workdir, "dateline.db" if not index_opts else f"dateline-{tag}.db")
    if not os.path.exists(db):
        subprocess.run([os.path.join(BIN, "dateline-index"), "-q", "-d", db]
                       + list(index_opts) + [os.path.join(workdir, "articles")], check=True)
    run = os.path.join(workdir, f"run.{tag}")
    with open(run, "w") as f:
        subprocess.run([os.path.join(BIN, "dateline-search"), "-d", db, "--batch",
                        os.path.join(workdir, "queries.tsv"), "--trec", "-n", str(DEPTH)]
                       + extra, stdout=f, check=True)
    return run


def run_xapian_ref(workdir):
    db = os.path.join(workdir, "xapian-ref.db")
    subprocess.run([XAPIAN_REF, "index", db, os.path.join(workdir, "docs.tsv")], check=True)
    run = os.path.join(workdir, "run.xapian-ref")
    with open(run, "w") as f:
        subprocess.run([XAPIAN_REF, "search", db, os.path.join(workdir, "queries.tsv"),
                        str(DEPTH)], stdout=f, check=True)
    return run


def run_fts5(workdir):
    con = sqlite3.connect(":memory:")
    con.execute("CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, body, "
                "tokenize='porter unicode61')")
    with open(os.path.join(workdir, "docs.tsv")) as f:
        con.executemany("INSERT INTO docs VALUES (?, ?, ?)",
                        (line.rstrip("\n").split("\t") for line in f))
    run = os.path.join(workdir, "run.fts5")
    with open(os.path.join(workdir, "queries.tsv")) as f, open(run, "w") as out:
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


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--try", dest="tries", action="append", default=[],
                    help="NAME:OPTIONS, an extra Dateline run with dateline-search OPTIONS")
    ap.add_argument("--try-index", dest="index_tries", action="append", default=[],
                    help="NAME:OPTIONS[|SEARCH OPTIONS], an extra Dateline run on an "
                         "index built with dateline-index OPTIONS (searched with SEARCH "
                         "OPTIONS)")
    ap.add_argument("--collections", default="cisi,med")
    args = ap.parse_args()
    if not os.path.isdir(os.path.join(DATA, "relevance")):
        print(f"eval: skipped, {os.path.join(DATA, 'relevance')} is absent "
              "(the shared relevance collections are not on this machine)")
        return 0
    rows = []
    for name in args.collections.split(","):
        with tempfile.TemporaryDirectory(prefix=f"dateline-eval-{name}-") as wd:
            ndocs, nq = prepare(name, wd)
            runs = [("dateline", run_dateline(wd, [], "dateline"))]
            for t in args.tries:
                tag, _, opts = t.partition(":")
                runs.append((f"dateline {tag}", run_dateline(wd, opts.split(), re.sub(r"\W", "_", tag))))
            for t in args.index_tries:
                tag, _, opts = t.partition(":")
                iopts, _, sopts = opts.partition("|")
                tag_ = re.sub(r"\W", "_", tag)
                runs.append((f"dateline {tag}", run_dateline(wd, sopts.split(), tag_,
                                                             iopts.split())))
            if os.path.exists(XAPIAN_REF):
                runs.append(("xapian-ref", run_xapian_ref(wd)))
            runs.append(("sqlite-fts5", run_fts5(wd)))
            for system, run in runs:
                rows.append((name, ndocs, nq, system, score(wd, run)))
    print(f"{'collection':<10} {'docs':>5} {'queries':>7}  {'system':<24} "
          f"{'MAP':>6} {'P@10':>6} {'nDCG@10':>7} {'R@1000':>6}")
    for name, ndocs, nq, system, m in rows:
        print(f"{name:<10} {ndocs:>5} {nq:>7}  {system:<24} {m.get('MAP', 0):6.4f} "
              f"{m.get('P@10', 0):6.4f} {m.get('nDCG@10', 0):7.4f} {m.get('Recall@1000', 0):6.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
