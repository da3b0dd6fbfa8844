#!/usr/bin/env bash
# Web archives: pages served on 127.0.0.1, saved by wget --warc-file (.warc.gz
# with a gzip member per record, and a plain .warc), indexed as articles with
# the same bodies as the pages read as HTML files; a damaged archive is that
# file's error and indexing goes on.
. "$(dirname "$0")/lib.sh"

if ! command -v wget >/dev/null 2>&1 || ! command -v python3 >/dev/null 2>&1; then
	skip "wget or python3 missing" "web archives made by wget"
	finish
fi

SITE="$TMP/site"
mkdir -p "$SITE" "$TMP/w"
cp corpus/html/*.html "$SITE/"
# A page that does not declare its charset: only the HTTP header says it.
printf '<html><head><title>Harbour of S\xe8te</title></head><body><article><p>Caf\xe9 owners in S\xe8te said the harbour was quiet this week, and the fishermen agreed that the catch was poor.</p></article></body></html>\n' \
	> "$SITE/sete.latin1.html"
printf 'Notes from the quay\n\nThe ferry to Sevastopol left late on Tuesday, its captain said.\n' > "$SITE/quay.txt"

python3 tests/e2e/pages_server.py "$SITE" "$TMP/port" &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null; rm -rf "$TMP"' EXIT
for _ in $(seq 50); do [ -s "$TMP/port" ] && break; sleep 0.1; done
PORT=$(cat "$TMP/port" 2>/dev/null)
if [ -z "$PORT" ]; then
	not_ok "the page server started"
	finish
fi
BASE="http://127.0.0.1:$PORT"
{
	for f in geneva-talks-2014-04-17.html sevastopol-fleet-latin1.html sete.latin1.html quay.txt; do
		echo "$BASE/$f"
	done
	echo "$BASE/geneva-talks-2014-04-17.html.chunked-gz"
	echo "$BASE/moved"
	echo "$BASE/missing.html"
} > "$TMP/urls"
# wget exits 8 for the 404: the archive is written all the same.
(cd "$TMP/w" && wget -q --tries=1 --timeout=10 --max-redirect=0 --warc-file=pages -i "$TMP/urls" -O /dev/null)
(cd "$TMP/w" && wget -q --tries=1 --timeout=10 --max-redirect=0 --no-warc-compression --warc-file=plain \
	-i "$TMP/urls" -O /dev/null)
kill $SERVER 2>/dev/null
wait $SERVER 2>/dev/null
expect "wget wrote a .warc.gz and a .warc" "$(cd "$TMP/w" && ls pages.warc.gz plain.warc 2>&1 | tr '\n' ' ')" "pages.warc.gz plain.warc "

# --- the .warc.gz ------------------------------------------------------------------
mkdir -p "$TMP/gz" "$TMP/files"
cp "$TMP/w/pages.warc.gz" "$TMP/gz/"
out=$("$INDEX" -d "$TMP/gz.db" "$TMP/gz" 2>&1)
expect "the archive indexes (exit 0)" "$?" 0
# Four pages, the chunked and gzip'd copy of the first; no redirect, no 404,
# no request or wget's own log.
expect_match "five pages are articles" "$out" "indexed 5 articles"
DB="$TMP/gz.db"
json=$("$SEARCH" -d "$DB" --json Geneva Lavrov)
expect_match "an article's id is FILE#RECORD-ID" "$json" '"id":"pages.warc.gz#urn:uuid:[0-9a-f-]{36}"'
expect_match "its URL is the WARC-Target-URI" "$json" "\"url\":\"$BASE/geneva-talks-2014-04-17.html"
expect_match "its format is warc" "$json" '"format":"warc"'
expect_match "its date is the page's" "$json" '"date":"2014-04-17"'
expect_match "the chunked, gzip'd copy has the same text (a duplicate)" "$json" '"duplicates":\["pages.warc.gz#urn:uuid'
json=$("$SEARCH" -d "$DB" --json Sète harbour)
expect_match "a Latin-1 page read by the HTTP header's charset" "$json" '"title":"Harbour of Sète"'
today=$(date -u +%Y-%m-%d)
expect_match "a page without a date has the capture's (WARC-Date)" "$json" "\"date\":\"$today\""
json=$("$SEARCH" -d "$DB" --json ferry quay)
expect_match "a text/plain page is read as text" "$json" '"title":"Notes from the quay"'
expect "a redirect is not an article" "$("$SEARCH" -d "$DB" --count moved)" 0

# --- the same bodies as the HTML files --------------------------------------------------
cp corpus/html/*.html "$TMP/files/"
make_index files "$TMP/files"
body_of() { # DB ID: the stored body
	"$SEARCH" -d "$1" --json --show "$2" | python3 -c 'import json,sys; print(json.load(sys.stdin).get("body",""))'
}
for page in geneva-talks-2014-04-17 sevastopol-fleet-latin1; do
	id=$("$SEARCH" -d "$DB" --json -n 20 'url:*' 2>/dev/null | grep -o "\"id\":\"[^\"]*\",[^}]*\"url\":\"$BASE/$page.html\"" | head -1 |
		sed 's/"id":"\([^"]*\)".*/\1/')
	[ -n "$id" ] || id=$("$SEARCH" -d "$DB" --json -n 20 Sevastopol Geneva Crimea fleet | grep "\"url\":\"$BASE/$page.html\"" |
		head -1 | sed 's/.*"id":"\([^"]*\)".*/\1/')
	a=$(body_of "$DB" "$id")
	b=$(body_of "$TMP/files.db" "$page.html")
	if [ -n "$a" ] && [ "$a" = "$b" ]; then ok "$page: the same body from the archive as from the file"
	else not_ok "$page: the same body from the archive as from the file" "archive ($id): $(printf '%s' "$a" | head -c 200)" "file: $(printf '%s' "$b" | head -c 200)"; fi
