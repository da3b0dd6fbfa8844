/*
 * catalog.h - what the index already holds, for incremental indexing.
 *
 * Loaded once at the start of a run from the index's file terms (XFILE)
 * and value streams (no document is read), the catalog says for every file
 * its size and mtime as last indexed and the folder it came from, so that
 * an unchanged file is not read again and the articles of a file that is
 * gone are removed.
 */
#ifndef DATELINE_CATALOG_H
#define DATELINE_CATALOG_H

#include <stddef.h>
#include <stdint.h>

#include "../shim/dx.h"

typedef struct catalog catalog_t;

typedef struct {
	char *fileterm;      /* the XFILE term of the file's articles */
	char size[18];       /* DL_VALUE_SIZE as stored */
	char mtime[18];      /* DL_VALUE_MTIME as stored */
	uint8_t size_len, mtime_len;
	const char *root;    /* DL_VALUE_ROOT (interned), NULL when absent */
	int seen;            /* the file was met in this run */
} catalog_entry_t;

/* Load the catalog of db. The caller owns *out (catalog_free()). Returns
 * DX_OK or the shim's status. */
dx_status_t catalog_load(dx_db_t *db, catalog_t **out);
void catalog_free(catalog_t *c);

/* The entry for a file term, or NULL. Owned by the catalog. */
catalog_entry_t *catalog_find(catalog_t *c, const char *fileterm);

/* Number of entries. */
size_t catalog_size(const catalog_t *c);

/* Call fn for every entry from root (same string) not seen in this run.
 * Stops at and returns fn's first nonzero result. */
int catalog_each_unseen(catalog_t *c, const char *root,
			int (*fn)(catalog_entry_t *e, void *ctx), void *ctx);

#endif /* DATELINE_CATALOG_H */
