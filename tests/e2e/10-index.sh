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

finish
