/*
 * backend_exec.c - the backend (backend.h) over the dateline-search
 * program, until the searcher's modules offer searches as a library.
 *
 * Searches and related reports run bin/dateline-search --json (the same
 * program, so the same results); articles and their highlights are read
 * in-process with the index's own query and snippet modules.
 */
#define _POSIX_C_SOURCE 200809L
#include "backend.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../analysis/schema.h"
#include "../analysis/stem.h"
#include "../searcher/query.h"
#include "../searcher/snippet.h"
#include "../shim/dx.h"

extern char **environ;

/* Most bytes read from one run of the searcher (1000 hits with snippets
 * are about 600 KB). */
#define EXEC_MAX_OUTPUT (8u << 20)
/* Reopen the index at most this often (seconds) to see new commits. */
#define REOPEN_SECONDS 1

struct sv_backend {
	char *dbpath;
	char searcher[PATH_MAX];
	dx_db_t *db;
	an_stemmer_t *st;
	time_t reopened;
};

static void set_error(sv_error_t *err, unsigned column, const char *fmt, const char *a,
		      const char *b)
{
	snprintf(err->message, sizeof(err->message), fmt, a, b);
	err->column = column;
}

/* The searcher beside this program (bin/dateline-search). */
static int find_searcher(char *buf, size_t size)
{
	ssize_t n = readlink("/proc/self/exe", buf, size - 1);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	char *slash = strrchr(buf, '/');
	if (!slash || (size_t)(slash - buf) + sizeof("/dateline-search") > size)
		return -1;
	strcpy(slash + 1, "dateline-search");
	return access(buf, X_OK);
}

sv_status_t sv_backend_open(const char *dbpath, sv_backend_t **out, sv_error_t *err)
{
	sv_backend_t *b = calloc(1, sizeof(*b));
	char *lang = NULL, *schema = NULL;
	sv_status_t st = SV_UNAVAILABLE;
	*out = NULL;
	if (!b || !(b->dbpath = strdup(dbpath))) {
		set_error(err, 0, "out of memory%s%s", "", "");
		st = SV_ERROR;
		goto fail;
	}
	if (find_searcher(b->searcher, sizeof(b->searcher)) < 0) {
		set_error(err, 0, "dateline-search is not beside dateline-serve%s%s", "", "");
		goto fail;
	}
	dx_status_t rc = dx_db_open_read(dbpath, &b->db);
	if (rc != DX_OK) {
		set_error(err, 0, "%s: %s", dbpath, dx_status_to_string(rc));
		goto fail;
	}
	if (dx_db_get_metadata(b->db, DL_META_LANGUAGE, &lang) != DX_OK ||
	    dl_schema_check(b->db, lang, &schema) != 1) {
		set_error(err, 0, "%s: the index was built by another version of Dateline "
			  "(schema %s); run dateline-index again", dbpath, schema ? schema : "?");
		goto fail;
	}
	b->st = an_stemmer_new(*lang ? lang : AN_DEFAULT_LANGUAGE);
	if (!b->st) {
		set_error(err, 0, "%s: the index's language '%s' cannot be stemmed", dbpath, lang);
		goto fail;
	}
	b->reopened = time(NULL);
	free(lang);
	free(schema);
	*out = b;
	return SV_OK;
fail:
	free(lang);
	free(schema);
	sv_backend_close(b);
	return st;
}

void sv_backend_close(sv_backend_t *b)
{
	if (!b)
		return;
	an_stemmer_destroy(b->st);
	dx_db_close(b->db);
	free(b->dbpath);
	free(b);
}

/* See the indexer's latest commit (cheap when there is none). */
static void maybe_reopen(sv_backend_t *b)
{
	time_t now = time(NULL);
	if (now - b->reopened >= REOPEN_SECONDS) {
		dx_db_reopen(b->db);
		b->reopened = now;
	}
}

/* Read fd to the end into a malloc'ed buffer (at most max bytes; more is
 * read and dropped so that the child never blocks). */
