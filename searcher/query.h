/*
 * query.h - Dateline's query language, in one place.
 *
 *   word             a word, matched by its stem in title, author and body
 *                    (title and author words count twice in the index;
 *                    --boost adds field terms of its own)
 *   "a phrase"       the words in this order, each matched by its stem
 *                    ("peace talk" finds "peace talks")
 *   prefix*          any word starting with prefix (the 100 most frequent
 *                    stems of such words)
 *   a NEAR b         a and b at most 10 words apart (NEAR/5: 5), any order
 *   a AND b, a OR b, a NOT b, ( ... )   boolean operators; NOT binds
 *                    tighter than AND, AND tighter than OR
 *   +word, -word     the word is required / excluded
 *   title: author:   a word, phrase or prefix* in one field
 *   person:NAME      articles that mention the person (person:Kerry,
 *                    person:"Sergey Lavrov")
 *   place:NAME       articles that mention the place, or are datelined
 *                    there (place:Kiev, place:"the Crimea")
 *   source:NAME      only articles from that source
 *   id:ID            only that article
 *   date:2014-03..2014-04   a date or range (YYYY, YYYY-MM, YYYY-MM-DD;
 *                    either end may be left open)
 *
 * Words not marked + or - are joined with OR (with AND under --match all)
 * and ranked by BM25, so the documents with the most (and rarest) of them
 * come first. English stop words standing alone are left out. A word that
 * the tokenizer splits ("pro-Russian", "U.S.-led") is searched as a phrase.
 */
#ifndef DATELINE_QUERY_H
#define DATELINE_QUERY_H

#include <stddef.h>

#include "../analysis/stem.h"
#include "../shim/dx.h"

/* How a query weighs its fields and joins its words. */
typedef struct {
	double title;   /* extra weight of a title match (0: none) */
	double author;  /* extra weight of an author match */
	double place;   /* extra weight of a place match */
	int all_words;  /* plain words joined with AND instead of OR (--match all) */
} query_boosts_t;

/* Default boosts. Title and author words weigh more already in the index
 * (they count twice in the free text: indexer/document.h), so by default
 * they get no boost term at query time. A place (dateline) is not in the
 * free text: a match there adds a fifth of its own BM25 weight (0.2 was
 * the best of 0, 0.2, 0.5 and 2 for the title boost when it was applied at
 * query time; 2.0 cost a quarter of the MAP on CISI and MED). */
#define QUERY_DEFAULT_TITLE_BOOST 0.0
#define QUERY_DEFAULT_AUTHOR_BOOST 0.0
#define QUERY_DEFAULT_PLACE_BOOST 0.2

/* Most clauses (words, phrases) a query may have. */
#define QUERY_MAX_CLAUSES 1024
/* Most words in one phrase. */
#define QUERY_MAX_PHRASE_WORDS 64
/* Words a prefix* stands for at most: the most frequent ones. */
#define QUERY_MAX_PREFIX_TERMS 100
/* The window of NEAR without /N: words apart at most. */
#define QUERY_DEFAULT_NEAR 10

/* What a snippet should highlight: the query's positive words and phrases,
 * as the terms their words make (an_rank_term: stems), in order. */
typedef struct {
	size_t nwords;      /* words in this item: 1 for a word, more for a phrase */
	char **words;       /* the words' terms; for a prefix*, the folded prefix */
	int prefix;         /* words[0] is a prefix (prefix*): match its start */
} query_item_t;

/* A plain word of the query, where it stands in the query text. */
typedef struct {
	size_t start, len;      /* bytes of the query text */
	char *word;             /* folded (owned) */
} query_word_t;

typedef struct {
	dx_query_t *query;      /* the Xapian query; owned */
	query_word_t *plain;    /* the plain words searched for (did you mean); owned */
	size_t nplain;
	query_item_t *items;    /* what to highlight; owned */
	size_t nitems;
	size_t nwords;          /* words searched for, stop words left out */
} query_t;

/*
 * Parse text into *out, stemming with st. On a syntax error returns -1 and
 * writes a message into err (errsz bytes) that names the place in the
 * query ("unbalanced quote at column 12"). Returns -2 when out of memory or
 * the shim fails (message in err too). The caller owns *out and frees it
 * with query_free().
 */
int query_parse(const char *text, an_stemmer_t *st, dx_db_t *db,
		const query_boosts_t *boosts, query_t *out, char *err, size_t errsz);

void query_free(query_t *q);

/*
 * The query for the articles that mention a person ("Kerry", "John Kerry",
 * "Sergey Lavrov") or a place ("Kiev", "the Crimea"), through the same
 * normal forms as the indexer; weighted by the mentions. NULL with a
 * message in err when the name has no words. Owned by the caller.
 */
dx_query_t *query_person(const char *name, size_t len, char *err, size_t errsz);
dx_query_t *query_place(const char *name, size_t len, char *err, size_t errsz);

/*
 * The filter for --since and --until (either may be NULL): articles dated
 * within [since, until], whole months and years included. Returns the
 * query (owned by the caller), or NULL with a message in err naming the
 * option when a date is not valid.
 */
dx_query_t *query_date_filter(const char *since, const char *until, char *err,
			      size_t errsz);

/* Parse "title=W,author=W,place=W" into boosts. Returns 0, or -1 with a
 * message in err. */
int query_parse_boosts(const char *spec, query_boosts_t *boosts, char *err,
		       size_t errsz);

#endif /* DATELINE_QUERY_H */
