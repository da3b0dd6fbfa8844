/*
 * index.h - opening a Dateline index, for every program.
 *
 * dl_index_open() opens the index at a path for reading (the searcher,
 * the server) or for writing (the indexer) and checks what the index
 * records of itself (analysis/schema.h's DL_META_ keys): the schema
 * version it was built with, the language it was stemmed in and the
 * version of the tagger's model that found its people, organisations and
 * places. Each refusal is one line naming the index and saying what to do.
 * dl_index_stamp() writes those records for the run that writes the index.
 */
#ifndef DATELINE_INDEX_H
#define DATELINE_INDEX_H

#include <stddef.h>

#include "../shim/dx.h"

/* What dl_index_open() returns: 0 or a negative error. */
enum {
	DL_INDEX_OK = 0,
	DL_INDEX_EFAIL = -1,     /* cannot be opened or is refused */
	DL_INDEX_ENOTFOUND = -2, /* read: there is no index at the path */
	DL_INDEX_EUSAGE = -3     /* write: the language asked for is unknown */
};

typedef enum { DL_INDEX_READ, DL_INDEX_WRITE } dl_index_mode_t;

/* What the writer will write into the index (NULL: all defaults). */
typedef struct {
	const char *language;    /* --language, NULL: the index's, else
				    AN_DEFAULT_LANGUAGE */
	const char *tagger;      /* the tagger model's version
				    (an_tagger_version()), NULL: no tagging */
	int full;                /* every article is read again (--full) */
} dl_index_want_t;

typedef struct {
	dx_db_t *db;             /* owned: dl_index_close() closes it, unless
				    the program takes it (and sets db NULL) */
	char *path;              /* as given (owned) */
	char *language;          /* the index's language; for a new index the
				    one it will be stemmed in (owned) */
	char *tagger;            /* the model version it records, "" none
				    (owned) */
	int stamped;             /* it records a language (it is not new) */
} dl_index_t;

/*
 * Open the index at path in mode and check its schema (both modes), its
 * language (write: against want->language, which must be known to
 * Snowball) and its tagger model (write: an index whose articles were
 * tagged by another model than want->tagger is refused unless want->full,
 * so that one index never mixes two models' entities). want may be NULL.
 * The caller owns *out (dl_index_close()). Returns DL_INDEX_OK, or a
 * negative error with a one-line message in err (errsz bytes) starting
 * with the path (or the option at fault), and *out NULL.
 */
int dl_index_open(const char *path, dl_index_mode_t mode, const dl_index_want_t *want,
		  dl_index_t **out, char *err, size_t errsz);

/*
 * Record in db the language, the schema version and, unless tagger is
 * NULL, the tagger model's version (a shard is stamped as its index is).
 * Returns DX_OK or the shim's status.
 */
dx_status_t dl_index_stamp_db(dx_db_t *db, const char *language, const char *tagger);

/*
 * Record in an index opened for writing what this run writes: a new
 * index's language and schema, the tagger model's version when the run
 * tags (want->tagger of dl_index_open()). Returns 0, or a negative error
 * with a message in err.
 */
int dl_index_stamp(dl_index_t *ix, const char *tagger, char *err, size_t errsz);

/* Close the index (without committing) and free ix. Accepts NULL. */
void dl_index_close(dl_index_t *ix);

#endif /* DATELINE_INDEX_H */
