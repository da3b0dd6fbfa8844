#!/usr/bin/env bash
# Answers for tools and readers: --json, --batch --trec, --timings,
# --count, --show.
. "$(dirname "$0")/lib.sh"

make_index corpus corpus
DB="$TMP/corpus.db"

# --- answers for tools --------------------------------------------------------------
out=$("$SEARCH" -d "$DB" --json -n 5 Kerry Lavrov Crimea)
expect "--json prints one object per hit" "$(printf '%s\n' "$out" | wc -l)" 5
hl=$(printf '%s\n' "$out" | "$JSON_CHECK")
expect "--json parses back, ranks count up, highlights lie in the snippet" "$?" 0
bad=$(printf '%s\n' "$hl" | tr 'A-Z' 'a-z' | grep -Ev "^(kerry|kerry's|lavrov|lavrov's|crimea|crimea's)$")
expect "--json highlights are the query's words" "${bad:-none}" "none"
expect_match "--json carries the stored fields" "$out" '"id":"ukraine/paris-talks-2014-03-30.txt","title":"Kerry and Lavrov end Paris talks[^"]*","author":"Margaret Hollis","date":"2014-03-30","place":"Paris, France"'
printf '1\tKerry Lavrov Crimea\n2\t"foreign minister"\n\n3\tSevastopol fleet\n' > "$TMP/queries.tsv"
out=$("$SEARCH" -d "$DB" --batch "$TMP/queries.tsv" --trec -n 3 --timings "$TMP/timings.tsv")
expect "--batch --trec exits 0" "$?" 0
expect "--trec prints qid Q0 id rank score dateline" "$(printf '%s\n' "$out" | grep -Evc '^[0-9]+ Q0 [^ ]+ [1-3] [0-9.]+ dateline$')" 0
expect "--trec answers every query" "$(printf '%s\n' "$out" | cut -d' ' -f1 | sort -u | tr '\n' ' ')" "1 2 3 "
expect "--timings has a line per query" "$(cut -f1 "$TMP/timings.tsv" | tr '\n' ' ')" "1 2 3 "
printf '1\tKerry\nno tab here\n2\tbad "quote\n3\tCrimea\n' > "$TMP/badq.tsv"
out=$("$SEARCH" -d "$DB" --batch "$TMP/badq.tsv" --trec -n 1 2>"$TMP/badq.err")
expect "--batch with bad lines exits 2" "$?" 2
expect "--batch answers the good lines" "$(printf '%s\n' "$out" | cut -d' ' -f1 | tr '\n' ' ')" "1 3 "
expect_match "--batch names the bad line" "$(cat "$TMP/badq.err")" "badq.tsv:2: expected qid<TAB>query"
expect_match "--batch names the bad query" "$(cat "$TMP/badq.err")" "query 2: unbalanced quote"
expect "the count a person reads is the exact count" "$("$SEARCH" -d "$DB" --color=never Kerry Lavrov Crimea | sed -n '1s/ articles match.*//p')" "$("$SEARCH" -d "$DB" --count Kerry Lavrov Crimea)"
expect "--count prints the number" "$("$SEARCH" -d "$DB" --count Sevastopol)" "$("$SEARCH" -d "$DB" --json -n 100 Sevastopol | wc -l)"
out=$("$SEARCH" -d "$DB" --show ukraine/london-talks.txt)
expect_match "--show prints the fields" "$out" "author   Margaret Hollis"
expect_match "--show prints the body" "$out" "Six hours of talks in London"
out=$("$SEARCH" -d "$DB" --json --show ukraine/london-talks.txt)
expect_match "--show --json has the body" "$out" '"body":"Six hours of talks'
out=$("$SEARCH" -d "$DB" --show no/such.txt 2>&1)
expect "--show of an unknown id exits 1" "$?" 1
expect_match "--show names the id" "$out" "no article with id 'no/such.txt'"
out=$("$SEARCH" -d "$DB" --show "$PWD/corpus/ukraine/london-talks.txt")
expect_match "--show takes the absolute path of a file in an indexed folder" "$out" "^id       ukraine/london-talks.txt"
out=$(cd corpus/ukraine && "$OLDPWD/$SEARCH" -d "$DB" --show ./london-talks.txt)
expect_match "--show takes a path from the current folder" "$out" "^id       ukraine/london-talks.txt"
out=$("$SEARCH" -d "$DB" --show "$PWD/corpus/feeds/ledger-europe.rss#ledger-europe-2014-03-30-paris")
expect_match "--show takes the path of a container file with #ITEM" "$out" "^id       feeds/ledger-europe.rss#ledger-europe-2014-03-30-paris"
out=$("$SEARCH" -d "$DB" --show "$TMP/elsewhere.txt" 2>&1)
expect_match "--show of a path outside the indexed folder says what an id is" "$out" "no article with id '$TMP/elsewhere.txt' \(an id is a path relative to the folder indexed, $PWD/corpus"
out=$("$SEARCH" -d "$DB" --color=never --offset 30 Crimea)
expect_match "an --offset past the last match says so" "$(printf '%s\n' "$out" | head -1)" "^14 articles match; --offset 30 skips them all\.$"
out=$("$SEARCH" -d "$DB" --color=never --offset 10 Crimea)
expect_match "an --offset shows the range of the hits it shows" "$(printf '%s\n' "$out" | head -1)" "^14 articles match; showing 11-14\.$"
"$SEARCH" -d "$DB" --trec Kerry >/dev/null 2>&1
expect "--trec without --batch exits 2" "$?" 2

finish
