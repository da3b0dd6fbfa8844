#!/usr/bin/env bash
# dateline-search's command line: query words among the options, '--',
# option spellings, usage errors.
. "$(dirname "$0")/lib.sh"

make_index corpus corpus
DB="$TMP/corpus.db"

out=$("$SEARCH" -d "$DB" --bogus Kerry 2>&1)
expect "a usage error exits 2" "$?" 2
expect "a usage error is one line and a pointer to --help" "$out" "dateline-search: unknown option '--bogus'
Try 'dateline-search --help' for more information."
out=$("$SEARCH" -d "$DB" 2>&1)
expect "no query is a usage error of one line" "$out" "dateline-search: no QUERY given
Try 'dateline-search --help' for more information."

# Words after the first that start with '-' are the query's (README's example).
out=$("$SEARCH" -d "$DB" --json -n 100 Crimea -referendum 2>&1)
expect "Crimea -referendum as two arguments exits 0" "$?" 0
expect "Crimea -referendum as two arguments is the query 'Crimea -referendum'" "$out" \
	"$("$SEARCH" -d "$DB" --json -n 100 'Crimea -referendum')"
all=$("$SEARCH" -d "$DB" --count Crimea)
if [ "$(printf '%s\n' "$out" | wc -l)" -lt "$all" ]; then ok "-referendum leaves articles out"; else not_ok "-referendum leaves articles out" "$all before, as many after"; fi
if printf '%s' "$out" | grep -qi referendum; then not_ok "no hit of Crimea -referendum has the word"; else ok "no hit of Crimea -referendum has the word"; fi
expect "-- makes every argument a word" "$("$SEARCH" -d "$DB" --count -- Crimea -referendum)" \
	"$(printf '%s\n' "$out" | wc -l)"
expect "an option after the words is an option" "$("$SEARCH" -d "$DB" Crimea --json -n 2 | wc -l)" 2

expect "--limit is -n" "$("$SEARCH" -d "$DB" --json --limit 2 Crimea | wc -l)" 2
expect "--count-hits still works" "$("$SEARCH" -d "$DB" --json --count-hits 3 Crimea | wc -l)" 3
expect "a long option may be shortened" "$("$SEARCH" -d "$DB" --js --lim 1 Crimea | wc -l)" 1

# --place X reads as +place:X (one path in the query tree).
expect "--place Kiev is +place:Kiev" "$("$SEARCH" -d "$DB" --json -n 100 --place Kiev)" "$("$SEARCH" -d "$DB" --json -n 100 +place:Kiev)"

finish
