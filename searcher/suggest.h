/*
 * suggest.h - "did you mean": for a query word that the index does not
 * hold, or holds rarely, a close and much more frequent word of the
 * index's own vocabulary (Xapian's spelling table, which the indexer fills
 * with the words of every article as written, folded).
 */
#ifndef DATELINE_SUGGEST_H
#define DATELINE_SUGGEST_H

#include "../analysis/stem.h"
#include "../shim/dx.h"
#include "query.h"

/* Most edits (Xapian's: insert, delete, replace, swap) between a word and
 * its suggestion: 1 for words of up to 4 letters, else 2. */
#define SUGGEST_MAX_EDITS 2
/* A suggestion must be this many times more frequent than a rare word. */
#define SUGGEST_MIN_RATIO 10
/* Words written this many times or more in the index are not corrected
 * (words of fewer than 3 letters never are). */
#define SUGGEST_RARE 5

/*
 * The query text with its absent or rare words replaced by their
 * suggestions, or NULL when there is nothing to suggest (or on an error).
 * malloc'ed, owned by the caller.
 */
char *suggest_query(dx_db_t *db, an_stemmer_t *st, const char *text,
		    const query_t *q);

#endif /* DATELINE_SUGGEST_H */
