#!/usr/bin/env bash
# People, organisations and places: --person, --place, place:, --related,
# --facets, the stored organisations, a dateline's place no gazetteer
# knows, the tagger's model missing.
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
# The two other reports on the Paris talks, among the five most related
# (with them: the Obama-Putin call that led to the talks, the London
# meeting before them and Putin's annexation speech).
out=$("$SEARCH" -d "$DB" --json -n 5 --related ukraine/paris-talks-2014-03-30.txt)
top=$(printf '%s\n' "$out" | sed 's/.*"id":"\([^"]*\)".*/\1/' | tr '\n' ' ')
case "$top" in *ukraine/kerry-diverts-to-paris.txt*) ok "--related: another Paris-talks report is in the top five";; *) not_ok "--related: another Paris-talks report is in the top five" "got: $top";; esac
case "$top" in *ukraine/what-moscow-wants.txt*) ok "--related: the third Paris-talks report is in the top five";; *) not_ok "--related: the third Paris-talks report is in the top five" "got: $top";; esac
case "$top" in *paris-talks-2014-03-30*) not_ok "--related leaves the report itself out";; *) ok "--related leaves the report itself out";; esac
expect_match "--related says what a hit shares" "$(printf '%s\n' "$out" | head -1)" '"shares":\[[^]]*"John Kerry"[^]]*"Sergei Lavrov"'
out=$("$SEARCH" -d "$DB" --json -n 1000 Crimea)
want=$(printf '%s\n' "$out" | grep -c '"places":\[[^]]*"Russia"')
got=$("$SEARCH" -d "$DB" --json --facets -n 1 Crimea | tail -1 | grep -o '{"name":"Russia","count":[0-9]*}' | grep -o '[0-9]*')
expect "--facets counts the matches that name a place" "$got" "$want"
expect_match "--facets in text" "$("$SEARCH" -d "$DB" --color=never --facets -n 1 Crimea)" "places +Crimea \([0-9]+\)"

# --- organisations and places no gazetteer knows ------------------------------------
expect_match "organisations are stored with the article" \
	"$("$SEARCH" -d "$DB" --json -n 100 Brexit referendum | grep '"id":"europe/brexit-referendum.txt"')" \
	'"organisations":\["European Union"\]'
out=$("$SEARCH" -d "$DB" --json -n 100 --org NATO)
n_nato=$(printf '%s\n' "$out" | grep -c '"organisations":\[[^]]*"NATO"')
expect "--org NATO finds the reports naming NATO, and only them" "$(printf '%s\n' "$out" | wc -l)" "$n_nato"
[ "$n_nato" -ge 1 ] && ok "--org NATO finds reports ($n_nato)" || not_ok "--org NATO finds reports" "found $n_nato"
expect "--org and org: agree" "$(ids_of --org 'European Union')" "$(ids_of 'org:"European Union"')"
expect "org: takes a leading 'the'" "$(ids_of 'org:"the European Union"')" "$(ids_of 'org:"European Union"')"
n_ref=$("$SEARCH" -d "$DB" --count referendum)
n_eu=$("$SEARCH" -d "$DB" --count --org 'European Union')
n_both=$("$SEARCH" -d "$DB" --count --org 'European Union' referendum)
n_or=$("$SEARCH" -d "$DB" --count 'org:"European Union"' referendum)
n_and=$("$SEARCH" -d "$DB" --count 'org:"European Union"' AND referendum)
[ "$n_both" -ge 1 ] && [ "$n_both" -lt "$n_ref" ] && [ "$n_both" -lt "$n_eu" ] &&
	ok "--org restricts a query ($n_both of $n_ref and $n_eu)" ||
	not_ok "--org restricts a query" "$n_both of $n_ref and $n_eu"
