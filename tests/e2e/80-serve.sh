#!/usr/bin/env bash
# dateline-serve: its API with curl, its page without JavaScript, and
# hostile input (markup in titles and queries, traversal, a 1 MB URL, a
# 100 KB header, 200 parallel connections, slow and idle clients), limits,
# new commits seen while serving, and stopping. The page in a real browser
# is tests/serve/browser.py (make browser).
. "$(dirname "$0")/lib.sh"

SERVE="$BIN/dateline-serve"
PIDS=()
# The servers started here are stopped at exit, before the folder goes.
cleanup() {
	for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done
	wait 2>/dev/null
	rm -rf "$TMP"
}
trap cleanup EXIT

expect_no_match() {
	if printf '%s' "$2" | grep -Fq -- "$3"; then not_ok "$1" "found: $3"; else ok "$1"; fi
}

if ! command -v curl >/dev/null || ! command -v python3 >/dev/null; then
	skip "no curl or python3 (tools/install-deps installs them)" "dateline-serve"
	finish
fi

# start NAME ARGS...: run the server on a free port; sets URL and PID.
start() {
	local name=$1
	shift
	"$SERVE" "$@" >"$TMP/$name.out" 2>"$TMP/$name.err" &
	PID=$!
	PIDS+=("$PID")
	URL=""
	for _ in $(seq 100); do
		URL=$(grep -o 'http://[^ ]*/' "$TMP/$name.out" 2>/dev/null)
		[ -n "$URL" ] && return 0
		kill -0 "$PID" 2>/dev/null || break
		sleep 0.05
	done
	not_ok "dateline-serve $name starts" "$(cat "$TMP/$name.err")"
	return 1
}
# get PATH: the body; status in $TMP/status
get() {
	curl -s -o "$TMP/body" -w '%{http_code}' --max-time 20 "$@" >"$TMP/status"
	cat "$TMP/body"
}
status() { cat "$TMP/status"; }
# json EXPR < body: a Python expression over the parsed JSON 'j'
json() { python3 -c "import json,sys; j=json.load(sys.stdin); print($1)"; }

# --- the command line ------------------------------------------------------
"$SERVE" --help >"$TMP/help" 2>&1
expect "--help exits 0" "$?" 0
expect_match "--help names --listen" "$(cat "$TMP/help")" "--listen ADDR:PORT"
"$SERVE" --listen nowhere >/dev/null 2>"$TMP/err"
expect "a --listen without a port is a usage error" "$?" 2
expect_match "the error names --listen" "$(cat "$TMP/err")" "--listen: expected ADDR:PORT"
"$SERVE" -d "$TMP/none.db" --listen 127.0.0.1:0 >/dev/null 2>"$TMP/err"
expect "a missing index exits 1" "$?" 1
expect_match "the error names the index" "$(cat "$TMP/err")" "none.db"

# --- an index with hostile articles ------------------------------------------
mkdir -p "$TMP/docs"
cp -r corpus "$TMP/docs/corpus"
printf 'Title: <script>alert(1)</script> Zanzibar report\nAuthor: Eve & "Mallory"\nDate: 2015-02-03\n\nZanzibar harbour <script>alert(2)</script> reopened & "quoted".\n' >"$TMP/docs/script.txt"
printf 'Title: "><img src=x onerror=alert(3)> Zanzibar ferry\nDate: 2015-03-04\nPlace: "><svg onload=alert(4)>\n\nThe Zanzibar ferry sailed. javascript:alert(5)\n' >"$TMP/docs/attr.txt"
DB="$TMP/hostile.db"
"$INDEX" -d "$DB" --quiet "$TMP/docs" >/dev/null 2>&1
expect "index the hostile corpus" "$?" 0

start main -d "$DB" --listen 127.0.0.1:0 || finish
expect_match "prints the URL to open, on 127.0.0.1" "$URL" '^http://127\.0\.0\.1:[0-9]+/$'

