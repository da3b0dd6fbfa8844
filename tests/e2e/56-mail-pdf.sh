#!/usr/bin/env bash
# E-mail (.eml, mbox) and PDF: one article per message, a PDF document's
# metadata and text; a broken or encrypted file is that file's error and
# indexing goes on.
. "$(dirname "$0")/lib.sh"

D="$TMP/docs"
mkdir -p "$D"
cp corpus/mail/desk-tips.mbox "$D/"
cat > "$D/tip.eml" <<'MAIL'
From: Ann Lee <ann@wire.example>
To: desk@wire.example
Subject: =?ISO-8859-1?Q?Kharkiv:_caf=E9s_reopen?=
Date: Mon, 21 Apr 2014 10:00:00 +0300
Message-ID: <kharkiv-1@wire.example>
MIME-Version: 1.0
Content-Type: text/html; charset=utf-8

<html><body><p>In Kharkiv the cafés on Sumska Street reopened on Monday, their owners said, after a week of protests.</p></body></html>
MAIL
cp corpus/pdf/monitors-report-2014-04-24.pdf "$D/"
python3 tools/make_pdf.py "$D/locked.pdf" tools/corpus/monitors-report.spec --encrypt
head -c 300 corpus/pdf/monitors-report-2014-04-24.pdf > "$D/cut.pdf"
printf 'From nobody Thu Jan  1 00:00:00 1970\nnot a header line\n' > "$D/junk.mbox"
printf 'Title: Still here\n\nSevastopol quay, beside the broken files.\n' > "$D/good.txt"

out=$("$INDEX" -d "$TMP/docs.db" "$D" 2>&1)
expect "broken files do not stop indexing (exit 0)" "$?" 0
DB="$TMP/docs.db"
expect_match "an encrypted PDF is its file's error" "$out" "docs/locked.pdf: skipped: encrypted PDF"
expect_match "a cut PDF is its file's error" "$out" "docs/cut.pdf: skipped: not a PDF poppler can read"
expect "the good file beside them is indexed" "$("$SEARCH" -d "$DB" --count "\"Still here\"")" 1
expect "a broken mbox is its file's error, said once" "$(printf '%s\n' "$out" | grep -c 'docs/junk.mbox: skipped: no e-mail message GMime can read')/$(printf '%s\n' "$out" | grep -c 'junk.mbox')" 1/1

json=$("$SEARCH" -d "$DB" --json -n 5 Sevastopol fleet harbour)
expect_match "an mbox message's id is FILE#Message-ID" "$json" '"id":"desk-tips.mbox#20140417210412.koval@ledger.example"'
expect_match "its subject is the title" "$json" '"title":"Tip: Black Sea Fleet ships leave Sevastopol harbour"'
expect_match "its sender is the author, Date: the date" "$json" '"author":"Irina Koval","date":"2014-04-17"'
expect_match "its format is email" "$json" '"format":"email"'
json=$("$SEARCH" -d "$DB" --json -n 5 Intercontinental)
expect_match "the second message, quoted-printable Latin-1, decoded" "$json" 'id":"desk-tips.mbox#20140418074500.wrona@ledger.example".*"title":"Geneva: what the statement leaves out"'
expect_match "its text part, not the HTML part" "$("$SEARCH" -d "$DB" --json --show desk-tips.mbox#20140418074500.wrona@ledger.example)" 'beside the Intercontinental'
json=$("$SEARCH" -d "$DB" --json Sumska)
expect_match "an .eml of HTML only: the HTML read" "$json" '"id":"tip.eml#kharkiv-1@wire.example","title":"Kharkiv: cafés reopen"'

json=$("$SEARCH" -d "$DB" --json --show monitors-report-2014-04-24.pdf)
expect_match "a PDF's title is its first page's largest text" "$json" '"title":"Special Monitoring Mission: weekly report on the Donetsk region"'
expect_match "its author and date from the metadata" "$json" '"author":"Special Monitoring Mission","date":"2014-04-24","format":"pdf"'
expect_match "a word hyphenated at a line's end is joined" "$json" 'take part in the negotiations until'
expect_match "the second page is read" "$json" 'eleven checkpoints'
expect "a PDF word is found" "$("$SEARCH" -d "$DB" --count checkpoints)" 1
finish