expect "org: without AND widens it" "$n_or" "$("$SEARCH" -d "$DB" --count 'org:"European Union" OR referendum')"
expect "org: with AND narrows it as --org does" "$n_and" "$n_both"
expect_match "--org without a name is an error naming it" "$("$SEARCH" -d "$DB" --org ' ' 2>&1)" "--org: an organisation needs a name"
# Given again, --person, --place and --org each add a name the articles must have.
n_lav=$("$SEARCH" -d "$DB" --count --person Lavrov)
n_kl=$("$SEARCH" -d "$DB" --count --person Kerry --person Lavrov)
expect "--person twice: the articles naming both" "$n_kl" "$("$SEARCH" -d "$DB" --count 'person:Kerry AND person:Lavrov')"
[ "$n_kl" -ge 1 ] && [ "$n_kl" -lt "$n_kerry" ] && [ "$n_kl" -lt "$n_lav" ] &&
	ok "--person twice narrows ($n_kl of $n_kerry and $n_lav)" ||
	not_ok "--person twice narrows" "$n_kl of $n_kerry and $n_lav"
expect "--place twice: the articles of both" "$("$SEARCH" -d "$DB" --count --place Crimea --place Paris)" "$("$SEARCH" -d "$DB" --count 'place:Crimea AND place:Paris')"
expect "--org twice: the articles of both" "$(ids_of --org NATO --org 'European Union')" "$(ids_of 'org:NATO AND org:"European Union"')"
expect_match "the last --person is not the only one" "$("$SEARCH" -d "$DB" --json -n 100 --person Kerry --person Lavrov | grep -vc '"persons":\[[^]]*"John Kerry"')" "^0$"
expect_match "--facets counts organisations" "$("$SEARCH" -d "$DB" --color=never --facets -n 1 referendum)" "orgs +European Union \([0-9]+\)"

mkdir -p "$TMP/port"
printf 'Title: Dock strike ends\nPlace: Grootvliet\nDate: 2024-05-02\n\nDock workers went back to work on Thursday after a week.\n' > "$TMP/port/strike.txt"
"$INDEX" -q -d "$TMP/port.db" "$TMP/port"
expect "--place finds an article by a dateline no gazetteer knows" \
	"$("$SEARCH" -d "$TMP/port.db" --json --place Grootvliet | grep -c '"id":"strike.txt"')" 1
expect "place: finds it too" \
	"$("$SEARCH" -d "$TMP/port.db" --json place:grootvliet | grep -c '"id":"strike.txt"')" 1
expect_match "the index records the tagger's model" "$(xapian-metadata get "$TMP/port.db" dateline.tagger)" "^[0-9]+\.[0-9]+-[0-9a-f]{8}$"

# A wire dateline at the head of the text, in an HTML page and a page saved
# as text: the story's place, not an organisation.
mkdir -p "$TMP/wire"
printf '<html><head><title>Ferry strike</title></head><body><article><h1>Ferry strike ends</h1>\n<p>Photo: the harbour at dawn</p>\n<p>GROOTVLIET, Zeeland (Reuters) \342\200\224 Ferry crews went back to work on Thursday after a week on strike.</p></article></body></html>\n' > "$TMP/wire/ferry.html"
printf 'Harbour reopens\n\nNOORDHAVEN \342\200\224 The harbour reopened on Friday, port officials said, after the strike ended.\n' > "$TMP/wire/harbour.txt"
"$INDEX" -q -d "$TMP/wire.db" "$TMP/wire"
expect "--place finds an HTML page by its dateline" \
	"$("$SEARCH" -d "$TMP/wire.db" --json --place Grootvliet | grep -c '"id":"ferry.html"')" 1
expect "place: finds a text page by its dateline in capitals" \
	"$("$SEARCH" -d "$TMP/wire.db" --json place:noordhaven | grep -c '"id":"harbour.txt"')" 1
expect_match "the dateline's place is shown as people write it" \
	"$("$SEARCH" -d "$TMP/wire.db" --json --show ferry.html)" '"place":"Grootvliet, Zeeland"'