# --- the API ---------------------------------------------------------------
body=$(get "${URL}api/search?q=Kerry&n=3")
expect "/api/search answers 200" "$(status)" 200
expect "three hits" "$(printf '%s' "$body" | json 'len(j["hits"])')" 3
expect "the total is the count of all matches" "$(printf '%s' "$body" | json 'j["total"]')" 15
expect "the query as read" "$(printf '%s' "$body" | json 'j["query"]')" Kerry
expect "hits carry a highlighted snippet" "$(printf '%s' "$body" | json 'all(h["snippet"].encode()[a:b].lower()==b"kerry" for h in j["hits"] for a,b in h["highlights"])')" True
expect "facets name the people" "$(printf '%s' "$body" | json 'j["facets"]["persons"][0]["name"]')" "John Kerry"
expect "months are in date order" "$(printf '%s' "$body" | json '[m["name"] for m in j["months"]]==sorted(m["name"] for m in j["months"])')" True
expect "the query as read, its parentheses written out" "$(get "${URL}api/search?q=Kerry+Lavrov+NOT+Paris" | json 'j["read"]')" "Kerry (Lavrov NOT Paris)"
expect "facets name the organisations" "$(printf '%s' "$body" | json '[f["name"] for f in j["facets"]["organisations"]][:2]')" "['European Union', 'State Department']"
expect "facets name the sources" "$(printf '%s' "$body" | json 'sorted(f["name"] for f in j["facets"]["sources"])[0]')" "Dateline Wire"
expect "every month of the matches, not the five most frequent" "$(printf '%s' "$body" | json 'len(j["months"]), sum(m["count"] for m in j["months"]), j["facet_docs"]')" "7 12 15"
page2=$(get "${URL}api/search?q=Kerry&n=3&offset=3")
expect "another page: other hits, the same facets and months (from the cache)" "$(printf '%s\n%s' "$body" "$page2" | python3 -c 'import json,sys; a,b=[json.loads(l) for l in sys.stdin]; print(a["hits"][0]["id"]!=b["hits"][0]["id"], a["facets"]==b["facets"], a["months"]==b["months"], b["facet_docs"])')" "True True True 15"
first=$(get "${URL}api/search?q=Zanzibar&n=5")
again=$(get "${URL}api/search?q=Zanzibar&n=5")
expect "a search asked again (from the cache): the same bytes, the titles' markup escaped" "$([ -n "$first" ] && [ "$first" = "$again" ] && printf '%s' "$again" | grep -c '<script>')" 0
body=$(get "${URL}api/search?q=Kerry+Lavrof&n=1")
expect "did you mean, when a word is rare" "$(printf '%s' "$body" | json 'j["did_you_mean"], j["corrected"]')" "Kerry Lavrov False"
body=$(get "${URL}api/search?q=Kerry&n=3")
body=$(get "${URL}api/search?q=Sevastapol&n=10")
expect "a misspelling: did_you_mean, corrected, and the suggestion's hits and total" "$(printf '%s' "$body" | json '(j["did_you_mean"], j["corrected"], j["total"], len(j["hits"]))')" "('Sevastopol', True, 5, 5)"
expect "a well-spelled query: no did_you_mean" "$(get "${URL}api/search?q=Sevastopol&n=1" | json '(j["did_you_mean"], j["corrected"])')" "(None, False)"
body=$(get "${URL}api/search?q=Kerry&n=3&offset=3")
expect "offset pages on" "$(printf '%s' "$body" | json 'j["hits"][0]["rank"]')" 4
body=$(get "${URL}api/search?q=Kerry&sort=date&n=20")
expect "sort=date: newest first" "$(printf '%s' "$body" | json '[h.get("date","") for h in j["hits"] if h.get("date")]==sorted([h.get("date","") for h in j["hits"] if h.get("date")], reverse=True)')" True
body=$(get "${URL}api/search?q=Kerry&since=2014-03&until=2014-03")
expect "since/until keep the dates in range" "$(printf '%s' "$body" | json 'all(h["date"].startswith("2014-03") for h in j["hits"]) and len(j["hits"])>0')" True
body=$(get "${URL}api/search?person=Sergei+Lavrov&place=Paris")
expect "person and place alone search" "$(printf '%s' "$body" | json 'len(j["hits"])>0 and all("Sergei Lavrov" in h.get("persons",[]) for h in j["hits"])')" True
body=$(get "${URL}api/search?person=John+Kerry&person=Sergei+Lavrov&n=50")
expect "person twice: the articles naming both" "$(printf '%s' "$body" | json 'len(j["hits"])>0 and all("John Kerry" in h.get("persons",[]) and "Sergei Lavrov" in h.get("persons",[]) for h in j["hits"])')" True
expect "person twice is as person: AND person:" "$(printf '%s' "$body" | json 'j["total"]')" "$(get "${URL}api/search?q=person:%22John+Kerry%22+AND+person:%22Sergei+Lavrov%22" | json 'j["total"]')"
body=$(get "${URL}api/search?org=NATO")
expect "org alone searches the organisation" "$(printf '%s' "$body" | json 'len(j["hits"])>0 and all("NATO" in h.get("organisations",[]) for h in j["hits"])')" True

