#!/usr/bin/env bash
# Searching the corpus: ranking, fields, highlighting, the query language
# and its errors, did-you-mean.
. "$(dirname "$0")/lib.sh"

make_index corpus corpus
DB="$TMP/corpus.db"

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
# --weight: another scheme ranks the same matches its own way.
bm25=$("$SEARCH" -d "$DB" --json -n 100 Kerry Lavrov Crimea)
dph=$("$SEARCH" -d "$DB" --json -n 100 --weight dph Kerry Lavrov Crimea)
expect "--weight dph finds the same articles" "$(printf '%s\n' "$dph" | sed 's/.*"id":"\([^"]*\)".*/\1/' | sort | tr '\n' ' ')" "$(printf '%s\n' "$bm25" | sed 's/.*"id":"\([^"]*\)".*/\1/' | sort | tr '\n' ' ')"
if [ "$(printf '%s\n' "$dph" | grep -o '"score":[^,}]*' | head -1)" != "$(printf '%s\n' "$bm25" | grep -o '"score":[^,}]*' | head -1)" ]; then
	ok "--weight dph scores differently from BM25"
else
	not_ok "--weight dph scores differently from BM25"
fi
err=$("$SEARCH" -d "$DB" --weight lm Kerry 2>&1 >/dev/null)
expect "--weight with an unknown scheme is a usage error" "$?" 2
expect_match "the error names --weight" "$err" "^dateline-search: --weight: expected bm25"

# --- fields ---------------------------------------------------------------
out=$("$SEARCH" -d "$DB" --color=never -n 50 author:Hollis)
ids=$(printf '%s\n' "$out" | grep -c '^    Margaret Hollis ·')
hits=$(printf '%s\n' "$out" | grep -Ec '^ ?[0-9]+\. ')
expect "author: finds the header-block articles of an author" "$ids" 3
expect "author: finds nothing else" "$hits" 3
out=$("$SEARCH" -d "$DB" --color=never title:referendum)
expect_match "title: matches the title field" "$out" "^ 1\. Crimea votes to join Russia"

# --- highlighting ------------------------------------------------------------
out=$("$SEARCH" -d "$DB" --color=always Kerry Lavrov Crimea)
words=$(printf '%s' "$out" | grep -o $'\033\\[1m[^\033]*\033\\[0m' | sed $'s/\033\\[[0-9]*m//g' | tr 'A-Z' 'a-z' | sort -u | tr '\n' ' ')
bad=$(printf '%s' "$words" | tr ' ' '\n' | grep -Ev "^(kerry|kerry's|lavrov|lavrov's|crimea|crimea's)?$")
expect "highlighted words are the query's words" "${bad:-none}" "none"
expect_match "highlights are in the output" "$words" "crimea.*kerry.*lavrov"
out=$("$SEARCH" -d "$DB" --color=never --marks '[[,]]' -n 3 Kerry Lavrov)
words=$(printf '%s' "$out" | grep -o '\[\[[^]]*\]\]' | tr -d '[]' | tr 'A-Z' 'a-z' | sort -u | tr '\n' ' ')
bad=$(printf '%s' "$words" | tr ' ' '\n' | grep -Ev "^(kerry|kerry's|lavrov|lavrov's)?$")
expect "--marks puts the marks around the query's words only" "${bad:-none}" "none"
expect_match "--marks marks both words" "$words" "kerry.* lavrov"
out=$("$SEARCH" -d "$DB" --color=never Kerry)
if printf '%s' "$out" | grep -q $'\033'; then not_ok "--color=never prints no escapes"; else ok "--color=never prints no escapes"; fi
out=$(NO_COLOR=1 "$SEARCH" -d "$DB" --color=auto Kerry)
if printf '%s' "$out" | grep -q $'\033'; then not_ok "NO_COLOR turns colour off"; else ok "NO_COLOR turns colour off"; fi
out=$("$SEARCH" -d "$DB" --color=never '"foreign minister"' Lavrov)
expect_match "phrase search finds the phrase" "$out" "Foreign Minister Sergei Lavrov"

# --- the query language ------------------------------------------------------------
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
for q in 'Kerry "Paris' 'colour:red' 'date:2014-13' 'Kerry NEAR/0 Lavrov' '!!! ...'; do
	"$SEARCH" -d "$DB" "$q" >/dev/null 2>"$TMP/qerr"
	st=$?
	if [ "$st" = 2 ] && grep -q "^dateline-search: query: " "$TMP/qerr"; then ok "bad query '$q' exits 2 with a message"; else not_ok "bad query '$q' exits 2 with a message" "status $st: $(cat "$TMP/qerr")"; fi
done
# Queries as people type or paste them: read, never refused for their
# capitals, their question mark or a stray operator; the reading shown.
for q in 'KERRY AND LAVROV' 'Kerry AND' 'AND Kerry' '(Kerry' 'Kerry)' 'the of' 'NOT KERRY?' \
	 'Did Kerry and Lavrov meet?' '-Crimea' '"a b" NEAR Kerry'; do
	"$SEARCH" -d "$DB" -n 1 -- "$q" >"$TMP/qout" 2>"$TMP/qerr"
	st=$?
	if [ "$st" = 0 ] && [ ! -s "$TMP/qerr" ]; then ok "query '$q' is searched"; else not_ok "query '$q' is searched" "status $st: $(cat "$TMP/qerr")"; fi