done

# --- the plain .warc ----------------------------------------------------------------------
mkdir -p "$TMP/plain"
cp "$TMP/w/plain.warc" "$TMP/plain/"
out=$("$INDEX" -d "$TMP/plain.db" "$TMP/plain" 2>&1)
expect_match "an uncompressed .warc gives the same five" "$out" "indexed 5 articles"

# --- damaged archives ---------------------------------------------------------------
BAD="$TMP/bad"
mkdir -p "$BAD"
size=$(stat -c %s "$TMP/w/pages.warc.gz")
head -c $((size - 3000)) "$TMP/w/pages.warc.gz" > "$BAD/cut.warc.gz"
head -c 700 "$TMP/w/plain.warc" > "$BAD/short.warc"
head -c 4000 /dev/urandom > "$BAD/noise.warc"
printf 'Title: Still indexed\n\nSevastopol quay after the broken archives.\n' > "$BAD/good.txt"
err=$("$INDEX" -d "$TMP/bad.db" "$BAD" 2>&1 >/dev/null)
expect "broken archives do not stop indexing (exit 0)" "$?" 0
expect_match "a cut .warc.gz is named with its reason" "$err" "bad/cut.warc.gz(#urn:uuid:[0-9a-f-]+)?: .*(damaged|cut off)"
expect_match "a cut .warc is named" "$err" "bad/short.warc.*: .*cut off"
expect_match "noise named .warc is named" "$err" "bad/noise.warc: .*(not a WARC record|damaged)"
DB="$TMP/bad.db"
expect "the good file beside them is indexed" "$("$SEARCH" -d "$DB" --count Still indexed)" 1
n=$("$SEARCH" -d "$DB" --count Geneva)
if [ "$n" -ge 1 ]; then ok "the pages before the cut are kept ($n)"; else not_ok "the pages before the cut are kept" "got $n"; fi

finish