body=$(get "${URL}api/search?q=KERRY+AND+THE+CRIMEA")
expect "a query in capitals is searched, and says how it was read" "$(printf '%s' "$body" | json 'len(j["hits"])>0 and j["read"]=="KERRY CRIMEA" and "capitals" in j["reading"]')" True
body=$(get "${URL}api/search?q=Kerry")
expect "a query read as written has no reading" "$(printf '%s' "$body" | json 'j["reading"] is None and j["read"]=="Kerry"')" True
body=$(get "${URL}api/search?q=Kerry+AND+%22Lavrov")
expect "a bad query is 400" "$(status)" 400
expect "with the column" "$(printf '%s' "$body" | json 'j["column"]')" 11
expect_match "and the reason" "$body" '"error":"unbalanced quote at column 11"'
get "${URL}api/search" >/dev/null
expect "no query is 400" "$(status)" 400
get "${URL}api/search?q=Kerry&n=100000" >/dev/null
expect "n out of range is 400" "$(status)" 400
get "${URL}api/search?q=Kerry&sort=sideways" >/dev/null
expect "an unknown sort is 400" "$(status)" 400
body=$(get "${URL}api/search?q=Kerry&since=2014-13")
expect "a bad date is 400" "$(status)" 400

body=$(get "${URL}api/article?id=diplomacy/kerry-sworn-in.txt")
expect "a bad id of the copied corpus is 404" "$(status)" 404
body=$(get "${URL}api/article?id=corpus/diplomacy/kerry-sworn-in.txt&q=Kerry")
expect "/api/article answers 200" "$(status)" 200
expect "the stored article" "$(printf '%s' "$body" | json 'j["title"]')" "John Kerry sworn in as Secretary of State"
expect "highlights of the body" "$(printf '%s' "$body" | json 'sorted(set(j["body"].encode()[a:b].decode().lower() for a,b in j["highlights"]))')" "['kerry']"
body=$(get "${URL}api/article?id=no/such/article")
expect "an unknown id is 404" "$(status)" 404
expect_match "as JSON" "$body" '"status":404'
get "${URL}api/article" >/dev/null
expect "no id is 400" "$(status)" 400
body=$(get "${URL}api/related?id=corpus/ukraine/paris-talks-2014-03-30.txt&n=4")
expect "/api/related answers 200" "$(status)" 200
expect "related reports say what they share" "$(printf '%s' "$body" | json 'len(j["hits"])==4 and all(h.get("shares") for h in j["hits"])')" True
get "${URL}api/related?id=no/such" >/dev/null
expect "related of an unknown id is 404" "$(status)" 404

