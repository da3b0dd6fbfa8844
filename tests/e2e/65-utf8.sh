#!/usr/bin/env bash
# Text that is not valid UTF-8, or holds control characters, never stops a
# run and never reaches the output raw (issue 20): what is stored is clean
# UTF-8, file names that are not UTF-8 are ids kept byte for byte and shown
# escaped.
. "$(dirname "$0")/lib.sh"

U8="$TMP/utf8"
make_hostile "$U8"
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

finish
