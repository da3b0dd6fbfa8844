/*
 * stopwords.h - words too common to search for on their own.
 *
 * The index keeps every word (phrases need them); only the query drops a
 * stop word that stands alone among other words.
 */
#ifndef DATELINE_STOPWORDS_H
#define DATELINE_STOPWORDS_H

#include <stddef.h>

/* Is the folded word a stop word of language? Only English has a list;
 * other languages have none yet. */
int an_is_stopword(const char *language, const char *word, size_t len);

#endif /* DATELINE_STOPWORDS_H */
