#!/usr/bin/env bash
# An index in shards (issue 17): --shards N and --shard K/N, the stub, the
# vocabulary; local shards and remote ones served by xapian-tcpsrv on
# 127.0.0.1 (free ports picked here; every server started is stopped),
# searched with the same answers as one index; incremental runs through
# the shards; a killed, a stopped and a restarted server; shards that do
# not agree. No other address is contacted.
. "$(dirname "$0")/lib.sh"

PROBE=${SHARD_PROBE:-build/opt/tests/shard_probe}
SERVERS=""
stop_servers() {
	local p
	for p in $SERVERS; do
		kill -CONT -- "-$p" 2>/dev/null
		kill -- "-$p" 2>/dev/null
	done
	for p in $SERVERS; do
		wait "$p" 2>/dev/null
	done
	SERVERS=""
}
trap 'stop_servers; rm -rf "$TMP"' EXIT

# listening PORT: does something accept connections on 127.0.0.1:PORT?
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# serve INDEX [PORT]: xapian-tcpsrv for INDEX on 127.0.0.1, on PORT or a
# free port picked at random, in a process group of its own (the children
# serving connections stop with it). Sets SRV_PORT and SRV_PID.
serve() {
	local index=$1 want=${2:-} try port pid w
	for try in $(seq 20); do
		port=${want:-$((20000 + RANDOM % 40000))}
		if listening "$port"; then
			[ -n "$want" ] && return 1
			continue
		fi
		setsid xapian-tcpsrv --quiet --interface 127.0.0.1 --port "$port" "$index" \
			>"$TMP/srv-$port.log" 2>&1 &
		pid=$!
		for w in $(seq 100); do
			if listening "$port"; then
				SRV_PORT=$port
				SRV_PID=$pid
				SERVERS="$SERVERS $pid"
				return 0
			fi
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.1
		done
		kill -- "-$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
		# The same port again (a restart) waits for the old one to go.
		[ -n "$want" ] && sleep 0.5
	done
	return 1
}
# halt PID: stop a server and the children serving its connections.
halt() {
	kill -CONT -- "-$1" 2>/dev/null
	kill -- "-$1" 2>/dev/null
	wait "$1" 2>/dev/null
	SERVERS=$(printf '%s\n' $SERVERS | grep -vx "$1" | tr '\n' ' ')
}

# The queries compared, one of each kind of the query language.
Q="$TMP/queries.tsv"
printf '%s\n' 'q1	Kerry Lavrov' 'q2	Crimea referendum' 'q3	nuclear' \
	'q4	"chemical weapons"' 'q5	sanction*' 'q6	person:Kerry' 'q7	place:Kyiv OR Paris' \
	'q8	crimea -russia' 'q9	+Syria weapons' 'q10	title:Kerry' 'q11	Kerry NEAR/5 Lavrov' \
	'q12	date:2014' 'q13	berlin wall' 'q14	minister' > "$Q"
# Every option of dateline-search, one case each (with the query words).
CASES=("--json Kerry Lavrov" "--facets Crimea" "--count Crimea" "--json --facets minister"
	"--related diplomacy/syria-chemical-deal.txt"
	"--json --related feeds/ledger-europe.rss#ledger-europe-2014-03-30-paris"
	"--show diplomacy/syria-chemical-deal.txt" "--json --show world/apollo-11.txt"
	"--person Kerry" "--place Kyiv" "--since 2014-01-01 Kerry" "--until 2013-12-31 minister"
	"Krimea" "--json Kerri Lavrof" "--json sanct*" "-n 3 --offset 2 minister"
	"--sort date Kerry")
