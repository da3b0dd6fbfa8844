/*
 * dateline-search - rank the articles of a Dateline index for a query.
 *
 * Reads the options (searcher/options.c), opens the index
 * (searcher/search.c) and hands over to searcher/answer.c.
 */
#include <stdio.h>

#include "answer.h"
#include "options.h"
#include "search.h"

#ifndef DATELINE_VERSION
#define DATELINE_VERSION "0.1.0"
#endif

static const char *progname = "dateline-search";

int main(int argc, char **argv)
{
	options_t o;
	searcher_t *s = NULL;
	char err[1024];
	int status = 0;

	if (options_parse(argc, argv, &o, err, sizeof(err)) < 0) {
		fprintf(stderr, "%s: %s\nTry '%s --help' for more information.\n", progname,
			err, progname);
		status = 2;
	} else if (o.help) {
		options_help(stdout);
	} else if (o.version) {
		printf("%s %s\n", progname, DATELINE_VERSION);
	} else if (searcher_open(o.dbpath, &s, err, sizeof(err)) != SEARCH_OK) {
		fprintf(stderr, "%s: %s\n", progname, err);
		status = 1;
	} else {
		status = answer(s, &o);
	}
	searcher_close(s);
	options_free(&o);
	return status;
}
