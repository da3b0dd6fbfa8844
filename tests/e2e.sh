#!/usr/bin/env bash
# End-to-end tests: run dateline-index and dateline-search as a user would,
# on temporary indexes built from corpus/ and from bad input made here.
set -u

BIN=${DATELINE_BIN:-bin}
HOLD_LOCK=${HOLD_LOCK:-build/opt/tests/hold_lock}
JSON_CHECK=${JSON_CHECK:-build/opt/tests/json_check}
INDEX="$BIN/dateline-index"
SEARCH="$BIN/dateline-search"
TMP=$(mktemp -d /tmp/dateline-e2e.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
unset DATELINE_DB NO_COLOR

pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok   $1"; }
not_ok() { fail=$((fail + 1)); echo "FAIL $1"; shift; for l in "$@"; do echo "     $l"; done; }

# expect NAME ACTUAL EXPECTED
expect() {
	if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "expected: $3" "got:      $2"; fi
}
# expect_match NAME TEXT REGEX
expect_match() {
	if printf '%s' "$2" | grep -Eq -- "$3"; then ok "$1"; else not_ok "$1" "no match for: $3" "in: $(printf '%s' "$2" | head -5)"; fi
}

DB="$TMP/corpus.db"
out=$("$INDEX" -d "$DB" corpus 2>&1)
expect "index corpus exits 0" "$?" 0
# Articles: one per file, and one per item of the feeds.
nfiles=$(find corpus -type f | wc -l)
nfeeds=$(find corpus -name '*.rss' -o -name '*.atom' | wc -l)
nitems=$(cat corpus/feeds/* | grep -c '<item>\|<entry>')
ndocs=$((nfiles - nfeeds + nitems))
expect_match "index reports the count" "$out" "indexed $ndocs articles"

out=$("$INDEX" -v -d "$TMP/verbose.db" corpus/feeds 2>&1)
expect_match "--verbose names each file and its articles" "$out" "corpus/feeds/wire-world.atom: 2 articles"
if command -v script >/dev/null; then
	script -qc "$INDEX -d $TMP/tty.db corpus" "$TMP/tty.out" >/dev/null 2>&1
	expect_match "a progress line on a terminal" "$(tr '\r' '\n' < "$TMP/tty.out")" "^.*[0-9]+/$nfiles files, [0-9]+ articles indexed, [0-9]+ files/s"
else
	echo "skip progress test: no script(1) to give the indexer a terminal"
fi
out=$("$INDEX" -d "$TMP/notty.db" corpus 2>&1)
if printf '%s' "$out" | grep -q 'files/s'; then not_ok "no progress line when not on a terminal"; else ok "no progress line when not on a terminal"; fi

# --- ranking -------------------------------------------------------------
out=$("$SEARCH" -d "$DB" --color=never Kerry Lavrov Crimea)
expect "search exits 0" "$?" 0
ids=$(printf '%s\n' "$out" | grep ' · score ' | awk -F' · ' '{print $(NF-1)}')
first_id=$(printf '%s\n' "$ids" | head -1)
# Three reports cover the Paris talks of 30 March 2014; the full one is
# the only one that also names Crimea.
case "$first_id" in
ukraine/paris-talks-2014-03-30.txt|ukraine/kerry-diverts-to-paris.txt|feeds/ledger-europe.rss#ledger-europe-2014-03-30-paris)
	ok "a Paris-talks report ranks first for Kerry Lavrov Crimea" ;;
*) not_ok "a Paris-talks report ranks first for Kerry Lavrov Crimea" "got: $first_id" ;;
esac
expect_match "the full Paris-talks report is in the top two" "$(printf '%s\n' "$ids" | head -2)" "ukraine/paris-talks-2014-03-30.txt"

# --- fields ---------------------------------------------------------------
out=$("$SEARCH" -d "$DB" --color=never -n 50 author:Hollis)
ids=$(printf '%s\n' "$out" | grep -c '^    Margaret Hollis ·')
hits=$(printf '%s\n' "$out" | grep -Ec '^ ?[0-9]+\. ')
expect "author: finds the header-block articles of an author" "$ids" 3
expect "author: finds nothing else" "$hits" 3
out=$("$SEARCH" -d "$DB" --color=never title:referendum)
expect_match "title: matches the title field" "$out" "^ 1\. Crimea votes to join Russia"

# --- incremental ------------------------------------------------------------
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
expect_match "a touched file is read again" "$out" "indexed 1 articles \(0 new, 1 updated\), $((nfiles - 1)) unchanged"
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
expect_match "a byte-identical copy is recognised" "$out" "1 duplicates of articles already indexed"
out=$("$SEARCH" -d "$IDB" --color=never Schabowski)
expect "a duplicated report is shown once" "$(printf '%s\n' "$out" | grep -c '^ *[0-9]*\. ')" 1
expect_match "with its other location" "$out" "also at: (world/berlin-copy.txt|europe/berlin-wall.txt)"

# A feed that drops an item drops its article.
drop_first_item() { awk 'BEGIN{skip=0} /<item>/{n++} n==1 && /<item>/{skip=1} {if(!skip)print} /<\/item>/{skip=0}' "$1"; }
drop_first_item "$TMP/inc/feeds/ledger-europe.rss" > "$TMP/feed.tmp" && mv "$TMP/feed.tmp" "$TMP/inc/feeds/ledger-europe.rss"
out=$("$INDEX" -d "$IDB" "$TMP/inc" 2>&1)
expect_match "a changed feed is read again" "$out" "indexed 1 articles \\(0 new, 1 updated\\)"
out=$("$SEARCH" -d "$IDB" --color=never association agreement)
if printf '%s' "$out" | grep -q 'ledger-europe.rss#ledger-europe-2014-06-27'; then
	not_ok "a feed's dropped item is removed"
else
	ok "a feed's dropped item is removed"
fi
out=$("$INDEX" --full -d "$IDB" "$TMP/inc" 2>&1)
expect_match "--full reads every file again" "$out" "\(0 new, $((ndocs - 1)) updated\), 0 unchanged"

# --- highlighting ------------------------------------------------------------
out=$("$SEARCH" -d "$DB" --color=always Kerry Lavrov Crimea)
words=$(printf '%s' "$out" | grep -o $'\033\\[1m[^\033]*\033\\[0m' | sed $'s/\033\\[[0-9]*m//g' | tr 'A-Z' 'a-z' | sort -u | tr '\n' ' ')
bad=$(printf '%s' "$words" | tr ' ' '\n' | grep -Ev "^(kerry|kerry's|lavrov|lavrov's|crimea|crimea's)?$")
expect "highlighted words are the query's words" "${bad:-none}" "none"
expect_match "highlights are in the output" "$words" "crimea.*kerry.*lavrov"
out=$("$SEARCH" -d "$DB" --color=never --marks '[[,]]' -n 3 Kerry Lavrov)
words=$(printf '%s' "$out" | grep -o '\[\[[^]]*\]\]' | tr -d '[]' | tr 'A-Z' 'a-z' | sort -u | tr '\n' ' ')
expect "--marks puts the marks around the query's words" "$words" "kerry kerry's lavrov "
out=$("$SEARCH" -d "$DB" --color=never Kerry)
if printf '%s' "$out" | grep -q $'\033'; then not_ok "--color=never prints no escapes"; else ok "--color=never prints no escapes"; fi
out=$(NO_COLOR=1 "$SEARCH" -d "$DB" --color=auto Kerry)
if printf '%s' "$out" | grep -q $'\033'; then not_ok "NO_COLOR turns colour off"; else ok "NO_COLOR turns colour off"; fi
out=$("$SEARCH" -d "$DB" --color=never '"foreign minister"' Lavrov)
expect_match "phrase search finds the phrase" "$out" "Foreign Minister Sergei Lavrov"

# --- the query language ------------------------------------------------------------
ids_of() { "$SEARCH" -d "$DB" --json -n 100 "$@" | sed 's/.*"id":"\([^"]*\)".*/\1/' | sort | tr '\n' ' '; }
with_all=$(for f in $(grep -rl 'Kerry' corpus | xargs grep -l 'Crimea'); do echo "${f#corpus/}"; done | sort | tr '\n' ' ')
expect "AND finds the articles with both words" "$(ids_of Kerry AND Crimea | sed 's/#[^ ]*//g')" "$with_all"
out=$(ids_of Kerry NOT Crimea)
case " $out " in *paris-talks-2014*|*london-talks*) not_ok "NOT leaves out the articles with the word" "got: $out";; *) ok "NOT leaves out the articles with the word";; esac
expect_match "parentheses group" "$(ids_of '(Sevastopol OR Simferopol) AND referendum')" "ukraine/crimea-referendum.txt"
expect_match "NEAR finds words close together" "$(ids_of Kerry NEAR/3 Lavrov)" "ukraine/london-talks.txt"
out=$(ids_of Schabowski NEAR/2 Kerry)
expect "NEAR does not find words far apart" "${out:-none}" "none"
expect_match "prefix* finds the words starting with it" "$(ids_of 'Sevasto*')" "ukraine/kharkiv-accords.txt"
# "negotiat" is no prefix of the stem of "negotiations" ("negoti"): prefix*
# goes through the index's words, not through stems.
expect_match "prefix* finds words whose stem is shorter than the prefix" "$(ids_of 'negotiat*')" "diplomacy/paris-climate-agreement.txt"
out=$("$SEARCH" -d "$DB" --color=never --marks '[[,]]' 'negotiat*')
expect_match "prefix* highlights the words starting with it" "$out" "\[\[negotiations\]\]"
out=$("$SEARCH" -d "$DB" --color=never --marks '[[,]]' -n 100 '"foreign minister"')
expect_match "a phrase matches other forms of its words (stems)" "$out" "\[\[[Ff]oreign [Mm]inisters\]\]"
out=$("$SEARCH" -d "$DB" --json -n 100 'date:2014-03..2014-03' Crimea | grep -o '"date":"[^"]*"' | sort -u | tr '\n' ' ')
expect_match "date: keeps only that month" "$out" '^("date":"2014-03-[0-9]+" )+$'
out=$("$SEARCH" -d "$DB" --json -n 100 --since 2014-04 --until 2015 Kerry | grep -o '"date":"[^"]*"' | sort -u | tr '\n' ' ')
expect_match "--since and --until keep the dates between" "$out" '^("date":"(2014-(0[4-9]|1[0-2])|2015)-[0-9-]+" )+$'
out=$("$SEARCH" -d "$DB" --json -n 5 --sort date Kerry | grep -o '"date":"[^"]*"' | tr '\n' ' ')
expect "--sort date puts the newest first" "$out" "$(printf '%s\n' $out | sort -r | tr '\n' ' ')"
expect "source: filters by source" "$(ids_of 'source:"Dateline Wire"' | wc -w)" "$(grep -rl '^Source: Dateline Wire' corpus | wc -l)"
expect "id: finds one article" "$(ids_of id:ukraine/london-talks.txt)" "ukraine/london-talks.txt "
for q in '(Kerry' 'Kerry AND' 'colour:red' 'date:2014-13' '"a b" NEAR c' 'the of'; do
	"$SEARCH" -d "$DB" "$q" >/dev/null 2>"$TMP/qerr"
	st=$?
	if [ "$st" = 2 ] && grep -q "^dateline-search: query: " "$TMP/qerr"; then ok "bad query '$q' exits 2 with a message"; else not_ok "bad query '$q' exits 2 with a message" "status $st: $(cat "$TMP/qerr")"; fi
