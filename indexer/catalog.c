/* catalog.c - what the index already holds (see catalog.h). */
#include <stdlib.h>
#include <string.h>

#include "../analysis/schema.h"
#include "../analysis/hash.h"
#include "catalog.h"

/* A posting met while loading: which entry a docid belongs to. */
typedef struct {
	uint32_t docid;
	uint32_t entry;
} posting_t;

struct catalog {
	catalog_entry_t *entries;
	size_t n, cap;
	posting_t *postings;
	size_t npostings, pcap;
	uint32_t *slots;     /* open-addressing table of entry index + 1 */
	size_t nslots;       /* a power of two, at least twice n */
	uint32_t *by_docid;  /* docid -> entry index + 1 */
	uint32_t max_docid;
	char **roots;        /* interned root folders */
	size_t nroots;
	int oom;
};

static uint64_t hash(const char *s)
{
	return an_hash(AN_HASH_START, s, strlen(s));
}

static int add_term(const char *term, size_t len, uint32_t docid, void *ctx)
{
	catalog_t *c = ctx;
	catalog_entry_t *last = c->n ? &c->entries[c->n - 1] : NULL;
	if (!last || strlen(last->fileterm) != len || memcmp(last->fileterm, term, len) != 0) {
		if (c->n == c->cap) {
			size_t cap = c->cap ? 2 * c->cap : 1024;
			catalog_entry_t *e = realloc(c->entries, cap * sizeof(*e));
			if (!e)
				goto oom;
			c->entries = e;
			c->cap = cap;
		}
		last = &c->entries[c->n];
		memset(last, 0, sizeof(*last));
		last->fileterm = strndup(term, len);
		if (!last->fileterm)
			goto oom;
		c->n++;
	}
	if (c->npostings == c->pcap) {
		size_t cap = c->pcap ? 2 * c->pcap : 1024;
		posting_t *p = realloc(c->postings, cap * sizeof(*p));
		if (!p)
			goto oom;
		c->postings = p;
		c->pcap = cap;
	}
	c->postings[c->npostings].docid = docid;
	c->postings[c->npostings].entry = (uint32_t)(c->n - 1);
	c->npostings++;
	if (docid > c->max_docid)
		c->max_docid = docid;
	return 0;
oom:
	c->oom = 1;
	return 1;
}

static catalog_entry_t *by_docid(catalog_t *c, uint32_t docid)
{
	if (docid > c->max_docid || !c->by_docid[docid])
		return NULL;
	return &c->entries[c->by_docid[docid] - 1];
}

static int set_size(uint32_t docid, const char *v, size_t len, void *ctx)
{
	catalog_entry_t *e = by_docid(ctx, docid);
	if (e && len <= sizeof(e->size)) {
		memcpy(e->size, v, len);
		e->size_len = (uint8_t)len;
	}
	return 0;
}

static int set_mtime(uint32_t docid, const char *v, size_t len, void *ctx)
{
	catalog_entry_t *e = by_docid(ctx, docid);
	if (e && len <= sizeof(e->mtime)) {
		memcpy(e->mtime, v, len);
		e->mtime_len = (uint8_t)len;
	}
	return 0;
}

static int set_root(uint32_t docid, const char *v, size_t len, void *ctx)
{
	catalog_t *c = ctx;
	catalog_entry_t *e = by_docid(c, docid);
	if (!e)
		return 0;
	for (size_t i = 0; i < c->nroots; i++)
		if (strlen(c->roots[i]) == len && memcmp(c->roots[i], v, len) == 0) {
			e->root = c->roots[i];
			return 0;
		}
	char **r = realloc(c->roots, (c->nroots + 1) * sizeof(*r));
	if (!r)
		goto oom;
	c->roots = r;
	if (!(r[c->nroots] = strndup(v, len)))
		goto oom;
	e->root = r[c->nroots++];
	return 0;
oom:
	c->oom = 1;
	return 1;
}

static int build_tables(catalog_t *c)
{
	c->nslots = 16;
	while (c->nslots < 2 * c->n)
		c->nslots *= 2;
	c->slots = calloc(c->nslots, sizeof(*c->slots));
	c->by_docid = calloc((size_t)c->max_docid + 1, sizeof(*c->by_docid));
	if (!c->slots || !c->by_docid)
		return -1;
	for (size_t i = 0; i < c->n; i++) {
		size_t s = hash(c->entries[i].fileterm) & (c->nslots - 1);
		while (c->slots[s])
			s = (s + 1) & (c->nslots - 1);
		c->slots[s] = (uint32_t)i + 1;
	}
	for (size_t i = 0; i < c->npostings; i++)
		c->by_docid[c->postings[i].docid] = c->postings[i].entry + 1;
	free(c->postings);
	c->postings = NULL;
	return 0;
}

dx_status_t catalog_load(dx_db_t *db, catalog_t **out)
{
	catalog_t *c = calloc(1, sizeof(*c));
	dx_status_t rc = DX_ERR_NOMEM;
	*out = NULL;
	if (!c)
		return rc;
	rc = dx_db_each_term(db, DL_PREFIX_FILE, add_term, c);
	if (rc == DX_OK && (c->oom || build_tables(c) < 0))
		rc = DX_ERR_NOMEM;
	if (rc == DX_OK)
		rc = dx_db_each_value(db, DL_VALUE_SIZE, set_size, c);
	if (rc == DX_OK)
		rc = dx_db_each_value(db, DL_VALUE_MTIME, set_mtime, c);
	if (rc == DX_OK)
		rc = dx_db_each_value(db, DL_VALUE_ROOT, set_root, c);
	if (rc == DX_OK && c->oom)
		rc = DX_ERR_NOMEM;
	if (rc != DX_OK) {
		catalog_free(c);
		return rc;
	}
	*out = c;
	return DX_OK;
}

void catalog_free(catalog_t *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->n; i++)
		free(c->entries[i].fileterm);
	free(c->postings);
	for (size_t i = 0; i < c->nroots; i++)
		free(c->roots[i]);
	free(c->roots);
	free(c->entries);
	free(c->slots);
	free(c->by_docid);
	free(c);
}

catalog_entry_t *catalog_find(catalog_t *c, const char *fileterm)
{
	if (!c || c->n == 0)
		return NULL;
	size_t s = hash(fileterm) & (c->nslots - 1);
	while (c->slots[s]) {
		catalog_entry_t *e = &c->entries[c->slots[s] - 1];
		if (strcmp(e->fileterm, fileterm) == 0)
			return e;
		s = (s + 1) & (c->nslots - 1);
	}
	return NULL;
}

size_t catalog_size(const catalog_t *c)
{
	return c ? c->n : 0;
}

int catalog_each_unseen(catalog_t *c, const char *root,
			int (*fn)(catalog_entry_t *e, void *ctx), void *ctx)
{
	if (!c)
		return 0;
	for (size_t i = 0; i < c->n; i++) {
		catalog_entry_t *e = &c->entries[i];
		if (e->seen || !e->root || strcmp(e->root, root) != 0)
			continue;
		int rc = fn(e, ctx);
		if (rc)
			return rc;
	}
	return 0;
}