done
out=$("$SEARCH" -d "$DB" --color=never -n 1 'KERRY AND THE CRIMEA')
expect_match "a query in capitals says how it was read" "$out" "^Searched for: KERRY CRIMEA \(the query is in capitals: AND, OR, NOT and NEAR read as words"
expect "... and finds what its words find" "$(ids_of 'KERRY AND THE CRIMEA')" "$(ids_of Kerry Crimea)"
expect "(...) AND in capitals is an operator" "$(ids_of '(KERRY OR LAVROV) AND CRIMEA' | sed 's/#[^ ]*//g')" "$(ids_of '(Kerry OR Lavrov) AND Crimea' | sed 's/#[^ ]*//g')"
out=$("$SEARCH" -d "$DB" --color=never -n 1 'Kerry AND Crimea')
if printf '%s' "$out" | grep -q '^Searched for'; then not_ok "a query read as written shows no reading" "$out"; else ok "a query read as written shows no reading"; fi
out=$("$SEARCH" -d "$DB" --json -n 1 'Kerry AND' | head -1)
expect "--json: the reading is the first line" "$out" '{"searched_for":"Kerry","reading":"an operator without a word on both sides read as a word"}'
# Feedback (on by default for queries of five words or more) re-ranks the
# matches and adds none.
long='Russian troops take control of Crimea before the referendum'
fb=$(printf '1\t%s\n' "$long" | "$SEARCH" -d "$DB" --batch - --trec -n 1000 | awk '{print $3}')
nofb=$(printf '1\t%s\n' "$long" | "$SEARCH" -d "$DB" --batch - --trec -n 1000 --expand 0,0,0 | awk '{print $3}')
expect "feedback adds no article" "$(printf '%s\n' "$fb" | sort)" "$(printf '%s\n' "$nofb" | sort)"
if [ -n "$fb" ] && [ "$fb" != "$nofb" ]; then ok "feedback is on by default for a long query"; else not_ok "feedback is on by default for a long query" "the same order as --expand 0,0,0"; fi
short=$("$SEARCH" -d "$DB" --batch - --trec -n 1000 <<<$'1\tCrimea referendum vote' | awk '{print $3}')
expect "no feedback for a query of three words" "$short" "$("$SEARCH" -d "$DB" --batch - --trec -n 1000 --expand 0,0,0 <<<$'1\tCrimea referendum vote' | awk '{print $3}')"
all=$("$SEARCH" -d "$DB" --count -- -qqqxyzzy)
expect "-word alone: every article without it" "$(( $("$SEARCH" -d "$DB" --count -- -Crimea) + $("$SEARCH" -d "$DB" --count Crimea) ))" "$all"
out=$("$SEARCH" -d "$DB" --since 2014-13 Kerry 2>&1)
expect "a bad --since exits 2" "$?" 2
expect_match "a bad --since is named" "$out" "--since: bad date '2014-13'"

out=$("$SEARCH" -d "$DB" --color=never Lavrof Kery)
expect_match "a misspelled query gets the corrected query's results, in the user's case" "$out" "No articles match. Showing results for: Lavrov Kerry"
expect_match "... and they are shown" "$out" "^ 1\. .*(Kerry|Lavrov)"
out=$("$SEARCH" -d "$DB" --color=never Sevastopl fleet)
expect_match "a rare misspelling gets a 'did you mean'" "$out" "Did you mean: Sevastopol fleet\?"
out=$("$SEARCH" -d "$DB" --color=never SEVASTOPL fleet)
expect_match "a word in capitals is corrected in capitals" "$out" "Did you mean: SEVASTOPOL fleet\?"
out=$("$SEARCH" -d "$DB" --json Sevastapol)
expect_match "--json: the last line is the suggestion and says the hits are its" "$(printf '%s\n' "$out" | tail -1)" '^\{"did_you_mean":"Sevastopol","corrected":true,"total":5,"exact":true\}$'
expect "--json: the hits before it are the suggestion's" "$(printf '%s\n' "$out" | grep -c '"id":')" 5
out=$("$SEARCH" -d "$DB" --json -n 1 Sevastopl fleet)
expect_match "--json: a 'did you mean' beside hits of the query as written" "$(printf '%s\n' "$out" | tail -1)" '"did_you_mean":"Sevastopol fleet","corrected":false'
out=$("$SEARCH" -d "$DB" --count Sevastapol 2>"$TMP/cerr")
expect "--count of a misspelling counts the query as written" "$out" 0
expect "--count says on stderr what the suggestion would find" "$(cat "$TMP/cerr")" "dateline-search: did you mean: Sevastopol? (5 articles match it)"
out=$("$SEARCH" -d "$DB" --json Sevastopol)
if printf '%s' "$out" | grep -q 'did_you_mean'; then not_ok "--json: a well-spelled query gets no suggestion line"; else ok "--json: a well-spelled query gets no suggestion line"; fi
out=$("$SEARCH" -d "$DB" --color=never Sevastopol fleet)
if printf '%s' "$out" | grep -q 'Did you mean'; then not_ok "a well-spelled query gets no suggestion"; else ok "a well-spelled query gets no suggestion"; fi


finish
