#!/usr/bin/env bash
# Indexing the corpus: the exit status, the summary, --verbose and the
# progress line (on a terminal only).
. "$(dirname "$0")/lib.sh"

out=$("$INDEX" -d "$TMP/corpus.db" corpus 2>&1)
expect "index corpus exits 0" "$?" 0
expect_match "index reports the count" "$out" "indexed $ndocs articles"

out=$("$INDEX" -v -d "$TMP/verbose.db" corpus/feeds 2>&1)
expect_match "--verbose names each file and its articles" "$out" "corpus/feeds/wire-world.atom: 2 articles"
if command -v script >/dev/null; then
	script -qc "$INDEX -d $TMP/tty.db corpus" "$TMP/tty.out" >/dev/null 2>&1
	expect_match "a progress line on a terminal" "$(tr '\r' '\n' < "$TMP/tty.out")" "^.*[0-9]+/$nfiles files, [0-9]+ articles indexed, [0-9]+ files/s"
else
	skip "no script(1) to give the indexer a terminal" "a progress line on a terminal"
fi
out=$("$INDEX" -d "$TMP/notty.db" corpus 2>&1)
if printf '%s' "$out" | grep -q 'files/s'; then not_ok "no progress line when not on a terminal"; else ok "no progress line when not on a terminal"; fi

# --- what a new user tries first (issue 19) -----------------------------------------
out=$("$INDEX" -d "$TMP/typo.db" "$TMP/nosuchdir" 2>&1)
expect "a folder that is not there exits 1" "$?" 1
expect "... naming it" "$out" "dateline-index: $TMP/nosuchdir: No such file or directory; nothing indexed"
if [ -e "$TMP/typo.db" ]; then not_ok "... and leaves no index behind"; else ok "... and leaves no index behind"; fi
"$INDEX" -q -d "$TMP/typo.db" corpus/html "$TMP/nosuchdir" 2>/dev/null
if [ -e "$TMP/typo.db" ]; then not_ok "one missing FOLDER of two: no index either"; else ok "one missing FOLDER of two: no index either"; fi

# A file given alone: indexed, its id relative to its folder; the other
# articles of the index (and of that folder) stay.
make_index one corpus/ukraine
n_ukraine=$("$SEARCH" -d "$TMP/one.db" --count Crimea)
cp corpus/ukraine/london-talks.txt "$TMP/london-copy.txt"
cp -r corpus/ukraine "$TMP/ukr"
printf 'Title: A late report from Odesa\n\nOdesa harbour was quiet on Sunday.\n' > "$TMP/ukr/odesa-late.txt"
out=$("$INDEX" -d "$TMP/one.db" "$TMP/ukr/odesa-late.txt" 2>&1)
expect_match "a file given alone is indexed" "$out" "^indexed 1 article \(1 new, 0 updated\), 0 unchanged, 0 removed .*skipped 0 files; the index holds"
expect_match "... with its id relative to its folder" "$("$SEARCH" -d "$TMP/one.db" --show odesa-late.txt)" "^title    A late report from Odesa"
expect "... and the index keeps the others" "$("$SEARCH" -d "$TMP/one.db" --count Crimea)" "$n_ukraine"
out=$("$INDEX" -d "$TMP/one.db" "$TMP/ukr/odesa-late.txt" 2>&1)
expect_match "... and again, it is unchanged" "$out" "^indexed 0 articles \(0 new, 0 updated\), 1 unchanged, 0 removed"

# Folders as users have them: a dataset's README and LICENSE are not
# articles; .datelineignore and --exclude leave files out; the summary
# counts them.
DS="$TMP/dataset"
mkdir -p "$DS/2014/drafts" "$DS/2015"
for f in 2014/kerry.txt 2014/drafts/draft.txt 2014/notes.tmp 2015/lavrov.txt 2015/putin.txt; do
	printf 'Title: Report %s\n\nA report on the talks in Geneva, file %s.\n' "$f" "$f" > "$DS/$f"
done
printf 'This dataset holds reports on the talks in Geneva.\n' > "$DS/README.md"
printf 'Permission is granted to copy the reports on the talks in Geneva.\n' > "$DS/LICENSE"
printf 'Permission is granted.\n' > "$DS/2015/COPYING.txt"
printf '# scratch\n*.tmp\ndrafts/\n' > "$DS/.datelineignore"
out=$("$INDEX" -d "$TMP/ds.db" "$DS" 2>&1)
expect_match "the summary counts what was left out" "$out" "^indexed 3 articles .*; left out 4 files and 1 folder \(README, LICENSE and the like, .datelineignore, --exclude\)"
expect "README, LICENSE, COPYING, *.tmp and drafts/ are not articles" "$(DB="$TMP/ds.db" ids_of Geneva)" "2014/kerry.txt 2015/lavrov.txt 2015/putin.txt "
printf '!LICENSE\n' > "$DS/2015/.datelineignore"
cp "$DS/LICENSE" "$DS/2015/LICENSE"
"$INDEX" -q -d "$TMP/ds.db" "$DS"
expect "'!NAME' in a folder's .datelineignore takes a file back in there" "$(DB="$TMP/ds.db" ids_of Geneva)" "2014/kerry.txt 2015/LICENSE 2015/lavrov.txt 2015/putin.txt "
out=$("$INDEX" -d "$TMP/ds.db" --exclude 'p*.txt' --exclude '2014/' "$DS" 2>&1)
expect "--exclude leaves files and folders out (their articles go)" "$(DB="$TMP/ds.db" ids_of Geneva)" "2015/LICENSE 2015/lavrov.txt "
expect_match "... and says how many were removed" "$out" "2 removed"
out=$("$INDEX" -v -d "$TMP/ds2.db" --exclude '2015/*.txt' "$DS" 2>&1)
expect_match "--exclude with a '/' is a path in FOLDER; --verbose names what is left out" "$out" "dataset/2015/lavrov.txt: left out"
"$INDEX" -d "$TMP/x.db" --exclude '' "$DS" >/dev/null 2>"$TMP/xerr"
expect "--exclude '' is a usage error" "$?:$(head -1 "$TMP/xerr")" "2:dateline-index: --exclude: an empty pattern"

finish
