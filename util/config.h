/*
 * config.h - the user's configuration file, read by the three programs.
 *
 * $XDG_CONFIG_HOME/dateline/config (else ~/.config/dateline/config), in
 * lines of "key = value"; "#" starts a comment line, blank lines are
 * nothing. Keys:
 *
 *   db = PATH             the index when neither -d nor $DATELINE_DB says
 *   folder = PATH         a folder dateline-index reads when given none
 *                         (one a line, as many as wanted)
 *   exclude = GLOB        as dateline-index --exclude GLOB (repeatable)
 *   index-options = ...   options dateline-index reads before its own
 *   search-options = ...  options dateline-search reads before its own
 *
 * A PATH may start with "~/" (the home folder). The options values are
 * split at spaces, with '...' and "..." quoting. Options on the command
 * line come after the file's, so the command line wins.
 */
#ifndef DATELINE_CONFIG_H
#define DATELINE_CONFIG_H

#include <stddef.h>

typedef struct {
	char *path;            /* the file read, or NULL when there is none */
	char *db;              /* "db", or NULL */
	char **folders;        /* "folder" lines */
	size_t nfolders;
	char **excludes;       /* "exclude" lines */
	size_t nexcludes;
	char **index_args;     /* "index-options", split */
	size_t nindex_args;
	char **search_args;    /* "search-options", split */
	size_t nsearch_args;
} dl_config_t;

/* Where the file is looked for (malloc'ed), or NULL when neither
 * $XDG_CONFIG_HOME nor $HOME is set. */
char *dl_config_path(void);

/*
 * Read the file at path (dl_config_path() when NULL) into *c, which the
 * caller frees with dl_config_free() whatever the result. A file that is
 * not there is an empty configuration. Returns 0, or -1 with err (errsz
 * bytes) saying what, as "FILE:LINE: unknown key 'colour'".
 */
int dl_config_load(const char *path, dl_config_t *c, char *err, size_t errsz);
void dl_config_free(dl_config_t *c);

/* The configured db as the default index: it becomes $DATELINE_DB when
 * that is not set, so -d wins over $DATELINE_DB, which wins over the
 * file (and a program the caller starts sees the same default). */
void dl_config_set_db_default(const dl_config_t *c);

/*
 * A new argv: argv[0], then the n strings of extra, then argv[1..argc),
 * then the m strings of tail (NULL-terminated; *outc its length). The
 * array is malloc'ed (free() it; its strings are borrowed), NULL when out
 * of memory.
 */
char **dl_config_argv(int argc, char **argv, char *const *extra, size_t n,
		      char *const *tail, size_t m, int *outc);

#endif /* DATELINE_CONFIG_H */
