/*
 * shards.h - a new index written by several workers at once: each writes
 * a shard of its own beside the index (".NAME.shard-N"), and the shards
 * are merged by Xapian's compaction into the index's place at the end
 * (Xapian's writer is the bottleneck of one-writer indexing).
 */
#ifndef DATELINE_SHARDS_H
#define DATELINE_SHARDS_H

#include <pthread.h>
#include <stddef.h>

#include "../shim/dx.h"

typedef struct {
	char base[4096];         /* "<dir>/.<name>": shards are base.shard-N */
	pthread_mutex_t lock;    /* over paths and n (workers open shards) */
	char **paths;            /* the shards opened so far (owned) */
	size_t n;
} shards_t;

/* Name the shards of the index at dbpath, and remove what a killed run
 * left beside it. */
void shards_init(shards_t *s, const char *dbpath);

/* Free what shards_init() and shards_open() made (not the files). */
void shards_free(shards_t *s);

/*
 * Create the next shard, stamped with language, the schema version and,
 * unless NULL, the tagger's model version; called by each worker. The
 * caller owns *out (dx_db_commit(), dx_db_close()). Returns 0, or -1 with
 * a message in err (errsz bytes) and *out NULL.
 */
int shards_open(shards_t *s, const char *language, const char *tagger,
		dx_db_t **out, char *err, size_t errsz);

/*
 * Compact the shards into a new index and put it in the place of the
 * (empty) index at dbpath, which *db holds open and locked until the
 * merged index is complete: *db is closed and set to NULL. Before it is
 * put in place, fix (when not NULL) is called on the merged index, open
 * for writing (it returns DX_OK or a status: then nothing is put in place).
 * The shards are removed. Returns 0, or -1 after a message on stderr.
 */
int shards_merge(shards_t *s, const char *dbpath, dx_db_t **db,
		 dx_status_t (*fix)(dx_db_t *merged, void *ctx), void *ctx);

#endif /* DATELINE_SHARDS_H */
