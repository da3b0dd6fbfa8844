#!/usr/bin/env bash
# An index this user may not read says so (it used to be "not found" from
# the searcher and "locked by another indexer" from the indexer), and a
# prefix* that matches nothing is no error (issue 20).
. "$(dirname "$0")/lib.sh"

make_index corpus corpus
DB="$TMP/corpus.db"
out=$("$SEARCH" -d "$DB" 'zzqxw*' 2>&1)
expect "a prefix* that matches nothing exits 0" "$?" 0

# Root reads anything: the check runs as nobody (setpriv), where root
# would be let in.
if [ "$(id -u)" != 0 ]; then
	AS=()
elif command -v setpriv >/dev/null 2>&1; then
	AS=(setpriv --reuid=65534 --regid=65534 --clear-groups)
	chmod 755 "$TMP"
else
	AS=
fi
if [ "${AS-x}" = "" ] && [ "$(id -u)" = 0 ]; then
	skip "running as root without setpriv" "searcher: unreadable index" "indexer: unreadable index"
else
	chmod 000 "$DB"
	out=$("${AS[@]}" "$SEARCH" -d "$DB" Kerry 2>&1)
	expect "searcher: an unreadable index exits 1" "$?" 1
	expect_match "searcher: an unreadable index is 'permission denied', named" "$out" "corpus.db: permission denied"
	out=$("${AS[@]}" "$INDEX" -d "$DB" corpus 2>&1)
	expect_match "indexer: an unreadable index is 'permission denied', named" "$out" "corpus.db: permission denied"
	chmod 755 "$DB"
fi

finish
