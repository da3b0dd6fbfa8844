/*
 * answer.h - what dateline-search does once its options are read: answer
 * one query, a --batch file, --show or --related, printing in the mode
 * asked for (searcher/output.h), with --timings.
 */
#ifndef DATELINE_ANSWER_H
#define DATELINE_ANSWER_H

#include "options.h"
#include "search.h"

/* Answer what o asks of the open index s, printing on stdout and the
 * errors on stderr. Returns the exit status: 0, 1 an error, 2 a bad query
 * or option (in a batch, the worst of its queries'). */
int answer(searcher_t *s, const options_t *o);

#endif /* DATELINE_ANSWER_H */