done
out=$("$SEARCH" -d "$DB" --since 2014-13 Kerry 2>&1)
expect "a bad --since exits 2" "$?" 2
expect_match "a bad --since is named" "$out" "--since: bad date '2014-13'"

out=$("$SEARCH" -d "$DB" --color=never Lavrof Kery)
expect_match "a misspelled query gets the corrected query's results" "$out" "No articles match. Showing results for: lavrov kerry"
expect_match "... and they are shown" "$out" "^ 1\. .*(Kerry|Lavrov)"
out=$("$SEARCH" -d "$DB" --color=never Sevastopl fleet)
expect_match "a rare misspelling gets a 'did you mean'" "$out" "Did you mean: sevastopol fleet\?"
out=$("$SEARCH" -d "$DB" --color=never Sevastopol fleet)
if printf '%s' "$out" | grep -q 'Did you mean'; then not_ok "a well-spelled query gets no suggestion"; else ok "a well-spelled query gets no suggestion"; fi

# --- people and places -------------------------------------------------------------
out=$("$SEARCH" -d "$DB" --json -n 100 --person Kerry)
n_kerry=$(printf '%s\n' "$out" | grep -c '"persons":\[[^]]*"John Kerry"')
expect "--person Kerry finds the reports on John Kerry, and only them" "$(printf '%s\n' "$out" | wc -l)" "$n_kerry"
[ "$n_kerry" -ge 10 ] && ok "--person Kerry finds many reports ($n_kerry)" || not_ok "--person Kerry finds many reports" "found $n_kerry"
expect "--person matches spelling variants" "$(ids_of --person 'Sergey Lavrov')" "$(ids_of --person 'Sergei Lavrov')"
expect_match "--place Kiev finds reports on Kyiv" "$(ids_of --place Kiev)" "ukraine/yanukovych-flees.txt"
expect "--place and place: agree" "$(ids_of --place 'the Crimea' | wc -w)" "$(ids_of 'place:"the Crimea"' | wc -w)"
expect "--person and a query combine" "$(ids_of --person Putin Kerch)" "ukraine/kerch-bridge.txt "
# The two other reports on the Paris talks, among the four most related
# (with them: the Obama-Putin call that led to the talks and the London
# meeting before them).
out=$("$SEARCH" -d "$DB" --json -n 4 --related ukraine/paris-talks-2014-03-30.txt)
top=$(printf '%s\n' "$out" | sed 's/.*"id":"\([^"]*\)".*/\1/' | tr '\n' ' ')
case "$top" in *ukraine/kerry-diverts-to-paris.txt*) ok "--related: another Paris-talks report is in the top four";; *) not_ok "--related: another Paris-talks report is in the top four" "got: $top";; esac
case "$top" in *ukraine/what-moscow-wants.txt*) ok "--related: the third Paris-talks report is in the top four";; *) not_ok "--related: the third Paris-talks report is in the top four" "got: $top";; esac
case "$top" in *paris-talks-2014-03-30*) not_ok "--related leaves the report itself out";; *) ok "--related leaves the report itself out";; esac
expect_match "--related says what a hit shares" "$(printf '%s\n' "$out" | head -1)" '"shares":\[[^]]*"John Kerry"[^]]*"Sergei Lavrov"'
out=$("$SEARCH" -d "$DB" --json -n 1000 Crimea)
want=$(printf '%s\n' "$out" | grep -c '"places":\[[^]]*"Russia"')
got=$("$SEARCH" -d "$DB" --json --facets -n 1 Crimea | tail -1 | grep -o '{"name":"Russia","count":[0-9]*}' | grep -o '[0-9]*')
expect "--facets counts the matches that name a place" "$got" "$want"
expect_match "--facets in text" "$("$SEARCH" -d "$DB" --color=never --facets -n 1 Crimea)" "places +Crimea \([0-9]+\)"

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
"$SEARCH" -d "$DB" --trec Kerry >/dev/null 2>&1
expect "--trec without --batch exits 2" "$?" 2

