/*
 * snippet.h - the lines of a document that show why it matched.
 *
 * The stored text is tokenized again with the indexer's tokenizer; a token
 * matches a query word when their stems agree, and a phrase matches where
 * its words follow each other, so what is highlighted is what was searched.
 */
#ifndef DATELINE_SNIPPET_H
#define DATELINE_SNIPPET_H

#include <stddef.h>

#include "../analysis/stem.h"
#include "query.h"

/* Bytes in one fragment: two fragments make about two terminal lines. */
#define SNIPPET_FRAGMENT_BYTES 110
#define SNIPPET_DEFAULT_FRAGMENTS 2
/* What joins two fragments (and marks a cut). */
#define SNIPPET_ELLIPSIS "\xE2\x80\xA6"  /* U+2026 */

typedef struct {
	size_t start;  /* byte offset in text */
	size_t end;    /* byte offset just past the highlighted words */
} snippet_range_t;

typedef struct {
	char *text;              /* UTF-8, whitespace runs made single spaces */
	snippet_range_t *ranges; /* highlighted byte ranges of text, in order */
	size_t nranges;
} snippet_t;

/*
 * Cut up to max_fragments fragments of about fragment_bytes each from len
 * bytes of text, where the query's items match (the start of the text when
 * nothing matches), joined by " … ", cut at word boundaries and preferably
 * at sentence starts, with the matches' byte ranges. Fills *out (owned by
 * the caller, freed with snippet_free()). Returns 0, or -1 when out of
 * memory.
 */
int snippet_make(const char *text, size_t len, const query_t *q,
		 an_stemmer_t *st, size_t max_fragments, size_t fragment_bytes,
		 snippet_t *out);

/* The whole of text (a title) with its matches highlighted, no cut. */
int snippet_highlight_all(const char *text, size_t len, const query_t *q,
			  an_stemmer_t *st, snippet_t *out);

void snippet_free(snippet_t *s);

#endif /* DATELINE_SNIPPET_H */
