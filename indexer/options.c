/*
 * options.c - dateline-index's command line: the options, their checks
 * and --help (see options.h).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../analysis/schema.h"
#include "options.h"

void index_options_help(FILE *f)
{
	fprintf(f,
		"Usage: %s [OPTION]... FOLDER...\n"
		"Read the articles in FOLDER (recursively) into a Dateline index.\n"
		"\n"
		"  -d, --db PATH        the index (default: $DATELINE_DB, else ./dateline.db)\n"
		"      --full           read every file again, even those unchanged\n"
		"      --no-entities    do not extract the people, organisations and places\n"
		"                       mentioned (nor load the tagger's model)\n"
		"      --field-weight title=N,author=N\n"
		"                       count title and author words N times in the text\n"
		"                       (default %u,%u; see Relevance in the README)\n"
		"  -j, --jobs N         threads reading and analysing files (default:\n"
		"                       the number of cores); one thread updates an index,\n"
		"                       a new one from one FOLDER is a shard per thread\n"
		"      --language LANG  Snowball stemming language (default: english;\n"
		"                       'none' for no stemming; see --list-languages)\n"
		"      --list-languages print the languages that can be stemmed\n"
		"      --max-size BYTES skip files larger than this (default: 50 MiB)\n"
		"      --shards N       -d DIR is an index in N shards: DIR/shard-1..N,\n"
		"                       the stub DIR/XAPIANDB listing them and the\n"
		"                       vocabulary DIR/vocabulary (see Many machines in\n"
		"                       the README); a file goes to the shard its path\n"
		"                       hashes to\n"
		"      --shard K/N      index only the files of shard K of N into -d\n"
		"                       (one machine's part of a shared folder)\n"
		"      --vocabulary     -d OUT INDEX...: write the vocabulary OUT (the\n"
		"                       sum of the spelling tables) of the INDEXes\n"
		"      --exclude GLOB   leave out the files and folders whose name (or\n"
		"                       path in FOLDER, when GLOB has a '/') matches GLOB;\n"
		"                       may be given again\n"
		"  -q, --quiet          print only errors (no progress line)\n"
		"  -v, --verbose        print each file read and its articles\n"
		"  -h, --help           print this help\n"
		"  -V, --version        print the version\n"
		"\n"
		"Files are recognised by their content: plain text with a 'Key: value'\n"
		"header block (Title, Author, Date, Place, Source, URL...), text scraped\n"
		"from a news page or a whole page saved as text, bare text (the first\n"
		"line is the title), HTML pages, RSS and Atom feeds (an article per\n"
		"item), Reuters-21578 SGML (an article per story), web archives (.warc,\n"
		".warc.gz: one article per page, id FILE#RECORD-ID; --max-size applies\n"
		"to each record), e-mail (.eml, mbox: one article per message, id\n"
		"FILE#MESSAGE-ID) and PDF. Each article's id is its path relative to\n"
		"FOLDER (a FOLDER may also be a file: relative to the folder holding\n"
		"it). Indexing FOLDER again reads only the files whose size or\n"
		"modification time changed, and removes the articles of files that are\n"
		"gone. Left out: hidden files, a dataset's README, LICENSE and the like,\n"
		"and what a .datelineignore file (gitignore syntax) or --exclude names.\n"
		"See dateline-index(1).\n"
		"\n"
		"Exit status: 0 done (skipped files are reported on stderr), 1 error,\n"
		"2 usage.\n",
		INDEX_PROGNAME, dl_fields[DL_F_TITLE].weight, dl_fields[DL_F_AUTHOR].weight);
}

/* The fields --field-weight takes, as "title=N,author=N". */
static void weighted_names(char *names, size_t room)
{
	char *c = names;
	*names = '\0';
	for (size_t i = 0; i < DL_NFIELDS; i++) {
		if (!(dl_fields[i].flags & DL_FIELD_WEIGHTED))
			continue;
		int k = snprintf(c, room, "%s%s=N", c > names ? "," : "", dl_fields[i].name);
		if (k < 0 || (size_t)k >= room)
			break;
		c += k;
		room -= (size_t)k;
	}
}

/* --field-weight NAME=N,...: the fields flagged DL_FIELD_WEIGHTED in the
 * schema table, N from 1 to 100. Returns 0, or -1 with a message. */