# same_run A B: two TREC runs (files) rank the same ids in the same order
# with the same scores (to 1e-5: six decimals printed). Hits of equal
# score come in docid order, which differs between one index and shards:
# a run of ties is compared as a set. Prints nothing when they agree.
same_run() {
	python3 - "$1" "$2" <<'EOF2'
import sys
def groups(path):
    runs = {}
    for line in open(path):
        qid, _, doc, _, score, _ = line.split()
        runs.setdefault(qid, []).append((doc, float(score)))
    out = {}
    for qid, hits in runs.items():
        g = []
        for doc, score in hits:
            if g and abs(g[-1][0] - score) <= 1e-5:
                g[-1][1].add(doc)
            else:
                g.append((score, {doc}))
        out[qid] = g
    return out
a, b = groups(sys.argv[1]), groups(sys.argv[2])
if not a:
    print("the first run is empty")
for qid in sorted(set(a) | set(b)):
    ga, gb = a.get(qid, []), b.get(qid, [])
    if len(ga) != len(gb) or any(abs(x[0] - y[0]) > 1e-5 or x[1] != y[1] for x, y in zip(ga, gb)):
        print("query %s differs: %s... against %s..." % (qid, ga[:2], gb[:2]))
        break
EOF2
}
# The scores of JSON to 8 decimals (the last bits of a sum over shards
# differ from one index's).
round_scores() { sed -E 's/"score":([0-9]+\.[0-9]{8})[0-9]*/"score":\1/g'; }
# same_answers NAME DB: DB answers the queries and CASES as $DB1 does.
same_answers() {
	local name=$1 db=$2 c a b
	"$SEARCH" -d "$DB1" -n 1000 --batch "$Q" --trec > "$TMP/a.trec" 2>&1
	"$SEARCH" -d "$db" -n 1000 --batch "$Q" --trec > "$TMP/b.trec" 2>&1
	expect "$name: the same ids, order and scores for every query (TREC run)" \
		"$(same_run "$TMP/a.trec" "$TMP/b.trec")" ""
	local differ=""
	for c in "${CASES[@]}"; do
		# shellcheck disable=SC2086
		a=$("$SEARCH" -d "$DB1" --color=never $c 2>&1 | round_scores; echo "status ${PIPESTATUS[0]}")
		# shellcheck disable=SC2086
		b=$("$SEARCH" -d "$db" --color=never $c 2>&1 | round_scores; echo "status ${PIPESTATUS[0]}")
		[ "$a" = "$b" ] || differ="$differ [$c]"
	done
	expect "$name: every option answers as one index does" "$differ" ""
}

if ! command -v xapian-tcpsrv >/dev/null; then
	skip "xapian-tcpsrv is missing (Debian's xapian-tools)" "remote shards"
fi
# One index of the corpus, -j1: its documents in walk order, as the shards'.
make_index one corpus -j1
DB1="$TMP/one.db"

# --- an index in 3 local shards ---------------------------------------
SH="$TMP/sharded"
out=$("$INDEX" -j1 --shards 3 -d "$SH" corpus 2>&1)
expect "--shards 3 succeeds" "$?" 0
expect_match "--shards 3 says what it holds" "$out" "holds $ndocs articles in 3 shards"
expect "the stub lists the 3 shards" "$(grep -v '^#' "$SH/XAPIANDB" | tr '\n' ' ')" \
	"auto shard-1 auto shard-2 auto shard-3 "
[ -d "$SH/vocabulary" ] && ok "the vocabulary is beside the stub" || not_ok "the vocabulary is beside the stub"
sum=0
for k in 1 2 3; do
	n=$("$INDEX" -d "$SH/shard-$k" --shard "$k/3" corpus 2>&1 | sed -n 's/.*the index holds \([0-9]*\) articles.*/\1/p')
	sum=$((sum + ${n:-0}))
	"$SEARCH" -d "$SH/shard-$k" -n 1000 --batch "$Q" --trec | awk -v k="$k" '{ print k "\t" $3 }'
