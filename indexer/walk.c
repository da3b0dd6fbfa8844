/* walk.c - walking the folders to index (see walk.h). */
#define _GNU_SOURCE  /* FNM_CASEFOLD */
#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "walk.h"

/* Deepest folder nesting followed; deeper is a mistake or a trap. */
#define MAX_DEPTH 64
/* A .datelineignore file longer than this is read this far (a list of
 * patterns, not data). */
#define MAX_IGNORE_BYTES (1024 * 1024)

/* --- ignore rules ---------------------------------------------------------- */

typedef struct {
	char *pat;
	size_t baselen;     /* rel's bytes up to the folder of the rule's file */
	int neg;            /* "!": takes back in */
	int dir_only;       /* a trailing "/" */
	int anchored;       /* a "/" but at the end: matched against the path */
} rule_t;

struct walk_rules {
	rule_t *v;
	size_t n, cap;
	int oom;
};

/* One line of an ignore file into r (baselen: its folder in rel). */
static void rule_add(walk_rules_t *r, const char *line, size_t len, size_t baselen)
{
	rule_t ru = { NULL, baselen, 0, 0, 0 };
	while (len && (line[len - 1] == '\r' || (line[len - 1] == ' ' &&
						   !(len > 1 && line[len - 2] == '\\'))))
		len--;
	if (!len || line[0] == '#')
		return;
	if (line[0] == '!') {
		ru.neg = 1;
		line++;
		len--;
	} else if (line[0] == '\\' && len > 1 && (line[1] == '#' || line[1] == '!')) {
		line++;
		len--;
	}
	if (len && line[len - 1] == '/') {
		ru.dir_only = 1;
		len--;
	}
	if (len && line[0] == '/') {
		ru.anchored = 1;
		line++;
		len--;
	}
	if (!len)
		return;
	if (memchr(line, '/', len))
		ru.anchored = 1;
	if (r->n == r->cap) {
		size_t nc = r->cap ? r->cap * 2 : 16;
		rule_t *nv = realloc(r->v, nc * sizeof(*nv));
		if (!nv) {
			r->oom = 1;
			return;
		}
		r->v = nv;
		r->cap = nc;
	}
	if (!(ru.pat = strndup(line, len))) {
		r->oom = 1;
		return;
	}
	r->v[r->n++] = ru;
}

static void rules_add_text(walk_rules_t *r, const char *text, size_t len, size_t baselen)
{
	for (size_t i = 0; i < len;) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t l = nl ? (size_t)(nl - (text + i)) : len - i;
		rule_add(r, text + i, l, baselen);
		i += l + 1;
	}
}

static void rules_truncate(walk_rules_t *r, size_t n)
{
	while (r->n > n)
		free(r->v[--r->n].pat);
}

/* A path pattern against a path: "*" stays within a name unless the
 * pattern has "**", which crosses folders; a leading "**" and slash may
 * also stand for nothing, and so may a slash, "**" and slash inside the
 * pattern ("logs", "**", "old" joined by slashes matches "logs/old"). */
static int path_match(const char *pat, const char *path)
{
	const char *mid;
	if (!strstr(pat, "**"))
		return fnmatch(pat, path, FNM_PATHNAME) == 0;
	if (strncmp(pat, "**/", 3) == 0 && path_match(pat + 3, path))
		return 1;
	if ((mid = strstr(pat, "/**/"))) {
		char *shorter = malloc(strlen(pat));
		if (shorter) {
			size_t k = (size_t)(mid - pat) + 1;
			memcpy(shorter, pat, k);
			strcpy(shorter + k, mid + 4);
			int m = path_match(shorter, path);
			free(shorter);
			if (m)
				return 1;
		}
	}
	return fnmatch(pat, path, 0) == 0;
}

/* Whether r's last matching rule leaves rel out (*matched: any matched). */
static int rules_decide(const walk_rules_t *r, const char *rel, int is_dir, int *matched)
{
	const char *slash = strrchr(rel, '/');
	const char *name = slash ? slash + 1 : rel;
	int out = 0;
	*matched = 0;
	for (size_t i = 0; r && i < r->n; i++) {
		const rule_t *ru = &r->v[i];
		if (ru->dir_only && !is_dir)
			continue;
		if (strlen(rel) < ru->baselen)
			continue;
		int m = ru->anchored ? path_match(ru->pat, rel + ru->baselen)
				     : fnmatch(ru->pat, name, 0) == 0;
		if (m) {
			out = !ru->neg;
			*matched = 1;
		}
	}
	return out;
}

walk_rules_t *walk_rules_parse(const char *text, size_t len)
{
	walk_rules_t *r = calloc(1, sizeof(*r));
	if (r)
		rules_add_text(r, text, len, 0);
	if (r && r->oom) {
		walk_rules_free(r);
		return NULL;
	}
	return r;
}

int walk_rules_match(const walk_rules_t *r, const char *rel, int is_dir)
{
	int matched;
	return rules_decide(r, rel, is_dir, &matched);
}