# --- the page without JavaScript ----------------------------------------------
page=$(curl -s -D "$TMP/headers" "${URL}?q=Kerry")
expect_match "the page highlights the snippets" "$page" '<mark>Kerry</mark>'
expect_match "facets are links that narrow" "$page" 'href="/\?q=Kerry&amp;person=John%20Kerry"'
expect_match "organisations are a facet" "$(curl -s "${URL}?q=referendum")" 'href="/\?q=referendum&amp;org=European%20Union"'
expect_match "histogram bars are links to their month" "$page" 'href="/\?q=Kerry&amp;since=2014-03&amp;until=2014-03"'
expect_match "paging is a link" "$page" 'rel="next" href="/\?q=Kerry&amp;offset=10"'
expect_match "sorting by date is a link" "$page" 'href="/\?q=Kerry&amp;sort=date"'
expect_match "a Content-Security-Policy without inline script" "$(cat "$TMP/headers")" "Content-Security-Policy: default-src 'none'; script-src 'self';"
expect "every script is a file of ours" "$(printf '%s' "$page" | grep -o '<script[^>]*>' | sort -u)" '<script src="/static/app.js" defer>'
page=$(curl -s "${URL}?q=Kerry&person=John+Kerry")
expect_match "a filter shows as a removable chip" "$page" 'class="chip" title="Remove this filter" href="/\?q=Kerry"'
page=$(curl -s "${URL}?q=Kerry&person=John+Kerry&person=Sergei+Lavrov")
expect_match "each person is a chip of its own" "$page" 'class="chip" title="Remove this filter" href="/\?q=Kerry&amp;person=John%20Kerry"><span class="chip-label">person</span> Sergei Lavrov'
expect_match "a facet adds its name to those chosen" "$page" 'href="/\?q=Kerry&amp;person=John%20Kerry&amp;person=Sergei%20Lavrov&amp;person=Vladimir%20Putin"'
expect_match "the box keeps every person" "$page" '<input type="hidden" name="person" value="John Kerry"><input type="hidden" name="person" value="Sergei Lavrov">'
page=$(curl -s "${URL}?q=Kerry+Lavrof")
expect_match "the page offers did you mean" "$page" 'Did you mean <a href="/\?q=Kerry%20Lavrov">Kerry Lavrov</a>'
page=$(curl -s "${URL}?q=Kery+Lavrof")
expect_match "no match: the page shows the correction's results" "$page" 'No articles match <b>Kery Lavrof</b>; showing the results for <a href="/\?q=Kerry%20Lavrov">'
expect_match "and the box keeps what was typed" "$page" 'value="Kery Lavrof"'
page=$(get "${URL}?q=Kerry+AND+%22Lavrov")
expect "a bad query's page is 400" "$(status)" 400
expect_match "it shows the column under the box" "$page" '<pre class="caret">Kerry AND (&quot;|&#34;)Lavrov
          \^</pre><p>unbalanced quote at column 11</p>'
page=$(get "${URL}article?id=corpus/ukraine/paris-talks-2014-03-30.txt&q=Kerry+Lavrov")
expect "the article page answers 200" "$(status)" 200
expect_match "every match has a numbered mark" "$page" '<mark id="m6">'
expect_match "match navigation" "$page" 'class="matchnav" data-count="6"'
expect_match "people are links" "$page" '<a href="/\?person=John%20Kerry">John Kerry</a>'
expect_match "related reports are listed" "$page" 'Related reports'
get "${URL}article?id=no/such" >/dev/null
expect "an unknown article page is 404" "$(status)" 404

