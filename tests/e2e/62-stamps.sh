#!/usr/bin/env bash
# What an index records of itself (analysis/index.c): the language it was
# stemmed in, the schema and the tagger's model; each program checks them
# on opening, and a refusal names the index and says what to do.
. "$(dirname "$0")/lib.sh"

make_index corpus corpus
DB="$TMP/corpus.db"

expect "a new index records the schema" "$(xapian-metadata get "$DB" dateline.schema)" 3
expect "... and its language" "$(xapian-metadata get "$DB" dateline.language)" english
tagger=$(xapian-metadata get "$DB" dateline.tagger)
expect_match "... and the tagger's model" "$tagger" '^[0-9]+\.[0-9]+-[0-9a-f]+$'

# --- the language ----------------------------------------------------------------
out=$("$INDEX" -q -d "$DB" --language french corpus 2>&1)
expect "another --language for an index exits 1" "$?" 1
expect_match "... and names both" "$out" "corpus.db: the index is stemmed in 'english', not 'french'"
out=$("$INDEX" -q -d "$TMP/new.db" --language klingon corpus 2>&1)
expect "an unknown --language exits 2" "$?" 2
expect_match "... and names the option" "$out" "^dateline-index: --language: unknown language 'klingon'"
FR="$TMP/fr.db"
"$INDEX" -q -d "$FR" --language french corpus/europe
expect "an index in French records it" "$(xapian-metadata get "$FR" dateline.language)" french
out=$("$INDEX" -q -d "$FR" corpus/europe 2>&1)
expect "indexing it again without --language keeps French (exit 0)" "$?" 0

# --- the tagger's model ----------------------------------------------------------
OTHER="$TMP/other-model.db"
cp -r "$DB" "$OTHER"
xapian-metadata set "$OTHER" dateline.tagger 0.9-00000000
out=$("$INDEX" -q -d "$OTHER" corpus 2>&1)
expect "an index tagged by another model is refused (exit 1)" "$?" 1
expect_match "... naming both models and --full" "$out" \
	"other-model.db: the index's people, organisations and places were found by the tagger's model 0.9-00000000, this one is $tagger; index with --full"
expect "... and keeps its record" "$(xapian-metadata get "$OTHER" dateline.tagger)" 0.9-00000000
out=$("$SEARCH" -d "$OTHER" -n 1 Kerry 2>&1)
expect "searching it works (the searcher does not tag)" "$?" 0
out=$("$INDEX" -q -d "$OTHER" --full corpus 2>&1)
expect "--full tags every article again (exit 0)" "$?" 0
expect "... and records this model" "$(xapian-metadata get "$OTHER" dateline.tagger)" "$tagger"
out=$("$INDEX" -q -d "$OTHER" --no-entities corpus 2>&1)
expect "--no-entities indexes without the check (exit 0)" "$?" 0

finish
