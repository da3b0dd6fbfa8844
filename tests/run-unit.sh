#!/usr/bin/env bash
# Run the cmocka unit-test programs and count their tests.
#
#   tests/run-unit.sh [-q] PROGRAM...
#
# -q prints one count per program instead of cmocka's lines, and the whole
# output of a program that failed. Ends with "unit: N passed, N failed,
# N skipped" (cmocka's counts) and exits 1 if a test failed. A program that
# stops before cmocka's summary (a crash, a sanitizer report) counts its
# tests that did not pass as failed, at least one. UNIT_COUNTS, when set,
# names a file that gets the total as "PASSED FAILED SKIPPED".
set -u

quiet=""
if [ "${1:-}" = -q ]; then
	quiet=1
	shift
fi
out=$(mktemp /tmp/dateline-unit.XXXXXX) || exit 2
trap 'rm -f "$out"' EXIT

# sum TEXT: the sum of the N of cmocka's lines "[TEXT] N test(s)".
sum() { sed -n "s/^\[$1\] \([0-9]*\) test(s).*/\1/p" "$out" | awk '{ n += $1 } END { print n + 0 }'; }

pass=0
fail=0
skipped=0
failed_programs=""
for t in "$@"; do
	name=$(basename "$t")
	[ -n "$quiet" ] || echo "== $t"
	"$t" > "$out" 2>&1
	st=$?
	[ -n "$quiet" ] || cat "$out"
	total=$(sum '==========\] Running')
	p=$(sum '  PASSED  ')
	s=$(sum '  SKIPPED ')
	f=$((total - p - s))
	if [ "$st" -ne 0 ] && [ "$f" -le 0 ]; then
		f=1
	fi
	[ "$f" -ge 0 ] || f=0
	pass=$((pass + p))
	fail=$((fail + f))
	skipped=$((skipped + s))
	if [ "$f" -gt 0 ]; then
		failed_programs="$failed_programs $name"
		if [ -n "$quiet" ]; then
			cat "$out"
		fi
		echo "FAIL unit $name: $f failed (exit status $st)"
	elif [ -n "$quiet" ]; then
		echo "unit $name: $p passed, $f failed, $s skipped"
	fi
done

[ -z "$failed_programs" ] || echo "unit tests failed:$failed_programs"
echo "unit: $pass passed, $fail failed, $skipped skipped"
[ -z "${UNIT_COUNTS:-}" ] || echo "$pass $fail $skipped" > "$UNIT_COUNTS"
[ "$fail" -eq 0 ]