# --- hostile input --------------------------------------------------------------
page=$(curl -s "${URL}?q=Zanzibar")
expect_match "a title with a script tag is shown as text" "$page" '&lt;script&gt;alert\(1\)&lt;/script&gt; <mark>Zanzibar</mark> report'
expect_no_match "no script tag of a document reaches the page" "$page" '<script>alert'
expect_no_match "no attribute breaks out of its quotes" "$page" '<img src=x'
expect_no_match "no svg of a document reaches the page" "$page" '<svg onload'
expect_match "an author's quotes are text" "$page" 'Eve &amp; &quot;Mallory&quot;'
body=$(get "${URL}api/search?q=Zanzibar")
expect "the API's JSON has no raw '<'" "$(printf '%s' "$body" | grep -c '<')" 0
expect "and reads back as the stored title" "$(printf '%s' "$body" | json '[h["title"] for h in j["hits"] if "script" in h["title"]][0]')" "<script>alert(1)</script> Zanzibar report"
page=$(curl -s "${URL}article?id=attr.txt&q=Zanzibar")
expect_no_match "an article page keeps attributes closed" "$page" '"><img src=x'
expect_match "its title is text" "$page" '<h1>&quot;&gt;&lt;img src=x onerror=alert\(3\)&gt; <mark>Zanzibar</mark> ferry</h1>'
expect_no_match "a javascript: text is never a link" "$page" 'href="javascript'
page=$(curl -s "${URL}?q=%3C%2Fscript%3E%3Cscript%3Ealert(6)%3C%2Fscript%3E")
expect_no_match "a query with </script> is not markup" "$page" '</script><script>alert(6)'
expect_match "it is in the box, escaped" "$page" 'value="&lt;/script&gt;&lt;script&gt;alert\(6\)&lt;/script&gt;"'
page=$(curl -s "${URL}?q=%22%3E%3Cimg+src%3Dx+onerror%3Dalert(7)%3E")
expect_no_match "a query with \"> stays in its attribute" "$page" '"><img src=x onerror=alert(7)>'
body=$(get "${URL}api/search?q=%3C%2Fscript%3E")
expect_no_match "the API echoes a </script> query escaped" "$body" '</script>'

for path in "static/../../etc/passwd" "../../etc/passwd" "%2e%2e/%2e%2e/etc/passwd" "static/%2e%2e%2f%2e%2e%2fetc%2fpasswd" "static//etc/passwd"; do
	body=$(get --path-as-is "${URL}$path")
	if [ "$(status)" = 404 ] && ! printf '%s' "$body" | grep -q 'root:'; then ok "no file by path: /$path is 404"; else not_ok "no file by path: /$path is 404" "got $(status)"; fi
done
get "${URL}article?id=../../etc/passwd" >/dev/null
expect "an id of ../../etc/passwd is an unknown article" "$(status)" 404
get "${URL}api/search?q=a%00b" >/dev/null
expect "a NUL byte in a parameter is 400" "$(status)" 400
get "${URL}api/search?q=%ff%fe" >/dev/null
expect "a parameter that is not UTF-8 is 400" "$(status)" 400
long=$(head -c 3000 /dev/zero | tr '\0' 'a')
get "${URL}api/search?q=$long" >/dev/null
expect "a 3000-byte query is 400" "$(status)" 400
code=$(python3 tests/serve/huge_url.py "$URL")
case $code in 414|431|400) ok "a 1 MB URL is refused ($code)" ;; *) not_ok "a 1 MB URL is refused" "got $code" ;; esac
big=$(head -c 100000 /dev/zero | tr '\0' 'b')
code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 20 -H "X-Big: $big" "${URL}")
case $code in 414|431|400) ok "a 100 KB header is refused ($code)" ;; *) not_ok "a 100 KB header is refused" "got $code" ;; esac
code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 20 -X POST -d 'q=x' "${URL}api/search")
expect "POST is 405" "$code" 405
get "${URL}nothing/here" >/dev/null
expect "an unknown path is 404" "$(status)" 404

# A client that sends half a request, and one that only connects, do not
# stall the others.
exec 7<>/dev/tcp/127.0.0.1/"$(printf '%s' "$URL" | sed 's|.*:\([0-9]*\)/$|\1|')"
printf 'GET /api/search?q=Ke' >&7
exec 8<>/dev/tcp/127.0.0.1/"$(printf '%s' "$URL" | sed 's|.*:\([0-9]*\)/$|\1|')"
t0=$(date +%s%N)
get "${URL}api/search?q=Kerry&n=1" >/dev/null
t1=$(date +%s%N)
expect "a slow client does not stall the others" "$(status):$(( (t1 - t0) / 1000000 < 5000 ))" "200:1"
exec 7>&- 8>&-

