#!/bin/bash
# tests/crash.sh - nothing indexed is lost, whatever stops the indexer.
#
# Over a copy of Reuters-21578 and BBC (../shared/data/corpora), kills
# dateline-index with SIGKILL at a random moment of a first run (-j1 and
# -j2 in turn) and of an update (files touched: every Reuters file, a
# random tenth of BBC), RUNS times each, and after each kill runs the
# indexer again, plainly, to the end. Then the index must open and equal a
# clean run's: the same article count, the same ids (none twice), the same
# articles per file, the same spelling table and the same counts for a set
# of queries. Then a full disk (a small tmpfs; root only): a first run and
# an update that run out of space must fail with a message saying so,
# leave an index that opens and holds whole files only, and a run with
# room must complete it.
#
#   make crash-test [CRASH_RUNS=N]     (not part of make check: minutes)
#   tests/crash.sh [RUNS]              DATELINE_BIN, INDEX_CHECK, CRASH_DATA, CRASH_KEEP
#
# A failed re-run's index and messages are kept in CRASH_KEEP/failed-N
# (default: a folder beside the temporary one, named at the failure).
#
# Prints a line per kill and the totals; exit status 0 when nothing was
# lost, 1 otherwise, 77 (skipped) without the shared data.
set -u

BIN=${DATELINE_BIN:-bin}
CHECK=${INDEX_CHECK:-build/opt/tests/index_check}
DATA=${CRASH_DATA:-../shared/data/corpora}
RUNS=${1:-${CRASH_RUNS:-25}}
QUERIES=("oil" "bank rates" "\"trade deficit\"" "film award" "election" "football" "wheat OR corn")

if [ ! -d "$DATA/reuters21578" ] || [ ! -d "$DATA/bbc" ]; then
	echo "crash.sh: skipped: $DATA/reuters21578 and $DATA/bbc are absent"
	exit 77
fi
for p in "$BIN/dateline-index" "$BIN/dateline-search" "$CHECK"; do
	[ -x "$p" ] || { echo "crash.sh: $p is not built (make all $CHECK)"; exit 1; }
done
BIN=$(cd "$BIN" && pwd)
CHECK=$(cd "$(dirname "$CHECK")" && pwd)/$(basename "$CHECK")

