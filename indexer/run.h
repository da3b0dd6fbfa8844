/*
 * run.h - one run of dateline-index: open the index, walk the folders,
 * read the changed files in worker threads, store their articles, remove
 * those of files gone, commit, and say what was done.
 */
#ifndef DATELINE_RUN_H
#define DATELINE_RUN_H

#include "options.h"

/*
 * Index o->folders into o->dbpath. Messages go to stderr, the summary to
 * stdout (stderr when interrupted). Returns the exit status: 0 done, 1 an
 * error, 2 a bad --language, 128 + the signal when SIGINT or SIGTERM
 * stopped the run (what was indexed is committed).
 */
int index_run(const index_options_t *o);

#endif /* DATELINE_RUN_H */
