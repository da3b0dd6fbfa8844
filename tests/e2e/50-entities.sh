#!/usr/bin/env bash
# People and places: --person, --place, place:, --related, --facets.
. "$(dirname "$0")/lib.sh"

make_index corpus corpus
DB="$TMP/corpus.db"

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

finish
