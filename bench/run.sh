#!/usr/bin/env bash
# make bench: figures, not pass/fail. Indexes the bundled corpus and, when
# ../shared/data is there, the BBC folder; then times whole search commands
# side by side with Xapian's own query tool (quest) on the same index.
# The full benchmark (Reuters, generated corpora, FTS5 and a reference
# Xapian program as peers, latency inside one process) is still to come.
set -u
BIN=${DATELINE_BIN:-bin}
DATA=${DATELINE_DATA:-../shared/data}
TMP=$(mktemp -d /tmp/dateline-bench.XXXXXX)
trap 'rm -rf "$TMP"' EXIT

now() { date +%s.%N; }
mb() { du -sk "$1" | awk '{printf "%.1f", $1 / 1024}'; }

peak_rss() {  # peak_rss CMD... : runs CMD (stdout to $TMP/out), prints its peak RSS in MiB to fd 3
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f '%M' -o "$TMP/rss" "$@" >"$TMP/out" 2>/dev/null
		awk '{printf "%.0f", $1 / 1024}' "$TMP/rss" >&3
	else
		"$@" >"$TMP/out" 2>/dev/null
		printf 'n/a' >&3
	fi
}

bench_index() {  # bench_index NAME FOLDER
	local name=$1 folder=$2 db="$TMP/$1.db"
	local files bytes t0 t1 rss secs
	files=$(find -L "$folder" -type f ! -name '.*' | wc -l)
	bytes=$(find -L "$folder" -type f ! -name '.*' -printf '%s\n' | awk '{s += $1} END {print s}')
	t0=$(now)
	rss=$(peak_rss "$BIN/dateline-index" -d "$db" "$folder" 3>&1)
	t1=$(now)
	secs=$(echo "$t1 - $t0" | bc -l)
	local size compact=n/a
	size=$(mb "$db")
	if command -v xapian-compact >/dev/null; then
		xapian-compact "$db" "$TMP/$name.compact" >/dev/null 2>&1 && compact=$(mb "$TMP/$name.compact")
	fi
	local t2 t3
	t2=$(now)
	"$BIN/dateline-index" -q -d "$db" "$folder"
	t3=$(now)
	local docs
	docs=$(sed -n 's/^indexed \([0-9]*\) articles.*/\1/p' "$TMP/out")
	printf '%-8s %6d files %6d articles %7.1f MiB  first run %6.2f s  %7.0f articles/s  %5.2f MiB/s  peak RSS %s MiB  index %s MiB (compacted %s)  second run %.2f s\n' \
		"$name" "$files" "$docs" "$(echo "$bytes / 1048576" | bc -l)" "$secs" \
		"$(echo "$docs / $secs" | bc -l)" "$(echo "$bytes / 1048576 / $secs" | bc -l)" \
		"$rss" "$size" "$compact" "$(echo "$t3 - $t2" | bc -l)"
}

bench_queries() {  # bench_queries NAME : whole-command latency, ours vs quest
	local db="$TMP/$1.db" q t0 t1 t2 n=0 ours=0 theirs=0
	local queries=("Kerry Lavrov Crimea" "profit" "economy growth" "election campaign"
		"film award" "oil price" "football match" "mobile phone" "Paris" "government")
	for q in "${queries[@]}"; do
		t0=$(now)
		for _ in 1 2 3 4 5; do "$BIN/dateline-search" -d "$db" --color=never $q >/dev/null; done
		t1=$(now)
		for _ in 1 2 3 4 5; do quest -d "$db" -s english -m 10 "$q" >/dev/null 2>&1; done
		t2=$(now)
		ours=$(echo "$ours + ($t1 - $t0)" | bc -l)
		theirs=$(echo "$theirs + ($t2 - $t1)" | bc -l)
		n=$((n + 5))
	done
	printf '%-8s %d searches, whole command with start-up: dateline-search %.2f ms (10 hits with snippets), quest %.2f ms (10 hits, no snippets), ratio %.2f\n' \
		"$1" "$n" "$(echo "$ours * 1000 / $n" | bc -l)" "$(echo "$theirs * 1000 / $n" | bc -l)" \
		"$(echo "$ours / $theirs" | bc -l)"
}

command -v bc >/dev/null || { echo "bench: needs bc (apt-get install bc)"; exit 1; }
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)"
bench_index corpus corpus
bench_queries corpus
if [ -d "$DATA/corpora/bbc" ]; then
	bench_index bbc "$DATA/corpora/bbc"
	bench_queries bbc
else
	echo "bbc: skipped, $DATA/corpora/bbc is absent"
fi
if [ -d "$DATA/corpora/reuters21578" ]; then
	mkdir -p "$TMP/reuters-sgml"
	for f in "$DATA"/corpora/reuters21578/*.sgm; do ln -s "$(cd "$(dirname "$f")" && pwd)/$(basename "$f")" "$TMP/reuters-sgml/"; done
	bench_index reuters "$TMP/reuters-sgml"
	bench_queries reuters
else
	echo "reuters: skipped, $DATA/corpora/reuters21578 is absent"
fi