# --- bad input to the indexer ----------------------------------------------------
BAD="$TMP/bad"
mkdir -p "$BAD/sub"
printf 'Title: Good article\n\nSome text about Sevastopol.\n' > "$BAD/good.txt"
: > "$BAD/empty.txt"
printf 'Price rise\n\nA pint now costs \xa33 in London.\n' > "$BAD/latin1.txt"
printf 'PK\003\004\000\000binary' > "$BAD/archive.zip"
ln -s "$BAD/missing-target.txt" "$BAD/dangling.txt"
ln -s .. "$BAD/sub/loop"
printf 'Evil \033[2J\033]0;pwned\007title\n\nBody with \033[31mescape\033[0m codes and Sevastopol.\n' > "$BAD/evil.txt"
mkdir -p "$BAD/.git" "$BAD/.hidden-dir"
printf 'Title: In git\n\nSevastopol in a version-control folder.\n' > "$BAD/.git/HEAD.txt"
printf 'Title: Hidden\n\nSevastopol in a hidden folder.\n' > "$BAD/.hidden-dir/a.txt"
printf 'Title: Hidden file\n\nSevastopol in a hidden file.\n' > "$BAD/.hidden.txt"
head -c 3000 /dev/zero | tr '\0' 'x' > "$BAD/big.txt"
if [ "$(id -u)" != 0 ]; then
	printf 'secret\n' > "$BAD/unreadable.txt"
	chmod 000 "$BAD/unreadable.txt"