expect "the dateline in capitals is no organisation" \
	"$("$SEARCH" -d "$TMP/wire.db" --count org:noordhaven org:grootvliet)" 0

# --- articles in other languages ----------------------------------------------------
# The English tagger does not read them (too few English function words):
# no people, no organisations; the dateline's place and the gazetteer's
# places stay.
expect "a Spanish sentence's start is no person" "$("$SEARCH" -d "$DB" --count 'person:"En Donetsk"')" 0
expect "an article in German or Russian gets no people or organisations" \
	"$("$SEARCH" -d "$DB" --json -n 10 'lang:de OR lang:ru OR lang:es' | grep -c '"persons"\|"organisations"')" 0
expect_match "--place finds the Spanish report by its dateline" "$(ids_of --place Ginebra)" "languages/ginebra-acuerdo.txt"
expect_match "and by a place the gazetteer knows" "$(ids_of --place Sloviansk)" "languages/ginebra-acuerdo.txt"
mkdir -p "$TMP/lang"
{ printf 'Title: Neue Regeln fuer den Strommarkt\nLanguage: de\nPlace: Berlin\n\n'
  printf 'Die Regierung hat am Montag neue Regeln fuer den Handel mit Strom vorgestellt. %s' \
	'Nach monatelangen Verhandlungen einigten sich die Minister auf einen Kompromiss. ' \
	'Kritiker sprechen von einem schwachen Ergebnis. Die Opposition verlangt eine ' \
	'Abstimmung im Bundestag noch vor der Sommerpause. Unternehmen der Energiebranche ' \
	'begruessten die Einigung, warnten aber vor hohen Kosten. Bereits im Herbst sollen ' \
	'die ersten Massnahmen greifen. Verbraucher koennen dann ihren Anbieter schneller ' \
	'wechseln. Ob die Entlastung reicht, ist umstritten. Viele Familien zahlen seit ' \
	'Monaten deutlich mehr als im Vorjahr. Auch in Paris wird ueber aehnliche Schritte ' \
	'beraten. Eine Entscheidung dort wird fuer den Winter erwartet.'; } > "$TMP/lang/strom.txt"
printf 'Title: Coleco Industries Inc 4th qtr net\nLanguage: ca\n\nShr loss 6.48 dlrs vs profit 23 cts Net loss 110.6 mln vs profit 4.1 mln Revs 74.0 mln vs 152.0 mln\n' > "$TMP/lang/coleco.txt"
"$INDEX" -q -d "$TMP/lang.db" "$TMP/lang"
expect "a German article gets no English-tagger names" \
	"$("$SEARCH" -d "$TMP/lang.db" --json --show strom.txt | grep -c '"persons"\|"organisations"')" 0
expect "--place Berlin finds it by its dateline" "$("$SEARCH" -d "$TMP/lang.db" --count --place Berlin)" 1
expect "--place Paris finds it by a place the gazetteer knows" "$("$SEARCH" -d "$TMP/lang.db" --count --place Paris)" 1
expect_match "a short English table taken for another language keeps its company" \
	"$("$SEARCH" -d "$TMP/lang.db" --json --show coleco.txt)" '"organisations":\[[^]]*Coleco'

# --- the tagger's model ----------------------------------------------------------------
out=$(DATELINE_NER_MODEL="$TMP/none.model" "$INDEX" -q -d "$TMP/nomodel.db" "$TMP/port" 2>&1)
st=$?
expect "a missing model stops the indexer" "$st" 1
expect_match "and names the file" "$out" "$TMP/none.model: cannot open the tagger's model"
[ -e "$TMP/nomodel.db" ] && not_ok "no index is made without the model" || ok "no index is made without the model"
DATELINE_NER_MODEL="$TMP/none.model" "$INDEX" -q --no-entities -d "$TMP/nomodel.db" "$TMP/port"
expect "--no-entities indexes without the model" "$?" 0

finish
