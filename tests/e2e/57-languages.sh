#!/usr/bin/env bash
# Articles in several languages: each one's language detected (or taken
# from what it declares), stored and shown as lang, filtered by lang:,
# counted as a facet, its words stemmed in its language; a query stemmed in
# the languages the index holds.
. "$(dirname "$0")/lib.sh"

make_index corpus corpus
DB="$TMP/corpus.db"
lang_of() { "$SEARCH" -d "$DB" --json --show "$1" | sed -n 's/.*"lang":"\([a-z]*\)".*/\1/p'; }
expect "an English article is en" "$(lang_of ukraine/geneva-statement.txt)" en
expect "a Spanish article is es (detected)" "$(lang_of languages/ginebra-acuerdo.txt)" es
expect "a Russian article is ru (detected)" "$(lang_of languages/zheneva-zayavlenie.txt)" ru
fr=$("$SEARCH" -d "$DB" --json -n 1 'lang:fr' | sed 's/.*"id":"\([^"]*\)".*/\1/')
expect_match "lang:fr finds the French page of the web archive" "$fr" '^warc/geneva-coverage.warc.gz#urn:uuid:'
expect "lang:de finds the German one" "$("$SEARCH" -d "$DB" --count lang:de)" 1
expect "lang:German is lang:de" "$("$SEARCH" -d "$DB" --count lang:German)" 1
out=$("$SEARCH" -d "$DB" --count lang:klingon 2>&1)
expect "an unknown language is a bad query (exit 2)" "$?" 2
expect_match "and says so" "$out" "unknown language 'klingon'"

# Stems of each language: the words as the query writes them differ from
# the article's, and only that language's stemmer joins them (English's
# leaves occupées/occupés, Verhandlung/Verhandlungen, negociación/
# negociaciones apart and does not touch Cyrillic).
expect_match "a French query finds the French article by its stems" "$(ids_of 'occupées')" "warc/geneva-coverage.warc.gz#"
expect_match "a German query finds the German article by its stems" "$(ids_of 'Verhandlung')" "warc/geneva-coverage.warc.gz#"
expect_match "a Spanish query finds the Spanish article by its stems" "$(ids_of 'negociación ocupados')" "languages/ginebra-acuerdo.txt"
expect_match "a Russian query finds the Russian article by its stems" "$(ids_of 'переговор')" "languages/zheneva-zayavlenie.txt"
expect_match "an English query finds English articles by theirs" "$(ids_of 'negotiating')" "ukraine/"
expect "a French query under lang:en finds no French article" "$(ids_of 'lang:en occupées' | grep -c warc)" 0

# A phrase or NEAR that every language stems alike is one query, not one a
# language: its best hit scores as under lang:en (it scored four times as
# much, a match counted once per language; MED in a mixed index lost 0.011
# MAP by it, bench/lang_mixed.py).
top() { "$SEARCH" -d "$DB" --json -n 1 "$1" | grep -o '"score":[0-9.]*' | head -1; }
expect "a phrase in five languages scores once" "$(top '"foreign minister"')" "$(top 'lang:en "foreign minister"')"
expect "so does a NEAR" "$(top 'foreign NEAR minister')" "$(top 'lang:en foreign NEAR minister')"

# The facet.
facets=$("$SEARCH" -d "$DB" --json --facets Geneva Genève Genf Ginebra Женеве | tail -1)
expect_match "languages are a facet" "$facets" '"langs":\[\{"name":"en","count":[0-9]+\}'
expect_match "the facet counts the others" "$facets" '"name":"ru","count":1'

# What an article declares wins over detection.
L="$TMP/declared"
mkdir -p "$L"
printf 'Title: Declared\nLanguage: de\n\nThis text is plainly written in English, with words enough for any detector to tell which language it is in.\n' > "$L/declared.txt"
printf '<html lang="fr"><head><title>Déclarée</title></head><body><p>This page says it is French in its html element, though its paragraph is English prose throughout.</p></body></html>\n' > "$L/page.html"
make_index declared "$L"
DB="$TMP/declared.db"
expect "a Language: header wins over detection" "$(lang_of declared.txt)" de
expect "an HTML lang attribute wins over detection" "$(lang_of page.html)" fr
finish
