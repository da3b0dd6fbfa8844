#!/usr/bin/env bash
# Bad input and hard conditions: bad files and options to the indexer,
# the searcher's errors, a locked index, an index of another schema.
. "$(dirname "$0")/lib.sh"

make_index corpus corpus
DB="$TMP/corpus.db"

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
	skip "running as root without setpriv" "unreadable file is named"
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

# A page nested 200,000 elements deep (libxml2 stops at 256) keeps its
# text, and the file beside it is indexed.
DEEP="$TMP/deep"
mkdir -p "$DEEP"
{
	printf '<html><head><title>Deep page</title></head><body>'
	printf '<div>%.0s' $(seq 200000)
	printf '<p>Deep text about Balaklava inside every div.</p>'
	printf '</div>%.0s' $(seq 200000)
	printf '</body></html>\n'
} > "$DEEP/deep.html"
printf 'Title: Beside it\n\nA short article about Balaklava.\n' > "$DEEP/beside.txt"
# A page over 16 MiB is read up to there, and says so (its tree took over
# 1 GB for 200 MB).
{
	printf '<html><head><title>Big page</title></head><body><article>'
	printf '<p>Opening paragraph about Inkerman, with enough words to be text.</p>'
	yes '<p>The minister said talks on the treaty would resume next week.</p>' |
		head -c 17000000
	printf '</article></body></html>\n'
} > "$DEEP/big.html"
err=$("$INDEX" -d "$TMP/deep.db" "$DEEP" 2>&1 >/dev/null)
expect "a page nested 200,000 deep: the run succeeds" "$?" 0
expect_match "a page over 16 MiB is read to there, said so" "$err" "deep/big.html: the page is 1700[0-9]* bytes: only its first 16 MiB are read"
out=$("$SEARCH" -d "$TMP/deep.db" --color=never Inkerman)
expect_match "... and indexed" "$out" "Big page"
out=$("$SEARCH" -d "$TMP/deep.db" --color=never Balaklava)
expect_match "a page nested 200,000 deep keeps its text" "$out" "Deep text about Balaklava"
expect_match "... and the file beside it is indexed" "$out" "Beside it"

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
# Bash unsets HOLD and HOLD_PID when the coprocess ends: keep them.
hold_out=${HOLD[0]} hold_in=${HOLD[1]} hold_pid=$HOLD_PID
read -r line <&"$hold_out"
if [ "$line" = locked ]; then
	out=$("$INDEX" -d "$DB" corpus 2>&1)
	expect "indexing a locked index exits 1" "$?" 1
	expect_match "locked index is said" "$out" "corpus.db: the index is locked by another indexer"
	out=$("$SEARCH" -d "$DB" --color=never Kerry Lavrov Crimea)
	expect_match "search answers while another writer holds the index" "$out" "paris-talks-2014-03-30.txt"
else
	not_ok "hold_lock could not lock the index"
fi
exec {hold_in}>&-
wait "$hold_pid" 2>/dev/null

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

finish