fi
BDB="$TMP/bad.db"
err=$("$INDEX" -d "$BDB" --max-size 2000 "$BAD" 2>&1 >/dev/null)
expect "bad files do not stop indexing (exit 0)" "$?" 0
expect_match "empty file is named" "$err" "bad/empty.txt: skipped: empty file"
expect_match "binary file is named" "$err" "bad/archive.zip: skipped: binary file"
expect_match "dangling link is named" "$err" "bad/dangling.txt: .*No such file or directory"
expect_match "symlink loop is named" "$err" "bad/sub/loop: symbolic link loop"
expect_match "non-UTF-8 file is converted, and said so" "$err" "bad/latin1.txt: not valid UTF-8 .*Windows-1252"
expect_match "a file over --max-size is named" "$err" "bad/big.txt: skipped: larger than 2000 bytes"
if [ "$(id -u)" != 0 ]; then
	expect_match "unreadable file is named" "$err" "bad/unreadable.txt: skipped: Permission denied"
	chmod 644 "$BAD/unreadable.txt"
elif command -v setpriv >/dev/null 2>&1; then
	# Root reads any file: run the indexer as nobody to see a real EACCES.
	chmod 755 "$TMP" "$BAD"
	printf 'secret\n' > "$TMP/unreadable.txt"
	mkdir -m 755 "$TMP/perm" && mv "$TMP/unreadable.txt" "$TMP/perm/" && chmod 000 "$TMP/perm/unreadable.txt"
	mkdir -m 777 "$TMP/permdb"
	err=$(setpriv --reuid=65534 --regid=65534 --clear-groups "$INDEX" -d "$TMP/permdb/db" "$TMP/perm" 2>&1 >/dev/null)
	expect_match "unreadable file is named" "$err" "perm/unreadable.txt: skipped: Permission denied"
