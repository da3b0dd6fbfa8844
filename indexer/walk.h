/*
 * walk.h - walking the folders to index.
 */
#ifndef DATELINE_WALK_H
#define DATELINE_WALK_H

#include <sys/stat.h>

/* The file that lists, in a folder, what to leave out below it. */
#define WALK_IGNORE_FILE ".datelineignore"

typedef struct walk_rules walk_rules_t;

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
	/* Called for each file or folder left out by name (README, LICENSE
	 * and the like), a .datelineignore rule or an exclude pattern; may be
	 * NULL. */
	void (*excluded)(const char *path, int is_dir, void *ctx);
	/* Patterns to leave out everywhere (--exclude), as a .datelineignore
	 * line in the folder walked; borrowed. */
	const char *const *excludes;
	size_t nexcludes;
} walk_t;

/*
 * Walk root recursively. Hidden files and folders (".git", ".svn" and
 * other names starting with a dot) are not entered; symbolic links are
 * followed, and a link that leads back into a folder being walked is
 * reported as a loop instead of followed.
 *
 * Left out (and handed to excluded()): files named as a dataset's own
 * papers (walk_paper_name()); what a WALK_IGNORE_FILE in a folder names
 * below it, in gitignore's syntax ("#" comments, "*", "?" and "[...]"
 * within a name, "**" across folders, a "/" but at the end anchors the
 * pattern to that folder, a trailing "/" matches folders only, "!" takes
 * back in; the last matching line wins, and a folder left out is not
 * entered); and w->excludes, read as lines of a WALK_IGNORE_FILE in root.
 *
 * A root that is a regular file is handed to file() alone, with rel its
 * name, whatever its name (it was asked for).
 * Returns 0 when the walk ended, the callback's nonzero value when it
 * stopped it, or -1 when root itself cannot be walked (reported through
 * problem()).
 */
int walk_folder(const char *root, walk_t *w);

/* Whether a file's name is one of a dataset's papers rather than an
 * article: README, LICENSE, LICENCE, COPYING, CHANGELOG, AUTHORS,
 * CONTRIBUTING, NOTICE, alone or with an extension, in any case. */
int walk_paper_name(const char *name);

/* The rules of one WALK_IGNORE_FILE text (len bytes) and the patterns
 * given (as lines of it), for tests: walk_rules_match() says whether rel
 * (a path relative to the folder, "/"-separated) is left out. NULL when
 * out of memory; freed with walk_rules_free() (NULL is fine). */
walk_rules_t *walk_rules_parse(const char *text, size_t len);
int walk_rules_match(const walk_rules_t *r, const char *rel, int is_dir);
void walk_rules_free(walk_rules_t *r);

#endif /* DATELINE_WALK_H */
