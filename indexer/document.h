/*
 * document.h - an article made into a Xapian document, following the
 * schema of analysis/schema.h.
 */
#ifndef DATELINE_DOCUMENT_H
#define DATELINE_DOCUMENT_H

#include <stdint.h>
#include <time.h>

#include "../analysis/schema.h"
#include "../analysis/stem.h"
#include "../shim/dx.h"
#include "article.h"

/* What the file system says about the article's file (values for
 * incremental indexing). */
typedef struct {
	uint64_t size;
	double mtime;       /* seconds since the epoch, with the nanoseconds */
	const char *root;   /* the indexed folder, resolved; NULL: none */
} file_facts_t;

/* The facts as stored in DL_VALUE_SIZE and DL_VALUE_MTIME (so that a re-run
 * compares bytes with bytes); returns the lengths through the pointers. */
void document_facts_values(const file_facts_t *facts, char size[18],
			   size_t *size_len, char mtime[18], size_t *mtime_len);

/* How many times a word of each free-text field counts there (its wdf,
 * and so in the document's length: BM25F with one length normalisation),
 * indexed by enum dl_field_id; 0: the field's weight in the schema table
 * (dl_fields[].weight; --field-weight changes the DL_FIELD_WEIGHTED
 * ones). */
typedef struct {
	unsigned free_wdf[DL_NFIELDS];
	int no_entities;    /* --no-entities: extract no people and places */
} field_weights_t;

/*
 * Build the document for article a with unique id (the file's path
 * relative to the indexed folder, plus "#n" for an article of a file that
 * holds several) read from the file whose id is file_id: the terms, values
 * and record of the schema table (analysis/schema.h). weights may be NULL
 * (the table's). The caller owns *out (dx_doc_destroy()). Returns DX_OK or
 * the shim's status; *out is NULL on failure.
 */
dx_status_t document_build(const article_t *a, const char *id,
			   const char *file_id, const file_facts_t *facts,
			   const field_weights_t *weights, an_stemmer_t *st,
			   dx_doc_t **out);

/* The digest of an article's title and body: 16 hex digits into hex. */
void document_digest(const article_t *a, char hex[17]);


/* Take back from the index's spelling table the words a stored document
 * gave it: its data (len bytes, as document_build() stored it) is read
 * and its title, author and body tokenized as they were indexed, each
 * word one occurrence less (dx_db_unspell()). Data that is not ours is
 * left alone. Returns DX_OK or the shim's status. */
dx_status_t document_unspell(dx_db_t *db, const char *data, size_t len);

#endif /* DATELINE_DOCUMENT_H */
