/*
 * dateline-index - read folders of articles into a Dateline index.
 *
 * Reads the options (indexer/options.c) and hands over to the run
 * (indexer/run.c).
 */
#include <stdio.h>

#include "../analysis/stem.h"
#include "options.h"
#include "run.h"

#ifndef DATELINE_VERSION
#define DATELINE_VERSION "0.1.0"
#endif

int main(int argc, char **argv)
{
	index_options_t o;
	char err[512];

	if (index_options_parse(argc, argv, &o, err, sizeof(err)) < 0) {
		if (*err)
			fprintf(stderr, "%s: %s\n", INDEX_PROGNAME, err);
		if (o.usage)
			index_options_help(stderr);
		return 2;
	}
	if (o.help) {
		index_options_help(stdout);
		return 0;
	}
	if (o.version) {
		printf("%s %s\n", INDEX_PROGNAME, DATELINE_VERSION);
		return 0;
	}
	if (o.list_languages) {
		for (const char **l = an_stem_languages(); *l; l++)
			printf("%s\n", *l);
		return 0;
	}
	return index_run(&o);
}
