#!/usr/bin/env python3
"""Language detection accuracy on texts of 1, 3 and 10 sentences.

The texts are real prose that Debian installs in five languages: the
messages of the programs' translation catalogs (/usr/share/locale/LANG/
LC_MESSAGES/*.mo), English from their msgids and French, German, Spanish
and Russian from their translations. A sentence is a message (or a piece of
one) ending in a full stop with at least five words of letters alone and
none of the characters of command syntax, markup or quotes; a text of k sentences
is k consecutive sentences of one catalog. Both detectors get the same
texts: the indexer's (libexttextcat over the languages Snowball stems,
build/opt/bench/lang-detect) and CLD2 (build/lang-cld2). Prints a table;
figures, not pass/fail.

The catalogs are split in two parts by a hash of their file name (the same
catalog is in the same part in every language, so the English msgids of a
French catalog are in the part of its translations): "dev", on which the
detector's choices were made, and "held", kept back to report. A text never
mixes the two. --part chooses (default both, one table each).

--others adds languages the bench does not aim at (their catalogs, e.g.
ca,it,pt): what a change for the five costs the languages beside them.

   python3 bench/lang_detect.py [--per 300] [--prefer en] [--part dev|held|both]
                                [--others ca,it,pt]
"""
import argparse
import gettext
import hashlib
import glob
import os
import random
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LANGS = ("en", "fr", "de", "es", "ru")
SIZES = (1, 3, 10)


def sentences_of(text):
    text = re.sub(r"%[-#0-9.]*[a-zA-Z]|\{[^}]*\}|&|_", "", text)
    text = " ".join(text.split())
    out = []
    for s in re.split(r"(?<=[.!?])\s+", text):
        # Prose, not command syntax: no markup or option characters, and
        # at least five words of letters alone.
        if not s.endswith(".") or re.search(r"[<>\[\]|=/\\@:()\"']|--|\.\.\.", s):
            continue
        if sum(1 for w in s.split() if w.rstrip(".,;").isalpha()) >= 5:
            out.append(s)
    return out


def part_of(name):
    """The part of the catalog file name: "dev" or "held"."""
    return "dev" if int(hashlib.md5(name.encode()).hexdigest(), 16) % 2 == 0 else "held"


def catalogs(lang, part=None):
    """Per catalog (of part, or all), its sentences in lang (English: the
    msgids of the French catalogs)."""
    src = "fr" if lang == "en" else lang
    for path in sorted(glob.glob("/usr/share/locale/%s/LC_MESSAGES/*.mo" % src)):
        if part and part_of(os.path.basename(path)) != part:
            continue
        try:
            with open(path, "rb") as f:
                cat = gettext.GNUTranslations(f)._catalog
        except Exception:
            continue
        sents = []
        for k, v in cat.items():
            if isinstance(k, tuple):
                k = k[0]
            text = k if lang == "en" else v
            if not k or not isinstance(text, str):
                continue
            sents.extend(sentences_of(text))
        if sents:
            yield os.path.basename(path), sents


def samples(lang, k, per, rnd, part=None):
    runs = []
    for _, sents in catalogs(lang, part):
        for i in range(0, len(sents) - k + 1, k):
            runs.append(" ".join(sents[i:i + k]))
    rnd.shuffle(runs)
    return runs[:per]


def detect(cmd, texts):
    data = "".join(t.replace("\n", " ") + "\n" for t in texts)
    out = subprocess.run(cmd, input=data, capture_output=True, text=True, check=True).stdout
    return out.split("\n")[: len(texts)]


def table(ours, cld2, langs, per, part):
    print("%-4s %5s %6s  %-22s %-22s" % ("lang", "sent.", "texts", "indexer", "cld2 alone"))
    totals = {}
    for k in SIZES:
        for lang in langs:
            # Each cell's own seed: the texts of one do not depend on the others.
            texts = samples(lang, k, per, random.Random("%s %d %s" % (lang, k, part)), part)
            if not texts:
                continue
            row = []
            for name, cmd in (("textcat", ours), ("cld2", [cld2])):
                if not os.path.exists(cmd[0]):
                    row.append("-")
                    continue
                got = detect(cmd, texts)
                ok = sum(1 for g in got if g == lang)
                if lang in LANGS:
                    t = totals.setdefault((name, k), [0, 0])
                    t[0] += ok
                    t[1] += len(texts)
                row.append("%5.1f%% (%d/%d)" % (100.0 * ok / len(texts), ok, len(texts)))
            print("%-4s %5d %6d  %-22s %-22s" % (lang, k, len(texts), row[0], row[1]))
    for k in SIZES:
        row = []
        for name in ("textcat", "cld2"):
            t = totals.get((name, k))
            row.append("%5.1f%% (%d/%d)" % (100.0 * t[0] / t[1], t[0], t[1]) if t else "-")
        print("%-4s %5d %6s  %-22s %-22s" % ("all", k, "", row[0], row[1]))


def main():
    ap = argparse.ArgumentParser(description="Language detection accuracy (see the file's head).")
    ap.add_argument("--per", type=int, default=300, help="texts per language and size (300)")
    ap.add_argument("--prefer", default=None,
                    help="the run's language, as the indexer passes it (e.g. en)")
    ap.add_argument("--part", default="both", choices=("dev", "held", "both", "all"),
                    help="the catalogs' part: dev, held, both (a table each) or all (one table)")
    ap.add_argument("--others", default="",
                    help="more languages, comma-separated (e.g. ca,it,pt), not in the totals")
    ap.add_argument("--ours", default=os.path.join(ROOT, "build/opt/bench/lang-detect"),
                    help="the indexer's detector program (another build's, for a before/after)")
    a = ap.parse_args()
    ours = [a.ours] + (["--prefer", a.prefer] if a.prefer else [])
    cld2 = os.path.join(ROOT, "build/lang-cld2")
    langs = LANGS + tuple(x for x in a.others.split(",") if x)
    parts = {"both": ("dev", "held"), "all": (None,)}.get(a.part, (a.part,))
    for part in parts:
        print("== %s" % ({"dev": "development catalogs (the choices were made on these)",
                         "held": "held-out catalogs", None: "all catalogs"}[part]))
        table(ours, cld2, langs, a.per, part)


if __name__ == "__main__":
    main()
