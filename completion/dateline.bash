# Bash completion for dateline-index, dateline-search and dateline-serve:
# options (read from the program's own --help, so they never disagree),
# the values of the options that take a few, the query language's field
# names, index folders after -d, files and folders elsewhere.
# make install puts it in $(PREFIX)/share/bash-completion/completions/.

# The options that start the lines of a program's --help (cached per
# program).
_dateline_options()
{
	local prog=$1 var
	var=_dateline_opts_${prog//-/_}
	if [ -z "${!var:-}" ]; then
		printf -v "$var" '%s' "$("$prog" --help 2>/dev/null |
			sed -nE 's/^ +((-[A-Za-z0-9], )?--?[A-Za-z][A-Za-z0-9-]*).*/\1/p' |
			tr -d ',' | tr ' ' '\n' | sort -u | tr '\n' ' ')"
	fi
	printf '%s' "${!var}"
}

_dateline()
{
	local cur prev prog words
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD - 1]:-}
	prog=${COMP_WORDS[0]}
	COMPREPLY=()

	# --opt=value: complete the value as after "--opt value".
	if [[ $cur == --*=* ]]; then
		prev=${cur%%=*}
		cur=${cur#*=}
	fi

	case $prev in
	-d | --db)
		compopt -o filenames 2>/dev/null
		mapfile -t COMPREPLY < <(compgen -d -- "$cur")
		return 0 ;;
	--sort) words="relevance date" ;;
	--match) words="any all" ;;
	--color) words="auto always never" ;;
	--weight) words="bm25 bm25+ dph dlh pl2 inl2 ifb2" ;;
	--language)
		words="$("$prog" --list-languages 2>/dev/null | tr '\n' ' ') none" ;;
	--batch | --timings | --show | --related)
		compopt -o filenames 2>/dev/null
		mapfile -t COMPREPLY < <(compgen -f -- "$cur")
		return 0 ;;
	-n | --limit | --count-hits | --offset | --k1 | --b | --boost | --expand | \
	--since | --until | --marks | --person | --place | --org | -j | --jobs | \
	--max-size | --field-weight | --listen | --threads | --max-clients | --exclude)
		return 0 ;;
	esac
	if [ -n "${words:-}" ]; then
		mapfile -t COMPREPLY < <(compgen -W "$words" -- "$cur")
		return 0
	fi

	if [[ $cur == -* ]]; then
		mapfile -t COMPREPLY < <(compgen -W "$(_dateline_options "$prog")" -- "$cur")
		return 0
	fi
	case ${prog##*/} in
	dateline-search)
		# A word of the query: the field names.
		mapfile -t COMPREPLY < <(compgen -W "title: author: place: person: org: source: id: date:" -- "$cur")
		compopt -o nospace 2>/dev/null ;;
	dateline-index)
		compopt -o filenames 2>/dev/null
		mapfile -t COMPREPLY < <(compgen -f -- "$cur") ;;
	esac
	return 0
}

complete -F _dateline dateline-index dateline-search dateline-serve