static char *read_all(int fd, size_t max, size_t *len)
{
	size_t cap = 4096, n = 0;
	char *buf = malloc(cap + 1);
	if (!buf)
		return NULL;
	for (;;) {
		if (n == cap && cap < max) {
			size_t ncap = cap * 2 > max ? max : cap * 2;
			char *nb = realloc(buf, ncap + 1);
			if (!nb)
				break;
			buf = nb;
			cap = ncap;
		}
		char sink[4096];
		ssize_t r = n < cap ? read(fd, buf + n, cap - n) : read(fd, sink, sizeof(sink));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		if (n < cap)
			n += (size_t)r;
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}

/* Run the searcher with argv; its standard output in *out (malloc'ed) and
 * its first line of error in err. Returns its exit status, or -1. */
static int run_searcher(sv_backend_t *b, char **argv, char **out, size_t *outlen,
			sv_error_t *err)
{
	int po[2], pe[2], status = -1;
	pid_t pid;
	posix_spawn_file_actions_t fa;
	*out = NULL;
	if (pipe(po) < 0)
		return -1;
	if (pipe(pe) < 0) {
		close(po[0]);
		close(po[1]);
		return -1;
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, po[1], 1);
	posix_spawn_file_actions_adddup2(&fa, pe[1], 2);
	posix_spawn_file_actions_addclose(&fa, po[0]);
	posix_spawn_file_actions_addclose(&fa, pe[0]);
	argv[0] = b->searcher;
	int rc = posix_spawn(&pid, b->searcher, &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(po[1]);
	close(pe[1]);
	if (rc == 0) {
		size_t elen;
		*out = read_all(po[0], EXEC_MAX_OUTPUT, outlen);
		char *e = read_all(pe[0], 4096, &elen);
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
		status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
		err->message[0] = '\0';
		err->column = 0;
		if (e && *e) {
			/* "dateline-search: query: unbalanced quote at column 12" */
			char *msg = e, *nl = strchr(e, '\n'), *c;
			if (nl)
				*nl = '\0';
			if (strncmp(msg, "dateline-search: ", 17) == 0)
				msg += 17;
			if (strncmp(msg, "query: ", 7) == 0)
				msg += 7;
			snprintf(err->message, sizeof(err->message), "%s", msg);
			if ((c = strstr(msg, "at column ")))
				err->column = (unsigned)strtoul(c + 10, NULL, 10);
		}
		free(e);
	}
	close(po[0]);
	close(pe[0]);
	return status;
}

/* argv for one search: options, then "--" and the query. */
static int search_argv(sv_backend_t *b, const sv_search_t *s, const char *mode,
		       unsigned n, unsigned offset, int facets, char **argv, char nbuf[16],
		       char obuf[16])
{
	int i = 0;
	argv[i++] = NULL;  /* the program, set by run_searcher */
	argv[i++] = "-d";
	argv[i++] = b->dbpath;
	argv[i++] = "--color=never";
	argv[i++] = (char *)mode;
	if (facets)
		argv[i++] = "--facets";
	if (strcmp(mode, "--count") != 0) {
		snprintf(nbuf, 16, "%u", n);
		snprintf(obuf, 16, "%u", offset);
		argv[i++] = "-n";
		argv[i++] = nbuf;
		argv[i++] = "--offset";
		argv[i++] = obuf;
	}
	if (s->sort_date) {
		argv[i++] = "--sort";
		argv[i++] = "date";
	}
	const char *opt[5] = { "--since", "--until", "--person", "--place", "--org" };
	const char *val[5] = { s->since, s->until, s->person, s->place, s->org };
	for (int k = 0; k < 5; k++)
		if (val[k] && *val[k]) {
			argv[i++] = (char *)opt[k];
			argv[i++] = (char *)val[k];
		}
	argv[i++] = "--";
	if (s->q && *s->q)
		argv[i++] = (char *)s->q;
	argv[i] = NULL;
	return i;
}

static sv_status_t status_of(int rc, sv_error_t *err)
{
	if (rc == 0)
		return SV_OK;
	if (rc == 2)
		return SV_BAD_REQUEST;
	if (!err->message[0])
		snprintf(err->message, sizeof(err->message), "the search failed");
	return strstr(err->message, "no article") ? SV_NOT_FOUND : SV_UNAVAILABLE;
}

static json_t *ranges_json(const char *text, size_t len, const snippet_t *s);

/* "title_highlights" of each hit: where the query matches its title. */
static void highlight_titles(sv_backend_t *b, const char *q, json_t *hits)
{
	query_t parsed = { 0 };
	query_boosts_t boosts = { .title = QUERY_DEFAULT_TITLE_BOOST,
				  .author = QUERY_DEFAULT_AUTHOR_BOOST,
				  .place = QUERY_DEFAULT_PLACE_BOOST };
	char msg[256];
	size_t i;
	json_t *h;
	maybe_reopen(b);
	if (!q || !*q || query_parse(q, b->st, b->db, &boosts, &parsed, msg, sizeof(msg)) != 0)
		goto out;
	json_array_foreach(hits, i, h) {
		const char *title = json_string_value(json_object_get(h, DL_KEY_TITLE));
		snippet_t sn = { 0 };
		if (title && snippet_highlight_all(title, strlen(title), &parsed, b->st, &sn) == 0)
			json_object_set_new(h, "title_highlights",
					    ranges_json(title, strlen(title), &sn));
		snippet_free(&sn);
	}
out:
	query_free(&parsed);
}

static int month_cmp(const void *a, const void *b)
{
	return strcmp(json_string_value(json_object_get(*(json_t *const *)a, "name")),
		      json_string_value(json_object_get(*(json_t *const *)b, "name")));
}

/* The months of the best SV_FACET_DOCS matches, in date order. */
static json_t *months_of(sv_backend_t *b, const sv_search_t *s, sv_error_t *err)
{
	char *argv[24], nbuf[16], obuf[16], *out;
	size_t len;
	sv_search_t all = *s;
	all.sort_date = 0;
	search_argv(b, &all, "--json", SV_FACET_DOCS, 0, 0, argv, nbuf, obuf);
	if (run_searcher(b, argv, &out, &len, err) != 0 || !out) {
		free(out);
		return json_array();
	}
	json_t *counts = json_object();
	for (char *line = out, *nl; *line; line = nl + 1) {
		nl = strchr(line, '\n');
		if (!nl)
			nl = line + strlen(line) - 1;
		json_t *h = json_loadb(line, (size_t)(nl - line), 0, NULL);
		const char *date = json_string_value(json_object_get(h, DL_KEY_DATE));
		if (date && strlen(date) >= 7) {
			char m[8];
			snprintf(m, sizeof(m), "%.7s", date);
			json_int_t c = json_integer_value(json_object_get(counts, m));
			json_object_set_new(counts, m, json_integer(c + 1));
		}
		json_decref(h);
	}
	free(out);
	json_t *months = json_array();
	const char *key;
	json_t *v;
	json_object_foreach(counts, key, v)
		json_array_append_new(months, json_pack("{s:s,s:O}", "name", key, "count", v));
	json_decref(counts);
	size_t n = json_array_size(months);
	json_t **items = malloc((n ? n : 1) * sizeof(*items));
	if (items) {
		for (size_t i = 0; i < n; i++)
			items[i] = json_incref(json_array_get(months, i));
		qsort(items, n, sizeof(*items), month_cmp);
		json_array_clear(months);
		for (size_t i = 0; i < n; i++)
			json_array_append_new(months, items[i]);
		free(items);
	}
	return months;
}

sv_status_t sv_backend_search(sv_backend_t *b, const sv_search_t *s, json_t **out,
			      sv_error_t *err)
{
	char *argv[24], nbuf[16], obuf[16], *text = NULL;
	size_t len;
	*out = NULL;
	search_argv(b, s, "--json", s->n, s->offset, s->facets, argv, nbuf, obuf);
	int rc = run_searcher(b, argv, &text, &len, err);
	if (rc != 0 || !text) {
		free(text);
		return text || rc >= 0 ? status_of(rc, err) : SV_ERROR;
	}
	json_t *r = json_object(), *hits = json_array(), *facets = NULL, *reading = NULL;
	for (char *line = text, *nl; *line; line = nl + 1) {
		nl = strchr(line, '\n');
		if (!nl)
			nl = line + strlen(line) - 1;
		json_t *h = json_loadb(line, (size_t)(nl - line), 0, NULL);
		if (json_object_get(h, "facets"))
			facets = json_incref(json_object_get(h, "facets"));
		else if (json_object_get(h, "searched_for") && !reading)
			reading = json_incref(h);
		else if (h)
			json_array_append(hits, h);
		json_decref(h);
	}
	free(text);
	highlight_titles(b, s->q, hits);
	/* The count of all matches. */
	search_argv(b, s, "--count", 0, 0, 0, argv, nbuf, obuf);
	json_int_t total = json_array_size(hits) + s->offset;
	if (run_searcher(b, argv, &text, &len, err) == 0 && text)
		total = strtoll(text, NULL, 10);
	free(text);
	json_object_set_new(r, "query", json_string(s->q ? s->q : ""));
	json_object_set_new(r, "total", json_integer(total));
	json_object_set_new(r, "exact", json_true());
	json_object_set_new(r, "offset", json_integer(s->offset));
	json_object_set_new(r, "hits", hits);
	if (s->facets) {
		if (facets)
			json_object_del(facets, "months");
		json_object_set_new(r, "facets", facets ? facets : json_object());
		json_object_set_new(r, "months", months_of(b, s, err));
		facets = NULL;
	}
	json_decref(facets);
	json_object_set_new(r, "did_you_mean", json_null());
	/* How the query was read, when not as written (query.h's QR_*). */
	json_object_set(r, "searched_for", reading ? json_object_get(reading, "searched_for")
						   : json_null());
	json_object_set(r, "reading", reading ? json_object_get(reading, "reading") : json_null());
	json_decref(reading);
	*out = r;
	return SV_OK;
}

/* The ids of the other copies of the article (same digest). */
static json_t *copies_of(sv_backend_t *b, const char *id)
{
	char term[DL_MAX_TERM_BYTES + 1], dterm[DL_MAX_TERM_BYTES + 1], *digest = NULL;
	size_t len;
	dx_query_t *q = NULL;
	dx_hits_t *h = NULL;
	dx_search_opts_t so;
	json_t *ids = json_array();

	dl_id_term(DL_PREFIX_ID, id, term);
	dx_search_opts_init(&so);
	so.count = 1;
	if (dx_query_term(term, 1, &q) != DX_OK || dx_db_search(b->db, q, &so, &h) != DX_OK ||
	    !dx_hits_valid(h) || dx_hits_value(h, DL_VALUE_DIGEST_ID, &digest, &len) != DX_OK ||
	    dl_value_digest_term(digest, len, dterm) < 0)
		goto out;
	dx_hits_destroy(h);
	dx_query_destroy(q);
	h = NULL;
	q = NULL;
	so.count = 20;
	if (dx_query_term(dterm, 1, &q) != DX_OK || dx_db_search(b->db, q, &so, &h) != DX_OK)
		goto out;
	for (; dx_hits_valid(h); dx_hits_move_to_next(h)) {
		char *data;
		if (dx_hits_data(h, &data, &len) != DX_OK)
			continue;
		json_t *o = json_loadb(data, len, 0, NULL);
		const char *other = json_string_value(json_object_get(o, DL_KEY_ID));
		if (other && strcmp(other, id) != 0)
			json_array_append_new(ids, json_string(other));
		json_decref(o);
		free(data);
	}
out:
	free(digest);
	dx_hits_destroy(h);
	dx_query_destroy(q);
	return ids;
}

/* A byte the snippet module collapses into a single space (a control,
 * a space, or a C1 control's two bytes): its length, or 0. */
static size_t blank_len(const char *t, size_t i, size_t len)
{
	unsigned char c = (unsigned char)t[i];
	if (c < 0x20 || c == 0x7F || c == ' ')
		return 1;
	if (c == 0xC2 && i + 1 < len && (unsigned char)t[i + 1] >= 0x80 &&
	    (unsigned char)t[i + 1] < 0xA0)
		return 2;
	return 0;
}

/* The highlights of s (cut from text with its whitespace collapsed) as
 * [start, end) ranges of text itself, so that the page can show the text
 * with its own line breaks. An empty array if the two do not line up. */
static json_t *ranges_json(const char *text, size_t len, const snippet_t *s)
{
	json_t *a = json_array();
	size_t nlen = strlen(s->text), i = 0, n;
	size_t *map = malloc((nlen + 1) * sizeof(*map));
	if (!map)
		return a;
	while (i < len && (n = blank_len(text, i, len)))
		i += n;
	for (size_t j = 0; j < nlen; j++) {
		map[j] = i;
		if (s->text[j] == ' ' && i < len && blank_len(text, i, len)) {
			while (i < len && (n = blank_len(text, i, len)))
				i += n;
		} else if (i < len && s->text[j] == text[i]) {
			i++;
		} else {
			goto out;
		}
	}
	map[nlen] = i;
	for (size_t k = 0; k < s->nranges; k++) {
		size_t st = s->ranges[k].start, en = s->ranges[k].end;
		if (st >= en || en > nlen)
			continue;
		json_array_append_new(a, json_pack("[II]", (json_int_t)map[st],
						   (json_int_t)map[en - 1] + 1));
	}
out:
	free(map);
	return a;
}

sv_status_t sv_backend_article(sv_backend_t *b, const char *id, const char *q,
			       json_t **out, sv_error_t *err)
{
	char term[DL_MAX_TERM_BYTES + 1], *data = NULL, msg[512];
	size_t len;
	*out = NULL;
	maybe_reopen(b);
	dl_id_term(DL_PREFIX_ID, id, term);
	dx_status_t rc = dx_db_get_data(b->db, term, &data, &len);
	if (rc == DX_ERR_DB_MODIFIED && dx_db_reopen(b->db) == DX_OK)
		rc = dx_db_get_data(b->db, term, &data, &len);
	if (rc == DX_ERR_NOT_FOUND) {
		set_error(err, 0, "no article with id '%s'%s", id, "");
		return SV_NOT_FOUND;
	}
	if (rc != DX_OK) {
		set_error(err, 0, "%s: %s", b->dbpath, dx_last_error());
		return SV_UNAVAILABLE;
	}
	json_t *o = json_loadb(data, len, 0, NULL);
	free(data);
	if (!json_is_object(o)) {
		json_decref(o);
		set_error(err, 0, "%s: stored data is not valid%s", id, "");
		return SV_ERROR;
	}
	json_object_set_new(o, "copies", copies_of(b, id));
	if (q && *q) {
		query_t parsed = { 0 };
		query_boosts_t boosts = { .title = QUERY_DEFAULT_TITLE_BOOST,
					  .author = QUERY_DEFAULT_AUTHOR_BOOST,
					  .place = QUERY_DEFAULT_PLACE_BOOST };
		int prc = query_parse(q, b->st, b->db, &boosts, &parsed, msg, sizeof(msg));
		if (prc == 0) {
			const char *keys[2] = { DL_KEY_BODY, DL_KEY_TITLE };
			const char *names[2] = { "highlights", "title_highlights" };
			for (int k = 0; k < 2; k++) {
				const char *text = json_string_value(json_object_get(o, keys[k]));
				snippet_t s = { 0 };
				if (text && snippet_highlight_all(text, strlen(text), &parsed, b->st,
								  &s) == 0)
					json_object_set_new(o, names[k],
							    ranges_json(text, strlen(text), &s));
				snippet_free(&s);
			}
		}
		query_free(&parsed);
	}
	*out = o;
	return SV_OK;
}

sv_status_t sv_backend_related(sv_backend_t *b, const char *id, unsigned n,
			       json_t **out, sv_error_t *err)
{
	char *argv[12], nbuf[16], *text = NULL;
	size_t len;
	*out = NULL;
	snprintf(nbuf, sizeof(nbuf), "%u", n);
	char *args[] = { NULL, "-d", b->dbpath, "--json", "-n", nbuf, "--related",
			 (char *)id, NULL };
	memcpy(argv, args, sizeof(args));
	int rc = run_searcher(b, argv, &text, &len, err);
	if (rc != 0 || !text) {
		free(text);
		return text || rc >= 0 ? status_of(rc, err) : SV_ERROR;
	}
	json_t *hits = json_array();
	for (char *line = text, *nl; *line; line = nl + 1) {
		nl = strchr(line, '\n');
		if (!nl)
			nl = line + strlen(line) - 1;
		json_t *h = json_loadb(line, (size_t)(nl - line), 0, NULL);
		if (h)
			json_array_append_new(hits, h);
	}
	free(text);
	*out = json_pack("{s:s,s:o}", "id", id, "hits", hits);
	return SV_OK;
}
