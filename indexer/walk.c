/* walk.c - walking the folders to index (see walk.h). */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "walk.h"

/* Deepest folder nesting followed; deeper is a mistake or a trap. */
#define MAX_DEPTH 64

/* The folders on the path from the root to where the walk is. */
typedef struct {
	dev_t dev[MAX_DEPTH];
	ino_t ino[MAX_DEPTH];
	int depth;
} trail_t;

static int on_trail(const trail_t *t, const struct stat *st)
{
	for (int i = 0; i < t->depth; i++)
		if (t->dev[i] == st->st_dev && t->ino[i] == st->st_ino)
			return 1;
	return 0;
}

static int skip_name(const char *name)
{
	return name[0] == '.';
}

static int walk_dir(const char *path, size_t root_len, const struct stat *dst,
		    trail_t *t, walk_t *w)
{
	struct dirent **names = NULL;
	int n, rc = 0;

	if (t->depth == MAX_DEPTH) {
		w->problem(path, "folders nested too deep, not entered", w->ctx);
		w->incomplete = 1;
		return 0;
	}
	n = scandir(path, &names, NULL, alphasort);
	if (n < 0) {
		w->problem(path, strerror(errno), w->ctx);
		w->incomplete = 1;
		return t->depth == 0 ? -1 : 0;
	}
	t->dev[t->depth] = dst->st_dev;
	t->ino[t->depth] = dst->st_ino;
	t->depth++;

	for (int i = 0; i < n; i++) {
		const char *name = names[i]->d_name;
		if (rc != 0 || skip_name(name))
			continue;
		size_t plen = strlen(path);
		char *child = malloc(plen + strlen(name) + 2);
		if (!child) {
			w->problem(path, "out of memory", w->ctx);
			rc = -1;
			continue;
		}
		sprintf(child, "%s%s%s", path,
			plen && path[plen - 1] == '/' ? "" : "/", name);
		struct stat st;
		if (stat(child, &st) != 0) {
			w->problem(child, strerror(errno), w->ctx);
		} else if (S_ISDIR(st.st_mode)) {
			if (st.st_dev == w->skip_dev && st.st_ino == w->skip_ino)
				;
			else if (on_trail(t, &st))
				w->problem(child, "symbolic link loop, not followed", w->ctx);
			else
				rc = walk_dir(child, root_len, &st, t, w);
		} else if (S_ISREG(st.st_mode)) {
			const char *rel = child + root_len;
			while (*rel == '/')
				rel++;
			rc = w->file(child, rel, &st, w->ctx);
		} else {
			w->problem(child, "not a regular file, skipped", w->ctx);
		}
		free(child);
	}
	t->depth--;
	for (int i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}

int walk_folder(const char *root, walk_t *w)
{
	struct stat st;
	trail_t t = { .depth = 0 };
	w->incomplete = 0;
	if (stat(root, &st) != 0) {
		w->problem(root, strerror(errno), w->ctx);
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		w->problem(root, "not a folder", w->ctx);
		return -1;
	}
	return walk_dir(root, strlen(root), &st, &t, w);
}