done > "$TMP/where.tsv"
expect "the shards hold every article once" "$sum" "$ndocs"
# Each article is in the shard its file's path hashes to (FNV-1a, mod 3).
bad=$(python3 - "$TMP/where.tsv" <<'EOF'
import sys
def shard(rel, n):
    h = 0xcbf29ce484222325
    for b in rel.encode():
        h = ((h ^ b) * 0x100000001b3) & 0xffffffffffffffff
    return h % n + 1
seen = {}
for line in open(sys.argv[1]):
    k, art = line.rstrip("\n").split("\t")
    seen.setdefault(art, set()).add(int(k))
bad = [a for a, ks in seen.items() if ks != {shard(a.split("#")[0], 3)}]
print(len(seen) if not bad else "misplaced: " + " ".join(sorted(bad)[:5]))
EOF
)
expect_match "every article found is in the one shard its path hashes to" "$bad" "^[0-9]+$"
same_answers "3 local shards" "$SH"
same_answers "a stub file naming the shards" "$SH/XAPIANDB"
# Each shard records which default fields it has words of (the searcher
# reads that, one message a remote shard, instead of the fields' stems);
# shards indexed before it was recorded are searched as before.
if command -v xapian-metadata >/dev/null; then
	expect "each shard records its fields" \
		"$(for k in 1 2 3; do xapian-metadata get "$SH/shard-$k" dateline.fields; done | sort -u)" \
		"title=1 author=1 place=1"
	cp -r "$SH" "$TMP/unrecorded"
	for k in 1 2 3; do xapian-metadata set "$TMP/unrecorded/shard-$k" dateline.fields ""; done
	"$SEARCH" -d "$SH" -n 1000 --batch "$Q" --trec > "$TMP/rec.trec" 2>&1
	"$SEARCH" -d "$TMP/unrecorded" -n 1000 --batch "$Q" --trec > "$TMP/unrec.trec" 2>&1
	expect "shards without recorded fields rank as those with them" \
		"$(cmp "$TMP/rec.trec" "$TMP/unrec.trec" && [ -s "$TMP/rec.trec" ] && echo same)" "same"
	# Recorded fields are what the searcher reads: shards saying they
	# have no place words lose the place boost (its ranking changes).
	for k in 1 2 3; do
		xapian-metadata set "$TMP/unrecorded/shard-$k" dateline.fields "title=1 author=1 place=0"
	done
	"$SEARCH" -d "$TMP/unrecorded" -n 1000 --batch "$Q" --trec > "$TMP/unrec.trec" 2>&1
	expect "the recorded fields are read (saying place=0 drops the place boost)" \
		"$(cmp -s "$TMP/rec.trec" "$TMP/unrec.trec" || echo differs)" "differs"
else
	skip "xapian-metadata is missing (Debian's xapian-tools)" "each shard records its fields" \
		"shards without recorded fields rank as those with them" \
		"the recorded fields are read (saying place=0 drops the place boost)"
fi

# --- --shard K/N and the checks of a run ------------------------------
out=$("$INDEX" -q -d "$SH/shard-1" --shard 2/3 corpus 2>&1)
expect "another shard's number is refused" "$?" 1
expect_match "naming the shard the index is" "$out" "shard-1: shard 1/3 of a sharded index, not 2/3"
out=$("$INDEX" -q -d "$SH/shard-2" corpus 2>&1)
expect_match "a shard indexed as a whole index is refused" "$out" "shard 2/3 of a sharded index: index it with --shard 2/3"
out=$("$INDEX" -q --shards 2 -d "$SH" corpus 2>&1)
expect_match "another number of shards is refused" "$out" "a sharded index of 3 shards, not 2"
out=$("$INDEX" -q -d "$SH" corpus 2>&1)
expect_match "a sharded folder without --shards is refused" "$out" "index it with --shards 3"
out=$("$INDEX" -q --shard 4/3 -d "$TMP/x" corpus 2>&1)
expect "--shard 4/3 is a usage error" "$?" 2
"$INDEX" -q -j1 --shard 2/3 -d "$TMP/part2.db" corpus
expect "--shard 2/3 indexes what --shards 3 put in shard 2" \
	"$("$SEARCH" -d "$TMP/part2.db" -n 1000 --batch "$Q" --trec)" \
	"$("$SEARCH" -d "$SH/shard-2" -n 1000 --batch "$Q" --trec)"

# --- shards that do not agree -----------------------------------------
"$INDEX" -q -j1 --shard 2/2 --language french -d "$TMP/fr.db" corpus
"$INDEX" -q -j1 --shard 1/2 -d "$TMP/en.db" corpus
printf 'auto en.db\nauto fr.db\n' > "$TMP/mixed.stub"
out=$("$SEARCH" -d "$TMP/mixed.stub" Kerry 2>&1)
expect "shards of two languages are refused" "$?" 1
expect_match "naming the shard that differs" "$out" "shard 2 of 2 \(auto fr.db\) has another language \('french'\) than shard 1 of 2"
printf 'auto en.db\nremote tcp 127.0.0.1 7\n' > "$TMP/bad.stub"
out=$("$SEARCH" -d "$TMP/bad.stub" Kerry 2>&1)
expect_match "a stub line that is not Xapian's is refused with its line" "$out" "bad.stub:2: 'remote tcp 127.0.0.1 7': expected 'remote HOST:PORT'"

