/* The collector the reader tests hand to a container reader: it keeps the
 * first SINK_MAX articles it is given (taking ownership) with their id
 * suffixes, and the reader's notes as "suffix: message" lines. */
#ifndef DL_TESTS_READER_SINK_H
#define DL_TESTS_READER_SINK_H

#include <stdio.h>
#include <string.h>

#include "../indexer/article.h"

#define SINK_MAX 8

typedef struct {
	article_t a[SINK_MAX];
	char suffix[SINK_MAX][ARTICLE_SUFFIX_BYTES];
	int n;
	char notes[4096];
	int nnotes;
} sink_t;

/* An article callback: 1 (stop) once SINK_MAX articles are held. */
static inline int sink_keep(article_t *a, const char *suffix, void *ctx)
{
	sink_t *g = ctx;
	if (g->n == SINK_MAX)
		return 1;
	g->a[g->n] = *a;
	memset(a, 0, sizeof(*a));
	snprintf(g->suffix[g->n], ARTICLE_SUFFIX_BYTES, "%s", suffix);
	g->n++;
	return 0;
}

/* A note callback. */
static inline void sink_noted(const char *suffix, const char *msg, void *ctx)
{
	sink_t *g = ctx;
	size_t n = strlen(g->notes);
	snprintf(g->notes + n, sizeof(g->notes) - n, "%s: %s\n", suffix ? suffix : "-", msg);
	g->nnotes++;
}

/* Frees the articles held and empties the sink. */
static inline void sink_clear(sink_t *g)
{
	for (int i = 0; i < g->n; i++)
		article_clear(&g->a[i]);
	memset(g, 0, sizeof(*g));
}

#endif
