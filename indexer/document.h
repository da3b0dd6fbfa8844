/*
 * document.h - an article made into a Xapian document, following the
 * schema of analysis/schema.h.
 */
#ifndef DATELINE_DOCUMENT_H
#define DATELINE_DOCUMENT_H

#include <stdint.h>
#include <time.h>

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

/*
 * Build the document for article a with unique id (the file's path
 * relative to the indexed folder, plus "#n" for an article of a file that
 * holds several) read from the file whose id is file_id. The caller owns
 * *out (dx_doc_destroy()). Returns DX_OK or the shim's status; *out is NULL
 * on failure.
 */
/* How many times a title or author word counts in the free text (its wdf
 * there, and so in the document's length: BM25F with one length
 * normalisation). 0: the default below. */
typedef struct {
	unsigned title;
	unsigned author;
	int no_entities;    /* --no-entities: extract no people and places */
} field_weights_t;

/* Title and author words count twice in the free text. This weighs them
 * in the one posting list a word's query reads: the boost terms added at
 * query time before (a title term per word) cost 20% of the matcher's work
 * on Reuters. make eval: CISI MAP 0.2463 -> 0.2396, MED 0.5838 -> 0.5870,
 * P@10 and nDCG@10 a little higher on both; none of it significant. */
#define DOCUMENT_DEFAULT_TITLE_WEIGHT 2
#define DOCUMENT_DEFAULT_AUTHOR_WEIGHT 2

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
