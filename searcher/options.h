/*
 * options.h - dateline-search's command line, read into a struct.
 *
 * One table (options.c) lists every option with its names, its value and
 * its help; it drives both the parsing and --help, so the two cannot
 * disagree. Options may come before, between and after the query's words;
 * after the first word of the query, an argument that starts with '-' and
 * is not an option is a word of the query ("Crimea -referendum" excludes
 * referendum), and after "--" every argument is.
 */
#ifndef DATELINE_OPTIONS_H
#define DATELINE_OPTIONS_H

#include <stdio.h>

#include "search.h"

typedef enum { OUT_TEXT, OUT_JSON, OUT_TREC } out_mode_t;

typedef struct {
	const char *dbpath;      /* -d, else $DATELINE_DB, else ./dateline.db */
	search_request_t req;    /* what to search for and how */
	int color;               /* --color: 1 always, 0 never, -1 auto */
	char *marks;             /* --marks OPEN,CLOSE: "OPEN\0CLOSE" (owned) */
	const char *close_mark;  /* the CLOSE in marks */
	out_mode_t mode;         /* --json, --trec */
	int count_only;          /* --count */
	const char *batch;       /* --batch FILE */
	const char *show;        /* --show ID */
	const char *timings;     /* --timings FILE */
	const char *related;     /* --related ID */
	char *query;             /* the query's words joined by spaces (owned),
				    "" when none */
	int help, version;       /* --help, --version: print and stop */
} options_t;

/*
 * Read argv (argc strings; argv[0] the program) into *o, which the caller
 * frees with options_free() whatever the result. Returns 0, or -1 with a
 * one-line message in err (errsz bytes) naming the option at fault.
 * Environment: DATELINE_DB.
 */
int options_parse(int argc, char **argv, options_t *o, char *err, size_t errsz);

void options_free(options_t *o);

/* Print --help (usage, every option, the query language, exit status). */
void options_help(FILE *f);

#endif /* DATELINE_OPTIONS_H */
