#!/usr/bin/env bash
# Run each fuzz harness over its seeds (tests/fuzz/seeds/NAME/), without
# libFuzzer: make check's regression run.
#
#   tests/fuzz/run-seeds.sh [-q] RUNNER...     (RUNNER: .../seeds_NAME)
#
# One check per harness: it passes when the harness went through every
# seed (a broken property aborts it, a sanitizer stops it). Ends with
# "fuzz seeds: N passed, N failed, 0 skipped"; FUZZ_COUNTS, when set, names
# a file that gets "PASSED FAILED SKIPPED".
set -u
quiet=""
if [ "${1:-}" = -q ]; then
	quiet=1
	shift
fi
here=$(dirname "$0")
pass=0 fail=0
for r in "$@"; do
	name=$(basename "$r")
	name=${name#seeds_}
	out=$("$r" "$here/seeds/$name" 2>&1)
	st=$?
	if [ $st -eq 0 ]; then
		pass=$((pass + 1))
		[ -n "$quiet" ] || echo "ok fuzz seeds $name: $out"
	else
		fail=$((fail + 1))
		echo "$out" | tail -30
		echo "FAIL fuzz seeds $name: exit status $st"
	fi
done
echo "fuzz seeds: $pass passed, $fail failed, 0 skipped"
[ -z "${FUZZ_COUNTS:-}" ] || echo "$pass $fail 0" > "$FUZZ_COUNTS"
[ "$fail" -eq 0 ]
