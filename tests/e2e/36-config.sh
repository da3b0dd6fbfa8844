#!/usr/bin/env bash
# The configuration file ($XDG_CONFIG_HOME/dateline/config): the default
# index, the folders dateline-index reads when given none, exclude
# patterns, default options; the command line and $DATELINE_DB win.
. "$(dirname "$0")/lib.sh"

CONF="$XDG_CONFIG_HOME/dateline"
mkdir -p "$CONF"
cp -r corpus "$TMP/news"
printf 'Title: Scratch\n\nA scratch note on Crimea.\n' > "$TMP/news/ukraine/scratch.tmp"
cat > "$CONF/config" <<CONFIG
# Dateline's configuration, as a user writes it
db = $TMP/configured.db

folder = $TMP/news/ukraine
folder   =   $TMP/news/feeds
exclude = *.tmp
index-options = --no-entities
search-options = --limit 3 --color never
CONFIG

n=$(( $(find corpus/ukraine -type f | wc -l) + $(cat corpus/feeds/* | grep -c '<item>\|<entry>') ))
out=$(cd "$TMP" && "$OLDPWD/$INDEX" 2>&1)
expect "dateline-index with no FOLDER exits 0" "$?" 0
expect_match "... reads the configured folders, leaving out what exclude says" "$out" "^indexed $n articles .*left out 1 file .*the index holds $n articles$"
if [ -d "$TMP/configured.db" ]; then ok "the configured db is the default index"; else not_ok "the configured db is the default index"; fi
if [ -e "$TMP/dateline.db" ]; then not_ok "... not ./dateline.db"; else ok "... not ./dateline.db"; fi
out=$("$SEARCH" -d "$TMP/configured.db" --json --person Kerry)
if printf '%s' "$out" | grep -q '"id"'; then not_ok "index-options apply (--no-entities: no people)"; else ok "index-options apply (--no-entities: no people)"; fi
out=$("$SEARCH" -d "$TMP/configured.db" Crimea)
expect_match "search-options apply (--limit 3)" "$out" "showing 1-3\\."
expect "... and --color never on no terminal either" "$(printf '%s' "$out" | grep -c $'\033')" 0
out=$("$SEARCH" -d "$TMP/configured.db" -n 5 Crimea)
expect_match "the command line wins over search-options" "$out" "showing 1-5\\."
expect "exclude patterns apply" "$("$SEARCH" -d "$TMP/configured.db" --count scratch)" 0

make_index corpus corpus
out=$("$SEARCH" --count Lavrov)
expect "the configured db is the searcher's default too" "$out" "$("$SEARCH" -d "$TMP/configured.db" --count Lavrov)"
expect "\$DATELINE_DB wins over the file" "$(DATELINE_DB="$TMP/corpus.db" "$SEARCH" --count Lavrov)" "$("$SEARCH" -d "$TMP/corpus.db" --count Lavrov)"
out=$("$INDEX" -d "$TMP/other.db" "$TMP/news/html" 2>&1)
expect_match "a FOLDER on the command line replaces the configured ones" "$out" "^indexed $(find corpus/html -type f | wc -l) articles .*the index holds $(find corpus/html -type f | wc -l) articles$"

printf 'db = x.db\ncolour = never\n' > "$CONF/config"
out=$("$SEARCH" Crimea 2>&1)
expect "an unknown key is an error (exit 1)" "$?" 1
expect "... naming the file, the line and the key" "$out" "dateline-search: $CONF/config:2: unknown key 'colour' (the keys: db, folder, exclude, index-options, search-options)"
printf 'folder\n' > "$CONF/config"
out=$("$INDEX" 2>&1)
expect "a line without '=' is an error naming its line" "$?:$out" "1:dateline-index: $CONF/config:1: expected 'key = value'"
rm "$CONF/config"
out=$("$INDEX" 2>&1)
expect "no FOLDER and no configured folder is a usage error" "$?" 2
expect_match "... that says where folders can be configured" "$out" "no FOLDER given \\(nor a 'folder =' line in $CONF/config\\)"

finish
