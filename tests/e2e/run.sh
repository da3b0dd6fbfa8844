#!/usr/bin/env bash
# Run the end-to-end subjects: all of them, or those named.
#
#   tests/e2e/run.sh [-q] [SUBJECT...]
#
# A SUBJECT is a file tests/e2e/NN-name.sh, named as NN-name, NN or name
# (tests/e2e/run.sh search runs 30-search.sh). Each subject builds the
# indexes it needs in a temporary folder of its own. -q prints only the
# failures, the skips and one count per subject. Ends with one line,
# "e2e: N passed, N failed, N skipped", and exits 1 if a check failed
# (2 for a bad argument). E2E_COUNTS, when set, names a file that gets
# the total as "PASSED FAILED SKIPPED".
set -u

dir=$(cd "$(dirname "$0")" && pwd)
if [ "${1:-}" = -q ]; then
	export E2E_QUIET=1
	shift
fi

subjects=()
if [ $# -eq 0 ]; then
	subjects=("$dir"/[0-9][0-9]-*.sh)
else
	for a in "$@"; do
		a=${a##*/}
		a=${a%.sh}
		found=""
		for f in "$dir"/[0-9][0-9]-*.sh; do
			s=$(basename "$f" .sh)
			if [ "$a" = "$s" ] || [ "$a" = "${s%%-*}" ] || [ "$a" = "${s#*-}" ]; then
				subjects+=("$f")
				found=1
			fi
		done
		if [ -z "$found" ]; then
			echo "e2e: no subject '$a'; there are: $(cd "$dir" && ls [0-9][0-9]-*.sh | sed 's/\.sh$//' | tr '\n' ' ')" >&2
			exit 2
		fi
	done
	# In their order, each once.
	mapfile -t subjects < <(printf '%s\n' "${subjects[@]}" | sort -u)
fi

total_file=${E2E_COUNTS:-}
counts=$(mktemp /tmp/dateline-e2e-counts.XXXXXX) || exit 2
trap 'rm -f "$counts"' EXIT
pass=0
fail=0
skipped=0
for f in "${subjects[@]}"; do
	s=$(basename "$f" .sh)
	[ "${E2E_QUIET:-}" = 1 ] || echo "== e2e $s"
	: > "$counts"
	E2E_COUNTS=$counts bash "$f"
	st=$?
	if [ -s "$counts" ]; then
		read -r p fl sk < "$counts"
	else
		# The subject stopped before its count (a shell error, a crash).
		echo "FAIL $s: the subject stopped (exit status $st) before its end"
		p=0 fl=1 sk=0
	fi
	pass=$((pass + p))
	fail=$((fail + fl))
	skipped=$((skipped + sk))
done

echo "e2e: $pass passed, $fail failed, $skipped skipped"
[ -z "$total_file" ] || echo "$pass $fail $skipped" > "$total_file"
[ "$fail" -eq 0 ]