static int parse_field_weights(const char *spec, field_weights_t *w, char *err,
			       size_t errsz)
{
	const char *p = spec;
	while (*p) {
		const char *eq = strchr(p, '=');
		size_t len = strcspn(p, ",");
		const dl_field_t *f = eq && eq < p + len
			? dl_field_by_name(p, (size_t)(eq - p), DL_FIELD_WEIGHTED) : NULL;
		unsigned n;
		int used = 0;
		if (!f || sscanf(eq + 1, "%u%n", &n, &used) != 1 || n < 1 || n > 100 ||
		    eq + 1 + used != p + len) {
			char names[128];
			weighted_names(names, sizeof(names));
			snprintf(err, errsz, "--field-weight: expected %s with N from 1 to 100, "
				 "got '%s'", names, spec);
			return -1;
		}
		w->free_wdf[dl_field_id(f)] = n;
		p += len + (p[len] == ',');
	}
	return 0;
}

/* The value of an option that takes one: checked, stored in *o. Returns
 * 0, or -1 with a message. */
static int parse_value(int c, const char *arg, index_options_t *o, char *err, size_t errsz)
{
	char *end;
	switch (c) {
	case 'm':
		errno = 0;
		o->ingest.max_size = strtoull(arg, &end, 10);
		if (errno || end == arg || *end || arg[0] == '-') {
			snprintf(err, errsz, "--max-size: not a number of bytes: '%s'", arg);
			return -1;
		}
		return 0;
	case 'j': {
		long v = strtol(arg, &end, 10);
		if (end == arg || *end || v < 1 || v > INDEX_MAX_JOBS) {
			snprintf(err, errsz, "-j: expected a number of jobs from 1 to %d, "
				 "got '%s'", INDEX_MAX_JOBS, arg);
			return -1;
		}
		o->jobs = (unsigned)v;
		return 0;
	}
	case 'W':
		return parse_field_weights(arg, &o->ingest.weights, err, errsz);
	}
	return 0;
}

int index_options_parse(int argc, char **argv, index_options_t *o, char *err,
			size_t errsz)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "language", required_argument, NULL, 'L' },
		{ "full", no_argument, NULL, 'F' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "field-weight", required_argument, NULL, 'W' },
		{ "no-entities", no_argument, NULL, 'E' },
		{ "list-languages", no_argument, NULL, 'l' },
		{ "max-size", required_argument, NULL, 'm' },
		{ "shards", required_argument, NULL, 'S' },
		{ "shard", required_argument, NULL, 'K' },
		{ "vocabulary", no_argument, NULL, 'B' },
		{ "exclude", required_argument, NULL, 'x' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	long ncores = sysconf(_SC_NPROCESSORS_ONLN);
	int c;

	memset(o, 0, sizeof(*o));
	*err = '\0';
	o->ingest.progname = INDEX_PROGNAME;
	o->ingest.max_size = INDEX_DEFAULT_MAX_SIZE;
	o->jobs = ncores > 0 ? (unsigned)ncores : 1;
	o->dbpath = getenv("DATELINE_DB");
	if (!o->dbpath || !*o->dbpath)
		o->dbpath = "dateline.db";
	optind = 1;
	while ((c = getopt_long(argc, argv, "d:j:qvhV", opts, NULL)) != -1) {
		switch (c) {
		case 'd': o->dbpath = optarg; break;
		case 'L': o->language = optarg; break;
		case 'l': o->list_languages = 1; return 0;
		case 'm': case 'j': case 'W':
			if (parse_value(c, optarg, o, err, errsz) < 0)
				return -1;
			break;
		case 'x':
			if (o->nexcludes == INDEX_MAX_EXCLUDES) {
				snprintf(err, errsz, "--exclude: at most %d patterns (a "
					 ".datelineignore file takes more)", INDEX_MAX_EXCLUDES);
				return -1;
			}
			if (!*optarg) {
				snprintf(err, errsz, "--exclude: an empty pattern");
				return -1;
			}
			o->excludes[o->nexcludes++] = optarg;
			break;
		case 'E': o->ingest.weights.no_entities = 1; break;
		case 'S':
		case 'K':
			if (o->shards.n) {
				snprintf(err, errsz, "--shards and --shard: give one of them, once");
				return -1;
			}
			if (shardset_parse(c == 'S' ? "--shards" : "--shard", optarg, c == 'K',
					   &o->shards, err, errsz) < 0)
				return -1;
			break;
		case 'B': o->vocabulary = 1; break;
		case 'q': o->quiet = o->ingest.quiet = 1; break;
		case 'v': o->verbose = 1; break;
		case 'F': o->full = 1; break;
		case 'h': o->help = 1; return 0;
		case 'V': o->version = 1; return 0;
		default: o->usage = 1; return -1;
		}
	}
	if (optind >= argc) {
		snprintf(err, errsz, "no FOLDER given");
		o->usage = 1;
		o->no_folder = 1;
		return -1;
	}
	o->folders = argv + optind;
	o->nfolders = argc - optind;
	return 0;
}
