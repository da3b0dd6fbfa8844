/*
 * dateline-search - rank the articles of a Dateline index for a query.
 *
 * Reads the options (searcher/options.c), opens the index
 * (searcher/search.c) and hands over to searcher/answer.c.
 */
#include <stdio.h>
#include <stdlib.h>

#include "../util/config.h"
#include "answer.h"
#include "options.h"
#include "search.h"

#ifndef DATELINE_VERSION
#define DATELINE_VERSION "0.1.0"
#endif

static const char *progname = "dateline-search";

int main(int argc, char **argv)
{
	options_t o = { 0 };
	searcher_t *s = NULL;
	dl_config_t cfg;
	char err[1024];
	char **av = NULL;
	int ac, status = 0;

	/* The configuration file: the default index, and options read
	 * before the command line's (util/config.h). */
	if (dl_config_load(NULL, &cfg, err, sizeof(err)) < 0) {
		fprintf(stderr, "%s: %s\n", progname, err);
		status = 1;
	} else if (dl_config_set_db_default(&cfg),
		   !(av = dl_config_argv(argc, argv, cfg.search_args, cfg.nsearch_args, NULL, 0,
					 &ac))) {
		fprintf(stderr, "%s: out of memory\n", progname);
		status = 1;
	} else if (options_parse(ac, av, &o, err, sizeof(err)) < 0) {
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
	free(av);
	dl_config_free(&cfg);
	return status;
}