else
	echo "skip unreadable-file test: running as root without setpriv"
fi
out=$("$SEARCH" -d "$BDB" --color=never -n 50 Sevastopol)
if printf '%s' "$out" | grep -q 'hidden\|In git'; then not_ok "hidden files and .git are not indexed"; else ok "hidden files and .git are not indexed"; fi
out=$("$INDEX" -d "$TMP/x.db" --field-weight title=0 "$BAD" 2>&1)
expect "a bad --field-weight exits 2" "$?" 2
expect_match "a bad --field-weight is named" "$out" "--field-weight: expected title=N,author=N"
out=$("$INDEX" -d "$TMP/x.db" --max-size lots "$BAD" 2>&1)
expect "a bad --max-size exits 2" "$?" 2
expect_match "a bad --max-size is named" "$out" "--max-size: not a number of bytes: 'lots'"
out=$("$SEARCH" -d "$BDB" --color=never pint)
expect_match "converted file is searchable with its pound sign" "$out" "costs £3"
out=$("$SEARCH" -d "$BDB" --color=never Sevastopol)
expect_match "good file was indexed" "$out" "Good article"
if printf '%s' "$out" | grep -q $'\033'; then
	not_ok "a document's control characters never reach the output"
else
	ok "a document's control characters never reach the output"
fi

out=$("$INDEX" -d "$TMP/x.db" "$TMP/does-not-exist" 2>&1)
expect "missing folder exits 1" "$?" 1
expect_match "missing folder is named" "$out" "does-not-exist: No such file or directory"

# A file that turns bad does not lose what was indexed.
printf '\000\000' > "$BAD/good.txt"
"$INDEX" -d "$BDB" "$BAD" >/dev/null 2>&1
out=$("$SEARCH" -d "$BDB" --color=never Good article)
expect_match "a bad re-read keeps the indexed copy" "$out" "Good article"

# --- the searcher's errors ------------------------------------------------------
out=$("$SEARCH" -d "$TMP/nowhere.db" Kerry 2>&1)
expect "search on a missing index exits 1" "$?" 1
expect_match "missing index is named" "$out" "nowhere.db: index not found"
out=$("$SEARCH" -d "$DB" 'Kerry "Paris' 2>&1)
expect "bad query exits 2" "$?" 2
expect_match "bad query points at the place" "$out" "unbalanced quote at column 7"
"$SEARCH" -d "$DB" --bogus x >/dev/null 2>&1
expect "unknown option exits 2" "$?" 2
out=$("$SEARCH" -d "$DB" -n lots Kerry 2>&1)
expect_match "bad -n is named" "$out" "^dateline-search: -n: expected a number"
out=$("$SEARCH" -d "$DB" --color=never zzyzx)
expect "no results exits 0" "$?" 0
expect_match "no results says so" "$out" "No articles match"