# --- incremental runs through the shards --------------------------------
cp -r corpus "$TMP/inc"
"$INDEX" -q -j1 --shards 3 -d "$TMP/incsh" "$TMP/inc"
"$INDEX" -q -j1 -d "$TMP/inc1.db" "$TMP/inc"
touch "$TMP/inc/world/apollo-11.txt"
rm "$TMP/inc/world/fukushima.txt"
cp "$TMP/inc/europe/berlin-wall.txt" "$TMP/inc/world/berlin-copy.txt"
printf 'Title: Kerry in Oslo\n\nKerry met the Norwegian minister in Oslo.\n' > "$TMP/inc/world/oslo.txt"
out=$("$INDEX" -j1 --shards 3 -d "$TMP/incsh" "$TMP/inc" 2>&1)
expect_match "a re-run reads only what changed, in its shard" \
	"$(printf '%s\n' "$out" | grep -o 'indexed [0-9]* articles ([0-9]* new, [0-9]* updated)\|[0-9]* removed' | tr '\n' ' ')" \
	"."
adds=$(printf '%s\n' "$out" | sed -n 's/.*(\([0-9]*\) new, \([0-9]*\) updated), [0-9]* unchanged, \([0-9]*\) removed.*/\1 \2 \3/p' |
	awk '{ a += $1; u += $2; r += $3 } END { print a, u, r }')
expect "the shards' runs add 2, update 1, remove 1" "$adds" "2 1 1"
"$INDEX" -q -j1 -d "$TMP/inc1.db" "$TMP/inc"
DB1="$TMP/inc1.db" same_answers "after the re-run" "$TMP/incsh"
out=$("$SEARCH" -d "$TMP/incsh" --color=never Fukushima)
expect_match "a removed file's article left its shard" "$out" "No articles match"
out=$("$SEARCH" -d "$TMP/incsh" --color=never Oslo)
expect_match "a new file's article is found" "$out" "world/oslo.txt"

