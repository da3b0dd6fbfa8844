/*
 * dateline-index - read folders of articles into a Dateline index.
 *
 * Reads the options (indexer/options.c) and hands over to the run
 * (indexer/run.c).
 */
#include <stdio.h>
#include <stdlib.h>

#include "../analysis/stem.h"
#include "../util/config.h"
#include "options.h"
#include "run.h"
#include "shardset.h"

#ifndef DATELINE_VERSION
#define DATELINE_VERSION "0.1.0"
#endif

/* The configuration file's options and exclude patterns, read before
 * the command line's (util/config.h). NULL when out of memory. */
static char **config_args(const dl_config_t *cfg, size_t *n)
{
	char **v = malloc((cfg->nindex_args + 2 * cfg->nexcludes + 1) * sizeof(*v));
	*n = 0;
	if (!v)
		return NULL;
	for (size_t i = 0; i < cfg->nindex_args; i++)
		v[(*n)++] = cfg->index_args[i];
	for (size_t i = 0; i < cfg->nexcludes; i++) {
		v[(*n)++] = "--exclude";
		v[(*n)++] = cfg->excludes[i];
	}
	return v;
}

int main(int argc, char **argv)
{
	index_options_t o;
	dl_config_t cfg;
	char err[1024];
	char **extra = NULL, **av = NULL;
	size_t nextra = 0;
	int ac, status;

	if (dl_config_load(NULL, &cfg, err, sizeof(err)) < 0) {
		fprintf(stderr, "%s: %s\n", INDEX_PROGNAME, err);
		status = 1;
		goto out;
	}
	dl_config_set_db_default(&cfg);
	if (!(extra = config_args(&cfg, &nextra)) ||
	    !(av = dl_config_argv(argc, argv, extra, nextra, NULL, 0, &ac))) {
		fprintf(stderr, "%s: out of memory\n", INDEX_PROGNAME);
		status = 1;
		goto out;
	}
	int rc = index_options_parse(ac, av, &o, err, sizeof(err));
	if (rc < 0 && o.no_folder && cfg.nfolders) {
		/* No FOLDER: the configured ones. */
		free(av);
		if (!(av = dl_config_argv(argc, argv, extra, nextra, cfg.folders, cfg.nfolders,
					  &ac))) {
			fprintf(stderr, "%s: out of memory\n", INDEX_PROGNAME);
			status = 1;
			goto out;
		}
		rc = index_options_parse(ac, av, &o, err, sizeof(err));
	}
	if (rc < 0) {
		if (*err)
			fprintf(stderr, "%s: %s", INDEX_PROGNAME, err);
		if (*err && o.no_folder) {
			char *where = cfg.path ? NULL : dl_config_path();
			fprintf(stderr, " (nor a 'folder =' line in %s)",
				cfg.path ? cfg.path : where ? where : "~/.config/dateline/config");
			free(where);
		}
		if (*err)
			fputc('\n', stderr);
		if (o.usage)
			index_options_help(stderr);
		status = 2;
	} else if (o.help) {
		index_options_help(stdout);
		status = 0;
	} else if (o.version) {
		printf("%s %s\n", INDEX_PROGNAME, DATELINE_VERSION);
		status = 0;
	} else if (o.list_languages) {
		for (const char **l = an_stem_languages(); *l; l++)
			printf("%s\n", *l);
		status = 0;
	} else {
		status = o.vocabulary ? shardset_vocabulary(o.dbpath, (const char *const *)o.folders,
							    (size_t)o.nfolders, o.quiet)
				      : shardset_index(&o);
	}
out:
	free(av);
	free(extra);
	dl_config_free(&cfg);
	return status;
}
