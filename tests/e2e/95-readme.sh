#!/usr/bin/env bash
# Every example of README.md runs as printed and prints what it shows
# (issue 19): tests/e2e/readme_examples.py runs them on a fresh index of
# corpus/ and a server on a free port.
. "$(dirname "$0")/lib.sh"

if ! command -v curl >/dev/null 2>&1; then
	skip "curl is not installed" "the README's examples"
	finish
fi
while IFS= read -r line; do
	case $line in
	"ok   "*) ok "${line#ok   }" ;;
	"FAIL "*) name=${line#FAIL }; not_ok "${name%%$'\t'*}" "${name#*$'\t'}" ;;
	*) not_ok "readme_examples.py printed: $line" ;;
	esac
done < <(/usr/bin/python3 tests/e2e/readme_examples.py README.md "$BIN" "$TMP" 2>&1)
finish
