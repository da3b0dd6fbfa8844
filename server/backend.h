/*
 * backend.h - what the server asks of the index: searches, articles and
 * related reports, as the JSON objects dateline-search --json prints.
 *
 * One backend per thread (a Xapian database handle is not shared between
 * threads); each is opened read-only and follows the commits of a running
 * indexer (it reopens the database when it has moved on).
 */
#ifndef DATELINE_BACKEND_H
#define DATELINE_BACKEND_H

#include <stddef.h>

#include <jansson.h>

#include "escape.h"

typedef struct sv_backend sv_backend_t;

/* At most this many values of person, place or org in one request (as
 * SEARCH_MAX_NAMES: more is refused with a message). */
#define SV_MAX_NAMES 16

/* The values of a parameter given again and again (person=A&person=B),
 * in order; empty ones are left out. Strings are borrowed. */
typedef struct {
	const char *v[SV_MAX_NAMES];
	unsigned n;
} sv_names_t;

/* Facets and months count the best this many matches (as
 * dateline-search --facets does). */
#define SV_FACET_DOCS 1000
/* Values shown of each facet in the sidebar, the most frequent. */
#define SV_FACET_TOP 10

typedef enum {
	SV_OK = 0,
	SV_BAD_REQUEST,   /* a bad query, date or name: message (and column) */
	SV_NOT_FOUND,     /* no article with that id */
	SV_UNAVAILABLE,   /* the index cannot be opened or read now */
	SV_ERROR          /* anything else (out of memory) */
} sv_status_t;

/* An error: a message for people, and the column of the query where a
 * bad query went wrong (1-based; 0 when the message names none). */
typedef struct {
	char message[512];
	unsigned column;
} sv_error_t;

/* One search, as GET /api/search takes it. Strings are borrowed; NULL or
 * "" when not given. */
typedef struct {
	const char *q;
	unsigned offset;
	unsigned n;
	int sort_date;      /* newest first instead of by relevance */
	const char *since, *until;
	sv_names_t persons, places, orgs; /* the articles mention each of them */
	int facets;         /* the facets and the months of the matches */
} sv_search_t;

/* Open the index at dbpath read-only. *out is NULL on failure, with the
 * reason in err. The backend is freed with sv_backend_close(). */
sv_status_t sv_backend_open(const char *dbpath, sv_backend_t **out, sv_error_t *err);
void sv_backend_close(sv_backend_t *b);

/* How many newer commits of the index b has seen since it was opened
 * (what a cache of its answers must follow). */
unsigned long sv_backend_revisions(const sv_backend_t *b);

/*
 * Run a search. *out is a new object owned by the caller:
 *   {"query": the query as given, "read": as read (the query language,
 *    each operation in parentheses), "total": matches, "exact": bool,
 *    "offset": K, "hits": [the --json hit objects, with
 *    "title_highlights"],
 *    "facets": {"persons": [{"name","count"}], "organisations", "places",
 *               "authors", "sources"} (with facets; SV_FACET_TOP each),
 *    "months": [{"name": "YYYY-MM", "count"}] in date order (with facets),
 *    "facet_docs": the matches they were counted on (with facets),
 *    "did_you_mean": the corrected query or null,
 *    "corrected": true when nothing matched the query and the hits are
 *    those of did_you_mean,
 *    "reading": null when the query was read as written, else what the
 *    parser did (query.h's QR_* notes; "read" says how it read it)}
 */
sv_status_t sv_backend_search(sv_backend_t *b, const sv_search_t *s, json_t **out,
			      sv_error_t *err);

/*
 * The same answer as text, appended to body: the bytes esc_json_value()
 * writes of sv_backend_search()'s object (what the API sends). A search
 * asked again is answered with the kept bytes, never parsed and written
 * out again. Nothing is appended on failure.
 */
sv_status_t sv_backend_search_text(sv_backend_t *b, const sv_search_t *s, esc_buf_t *body,
				   sv_error_t *err);

/*
 * The article with this id: the stored object (--show --json), and with a
 * query (q not NULL or ""), "highlights": the [start, end) byte ranges of
 * its body where the query matches, and "title_highlights" likewise; and
 * "copies": the ids of its byte-identical copies. Owned by the caller.
 */
sv_status_t sv_backend_article(sv_backend_t *b, const char *id, const char *q,
			       json_t **out, sv_error_t *err);

/* The n reports most related to article id, as {"hits": [...]} with
 * "shares" in each hit (the people and places in common). */
sv_status_t sv_backend_related(sv_backend_t *b, const char *id, unsigned n,
			       json_t **out, sv_error_t *err);

#endif /* DATELINE_BACKEND_H */
