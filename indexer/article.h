/*
 * article.h - one article as the readers hand it to the indexer.
 */
#ifndef DATELINE_ARTICLE_H
#define DATELINE_ARTICLE_H

#include <stddef.h>

/* Every string is UTF-8, malloc'ed and owned by the article (NULL when
 * unknown), freed by article_clear(). */
typedef struct {
	char *title;
	char *author;    /* several authors joined with ", " */
	char *date;      /* ISO 8601: YYYY-MM-DD, YYYY-MM or YYYY */
	char *place;     /* the dateline or location */
	char *source;
	char *url;
	char *language;
	char *body;
	const char *format;  /* a DL_FORMAT_ name from schema.h (static) */
} article_t;

void article_clear(article_t *a);

/* Set *field to a trimmed copy of len bytes of s (whitespace runs become
 * one space); an empty result leaves NULL. Returns 0, or -1 when out of
 * memory. An existing value is replaced. */
int article_set(char **field, const char *s, size_t len);

/*
 * Read a plain-text article (valid UTF-8, len bytes) in one of the three
 * shapes: a Key: value header block, text scraped from a news page, or bare
 * text whose first line is the title. Fills *a (which must be zeroed).
 * Returns 0, or -1 when out of memory.
 */
int text_read(const char *buf, size_t len, article_t *a);

#endif /* DATELINE_ARTICLE_H */
