#!/usr/bin/env bash
# make check's last line: the counts of every pass, then the total.
#
#   tests/summary.sh "NAME=DIR"...
#
# DIR holds a pass's counts (unit.counts, e2e.counts, and any other
# KIND.counts a test runner writes), each "PASSED FAILED SKIPPED".
# Prints "make check: NAME N passed, N failed, N skipped (unit N, e2e N,
# browser N); ...", saying which runners did not run, then, alone on the
# last line, the total in the plain form "total: N passed, N failed, N
# skipped"; exits 1 when a test failed or a runner did not run.
set -u

line=""
tp=0 tf=0 ts=0
incomplete=""
for arg in "$@"; do
	name=${arg%%=*}
	dir=${arg#*=}
	p=0 f=0 s=0 missing="" kinds=""
	for kind in unit e2e; do
		[ -s "$dir/$kind.counts" ] || missing="$missing $kind"
	done
	for c in "$dir"/*.counts; do
		[ -s "$c" ] || continue
		kp=0
		while read -r cp cf cs; do
			p=$((p + cp)) f=$((f + cf)) s=$((s + cs)) kp=$((kp + cp + cf + cs))
		done < "$c"
		k=$(basename "$c" .counts)
		kinds="${kinds:+$kinds, }$k $kp"
	done
	part="$name $p passed, $f failed, $s skipped${kinds:+ ($kinds)}"
	if [ "$missing" = " unit e2e" ] && [ "$p$f$s" = 000 ]; then
		part="$name not run"
		incomplete=1
	elif [ -n "$missing" ]; then
		part="$part (not run:$missing)"
		incomplete=1
	fi
	line="${line:+$line; }$part"
	tp=$((tp + p)) tf=$((tf + f)) ts=$((ts + s))
done
echo "make check: $line"
echo "total: $tp passed, $tf failed, $ts skipped"
[ "$tf" -eq 0 ] && [ -z "$incomplete" ]
