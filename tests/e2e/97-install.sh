#!/usr/bin/env bash
# What a new user installs and reads (issue 19): make install and make
# uninstall into a temporary DESTDIR, the installed programs run, the man
# pages render without warnings and name every option of --help, and the
# bash completion completes options, values and fields.
. "$(dirname "$0")/lib.sh"

# --- man pages -------------------------------------------------------------------
pages="doc/man/dateline-index.1 doc/man/dateline-search.1 doc/man/dateline-serve.1 doc/man/dateline-query.7"
for p in $pages; do
	if command -v mandoc >/dev/null 2>&1; then
		out=$(mandoc -T lint -W warning "$p" 2>&1)
		expect "mandoc -T lint finds nothing in $p" "$out" ""
	else
		skip "mandoc is not installed" "mandoc -T lint finds nothing in $p"
	fi
	if command -v man >/dev/null 2>&1; then
		text=$(MANWIDTH=80 man --warnings -l "$p" 2>"$TMP/manerr")
		expect "man -l renders $p without warnings" "$(cat "$TMP/manerr")" ""
		expect_match "man -l renders $p" "$text" "^NAME"
	else
		skip "man is not installed" "man -l renders $p without warnings" "man -l renders $p"
	fi
done
# Every option of each program's --help (the lines that start with one)
# is in its man page (as .Fl NAME).
for prog in dateline-index dateline-search dateline-serve; do
	missing=""
	for opt in $("$BIN/$prog" --help | sed -nE 's/^ +((-[A-Za-z0-9], )?--?[A-Za-z][A-Za-z0-9-]*).*/\1/p' | tr -d ',' | tr ' ' '\n' | sort -u); do
		grep -qE "(^|\\.| )Fl ${opt#-}( |$)" "doc/man/$prog.1" || missing="$missing $opt"
	done
	expect "every option of $prog --help is in $prog(1)" "${missing:-none}" "none"
done

# --- make install / uninstall ----------------------------------------------------
ROOT="$TMP/root"
if ! out=$(make --no-print-directory -s install DESTDIR="$ROOT" PREFIX=/usr 2>&1); then
	not_ok "make install DESTDIR=... PREFIX=/usr" "$out"
	finish
fi
ok "make install DESTDIR=... PREFIX=/usr"
for f in bin/dateline-index bin/dateline-search bin/dateline-serve share/dateline/ner.model \
	share/man/man1/dateline-index.1 share/man/man1/dateline-search.1 share/man/man1/dateline-serve.1 \
	share/man/man7/dateline-query.7 share/bash-completion/completions/dateline-search \
	share/bash-completion/completions/dateline-index share/bash-completion/completions/dateline-serve; do
	if [ -e "$ROOT/usr/$f" ]; then ok "installed /usr/$f"; else not_ok "installed /usr/$f"; fi
done
expect "nothing is installed outside PREFIX" "$(cd "$ROOT" && find . -mindepth 1 -maxdepth 1)" "./usr"
# The installed programs run from there and find the installed model.
IDB="$TMP/installed.db"
out=$(cd "$TMP" && "$ROOT/usr/bin/dateline-index" -q -d "$IDB" "$OLDPWD/corpus" 2>&1)
expect "the installed dateline-index indexes corpus/" "$?:$out" "0:"
out=$(cd "$TMP" && "$ROOT/usr/bin/dateline-search" -d "$IDB" --color=never --person Kerry)
expect_match "the installed dateline-search finds the people the installed model tagged" "$out" "^[0-9]+ articles match"
expect_match "the installed dateline-search --version" "$("$ROOT/usr/bin/dateline-search" --version)" "dateline-search [0-9]"
if command -v man >/dev/null 2>&1; then
	expect_match "MANPATH finds the installed page" "$(MANPATH="$ROOT/usr/share/man" MANWIDTH=80 man dateline-query 2>/dev/null)" "query language"
else
	skip "man is not installed" "MANPATH finds the installed page"
fi
if ! out=$(make --no-print-directory -s uninstall DESTDIR="$ROOT" PREFIX=/usr 2>&1); then
	not_ok "make uninstall DESTDIR=... PREFIX=/usr" "$out"
else
	ok "make uninstall DESTDIR=... PREFIX=/usr"
fi
expect "make uninstall leaves no file behind" "$(cd "$ROOT" && find . ! -type d)" ""

# --- bash completion -------------------------------------------------------------
# complete_words WORD...: what the completion offers for the last word.
complete_words() {
	PATH="$PWD/$BIN:$PATH" bash -c '. completion/dateline.bash
		COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _dateline
		printf "%s\n" "${COMPREPLY[@]}"' complete "$@" | sort | tr '\n' ' '
}
expect "completion: a long option of dateline-search" "$(complete_words dateline-search --fac)" "--facets "
expect "completion: options come from --help" "$(complete_words dateline-search --li)" "--limit "
expect "completion: an option of dateline-index" "$(complete_words dateline-index --no-e)" "--no-entities "
expect "completion: the values of --sort" "$(complete_words dateline-search Kerry --sort '')" "date relevance "
expect "completion: a field name in a query" "$(complete_words dateline-search Kerry pers)" "person: "
expect "completion: every option a --help line starts with" "$(complete_words dateline-search --o)" "--offset --org "
expect "completion: an index folder after -d" "$(complete_words dateline-search -d corp)" "corpus "
expect "completion: --language from --list-languages" "$(complete_words dateline-index --language fren)" "french "

finish