# --- a locked index -----------------------------------------------------------------
coproc HOLD { "$HOLD_LOCK" "$DB"; }
read -r line <&"${HOLD[0]}"
if [ "$line" = locked ]; then
	out=$("$INDEX" -d "$DB" corpus 2>&1)
	expect "indexing a locked index exits 1" "$?" 1
	expect_match "locked index is said" "$out" "corpus.db: the index is locked by another indexer"
	out=$("$SEARCH" -d "$DB" --color=never Kerry Lavrov Crimea)
	expect_match "search answers while another writer holds the index" "$out" "paris-talks-2014-03-30.txt"
else
	not_ok "hold_lock could not lock the index"
fi
exec {HOLD[1]}>&-
wait "$HOLD_PID" 2>/dev/null

# --- an index of another schema version -----------------------------------------
OLD="$TMP/old-schema.db"
cp -r "$DB" "$OLD"
xapian-metadata set "$OLD" dateline.schema 1
out=$("$SEARCH" -d "$OLD" Kerry 2>&1)
expect "searching an index of another schema exits 1" "$?" 1
expect_match "... and says to build it again" "$out" "old-schema.db: the index was built by another version of Dateline \(index schema 1, this one reads 3\)"
out=$("$INDEX" -d "$OLD" corpus 2>&1)
expect "indexing into an index of another schema exits 1" "$?" 1
expect_match "... and says so" "$out" "old-schema.db: the index was built by another version of Dateline \(index schema 1, this one writes 3\)"

# --- interrupted indexing -------------------------------------------------------
# Many small files, so that the signal lands in the middle of the run.
BIG="$TMP/big"
mkdir -p "$BIG"
nbig=20000
for i in $(seq 1 $nbig); do
	printf 'Report number %d\n\nThe council met about road %d and the budget.\n' "$i" "$i" > "$BIG/r$i.txt"
done
# Wait until process $1 has read at least $2 bytes (it is under way).
wait_reading() {
	local i rchar
	for i in $(seq 1 5000); do
		rchar=$(awk '/^rchar/ {print $2}' "/proc/$1/io" 2>/dev/null) || return
		[ "${rchar:-0}" -ge "$2" ] && return
		sleep 0.001
	done
}
count() { "$SEARCH" -d "$1" --color=never budget | sed -n '1s/ articles\{0,1\} match.*//p'; }
KDB="$TMP/int.db"
"$INDEX" -q -d "$KDB" "$BIG" 2>"$TMP/int.err" &
pid=$!
wait_reading "$pid" 400000
kill -INT "$pid" 2>/dev/null
wait "$pid"
st=$?
if [ "$st" = 0 ]; then
	echo "skip Ctrl-C test: indexing finished before the signal"
else
	expect "Ctrl-C exits 130" "$st" 130
	expect_match "Ctrl-C commits and says so" "$(cat "$TMP/int.err")" "interrupted: indexed [0-9]+ .*what was indexed is committed"
	n=$(count "$KDB")
	if [ "${n:-0}" -gt 0 ] && [ "${n:-0}" -lt "$nbig" ]; then ok "the interrupted run kept what it committed ($n)"; else not_ok "interrupted run kept a part" "found: $n"; fi
fi
"$INDEX" -q -d "$KDB" "$BIG"
expect "the next run completes it without duplicates" "$(count "$KDB")" "$nbig"

# kill -9: the index opens at its last commit, the next run completes it.
K9DB="$TMP/k9.db"
"$INDEX" -q -d "$K9DB" "$BIG" &
pid=$!
wait_reading "$pid" 400000
kill -KILL "$pid" 2>/dev/null
{ wait "$pid"; } 2>/dev/null
out=$("$SEARCH" -d "$K9DB" --color=never budget 2>&1)
st=$?
expect "after kill -9 the index still opens" "$st" 0
"$INDEX" -q -d "$K9DB" "$BIG"
expect "after kill -9 the next run completes it without duplicates" "$(count "$K9DB")" "$nbig"

