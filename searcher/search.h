/*
 * search.h - answering a search over a Dateline index: the work behind
 * dateline-search and dateline-serve.
 *
 * A searcher is an index opened for reading (its schema and language
 * checked) with the stemmer of its language. search_run() reads a query
 * (searcher/query.h), adds the request's filters, ranks by BM25, leaves out
 * the byte-identical copies of a report, asks the spelling table for a
 * "did you mean", and hands back the hits with their stored fields and
 * highlighted snippets, the count, and the facets: structs, no printing
 * (searcher/output.h prints them per mode). search_related() and
 * search_article() answer --related and --show.
 *
 * Nothing here is global: a process may hold several searchers; one
 * searcher is used by one thread at a time (Xapian's readers are not
 * shared between threads).
 */
#ifndef DATELINE_SEARCH_H
#define DATELINE_SEARCH_H

#include <stddef.h>
#include <stdint.h>

#include "../analysis/record.h"
#include "query.h"
#include "snippet.h"

/* BM25 parameters, chosen by leave-one-collection-out over the six
 * collections of make eval (queries as written, feedback on) among k1
 * {1.2, 1.6, 2.0} x b {0.6, 0.75, 0.9}: k1 2.0, b 0.6 won all six folds
 * and both query halves; held-out MAP ratio to the best peer, mean
 * 1.064 -> 1.072, worst 1.020 -> 1.028. On the Reuters news check
 * (bench/news_check.py, not tuned on) MAP rose too (p 0.021, 0.001). */
#define SEARCH_DEFAULT_K1 2.0
/* The weighting scheme (--weight) and the c of PL2, InL2 and IfB2. */
#define SEARCH_DEFAULT_WEIGHTING DX_WEIGHT_BM25
#define SEARCH_DEFAULT_C 1.0
#define SEARCH_DEFAULT_B 0.6
/* Pseudo-relevance feedback for queries of SEARCH_EXPAND_MIN_WORDS words or
 * more: the 10 words that best mark the 3 best hits re-rank the matches at
 * 0.3 of their weight. Chosen by leave-one-collection-out over the six
 * collections of make eval among 18 gentle settings (D 3/5, T 5/10/20,
 * W 0.2/0.3/0.5), queries as written: 3,10,0.3 won 4 of the 6 folds;
 * held-out MAP ratio to the best peer, mean 1.044 -> 1.051, no collection
 * significantly worse. The old 10,20,0.6 (chosen on CISI and MED) lost
 * MAP on LISA, NPL and ADI. 0,0,0 turns it off. */
/* The proximity bonus (--proximity W,N): off until make eval says. */
#define SEARCH_DEFAULT_PROXIMITY 0.0
#define SEARCH_DEFAULT_PROXIMITY_GAP 8
#define SEARCH_DEFAULT_EXPAND_DOCS 3
#define SEARCH_DEFAULT_EXPAND_TERMS 10
#define SEARCH_DEFAULT_EXPAND_WEIGHT 0.3
#define SEARCH_EXPAND_MIN_WORDS 5

/* --related: the words that mark the article most, at this share of the
 * weight of its people and places. */
#define SEARCH_RELATED_WORDS 15
#define SEARCH_RELATED_WORDS_WEIGHT 0.5

/* Most hits one search may ask for (a page of 10,000 is already more
 * than anyone reads; the snippets of each cost a tokenizing pass). */
#define SEARCH_MAX_HITS 10000
/* --show PATH: the indexed folders looked at for a path given as an id
 * (an index is seldom built from more). */
#define SEARCH_MAX_ROOTS 64
/* Most copies of a report listed with it. */
#define SEARCH_MAX_COPIES 20

/* Facets: how many of the best SEARCH_FACET_DOCS matches name each
 * person, organisation, place, author, source, month and language; the
 * SEARCH_FACET_TOP most frequent (the request may ask for another number
 * of matches and of values, and for every month). */
#define SEARCH_FACET_DOCS 1000
#define SEARCH_FACET_TOP 5

/* What a search function returns. */
typedef enum {
	SEARCH_OK = 0,
	SEARCH_EQUERY = -1,    /* the query text is not valid (err says where) */
	SEARCH_EREQUEST = -2,  /* a field of the request is not valid (err names its option) */
	SEARCH_ENOTFOUND = -3, /* no article has that id */
	SEARCH_EFAIL = -4      /* the index cannot be read, or out of memory */
} search_status_t;

