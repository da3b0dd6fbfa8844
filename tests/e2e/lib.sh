# Shared by the end-to-end subjects (tests/e2e/NN-subject.sh): the
# programs' paths, a temporary folder per subject (removed at exit), the
# counting checks and make_index. A subject sources this file, builds the
# indexes it needs with make_index, runs its checks and ends with finish.
# Run one subject alone with tests/e2e/run.sh SUBJECT, or as a script.
#
# Environment: DATELINE_BIN (bin), HOLD_LOCK, JSON_CHECK (the two test
# helpers built by make e2e), DATELINE_DATA (../shared/data),
# E2E_QUIET=1 prints failures, skips and the subject's count only,
# E2E_COUNTS names a file the subject appends "PASSED FAILED SKIPPED" to.
set -u

SUBJECT=$(basename "$0" .sh)
# The paths below are relative to the top of the project.
cd "$(dirname "${BASH_SOURCE[0]}")/../.." || exit 2

BIN=${DATELINE_BIN:-bin}
HOLD_LOCK=${HOLD_LOCK:-build/opt/tests/hold_lock}
JSON_CHECK=${JSON_CHECK:-build/opt/tests/json_check}
DATA=${DATELINE_DATA:-../shared/data}
INDEX="$BIN/dateline-index"
SEARCH="$BIN/dateline-search"
for p in "$INDEX" "$SEARCH" "$HOLD_LOCK" "$JSON_CHECK"; do
	if [ ! -x "$p" ]; then
		echo "e2e $SUBJECT: $p is missing: run make e2e (or make all and build it)" >&2
		exit 2
	fi
done
TMP=$(mktemp -d "/tmp/dateline-e2e-$SUBJECT.XXXXXX") || exit 2
trap 'rm -rf "$TMP"' EXIT
unset DATELINE_DB NO_COLOR
# No configuration file of the user's (util/config.h) reaches the tests.
export XDG_CONFIG_HOME="$TMP/config"

pass=0
fail=0
skipped=0
ok() {
	pass=$((pass + 1))
	[ "${E2E_QUIET:-}" = 1 ] || echo "ok   $1"
}
not_ok() {
	fail=$((fail + 1))
	echo "FAIL $SUBJECT: $1"
	shift
	for l in "$@"; do echo "     $l"; done
}
# skip REASON NAME...: checks that cannot run here, each counted as skipped.
skip() {
	local reason=$1 name
	shift
	for name in "$@"; do
		skipped=$((skipped + 1))
		echo "skip $SUBJECT: $name ($reason)"
	done
}

# expect NAME ACTUAL EXPECTED
expect() {
	if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "expected: $3" "got:      $2"; fi
}
# expect_match NAME TEXT REGEX
expect_match() {
	if printf '%s' "$2" | grep -Eq -- "$3"; then ok "$1"; else not_ok "$1" "no match for: $3" "in: $(printf '%s' "$2" | head -5)"; fi
}

# finish: print the subject's count, hand it to run.sh, exit 1 on a failure.
finish() {
	echo "e2e $SUBJECT: $pass passed, $fail failed, $skipped skipped"
	[ -z "${E2E_COUNTS:-}" ] || echo "$pass $fail $skipped" >> "$E2E_COUNTS"
	[ "$fail" -eq 0 ] || exit 1
	exit 0
}

# make_index NAME FOLDER [OPTION...]: index FOLDER into $TMP/NAME.db (a
# fresh index of this subject's own); a failure ends the subject.
make_index() {
	local name=$1 folder=$2 err
	shift 2
	if ! err=$("$INDEX" -q -d "$TMP/$name.db" "$@" "$folder" 2>&1); then
		not_ok "make_index $name: indexing $folder failed" "$err"
		finish
	fi
}

# The corpus's size: one article per file, and one per item of the feeds.
nfiles=$(find corpus -type f | wc -l)
nfeeds=$(find corpus -name '*.rss' -o -name '*.atom' | wc -l)
nitems=$(cat corpus/feeds/* | grep -c '<item>\|<entry>')
# and one per message of the mboxes, one per page of the web archives.
nboxes=$(find corpus -name '*.mbox' | wc -l)
nmessages=$(cat corpus/mail/*.mbox | grep -c '^From ')
nwarcs=$(find corpus -name '*.warc.gz' | wc -l)
npages=$(zcat corpus/warc/*.warc.gz | grep -ac '^WARC-Type: response')
ndocs=$((nfiles - nfeeds + nitems - nboxes + nmessages - nwarcs + npages))

# ids_of SEARCH-ARGUMENT...: the sorted ids of the hits in the index $DB.
ids_of() { "$SEARCH" -d "$DB" --json -n 100 "$@" | grep '"id":' | sed 's/.*"id":"\([^"]*\)".*/\1/' | sort | tr '\n' ' '; }

# make_hostile DIR: one file of each kind that used to stop every run
# (issue 20): bare Chinese text with a first line over 200 bytes, a Latin-1
# feed and an HTML page with '&' before a Latin-1 byte (neither declares a
# charset), a file name that is not UTF-8 (with an ESC), and control
# characters in a title and body. Five articles.
make_hostile() {
	local U8=$1 zh
	mkdir -p "$U8"
	zh=$(printf '\xe4\xb8\xad\xe5\x9b\xbd%.0s' $(seq 60))
	printf '%s\n\n\xe6\xad\xa3\xe6\x96\x87 body.\n' "$zh" > "$U8/chinese.txt"
	printf '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Caf\xe9</title><item><title>Caf\xe9 cr\xe8me</title><description>Un caf\xe9 \xe0 Paris</description><guid>a1</guid></item></channel></rss>\n' > "$U8/latin1.rss"
	printf '<html><head><title>Tom &\xe9 Jerry</title></head><body><p>Cartoon &\xe9t\xe9 text, with enough words to be a paragraph of its own.</p></body></html>\n' > "$U8/amp.html"
	printf 'Title here\n\nBody of the oddly named file, Sevastopol.\n' > "$U8/name-$(printf '\xe9\033[31m').txt"
	printf 'Bell \007 and \033]0;pwned\007 title\nAuthor: x\n\nBody \033[2J text Sevastopol.\n' > "$U8/controls.txt"
}