# --- remote shards ----------------------------------------------------
if command -v xapian-tcpsrv >/dev/null; then
	R="$TMP/remote"
	mkdir -p "$R"
	pids=()
	ports=()
	for k in 1 2 3; do
		if ! serve "$SH/shard-$k"; then
			not_ok "xapian-tcpsrv starts on a free port of 127.0.0.1" "$(cat "$TMP"/srv-*.log 2>/dev/null | head -3)"
			finish
		fi
		pids+=("$SRV_PID")
		ports+=("$SRV_PORT")
		echo "remote 127.0.0.1:$SRV_PORT" >> "$R/XAPIANDB"
	done
	out=$("$SEARCH" -d "$R" Kerry 2>&1)
	expect_match "remote shards without a vocabulary are refused, saying why" "$out" \
		"no vocabulary index beside the stub.*dateline-index --vocabulary"
	out=$("$INDEX" --vocabulary -d "$R/vocabulary" "$SH/shard-1" "$SH/shard-2" "$SH/shard-3" 2>&1)
	expect_match "--vocabulary merges the shards' spelling tables" "$out" "holds [0-9]+ words, from the spelling tables of 3 indexes"
	same_answers "3 remote shards" "$R"
	# The messages a query sends to the shards, counted by a relay
	# (bench/remote_messages.py, on free ports of 127.0.0.1): the match's
	# two a shard and each hit's document once, its statistics asked
	# together; not term after term, nor a message for each value.
	out=$(DATELINE_BIN="$BIN" python3 "$(dirname "$0")/../../bench/remote_messages.py" \
		--stub "$R" --modes ranking,page,facets --max-per-query 30 2>&1)
	st=$?
	expect "a query sends at most 30 messages to 3 remote shards (ranking, page, facets): $(echo "$out" | grep -E '^  (ranking|page|facets) ' | awk '{print $1, $2}' | tr '\n' ' ')" "$st" 0
	expect "opening the stub asks no shard for a list of terms: $(echo "$out" | grep -m1 'opening')" \
		"$(echo "$out" | grep -c 'opening.*ALLTERMS')" 0
	out=$("$SEARCH" -d "$R" --color=never Krimea)
	expect_match "did-you-mean reads the vocabulary" "$out" "Showing results for: [Cc]rimea"

	# Copies over remote shards: the shards of the re-run above (where
	# world/berlin-copy.txt is a copy of europe/berlin-wall.txt) served
	# too answer as its one index; the copies are looked for while the
	# page's documents come over connections of their own.
	RI="$TMP/remote-inc"
	mkdir -p "$RI"
	for k in 1 2 3; do
		serve "$TMP/incsh/shard-$k" || not_ok "xapian-tcpsrv serves shard $k of the re-run"
		echo "remote 127.0.0.1:$SRV_PORT" >> "$RI/XAPIANDB"
	done
	ln -s "$TMP/incsh/vocabulary" "$RI/vocabulary"
	for c in "berlin wall" "--json --facets wall" "-n 3 --offset 1 berlin"; do
		# shellcheck disable=SC2086
		a=$("$SEARCH" -d "$TMP/inc1.db" --color=never $c 2>&1 | round_scores)
		# shellcheck disable=SC2086
		b=$("$SEARCH" -d "$RI" --color=never $c 2>&1 | round_scores)
		expect "3 remote shards with copies answer as one index: $c" "$b" "$a"
	done
	expect_match "a hit's copy over remote shards is named" \
		"$("$SEARCH" -d "$RI" --color=never berlin wall)" "also at: .*berlin"
	# A spare connection reading a later commit than the match did: the
	# page shows the article the match found (its document fetched again
	# over the match's connection), not the one committed since.
	coproc PROBE_I { "$PROBE" "$RI"; }
	echo "date:1801" >&"${PROBE_I[1]}"
	read -r -t 60 reply <&"${PROBE_I[0]}" || reply="(no answer)"
	expect_match "a searcher held open on the re-run's remote shards" "$reply" "^ok 0 -"
	printf 'Title: Kerry in Bergen\n\nKerry met the Norwegian minister in Oslo.\n' \
		> "$TMP/inc/world/oslo.txt"
	"$INDEX" -q -j1 --shards 3 -d "$TMP/incsh" "$TMP/inc"
	echo "Oslo" >&"${PROBE_I[1]}"
	read -r -t 60 reply <&"${PROBE_I[0]}" || reply="(no answer)"
	expect "its page shows the match's commit, not a later one a spare connection reads" \
		"$reply" "ok 1 world/oslo.txt Kerry in Oslo"
	eval "exec ${PROBE_I[1]}>&-"
	wait "$PROBE_I_PID" 2>/dev/null

	# A searcher held open (as dateline-serve holds one) while shard 2
	# stops and comes back on its port.
	coproc PROBE_P { "$PROBE" "$R"; }
	ask() { echo "$1" >&"${PROBE_P[1]}"; read -r -t 60 reply <&"${PROBE_P[0]}" || reply="(no answer)"; }
	ask "Kerry"
	expect_match "an open searcher answers" "$reply" "^ok [0-9]+ "
	first=$reply
	halt "${pids[1]}"
	out=$("$SEARCH" -d "$R" Kerry 2>&1)
	st=$?
	expect "a killed shard is an error" "$st" 1
	expect_match "naming the shard and its address" "$out" "shard 2 of 3 \(remote 127.0.0.1:${ports[1]}\)"
	ask "Kerry"
	expect_match "the open searcher reports the killed shard" "$reply" "^error .*shard 2 of 3 \(remote 127.0.0.1:${ports[1]}\)"
	if serve "$SH/shard-2" "${ports[1]}"; then
		pids[1]=$SRV_PID
		ask "Kerry"
		expect "the restarted shard is used again by the open searcher" "$reply" "$first"
	else
		not_ok "the shard restarts on its port" "$(cat "$TMP/srv-${ports[1]}.log" 2>/dev/null)"
	fi
	echo quit >&"${PROBE_P[1]}"
	eval "exec ${PROBE_P[1]}>&-"
	wait "$PROBE_P_PID" 2>/dev/null

	# dateline-serve over the remote shards: the same hits, an error
	# naming a killed shard, and the shard used again once restarted,
	# without restarting dateline-serve.
	if command -v curl >/dev/null; then
		"$BIN/dateline-serve" -d "$R" --listen 127.0.0.1:0 >"$TMP/serve.out" 2>"$TMP/serve.err" &
		SERVE_PID=$!
		URL=""
		for _ in $(seq 100); do
			URL=$(grep -o 'http://[^ ]*/' "$TMP/serve.out" 2>/dev/null)
			[ -n "$URL" ] && break
			kill -0 "$SERVE_PID" 2>/dev/null || break
			sleep 0.1
		done
		ids() { python3 -c 'import json,sys; print(" ".join(h["id"] for h in json.load(sys.stdin)["hits"]))'; }
		want=$("$SEARCH" -d "$DB1" --json -n 10 Kerry Lavrov | python3 -c 'import json,sys; print(" ".join(json.loads(l)["id"] for l in sys.stdin if l.startswith("{\"rank")))')
		got=$(curl -s --max-time 30 "${URL}api/search?q=Kerry+Lavrov&n=10" | ids 2>&1)
		expect "dateline-serve -d STUB of remote shards: the hits of one index" "$got" "$want"
		halt "${pids[0]}"
		# (Other queries each time: the server caches answers until a
		# new commit.)
		body=$(curl -s --max-time 30 "${URL}api/search?q=Crimea+referendum&n=10")
		expect_match "dateline-serve: a killed shard is an error naming it" "$body" "shard 1 of 3 \(remote 127.0.0.1:${ports[0]}\)"
		if serve "$SH/shard-1" "${ports[0]}"; then
			pids[0]=$SRV_PID
			want=$("$SEARCH" -d "$DB1" --json -n 10 Geneva | python3 -c 'import json,sys; print(" ".join(json.loads(l)["id"] for l in sys.stdin if l.startswith("{\"rank")))')
			got=$(curl -s --max-time 30 "${URL}api/search?q=Geneva&n=10" | ids 2>&1)
			expect "dateline-serve uses the restarted shard again, not restarted itself" "$got" "$want"
		else
			not_ok "the shard restarts on its port" "$(cat "$TMP/srv-${ports[0]}.log" 2>/dev/null)"
		fi
		kill "$SERVE_PID" 2>/dev/null
		wait "$SERVE_PID" 2>/dev/null
	else
		skip "no curl" "dateline-serve over remote shards"
	fi

	# A stopped (hung) server: an error within the timeout.
	kill -STOP -- "-${pids[2]}"
	t0=$(date +%s%N)
	out=$(DATELINE_SHARD_TIMEOUT=1000 "$SEARCH" -d "$R" Kerry 2>&1)
	st=$?
	ms=$((($(date +%s%N) - t0) / 1000000))
	kill -CONT -- "-${pids[2]}"
	expect "a hung shard is an error" "$st" 1
	expect_match "naming it, after the timeout" "$out" "shard 3 of 3 \(remote 127.0.0.1:${ports[2]}\)"
	expect_match "within a few timeouts (1 s here)" "$([ "$ms" -lt 10000 ] && echo yes || echo "no: $ms ms")" "^yes"
	stop_servers

	# tools/dateline-cluster: a local cluster of 2 remote shards.
	out=$(DATELINE_BIN=$BIN tools/dateline-cluster start 2 "$TMP/cluster" corpus 2>&1)
	expect "tools/dateline-cluster start succeeds" "$?" 0
	expect "the cluster's stub lists 2 servers on 127.0.0.1" \
		"$(grep -c '^remote 127\.0\.0\.1:[0-9]*$' "$TMP/cluster/remote/XAPIANDB" 2>/dev/null)" 2
	out=$("$SEARCH" -d "$TMP/cluster/remote" --count Kerry 2>&1)
	expect "the cluster answers as one index" "$out" "$("$SEARCH" -d "$DB1" --count Kerry 2>&1)"
	cpids=$(cat "$TMP/cluster/remote/pids" 2>/dev/null)
	tools/dateline-cluster stop "$TMP/cluster" >/dev/null
	sleep 0.5
	left=""
	# (A server whose parent is gone may stay a zombie where nothing reaps.)
	for p in $cpids; do
		case $(ps -o stat= -p "$p" 2>/dev/null) in ''|Z*) ;; *) left="$left $p" ;; esac
	done
	expect "tools/dateline-cluster stop stops its servers" "$left" ""
fi

finish
