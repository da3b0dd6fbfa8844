/*
 * walk.h - walking the folders to index.
 */
#ifndef DATELINE_WALK_H
#define DATELINE_WALK_H

#include <sys/stat.h>

typedef struct {
	/* Called for every regular file, in name order: path as given plus
	 * the relative part, rel relative to the walked folder, st from
	 * stat(). Return 0 to go on, nonzero to stop the walk. */
	int (*file)(const char *path, const char *rel, const struct stat *st,
		    void *ctx);
	/* Called for what cannot be walked: path and the reason. */
	void (*problem)(const char *path, const char *reason, void *ctx);
	void *ctx;
	/* A directory never to enter (the index itself), or st_ino 0. */
	dev_t skip_dev;
	ino_t skip_ino;
	/* Set by the walk when a folder under root could not be read: what
	 * was under it was not seen, which is not the same as gone. */
	int incomplete;
} walk_t;

/*
 * Walk root recursively. Hidden files and folders (".git", ".svn" and
 * other names starting with a dot) are not entered; symbolic links are
 * followed, and a link that leads back into a folder being walked is
 * reported as a loop instead of followed.
 * Returns 0 when the walk ended, the callback's nonzero value when it
 * stopped it, or -1 when root itself cannot be walked (reported through
 * problem()).
 */
int walk_folder(const char *root, walk_t *w);

#endif /* DATELINE_WALK_H */