# --- text that is not valid UTF-8 never stops a run ------------------------------
# The four ways one bad string used to end every run for good (issue 20).
U8="$TMP/utf8"
mkdir -p "$U8"
zh=$(printf '\xe4\xb8\xad\xe5\x9b\xbd%.0s' $(seq 60))
printf '%s\n\n\xe6\xad\xa3\xe6\x96\x87 body.\n' "$zh" > "$U8/chinese.txt"
printf '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Caf\xe9</title><item><title>Caf\xe9 cr\xe8me</title><description>Un caf\xe9 \xe0 Paris</description><guid>a1</guid></item></channel></rss>\n' > "$U8/latin1.rss"
printf '<html><head><title>Tom &\xe9 Jerry</title></head><body><p>Cartoon &\xe9t\xe9 text, with enough words to be a paragraph of its own.</p></body></html>\n' > "$U8/amp.html"
printf 'Title here\n\nBody of the oddly named file, Sevastopol.\n' > "$U8/name-$(printf '\xe9\033[31m').txt"
printf 'Bell \007 and \033]0;pwned\007 title\nAuthor: x\n\nBody \033[2J text Sevastopol.\n' > "$U8/controls.txt"
UDB="$TMP/utf8.db"
err=$("$INDEX" -d "$UDB" "$U8" 2>&1 >/dev/null)
expect "invalid UTF-8 in four ways: the run succeeds" "$?" 0
expect "invalid UTF-8 in four ways: every article indexed" "$(xapian-delve "$UDB" | sed -n 's/^number of documents = //p')" 5
expect_match "a Latin-1 feed without a declaration is read as Windows-1252" "$err" "utf8/latin1.rss: not valid UTF-8 .*Windows-1252"
if printf '%s' "$err" | grep -q $'\033'; then not_ok "indexer messages carry no escape"; else ok "indexer messages carry no escape"; fi
out=$("$SEARCH" -d "$UDB" --json -n 20 café OR Sevastopol OR cartoon OR body)
printf '%s\n' "$out" | "$JSON_CHECK" >/dev/null
expect "--json over those articles is valid" "$?" 0
expect_match "the Latin-1 feed keeps its accents" "$out" '"title":"Café crème"'
expect_match "a file name that is not UTF-8 is shown escaped" "$out" '"id":"name-\\\\xE9\\\\x1B\[31m.txt"'
if printf '%s' "$out" | grep -q '\\u00[01]\|\\u007'; then not_ok "--json holds no control characters" "$(printf '%s' "$out" | grep -o '.\{20\}\\u00[01].\{10\}' | head -2)"; else ok "--json holds no control characters"; fi
out=$("$SEARCH" -d "$UDB" --show 'name-\xE9\x1B[31m.txt')
expect_match "--show finds an article by its escaped id" "$out" "Body of the oddly named file"
printf 'q1\x1b[31m\tSevastopol\n' > "$TMP/evilq.tsv"
out=$("$SEARCH" -d "$UDB" --batch "$TMP/evilq.tsv" --trec)
expect_match "--trec prints the escaped id" "$out" ' name-\\xE9\\x1B\[31m.txt [0-9]'
if printf '%s' "$out" | LC_ALL=C grep -q '[[:cntrl:]]'; then not_ok "--trec prints no control characters" "$(printf '%s' "$out" | cat -v)"; else ok "--trec prints no control characters"; fi
expect "--trec lines have six columns" "$(printf '%s\n' "$out" | awk 'NF != 6' | wc -l)" 0

# --- the shared real corpora (absent on a user's machine) ---------------------------
DATA=${DATELINE_DATA:-../shared/data}
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
	# One file of each bad kind among them: every other file indexes too.
	mkdir -p "$TMP/bbc/zz-bad"
	cp "$U8"/* "$TMP/bbc/zz-bad/"
	out=$("$INDEX" -d "$TMP/bbc.db" "$TMP/bbc" 2>&1)
	expect_match "BBC with bad files among them: every article indexed" "$out" "indexed 5 articles.*holds 2230 articles"
else
	echo "skip BBC tests: $DATA/corpora/bbc is absent"
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
	echo "skip Reuters tests: $DATA/corpora/reuters21578 is absent"
fi

echo "e2e: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