typedef struct searcher searcher_t;

/*
 * Open the index at path for reading and check that this version of
 * Dateline can read it (schema, language). *out is owned by the caller
 * (searcher_close()), NULL on failure, when err (errsz bytes) says why,
 * naming path; SEARCH_ENOTFOUND when there is no index at path.
 */
int searcher_open(const char *path, searcher_t **out, char *err, size_t errsz);
void searcher_close(searcher_t *s);  /* NULL is fine */

/* For a process that answers many searches (dateline-serve, --batch):
 * the copies' digests and the facets of every article are read once per
 * revision of the index into memory (dx_db_keep_values()), instead of
 * those of each search's hits from the index every time. The answers do
 * not change. */
void searcher_keep_values(searcher_t *s);

/* The path it was opened with (owned by s). */
const char *searcher_path(const searcher_t *s);

/* How much of each hit to read. */
typedef enum {
	SEARCH_READ_FULL,   /* stored fields, copies, snippets */
	SEARCH_READ_IDS,    /* the id alone (TREC runs) */
	SEARCH_READ_COUNT   /* nothing: every match is counted (total) */
} search_read_t;

/* At most this many names of one kind (--person, --place or --org) in a
 * request: a search narrowed by more is not one a reader types, and the
 * bound keeps the request a plain struct. */
#define SEARCH_MAX_NAMES 16

/* The names given for one kind, in order: the search keeps the articles
 * that mention every one of them. Strings are borrowed. */
typedef struct {
	const char *v[SEARCH_MAX_NAMES];
	unsigned n;
} search_names_t;

/* Add name to names; option names it in the message ("--person: at most
 * 16 names"). Returns 0, or -1 with the message in err. */
int search_names_add(search_names_t *names, const char *option, const char *name, char *err,
		     size_t errsz);

/* One search's settings. Strings are borrowed for the call. */
typedef struct {
	unsigned offset;        /* hits to skip */
	unsigned n;             /* hits to return, at most SEARCH_MAX_HITS */
	query_boosts_t boosts;
	double k1, b;
	dx_weighting_t weighting; /* the scheme (BM25 by default) */
	double c;               /* PL2, InL2, IfB2: length normalisation */
	unsigned expand_docs;   /* feedback from this many best hits, */
	unsigned expand_terms;  /* this many terms added, */
	double expand_weight;   /* at this share of their weight (0: off) */
	int sort_date;          /* newest first instead of by relevance */
	search_names_t persons; /* only articles that mention each person, */
	search_names_t places;  /* ... each place (or are datelined there), */
	search_names_t orgs;    /* ... and each organisation */
	const char *since;      /* dated this day (YYYY[-MM[-DD]]) or later, or NULL */
	const char *until;      /* ... or earlier, or NULL */
	int facets;             /* count the facets of the matches */
	unsigned facet_docs;    /* ... over this many best matches
				   (SEARCH_FACET_DOCS by default) */
	unsigned facet_top;     /* keep this many values of each facet, the
				   most frequent (SEARCH_FACET_TOP; 0: all) */
	int all_months;         /* keep every month, in date order, whatever
				   facet_top (a histogram) */
	int suggest;            /* did you mean; with no match, its results */
	unsigned exact_upto;    /* count exactly up to this many matches
				   (above: Xapian's estimate); 0: none */
	search_read_t read;
} search_request_t;

/* The defaults of dateline-search: 10 hits, BM25 and feedback as above,
 * the query's boosts, full hits, counts exact to 100, suggestions on. */
void search_request_init(search_request_t *r);

/* One hit. */
typedef struct {
	unsigned rank;          /* 1-based, counting the hits skipped */
	double score;
	char *id;               /* the article's id */
	dl_record_t *rec;       /* its stored fields (analysis/record.h);
				   NULL with SEARCH_READ_IDS */
	snippet_t title;        /* the whole title, the query's words marked */
	snippet_t snippet;      /* fragments of the body, the words marked */
	char **copies;          /* ids of byte-identical copies (owned) */
	size_t ncopies;
	char **shares;          /* search_related(): the people, organisations
				   and places in common with the article (owned) */
	size_t nshares;
	char *problem;          /* the stored data could not be read: why
				   (the hit has no fields then), else NULL */
} search_hit_t;

