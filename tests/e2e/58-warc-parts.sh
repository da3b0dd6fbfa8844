#!/usr/bin/env bash
# A large web archive is read by the walk's thread and analysed by the workers in
# parts of 16 pages (indexer/run.c): every page is indexed once, with -j1 and -j2,
# new index (shards) or update; the file's articles are still replaced as a whole,
# and an interrupted run (Ctrl-C, kill -9) leaves the file all old or all new.
. "$(dirname "$0")/lib.sh"

if ! command -v python3 >/dev/null 2>&1; then
	skip "python3 missing" "web archives in parts"
	finish
fi

# N pages saying WORD, as a WARC (tools/make_warc.py): archive OUT N WORD
archive() {
	local out=$1 n=$2 word=$3 dir="$TMP/pages-$3-$2" i
	mkdir -p "$dir"
	python3 - "$dir" "$n" "$word" <<'EOF'
import sys
d, n, w = sys.argv[1], int(sys.argv[2]), sys.argv[3]
for i in range(n):
    with open("%s/p%04d.html" % (d, i), "w") as f:
        f.write("<html><head><title>Harbour report %d</title></head><body><article>"
                "<p>The harbour of town %d was quiet, the %s desk said on Tuesday, and the "
                "ferry kept to its timetable.</p></article></body></html>\n" % (i, i, w))
EOF
	set --
	for i in $(seq 0 $((n - 1))); do
		set -- "$@" "http://archive.example/$word/p$i=$(printf '%s/p%04d.html' "$dir" "$i")"
	done
	python3 tools/make_warc.py "$out" "$@"
}
count() { "$SEARCH" -d "$1" --count "$2" 2>/dev/null; }
# The number of articles the index holds (the indexer's summary).
held() { sed -n 's/.*the index holds \([0-9]*\) article.*/\1/p' "$1"; }

mkdir -p "$TMP/w"
archive "$TMP/w/crawl.warc.gz" 70 alpha
cp corpus/html/*.html "$TMP/w/"
nhtml=$(ls corpus/html/*.html | wc -l)

for j in 1 2; do
	DB="$TMP/new$j.db"
	"$INDEX" -j$j -d "$DB" "$TMP/w" > "$TMP/out$j"
	expect "-j$j, a new index: the archive's 70 pages, each once" "$(count "$DB" alpha)" 70
	expect "-j$j, a new index: and the other files" "$(held "$TMP/out$j")" $((70 + nhtml))
	ids=$("$SEARCH" -d "$DB" --json -n 200 alpha | grep -o '"id":"crawl.warc.gz#[^"]*"' | sort -u | wc -l)
	expect "-j$j: 70 different ids" "$ids" 70
done
# An update with -j2 (one writer): the archive's articles replaced as a whole.
DB="$TMP/new2.db"
archive "$TMP/w/crawl.warc.gz" 40 bravo
"$INDEX" -q -j2 -d "$DB" "$TMP/w"
expect "an update: the new archive's 40 pages" "$(count "$DB" bravo)" 40
expect "an update: none of the old archive's" "$(count "$DB" alpha)" 0

# Interrupted while the archive is read: all old or all new, never a mix.
archive "$TMP/big.warc.gz" 600 charlie
# The signal at half the time a whole run of it takes (an update of the small
# archive by the big one, timed first), so that it lands while the archive is read.
cp -r "$DB" "$TMP/timing.db"
cp "$TMP/big.warc.gz" "$TMP/w/crawl.warc.gz"
t0=$(date +%s%N)
"$INDEX" -q -j2 -d "$TMP/timing.db" "$TMP/w"
half=$(( ($(date +%s%N) - t0) / 2000000 ))
expect "the big archive indexes whole" "$(count "$TMP/timing.db" charlie)" 600
archive "$TMP/w/crawl.warc.gz" 40 bravo
"$INDEX" -q -j2 -d "$DB" "$TMP/w"
for sig in INT KILL; do
	cp "$TMP/big.warc.gz" "$TMP/w/crawl.warc.gz"
	"$INDEX" -q -j2 -d "$DB" "$TMP/w" 2>/dev/null &
	pid=$!
	sleep "$(printf '%d.%03d' $((half / 1000)) $((half % 1000)))"
	kill -$sig "$pid" 2>/dev/null
	{ wait "$pid"; } 2>/dev/null
	b=$(count "$DB" bravo)
	c=$(count "$DB" charlie)
	if [ "$b/$c" = "40/0" ] || [ "$b/$c" = "0/600" ]; then
		ok "SIG$sig during the archive: all old or all new ($b old, $c new)"
	else
		not_ok "SIG$sig during the archive: all old or all new" "got $b old, $c new"
	fi
	"$INDEX" -q -j2 -d "$DB" "$TMP/w"
	expect "SIG$sig: the next run completes it" "$(count "$DB" bravo)/$(count "$DB" charlie)" "0/600"
	"$INDEX" -j2 -d "$DB" "$TMP/w" > "$TMP/out"
	expect "SIG$sig: nothing else lost" "$(held "$TMP/out")" $((600 + nhtml))
	archive "$TMP/w/crawl.warc.gz" 40 bravo
	"$INDEX" -q -j2 -d "$DB" "$TMP/w"
done

# A new index with -j2: the workers write the parts into their own shards, as
# they do files. Ctrl-C while the archive is read: merged without any of it,
# or with all of it, never a part (the parts written are deleted at the merge).
cp "$TMP/big.warc.gz" "$TMP/w/crawl.warc.gz"
t0=$(date +%s%N)
"$INDEX" -q -j2 -d "$TMP/fresh-timing.db" "$TMP/w"
half=$(( ($(date +%s%N) - t0) / 2000000 ))
expect "a new index, -j2: the big archive whole" "$(count "$TMP/fresh-timing.db" charlie)" 600
"$INDEX" -q -j2 -d "$TMP/fresh.db" "$TMP/w" 2>/dev/null &
pid=$!
sleep "$(printf '%d.%03d' $((half / 1000)) $((half % 1000)))"
kill -INT "$pid" 2>/dev/null
{ wait "$pid"; } 2>/dev/null
c=$(count "$TMP/fresh.db" charlie)
if [ "${c:-0}" = 0 ] || [ "$c" = 600 ]; then
	ok "a new index, SIGINT during the archive: none of it or all (${c:-0})"
else
	not_ok "a new index, SIGINT during the archive: none of it or all" "got $c"
fi
"$INDEX" -q -j2 -d "$TMP/fresh.db" "$TMP/w"
expect "and the next run completes it" "$(count "$TMP/fresh.db" charlie)" 600

finish
