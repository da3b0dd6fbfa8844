/* config.c - the user's configuration file (see config.h). */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"

/* A configuration file is a few lines; a longer line is a mistake. */
#define CONFIG_MAX_LINE 4096

char *dl_config_path(void)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	char *p = NULL;
	if (xdg && *xdg) {
		if ((p = malloc(strlen(xdg) + sizeof("/dateline/config"))))
			sprintf(p, "%s/dateline/config", xdg);
	} else if (home && *home) {
		if ((p = malloc(strlen(home) + sizeof("/.config/dateline/config"))))
			sprintf(p, "%s/.config/dateline/config", home);
	}
	return p;
}

static int push(char ***v, size_t *n, char *s)
{
	char **nv = s ? realloc(*v, (*n + 1) * sizeof(*nv)) : NULL;
	if (!nv) {
		free(s);
		return -1;
	}
	*v = nv;
	nv[(*n)++] = s;
	return 0;
}

/* "~/x" as the home folder's x (malloc'ed). */
static char *expand_home(const char *v)
{
	const char *home = getenv("HOME");
	if (strncmp(v, "~/", 2) != 0 || !home || !*home)
		return strdup(v);
	char *p = malloc(strlen(home) + strlen(v));
	if (p)
		sprintf(p, "%s%s", home, v + 1);
	return p;
}

/* Split v at spaces, with '...' and "..." quoting, onto *args. Returns 0,
 * -1 when out of memory, -2 for an unbalanced quote. */
static int split(const char *v, char ***args, size_t *n)
{
	while (*v) {
		while (isspace((unsigned char)*v))
			v++;
		if (!*v)
			break;
		char *w = malloc(strlen(v) + 1), q = 0;
		size_t k = 0;
		if (!w)
			return -1;
		for (; *v && (q || !isspace((unsigned char)*v)); v++) {
			if (q && *v == q)
				q = 0;
			else if (!q && (*v == '\'' || *v == '"'))
				q = *v;
			else
				w[k++] = *v;
		}
		w[k] = '\0';
		if (q) {
			free(w);
			return -2;
		}
		if (push(args, n, w) < 0)
			return -1;
	}
	return 0;
}

int dl_config_load(const char *path, dl_config_t *c, char *err, size_t errsz)
{
	char line[CONFIG_MAX_LINE + 2];
	unsigned long lineno = 0;
	int rc = 0;
	memset(c, 0, sizeof(*c));
	c->path = path ? strdup(path) : dl_config_path();
	if (!c->path)
		return 0;
	FILE *f = fopen(c->path, "r");
	if (!f) {
		if (errno == ENOENT || errno == ENOTDIR) {
			free(c->path);
			c->path = NULL;
			return 0;
		}
		snprintf(err, errsz, "%s: %s", c->path, strerror(errno));
		return -1;
	}
	while (rc == 0 && fgets(line, sizeof(line), f)) {
		lineno++;
		size_t len = strlen(line);
		if (len > CONFIG_MAX_LINE) {
			snprintf(err, errsz, "%s:%lu: a line longer than %d bytes", c->path, lineno,
				 CONFIG_MAX_LINE);
			rc = -1;
			break;
		}
		while (len && isspace((unsigned char)line[len - 1]))
			line[--len] = '\0';
		char *k = line;
		while (isspace((unsigned char)*k))
			k++;
		if (!*k || *k == '#')
			continue;
		char *eq = strchr(k, '=');
		if (!eq) {
			snprintf(err, errsz, "%s:%lu: expected 'key = value'", c->path, lineno);
			rc = -1;
			break;
		}
		char *ke = eq;
		while (ke > k && isspace((unsigned char)ke[-1]))
			ke--;
		*ke = '\0';
		char *v = eq + 1;
		while (isspace((unsigned char)*v))
			v++;
		if (!*v) {
			snprintf(err, errsz, "%s:%lu: '%s' has no value", c->path, lineno, k);
			rc = -1;
		} else if (strcmp(k, "db") == 0) {
			free(c->db);
			rc = (c->db = expand_home(v)) ? 0 : -1;
		} else if (strcmp(k, "folder") == 0) {
			rc = push(&c->folders, &c->nfolders, expand_home(v));
		} else if (strcmp(k, "exclude") == 0) {
			rc = push(&c->excludes, &c->nexcludes, strdup(v));
		} else if (strcmp(k, "index-options") == 0 || strcmp(k, "search-options") == 0) {
			int s = k[0] == 'i' ? split(v, &c->index_args, &c->nindex_args)
					    : split(v, &c->search_args, &c->nsearch_args);
			if (s == -2)
				snprintf(err, errsz, "%s:%lu: an unbalanced quote", c->path, lineno);
			rc = s < 0 ? -1 : 0;
		} else {
			snprintf(err, errsz, "%s:%lu: unknown key '%.64s' (the keys: db, folder, "
				 "exclude, index-options, search-options)", c->path, lineno, k);
			rc = -1;
		}
		if (rc < 0 && !*err)
			snprintf(err, errsz, "%s: out of memory", c->path);
	}
	if (rc == 0 && ferror(f)) {
		snprintf(err, errsz, "%s: %s", c->path, strerror(errno));
		rc = -1;
	}
	fclose(f);
	return rc;
}

static void free_all(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void dl_config_free(dl_config_t *c)
{
	if (!c)
		return;
	free(c->path);
	free(c->db);
	free_all(c->folders, c->nfolders);
	free_all(c->excludes, c->nexcludes);
	free_all(c->index_args, c->nindex_args);
	free_all(c->search_args, c->nsearch_args);
	memset(c, 0, sizeof(*c));
}

char **dl_config_argv(int argc, char **argv, char *const *extra, size_t n,
		      char *const *tail, size_t m, int *outc)
{
	size_t total = (size_t)argc + n + m;
	char **v = malloc((total + 1) * sizeof(*v));
	size_t k = 0;
	if (!v)
		return NULL;
	v[k++] = argv[0];
	for (size_t i = 0; i < n; i++)
		v[k++] = extra[i];
	for (int i = 1; i < argc; i++)
		v[k++] = argv[i];
	for (size_t i = 0; i < m; i++)
		v[k++] = tail[i];
	v[k] = NULL;
	*outc = (int)k;
	return v;
}

void dl_config_set_db_default(const dl_config_t *c)
{
	const char *env = getenv("DATELINE_DB");
	if (c->db && (!env || !*env))
		setenv("DATELINE_DB", c->db, 1);
}