/* A value of a facet and how many of the matches have it. */
typedef struct {
	char *name;
	unsigned count;
} search_facet_t;

enum { SEARCH_FACET_PERSONS, SEARCH_FACET_ORGS, SEARCH_FACET_PLACES, SEARCH_FACET_AUTHORS,
       SEARCH_FACET_SOURCES, SEARCH_FACET_MONTHS, SEARCH_FACET_LANGS,
       SEARCH_NFACETS };

/* The facets' names (their JSON keys): "persons", "organisations",
 * "places", "authors", "sources", "months"; and their words in text
 * ("orgs"). */
extern const char *const search_facet_names[SEARCH_NFACETS];
extern const char *const search_facet_words[SEARCH_NFACETS];

typedef struct {
	char *read;             /* the query as read, in the query language
				   (query_tree_dump(): operators and
				   parentheses written out); NULL for
				   search_related() */
	unsigned reading;       /* the QR_* notes of query.h: how the parser
				   read the query where not as written (0:
				   as written) */
	char *suggestion;       /* did you mean: the query with its rare
				   words corrected, as the user wrote the
				   others; NULL when none */
	int corrected;          /* nothing matched: the hits, count and facets
				   are the suggestion's */
	uint32_t total;         /* matching articles (copies counted once) */
	int exact;              /* total is exact (else Xapian's estimate) */
	unsigned offset;        /* the request's offset */
	search_hit_t *hits;
	size_t nhits;
	int has_facets;         /* the request asked for facets */
	size_t facet_docs;      /* the matches the facets were counted on */
	search_facet_t *facets[SEARCH_NFACETS];  /* the most frequent first
						    (months with all_months:
						    in date order) */
	size_t nfacets[SEARCH_NFACETS];
} search_result_t;

/*
 * Search for text (the query language of query.h; empty when the request
 * has a person or place) with the request's settings. Fills *out (owned
 * by the caller, freed with search_result_free() whatever the status).
 * Returns SEARCH_OK or an error, err (errsz bytes) saying what: for
 * SEARCH_EQUERY the query's fault, with its column; for SEARCH_EREQUEST
 * the option at fault ("--person: a person needs a name").
 */
int search_run(searcher_t *s, const char *text, const search_request_t *r,
	       search_result_t *out, char *err, size_t errsz);

/*
 * The reports related to article id: those that share most (and the
 * rarest) people and places with it, and its most distinctive words; the
 * article and its copies left out. Hits carry their shares. Returns as
 * search_run(), SEARCH_ENOTFOUND when no article has id.
 */
int search_related(searcher_t *s, const char *id, const search_request_t *r,
		   search_result_t *out, char *err, size_t errsz);

void search_result_free(search_result_t *res);

/*
 * Everything the index holds for article id, its body included, into *out
 * (owned by the caller: dl_record_free()). id may also be the path of the
 * file (absolute, or from the current folder) inside a folder that was
 * indexed. SEARCH_ENOTFOUND when no article has id (err says that ids
 * are relative to the folder indexed when id looks like a path).
 */
int search_article(searcher_t *s, const char *id, dl_record_t **out, char *err,
		   size_t errsz);

/*
 * The ids of the other byte-identical copies of article id (at most
 * SEARCH_MAX_COPIES) into *ids, *n of them (owned by the caller: free
 * each, then the array; NULL when none). SEARCH_ENOTFOUND when no article
 * has id.
 */
int search_copies(searcher_t *s, const char *id, char ***ids, size_t *n, char *err,
		  size_t errsz);

/*
 * Mark where query text q matches each of the n texts (as a snippet of
 * the whole text: snippet_highlight_all()), into out[0..n-1] (owned by
 * the caller: snippet_free() each, whatever the status). Returns
 * SEARCH_OK, SEARCH_EQUERY for a query that is not valid (err says
 * where), or SEARCH_EFAIL.
 */
int search_highlight(searcher_t *s, const char *q, const char *const *texts, size_t n,
		     snippet_t *out, char *err, size_t errsz);

/*
 * Follow a running indexer: look for a newer commit of the index and, if
 * there is one, read it from now on. *changed (may be NULL) is 1 when the
 * searcher may now see another revision, 0 when it certainly does not.
 * Returns SEARCH_OK or SEARCH_EFAIL.
 */
int searcher_refresh(searcher_t *s, int *changed, char *err, size_t errsz);

#endif /* DATELINE_SEARCH_H */
