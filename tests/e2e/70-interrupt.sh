#!/usr/bin/env bash
# Interrupted indexing: Ctrl-C commits what was indexed, kill -9 leaves the
# last commit; the next run completes the index without duplicates.
. "$(dirname "$0")/lib.sh"

# Many small files, so that the signal lands in the middle of the run.
BIG="$TMP/big"
mkdir -p "$BIG"
nbig=20000
# (awk writes them in a second where a shell loop took five.)
awk -v n=$nbig -v d="$BIG" 'BEGIN {
	for (i = 1; i <= n; i++) {
		f = d "/r" i ".txt"
		printf "Report number %d\n\nThe council met about road %d and the budget.\n", i, i > f
		close(f)
	}
}'
# Wait until process $1 has read at least $2 bytes (it is under way).
wait_reading() {
	local i rchar
	for i in $(seq 1 5000); do
		rchar=$(awk '/^rchar/ {print $2}' "/proc/$1/io" 2>/dev/null) || return
		[ "${rchar:-0}" -ge "$2" ] && return
		sleep 0.001
	done
}
count() { "$SEARCH" -d "$1" --color=never budget | sed -n '1s/ articles\{0,1\} match.*//p'; }
# The indexer reads the tagger's model before any article: under way means
# that much and 400,000 bytes more.
under_way=$((400000 + $(stat -c %s model/ner.model)))
KDB="$TMP/int.db"
"$INDEX" -q -d "$KDB" "$BIG" 2>"$TMP/int.err" &
pid=$!
wait_reading "$pid" "$under_way"
kill -INT "$pid" 2>/dev/null
wait "$pid"
st=$?
if [ "$st" = 0 ]; then
	skip "indexing finished before the signal" "Ctrl-C exits 130" "Ctrl-C commits and says so" "the interrupted run kept what it committed"
else
	expect "Ctrl-C exits 130" "$st" 130
	expect_match "Ctrl-C commits and says so" "$(cat "$TMP/int.err")" "interrupted: indexed [0-9]+ .*what was indexed is committed"
	# What it says it holds is what the index holds ("No articles match"
	# when the signal came before the first commit), and less than all.
	n=$(count "$KDB"); n=${n//[!0-9]/}; n=${n:-0}
	held=$(sed -n 's/.*the index holds \([0-9]*\) article.*/\1/p' "$TMP/int.err" | head -1)
	if [ "$n" = "$held" ] && [ "$n" -lt "$nbig" ]; then ok "the interrupted run kept what it committed ($n)"; else not_ok "interrupted run kept what it says it holds" "found: $n, said: $held"; fi
fi
"$INDEX" -q -d "$KDB" "$BIG"
expect "the next run completes it without duplicates" "$(count "$KDB")" "$nbig"

# kill -9: the index opens at its last commit, the next run completes it.
K9DB="$TMP/k9.db"
"$INDEX" -q -d "$K9DB" "$BIG" &
pid=$!
wait_reading "$pid" "$under_way"
# ... and the index made (the models read before it differ in size: the
# language detector's came later).
for i in $(seq 1 5000); do
	[ -e "$K9DB/iamglass" ] && break
	sleep 0.001
done
kill -KILL "$pid" 2>/dev/null
{ wait "$pid"; } 2>/dev/null
out=$("$SEARCH" -d "$K9DB" --color=never budget 2>&1)
st=$?
expect "after kill -9 the index still opens" "$st" 0
"$INDEX" -q -d "$K9DB" "$BIG"
expect "after kill -9 the next run completes it without duplicates" "$(count "$K9DB")" "$nbig"

finish