void walk_rules_free(walk_rules_t *r)
{
	if (!r)
		return;
	rules_truncate(r, 0);
	free(r->v);
	free(r);
}

int walk_paper_name(const char *name)
{
	static const char *const papers[] = {
		"README", "LICENSE", "LICENCE", "COPYING", "CHANGELOG", "AUTHORS",
		"CONTRIBUTING", "NOTICE"
	};
	size_t stem = strcspn(name, ".");
	for (size_t i = 0; i < sizeof(papers) / sizeof(papers[0]); i++)
		if (strlen(papers[i]) == stem && strncasecmp(name, papers[i], stem) == 0)
			return 1;
	return 0;
}

/* What the walk carries down: the rules of the folders' ignore files
 * (folder by folder) and the patterns given, which come last and win. */
typedef struct {
	walk_rules_t files;
	walk_rules_t given;
} ignore_t;

static int left_out(const ignore_t *ig, const char *rel, const char *name, int is_dir)
{
	int m1, m2;
	int out = !is_dir && walk_paper_name(name);
	int by_files = rules_decide(&ig->files, rel, is_dir, &m1);
	int by_given = rules_decide(&ig->given, rel, is_dir, &m2);
	if (m1)
		out = by_files;
	if (m2)
		out = by_given;
	return out;
}

/* Add the rules of path's ignore file (its folder is rel's first
 * baselen bytes). */
static void read_ignore_file(const char *path, size_t baselen, ignore_t *ig, walk_t *w)
{
	size_t plen = strlen(path);
	char *file = malloc(plen + sizeof(WALK_IGNORE_FILE) + 1);
	if (!file)
		return;
	sprintf(file, "%s%s%s", path, plen && path[plen - 1] == '/' ? "" : "/", WALK_IGNORE_FILE);
	FILE *f = fopen(file, "r");
	if (!f) {
		if (errno != ENOENT)
			w->problem(file, strerror(errno), w->ctx);
		free(file);
		return;
	}
	char *buf = malloc(MAX_IGNORE_BYTES);
	size_t n = buf ? fread(buf, 1, MAX_IGNORE_BYTES, f) : 0;
	if (buf && ferror(f))
		w->problem(file, strerror(errno), w->ctx);
	else if (buf)
		rules_add_text(&ig->files, buf, n, baselen);
	free(buf);
	fclose(f);
	free(file);
}

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
		    trail_t *t, ignore_t *ig, walk_t *w)
{
	struct dirent **names = NULL;
	int n, rc = 0;
	size_t nrules = ig->files.n;

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
	/* This folder's ignore file: its rules hold below it. */
	const char *dir_rel = path + root_len;
	while (*dir_rel == '/')
		dir_rel++;
	read_ignore_file(path, *dir_rel ? strlen(dir_rel) + 1 : 0, ig, w);

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
		const char *rel = child + root_len;
		while (*rel == '/')
			rel++;
		if (stat(child, &st) != 0) {
			w->problem(child, strerror(errno), w->ctx);
		} else if ((S_ISDIR(st.st_mode) || S_ISREG(st.st_mode)) &&
			   left_out(ig, rel, name, S_ISDIR(st.st_mode))) {
			if (w->excluded)
				w->excluded(child, S_ISDIR(st.st_mode), w->ctx);
		} else if (S_ISDIR(st.st_mode)) {
			if (st.st_dev == w->skip_dev && st.st_ino == w->skip_ino)
				;
			else if (on_trail(t, &st))
				w->problem(child, "symbolic link loop, not followed", w->ctx);
			else
				rc = walk_dir(child, root_len, &st, t, ig, w);
		} else if (S_ISREG(st.st_mode)) {
			rc = w->file(child, rel, &st, w->ctx);
		} else {
			w->problem(child, "not a regular file, skipped", w->ctx);
		}
		free(child);
	}
	t->depth--;
	rules_truncate(&ig->files, nrules);
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
	if (S_ISREG(st.st_mode)) {
		const char *slash = strrchr(root, '/');
		return w->file(root, slash ? slash + 1 : root, &st, w->ctx);
	}
	if (!S_ISDIR(st.st_mode)) {
		w->problem(root, "not a folder or a file", w->ctx);
		return -1;
	}
	ignore_t ig = { { NULL, 0, 0, 0 }, { NULL, 0, 0, 0 } };
	for (size_t i = 0; i < w->nexcludes; i++)
		rule_add(&ig.given, w->excludes[i], strlen(w->excludes[i]), 0);
	int rc = walk_dir(root, strlen(root), &st, &t, &ig, w);
	if ((ig.files.oom || ig.given.oom) && rc == 0) {
		w->problem(root, "out of memory reading the ignore rules", w->ctx);
		rc = -1;
	}
	rules_truncate(&ig.files, 0);
	rules_truncate(&ig.given, 0);
	free(ig.files.v);
	free(ig.given.v);
	return rc;
}
