/*
 * options.h - dateline-index's command line, read into a struct.
 *
 * index_options_parse() reads argv into an index_options_t that the run
 * (run.c) takes as it is; it prints nothing, so tests can call it. The
 * --help text is index_options_help()'s.
 */
#ifndef DATELINE_INDEX_OPTIONS_H
#define DATELINE_INDEX_OPTIONS_H

#include <stdio.h>

#include "ingest.h"
#include "shardset.h"

/* The program's name in every message. */
#define INDEX_PROGNAME "dateline-index"

/* Files larger than this are not articles (--max-size changes it). */
#define INDEX_DEFAULT_MAX_SIZE (50ull * 1024 * 1024)
/* Most --exclude patterns (more belong in a .datelineignore file). */
#define INDEX_MAX_EXCLUDES 64
/* Most worker threads (-j). */
#define INDEX_MAX_JOBS 256

typedef struct index_options {
	const char *dbpath;      /* -d, else $DATELINE_DB, else ./dateline.db */
	const char *language;    /* --language, NULL: the index's, else english */
	unsigned jobs;           /* -j, default the number of cores */
	int full;                /* --full: read every file again */
	int quiet;               /* --quiet: only errors, no progress line */
	int verbose;             /* --verbose: a line per file */
	ingest_opts_t ingest;    /* what the workers read: --max-size,
				    --field-weight, --no-entities, quiet */
	const char *excludes[INDEX_MAX_EXCLUDES];  /* --exclude GLOBs (argv's) */
	size_t nexcludes;
	char **folders;          /* the FOLDERs (argv's strings) */
	int nfolders;
	int help, version, list_languages;  /* print and stop */
	int usage;               /* on an error: print the usage too */
	shardset_t shards;       /* --shards N, --shard K/N (shardset.h) */
	int vocabulary;          /* --vocabulary: -d OUT, the FOLDERs are indexes */
	int no_folder;           /* the error is that no FOLDER was given */
} index_options_t;

/*
 * Read argv (argc strings; argv[0] the program) into *o. Returns 0, or -1
 * with a one-line message in err (errsz bytes) naming the option at fault
 * ("" when getopt printed its own). Environment: DATELINE_DB.
 */
int index_options_parse(int argc, char **argv, index_options_t *o, char *err,
			size_t errsz);

/* Print --help. */
void index_options_help(FILE *f);

#endif /* DATELINE_INDEX_OPTIONS_H */
