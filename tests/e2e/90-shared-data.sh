#!/usr/bin/env bash
# The shared real corpora (BBC, Reuters-21578): absent on a user's machine,
# where these checks are skipped.
. "$(dirname "$0")/lib.sh"

if [ -d "$DATA/corpora/bbc" ]; then
	# The five topic folders, without the dataset's READMEs.
	mkdir -p "$TMP/bbc"
	for t in business entertainment politics sport tech; do ln -s "$(cd "$DATA/corpora/bbc/$t" && pwd)" "$TMP/bbc/$t"; done
	out=$("$INDEX" -d "$TMP/bbc.db" "$TMP/bbc" 2>&1)
	expect_match "BBC: all 2,225 articles indexed" "$out" "indexed 2225 articles.*holds 2225 articles"
	expect_match "BBC: the Latin-1 file is converted" "$out" "sport/199.txt: not valid UTF-8"
	expect_match "BBC: the 98 byte-identical copies are recognised" "$out" "98 duplicates of articles already indexed"
	out=$("$SEARCH" -d "$TMP/bbc.db" --color=never -n 3 Mutu '"£15.8m signing"')
	expect_match "BBC: sport/199.txt keeps its pound sign" "$out" "a £15.8m signing"
	# One file of each hostile kind among them: every other file indexes too.
	make_hostile "$TMP/bbc/zz-bad"
	out=$("$INDEX" -d "$TMP/bbc.db" "$TMP/bbc" 2>&1)
	expect_match "BBC with bad files among them: every article indexed" "$out" "indexed 5 articles.*holds 2230 articles"
else
	skip "$DATA/corpora/bbc is absent" "BBC: all 2,225 articles indexed" "BBC: the Latin-1 file is converted" "BBC: the 98 byte-identical copies are recognised" "BBC: sport/199.txt keeps its pound sign" "BBC with bad files among them: every article indexed"
fi
if [ -d "$DATA/corpora/reuters21578" ]; then
	mkdir -p "$TMP/reuters"
	for f in "$DATA"/corpora/reuters21578/*.sgm; do ln -s "$(cd "$(dirname "$f")" && pwd)/$(basename "$f")" "$TMP/reuters/"; done
	out=$("$INDEX" -d "$TMP/reuters.db" "$TMP/reuters" 2>&1)
	expect_match "Reuters: all 21,578 stories indexed" "$out" "indexed 21578 articles.*holds 21578 articles"
	expect_match "Reuters: every story has its date" "$(xapian-delve -t Y1987 "$TMP/reuters.db" | head -c 100)" "termfreq 21578"
	out=$("$SEARCH" -d "$TMP/reuters.db" --color=never -n 1 Bahia cocoa temporao)
	expect_match "Reuters: a story is found with its dateline" "$out" "1987-.* · (Salvador|Rio De Janeiro)"
else
	skip "$DATA/corpora/reuters21578 is absent" "Reuters: all 21,578 stories indexed" "Reuters: every story has its date" "Reuters: a story is found with its dateline"
fi

finish
