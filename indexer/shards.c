/*
 * shards.c - a new index from several workers: a shard per worker,
 * merged at the end (see shards.h).
 */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../analysis/index.h"
#include "options.h"
#include "shards.h"

static int rm_entry(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(p);
}

/* Remove a folder and what it holds (a shard, a merged or an old index). */
static void rm_tree(const char *path)
{
	struct stat st;
	if (lstat(path, &st) == 0)
		nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* Remove what a killed run left beside the index. */
static void remove_leftovers(const shards_t *s)
{
	char path[4200];
	for (int k = 0; k < INDEX_MAX_JOBS; k++) {
		snprintf(path, sizeof(path), "%s.shard-%d", s->base, k);
		rm_tree(path);
	}
	snprintf(path, sizeof(path), "%s.merged", s->base);
	rm_tree(path);
	snprintf(path, sizeof(path), "%s.old", s->base);
	rm_tree(path);
}

void shards_init(shards_t *s, const char *dbpath)
{
	char tmp[4096];
	memset(s, 0, sizeof(*s));
	snprintf(tmp, sizeof(tmp), "%s", dbpath);
	size_t l = strlen(tmp);
	while (l > 1 && tmp[l - 1] == '/')
		tmp[--l] = '\0';
	char *slash = strrchr(tmp, '/');
	if (slash)
		snprintf(s->base, sizeof(s->base), "%.*s/.%s", (int)(slash - tmp), tmp,
			 slash + 1);
	else
		snprintf(s->base, sizeof(s->base), ".%s", tmp);
	remove_leftovers(s);
	pthread_mutex_init(&s->lock, NULL);
}

void shards_free(shards_t *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->paths[i]);
	free(s->paths);
	s->paths = NULL;
	s->n = 0;
}

int shards_open(shards_t *s, const char *language, const char *tagger,
		dx_db_t **out, char *err, size_t errsz)
{
	char path[4200];
	pthread_mutex_lock(&s->lock);
	snprintf(path, sizeof(path), "%s.shard-%zu", s->base, s->n);
	char **v = realloc(s->paths, (s->n + 1) * sizeof(*v));
	if (v) {
		s->paths = v;
		if ((v[s->n] = strdup(path)) != NULL)
			s->n++;
	}
	pthread_mutex_unlock(&s->lock);
	if (dx_db_open_scratch(path, out) != DX_OK ||
	    dl_index_stamp_db(*out, language, tagger) != DX_OK) {
		snprintf(err, errsz, "cannot write a shard beside it (%s): %s", path,
			 dx_last_error());
		dx_db_close(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}

int shards_merge(shards_t *s, const char *dbpath, dx_db_t **db,
		 dx_status_t (*fix)(dx_db_t *merged, void *ctx), void *ctx)
{
	char merged[4200], old[4200];
	int rc = -1;
	snprintf(merged, sizeof(merged), "%s.merged", s->base);
	snprintf(old, sizeof(old), "%s.old", s->base);
	if (dx_compact((const char *const *)s->paths, s->n, merged) != DX_OK) {
		fprintf(stderr, "%s: %s: cannot merge the shards: %s\n", INDEX_PROGNAME,
			dbpath, dx_last_error());
		goto out;
	}
	/* The merged index's fields: the union of the shards', which the
	 * merge cannot make (it keeps one shard's entry of each key). */
	dx_db_t *m = NULL;
	if (dx_db_open_write(merged, &m) != DX_OK || (fix && fix(m, ctx) != DX_OK) ||
	    dl_fields_stamp(m) != 0 || dx_db_commit(m) != DX_OK) {
		fprintf(stderr, "%s: %s: cannot merge the shards: %s\n", INDEX_PROGNAME,
			dbpath, dx_last_error());
		dx_db_close(m);
		goto out;
	}
	dx_db_close(m);
	/* The lock is held until the merged index is complete. */
	dx_db_close(*db);
	*db = NULL;
	if (rename(dbpath, old) != 0 || rename(merged, dbpath) != 0) {
		fprintf(stderr, "%s: %s: cannot put the merged index in place: %s\n",
			INDEX_PROGNAME, dbpath, strerror(errno));
		goto out;
	}
	rc = 0;
out:
	for (size_t i = 0; i < s->n; i++)
		rm_tree(s->paths[i]);
	rm_tree(old);
	if (rc)
		rm_tree(merged);
	return rc;
}
