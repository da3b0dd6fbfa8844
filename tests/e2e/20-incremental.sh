#!/usr/bin/env bash
# Indexing again: unchanged, touched, removed, renamed and copied files,
# a feed that drops an item, --full.
. "$(dirname "$0")/lib.sh"

make_index corpus corpus
DB="$TMP/corpus.db"
out=$("$INDEX" -d "$DB" corpus 2>&1)
expect_match "indexing twice keeps the document count" "$out" "$nfiles unchanged.*the index holds $ndocs articles"

# A copy to change: touched, removed and renamed files.
cp -r corpus "$TMP/inc"
IDB="$TMP/inc.db"
"$INDEX" -q -d "$IDB" "$TMP/inc"
out=$("$INDEX" -d "$IDB" "$TMP/inc" 2>&1)
expect_match "an unchanged folder is not read again" "$out" "indexed 0 articles .*, $nfiles unchanged, 0 removed"
touch "$TMP/inc/world/apollo-11.txt"
out=$("$INDEX" -d "$IDB" "$TMP/inc" 2>&1)
expect_match "a touched file is read again" "$out" "indexed 1 article \(0 new, 1 updated\), $((nfiles - 1)) unchanged"
rm "$TMP/inc/world/apollo-11.txt"
mv "$TMP/inc/world/fukushima.txt" "$TMP/inc/world/renamed.txt"
out=$("$INDEX" -d "$IDB" "$TMP/inc" 2>&1)
expect_match "deleted and renamed files are removed" "$out" "\(1 new, 0 updated\), $((nfiles - 2)) unchanged, 2 removed.*holds $((ndocs - 1)) articles"
out=$("$SEARCH" -d "$IDB" --color=never Armstrong)
expect_match "a deleted file's article is gone" "$out" "No articles match"
out=$("$SEARCH" -d "$IDB" --color=never Fukushima)
expect "a renamed file is found once, under its new name" "$(printf '%s\n' "$out" | grep -c 'fukushima.txt\|renamed.txt')" 1
# A byte-identical copy is recognised and shown once, with its other id.
cp "$TMP/inc/europe/berlin-wall.txt" "$TMP/inc/world/berlin-copy.txt"
out=$("$INDEX" -d "$IDB" "$TMP/inc" 2>&1)
expect_match "a byte-identical copy is recognised" "$out" "1 duplicate of articles already indexed"
out=$("$SEARCH" -d "$IDB" --color=never Schabowski)
expect "a duplicated report is shown once" "$(printf '%s\n' "$out" | grep -c '^ *[0-9]*\. ')" 1
expect_match "with its other location" "$out" "also at: (world/berlin-copy.txt|europe/berlin-wall.txt)"

# A feed that drops an item drops its article.
drop_first_item() { awk 'BEGIN{skip=0} /<item>/{n++} n==1 && /<item>/{skip=1} {if(!skip)print} /<\/item>/{skip=0}' "$1"; }
drop_first_item "$TMP/inc/feeds/ledger-europe.rss" > "$TMP/feed.tmp" && mv "$TMP/feed.tmp" "$TMP/inc/feeds/ledger-europe.rss"
out=$("$INDEX" -d "$IDB" "$TMP/inc" 2>&1)
expect_match "a changed feed is read again" "$out" "indexed 1 article \\(0 new, 1 updated\\)"
out=$("$SEARCH" -d "$IDB" --color=never association agreement)
if printf '%s' "$out" | grep -q 'ledger-europe.rss#ledger-europe-2014-06-27'; then
	not_ok "a feed's dropped item is removed"
else
	ok "a feed's dropped item is removed"
fi
out=$("$INDEX" --full -d "$IDB" "$TMP/inc" 2>&1)
expect_match "--full reads every file again" "$out" "\(0 new, $((ndocs - 1)) updated\), 0 unchanged"

finish