# --- new commits are seen without a restart --------------------------------------
# (asked first, so that a cached answer of no hits would show)
expect "before: no quokka" "$(get "${URL}api/search?q=quokka" | json 'j["total"]')" 0
printf 'Title: Quokka census\nDate: 2016-01-01\n\nA quokka census was held.\n' >"$TMP/docs/quokka.txt"
"$INDEX" -d "$DB" --quiet "$TMP/docs" >/dev/null 2>&1
found=""
for _ in $(seq 40); do
	get "${URL}api/article?id=quokka.txt" >/dev/null
	[ "$(status)" = 200 ] && { found=1; break; }
	sleep 0.1
done
expect "an article indexed while serving is found" "${found:-0}" 1
body=$(get "${URL}api/search?q=quokka")
expect "and searched" "$(printf '%s' "$body" | json 'j["hits"][0]["id"]')" quokka.txt

# --- stopping ------------------------------------------------------------------
kill -TERM "$PID"
wait "$PID"
expect "SIGTERM stops it cleanly (exit 0)" "$?" 0
expect_match "saying so" "$(cat "$TMP/main.err")" "stopping \(SIGTERM\)"

# --- limits of its own -------------------------------------------------------------
start limited -d "$DB" --listen 127.0.0.1:0 --max-clients 32 || finish
port=$(printf '%s' "$URL" | sed 's|.*:\([0-9]*\)/$|\1|')
for fd in $(seq 10 42); do eval "exec $fd<>/dev/tcp/127.0.0.1/$port"; done
sleep 0.2
body=$(get "${URL}api/search?q=Kerry")
expect "beyond --max-clients connections: 503" "$(status)" 503
expect_match "as JSON saying why" "$body" '"error":"too many clients at once; try again","status":503'
for fd in $(seq 10 42); do eval "exec $fd>&-"; done
sleep 0.3
get "${URL}api/search?q=Kerry&n=1" >/dev/null
expect "once they close: 200" "$(status)" 200
# 200 connections at once (to a server that takes 32): each answered 200
# or 503, none dropped; and the server answers afterwards.
seq 200 | xargs -P 200 -I{} curl -s -o /dev/null -w '%{http_code}\n' --max-time 30 "${URL}api/search?q=Kerry+{}&n=1" >"$TMP/codes"
bad=$(grep -vcE '^(200|503)$' "$TMP/codes")
expect "200 parallel connections: 200 answers" "$(wc -l <"$TMP/codes")" 200
expect "each is 200 or 503" "$bad" 0
expect "some are served" "$(grep -c '^200$' "$TMP/codes" | sed 's/^[1-9][0-9]*$/yes/')" yes
get "${URL}api/search?q=Kerry&n=1" >/dev/null
expect "the server answers after them" "$(status)" 200

kill -INT "$PID"
wait "$PID"
expect "Ctrl-C (SIGINT) stops it cleanly" "$?" 0

start open -d "$DB" --listen 0.0.0.0:0 || finish
expect_match "another address says it is reachable from other machines" "$(cat "$TMP/open.out")" "listening on 0.0.0.0 port [0-9]+: reachable from other machines"
kill "$PID"
wait "$PID"

# The index moved away before any request: 503, not a crash.
cp -r "$DB" "$TMP/moving.db"
start moving -d "$TMP/moving.db" --listen 127.0.0.1:0 --threads 1 || finish
mv "$TMP/moving.db" "$TMP/moved.db"
body=$(get "${URL}api/search?q=Kerry")
expect "an index that cannot be opened is 503" "$(status)" 503
expect_match "saying why" "$body" '"error":"the index is unavailable'
kill "$PID"
wait "$PID"

finish