T=$(mktemp -d /tmp/dateline-crash.XXXXXX)
# Where a failed run's index is kept (CRASH_KEEP), outside $T.
KEEP=${CRASH_KEEP:-$T.failed}
MNT=
cleanup() {
	[ -n "$MNT" ] && umount "$MNT" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT
mkdir -p "$T/src"
cp -r "$DATA/reuters21578" "$DATA/bbc" "$T/src/"
cd "$T" || exit 1

lost=0 kills=0 late=0 failures=0

# The state of an index, to compare: what index_check prints and the
# counts of the queries.
state() {
	"$CHECK" "$1" || echo "index_check failed: $?"
	for q in "${QUERIES[@]}"; do
		printf 'query %s: %s\n' "$q" "$("$BIN/dateline-search" -d "$1" --count $q 2>&1)"
	done
}

now() { date +%s.%N; }
# The article count of a state (0 when the index could not be read).
docs_of() { awk '$1 == "docs" { print $2; found = 1 } END { if (!found) print 0 }' "$1"; }
# A random number of seconds in [0, $1), three decimals.
# $2: the seed, drawn by the caller ($RANDOM read inside $(...) does not
# move the shell's own sequence on, so every call gave the same delay).
random_delay() { awk -v max="$1" -v seed="$2" 'BEGIN { srand(seed); printf "%.3f", rand() * max }'; }

# The clean runs: a first run, and the time an update takes.
t0=$(now)
"$BIN/dateline-index" -q -j2 -d ref.db src || { echo "crash.sh: the clean run failed"; exit 1; }
t1=$(now)
state ref.db > ref.state
first_secs=$(echo "$t1 - $t0" | bc)
cp -a ref.db upd.db
touch src/reuters21578/*.sgm
t0=$(now)
"$BIN/dateline-index" -q -j2 -d upd.db src || { echo "crash.sh: the clean update failed"; exit 1; }
t1=$(now)
update_secs=$(echo "$t1 - $t0" | bc)
state upd.db > upd.state
if ! cmp -s ref.state upd.state; then
	echo "crash.sh: a clean update differs from a clean first run:"
	diff ref.state upd.state | head
	exit 1
fi
rm -rf upd.db
echo "crash.sh: clean runs: first $first_secs s, update $update_secs s; $(head -1 ref.state)"

# Kill the indexer ($2: its options) after a random delay below the
# number of seconds in the variable named $1, then run it again to the end
# and compare with the clean run. $3 names it. A run that ended before its
# kill (exit status other than SIGKILL's 137) is counted as late, and its
# time becomes the variable's: the machine's load changes how long a run
# takes, and a kill must fall inside the run.
killed_last=0
kill_and_recover() {
	local var=$1 opts=$2 what=$3 delay pid st t0 t1 seed
	# (Below 2^30: awk saturates a larger seed, which gave one delay often.)
	seed=$((RANDOM * 32768 + RANDOM))
	delay=$(random_delay "${!var}" "$seed")
	t0=$(now)
	"$BIN/dateline-index" -q $opts -d db src > killed.log 2>&1 &
	pid=$!
	sleep "$delay"
	kill -KILL "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	st=$?
	t1=$(now)
	if [ $st -eq 137 ]; then
		kills=$((kills + 1))
		killed_last=1
	else
		late=$((late + 1))
		killed_last=0
		printf -v "$var" '%s' "$(echo "$t1 - $t0" | bc)"
		echo "late $what: it ended (status $st) before its kill at $delay s"
		return
	fi
	"$BIN/dateline-index" -q $opts -d db src > rerun.log 2>&1
	st=$?
	state db > got.state
	if [ $st -ne 0 ] || ! cmp -s ref.state got.state; then
		failures=$((failures + 1))
		local missing want have
		want=$(docs_of ref.state)
		have=$(docs_of got.state)
		missing=$((want - have))
		[ "$missing" -gt 0 ] && lost=$((lost + missing))
		echo "FAIL $what killed at $delay s: rerun status $st, $missing articles missing"
		diff ref.state got.state | head -5
		head -3 rerun.log
		# Kept for a look: the index, the re-run's messages, the killed
		# run's (outside the folder removed at the end).
		local keep="$KEEP/failed-$kills"
		mkdir -p "$keep" && cp -a db rerun.log killed.log "$keep/" 2>/dev/null
		echo "     kept in $keep"

	else
		echo "ok   $what killed at $delay s"
	fi
}

# RUNS kills of each kind (at most 3 x RUNS tries of each).
first_kills=0 update_kills=0 tries=0
while [ $first_kills -lt "$RUNS" ] || [ $update_kills -lt "$RUNS" ]; do
	tries=$((tries + 1))
	[ $tries -le $((3 * RUNS)) ] || break
	if [ $first_kills -lt "$RUNS" ]; then
		rm -rf db
		jobs=$(( tries % 2 + 1 ))
		kill_and_recover first_secs "-j$jobs" "first run -j$jobs"
		first_kills=$((first_kills + killed_last))
	fi
	if [ $update_kills -lt "$RUNS" ]; then
		# An update: the Reuters files and a tenth of BBC touched.
		rm -rf db
		cp -a ref.db db
		touch src/reuters21578/*.sgm
		find src/bbc -name '*.txt' | awk -v seed="$RANDOM" 'BEGIN { srand(seed) } rand() < 0.1' |
			xargs touch
		kill_and_recover update_secs "-j2" "update"
		update_kills=$((update_kills + killed_last))
	fi
done

# A full disk: a tmpfs too small for the index, then room enough.
disk_fail=0
full_disk() {
	local what=$1 size=$2 st
	# Commits every 100 articles, so that a small corpus (CRASH_DATA)
	# reaches the disk, and the disk its end, before the run is done.
	XAPIAN_FLUSH_THRESHOLD=100 "$BIN/dateline-index" -q -j2 -d "$MNT/db" src > full.log 2>&1
	st=$?
	if [ $st -ne 1 ] || ! grep -q "the disk is full\|No space left" full.log; then
		echo "FAIL full disk ($what, ${size}k): status $st, message: $(head -2 full.log)"
		disk_fail=$((disk_fail + 1))
	fi
	# What the index holds: whole files only (each file's articles as many
	# as in the clean run), no id twice.
	if [ -e "$MNT/db" ]; then
		"$CHECK" "$MNT/db" > part.state
		local cst=$?
		if [ $cst -ne 0 ] || ! grep '^file ' part.state | grep -v -x -F -f ref.state | \
			awk 'END { exit NR > 0 }'; then
			echo "FAIL full disk ($what): status $cst, a file held in part:"
			grep '^file ' part.state | grep -v -x -F -f ref.state | head -3
			disk_fail=$((disk_fail + 1))
		fi
	fi
	echo "full disk ($what, ${size}k): $(head -1 full.log)"
	echo "  the index held then: $(head -1 part.state 2>/dev/null)"
	mount -o remount,size=$((size * 8))k "$MNT"
	"$BIN/dateline-index" -q -j2 -d "$MNT/db" src > rerun.log 2>&1
	st=$?
	state "$MNT/db" > got.state
	if [ $st -ne 0 ] || ! cmp -s ref.state got.state; then
		echo "FAIL full disk ($what): the run with room: status $st"
		diff ref.state got.state | head -5
		disk_fail=$((disk_fail + 1))
	else
		echo "  with room: complete, equal to the clean run"
	fi
}
if [ "$(id -u)" = 0 ] && mkdir -p mnt && mount -t tmpfs -o size=1m tmpfs mnt 2>/dev/null; then
	MNT=$T/mnt
	ref_kb=$(du -sk ref.db | cut -f1)
	# What the indexer keeps free (util/room.h), in KiB.
	reserve_kb=$((64 * 1024))
	# A first run with room for a third of the index.
	size=$((reserve_kb + ref_kb / 3))
	mount -o remount,size=${size}k "$MNT"
	full_disk "first run" "$size"
	# An update with room for the index and a little more.
	rm -rf "$MNT/db"
	size=$((reserve_kb + ref_kb + ref_kb / 10))
	mount -o remount,size=${size}k "$MNT"
	cp -a ref.db "$MNT/db"
	touch src/reuters21578/*.sgm src/bbc/*/*.txt
	full_disk "update" "$size"
else
	echo "crash.sh: the full-disk runs need root (a tmpfs): not run"
fi

echo "crash.sh: $kills kills ($first_kills in first runs, $update_kills in updates; $late runs had ended before their kill), $failures runs not equal to the clean run, $lost articles lost; full disk: $disk_fail failures"
[ $failures -eq 0 ] && [ $disk_fail -eq 0 ]
