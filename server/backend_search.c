/*
 * backend_search.c - the backend (backend.h) in-process, over the
 * searcher's modules (searcher/search.h): the same searches, articles and
 * related reports as dateline-search --json, with the index opened once
 * per thread and kept open.
 *
 * A backend follows a running indexer: before a request, at most every
 * REFRESH_MS, it asks Xapian for a newer commit (a reopen, a read of the
 * index's version file when nothing changed).
 */
#define _POSIX_C_SOURCE 200809L
#include "backend.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../analysis/schema.h"
#include "../searcher/output.h"
#include "../searcher/search.h"
#include "../searcher/snippet.h"
#include "../util/utf8.h"
#include "cache.h"
#include "escape.h"

_Static_assert(SV_MAX_NAMES <= SEARCH_MAX_NAMES, "every name of a request reaches the search");

/* Look for a new commit at most this often (milliseconds): a new commit
 * shows within this time, and a busy server does not read the version
 * file for every request. */
#define REFRESH_MS 200

struct sv_backend {
	searcher_t *s;
	double refreshed;        /* when it last looked, CLOCK_MONOTONIC ms */
	unsigned long revisions; /* how many newer commits it has seen */
	unsigned long gen;       /* the cache's generation it reads (cache.h) */
};

static double now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

/* The column a query's message names ("... at column 12"), or 0. */
static unsigned column_of(const char *msg)
{
	const char *c = strstr(msg, "at column ");
	return c ? (unsigned)strtoul(c + 10, NULL, 10) : 0;
}

/* The backend's status of a search function's, err filled from msg. */
static sv_status_t status_of(int rc, const char *msg, sv_error_t *err)
{
	snprintf(err->message, sizeof(err->message), "%s", *msg ? msg : "the search failed");
	err->column = 0;
	switch (rc) {
	case SEARCH_OK: return SV_OK;
	case SEARCH_EQUERY:
		err->column = column_of(msg);
		return SV_BAD_REQUEST;
	case SEARCH_EREQUEST: return SV_BAD_REQUEST;
	case SEARCH_ENOTFOUND: return SV_NOT_FOUND;
	default: return strstr(msg, "out of memory") ? SV_ERROR : SV_UNAVAILABLE;
	}
}

sv_status_t sv_backend_open(const char *dbpath, sv_backend_t **out, sv_error_t *err)
{
	char msg[512] = "";
	sv_backend_t *b = calloc(1, sizeof(*b));
	*out = NULL;
	if (!b) {
		snprintf(err->message, sizeof(err->message), "out of memory");
		err->column = 0;
		return SV_ERROR;
	}
	int rc = searcher_open(dbpath, &b->s, msg, sizeof(msg));
	if (rc != SEARCH_OK) {
		free(b);
		/* No index, or one that cannot be read: unavailable for now. */
		status_of(rc, msg, err);
		return SV_UNAVAILABLE;
	}
	searcher_keep_values(b->s);
	b->refreshed = now_ms();
	b->gen = sv_cache_generation();
	*out = b;
	return SV_OK;
}

void sv_backend_close(sv_backend_t *b)
{
	if (!b)
		return;
	searcher_close(b->s);
	free(b);
}

/* See the indexer's latest commit: every REFRESH_MS, and at once when
 * another thread has seen one (the cache's generation moved). A failure
 * is the next search's to report (it reads the index as it is). */
static void refresh(sv_backend_t *b)
{
	char msg[256];
	int changed = 0;
	double t = now_ms();
	unsigned long gen = sv_cache_generation();
	if (t - b->refreshed < REFRESH_MS && gen == b->gen)
		return;
	b->refreshed = t;
	if (searcher_refresh(b->s, &changed, msg, sizeof(msg)) != SEARCH_OK)
		return;
	if (changed) {
		b->revisions++;
		b->gen = sv_cache_next_generation(b->gen);
	} else {
		b->gen = gen;
	}
}

/* A cache key: the kind, then each part as its length and bytes (a part
 * may hold any byte but NUL). malloc'ed, *len bytes; NULL when out of
 * memory. */
static char *cache_key(const char *kind, const char *const *parts, size_t n, size_t *len)
{
	size_t cap = strlen(kind) + 1;
	for (size_t i = 0; i < n; i++)
		cap += 21 + (parts[i] ? strlen(parts[i]) : 0);
	char *k = malloc(cap + 1);
	if (!k)
		return NULL;
	size_t at = (size_t)snprintf(k, cap + 1, "%s", kind) + 1;
	for (size_t i = 0; i < n; i++) {
		const char *p = parts[i] ? parts[i] : "";
		at += (size_t)snprintf(k + at, cap + 1 - at, "%zu:%s", strlen(p), p);
	}
	*len = at;
	return k;
}

/* The cached answer of key, parsed: a new object, or NULL. */
static json_t *cached(const sv_backend_t *b, const char *key, size_t klen)
{
	size_t len;
	char *text = key ? sv_cache_get(key, klen, b->gen, &len) : NULL;
	json_t *o = text ? json_loadb(text, len, 0, NULL) : NULL;
	free(text);
	return o;
}

/* Keep o's text as the API sends it (esc_json_value(): the API answers
 * a search asked again with these bytes, and the page reads them back
 * into the same tree). Written out only to be kept. */
static void remember(const sv_backend_t *b, const char *key, size_t klen, const json_t *o)
{
	esc_buf_t text = { 0 };
	if (!key || !sv_cache_enabled())
		return;
	esc_json_value(&text, o);
	if (!text.failed)
		sv_cache_put(key, klen, b->gen, text.data, text.len);
	esc_buf_free(&text);
}

unsigned long sv_backend_revisions(const sv_backend_t *b)
{
	return b->revisions;
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
	size_t nlen = s->text ? strlen(s->text) : 0, i = 0, n;
	size_t *map = malloc((nlen + 1) * sizeof(*map));
	if (!map || !s->text)
		goto out;
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

/* A search's hits as the --json objects, each with "title_highlights"
 * (where the query matches its title, as ranges of the stored title). */
static json_t *hits_json(const search_result_t *res)
{
	json_t *hits = json_array();
	for (size_t i = 0; i < res->nhits; i++) {
		const search_hit_t *h = &res->hits[i];
		if (h->problem)
			continue;
		json_t *o = output_json_cleaned(output_json_hit(NULL, h));
		const char *title = h->rec ? dl_record_get(h->rec, DL_F_TITLE) : NULL;
		if (o && title && h->title.text)
			json_object_set_new(o, "title_highlights",
					    ranges_json(title, strlen(title), &h->title));
		if (o)
			json_array_append_new(hits, o);
	}
	return hits;
}

/* The cache key of search q (malloc'ed, *klen bytes, NULL when out of
 * memory) and, with facets, that of its facets and months alone, which
 * do not depend on the page (*fkey, likewise, or NULL). */
static char *search_keys(const sv_search_t *q, size_t *klen, char **fkey, size_t *fklen)
{
	char num[3][16];
	snprintf(num[0], sizeof(num[0]), "%u", q->offset);
	snprintf(num[1], sizeof(num[1]), "%u", q->n);
	snprintf(num[2], sizeof(num[2]), "%d%d", q->sort_date ? 1 : 0, q->facets ? 1 : 0);
	/* Each list's values, with their count before them (a NULL part is
	 * "" and cannot be told from an empty value; a count can). */
	const char *parts[6 + 3 * (1 + SV_MAX_NAMES)] = { q->q, num[0], num[1], num[2], q->since,
							   q->until };
	char counts[3][16];
	size_t nparts = 6;
	const sv_names_t *lists[3] = { &q->persons, &q->places, &q->orgs };
	for (int k = 0; k < 3; k++) {
		snprintf(counts[k], sizeof(counts[k]), "%u", lists[k]->n);
		parts[nparts++] = counts[k];
		for (unsigned i = 0; i < lists[k]->n; i++)
			parts[nparts++] = lists[k]->v[i];
	}
	char *key = cache_key("search", parts, nparts, klen);
	/* The facets and months of the best matches do not depend on the
	 * page: another page of a search (or another n) takes them from the
	 * cache, and only its hits are searched (the facets were 5 of the 6 ms
	 * of a new search). */
	const char *fparts[4 + 3 * (1 + SV_MAX_NAMES)] = { q->q, q->sort_date ? "1" : "0",
							    q->since, q->until };
	size_t nf = 4;
	for (size_t i = 6; i < nparts; i++)  /* the name lists, as in the key */
		fparts[nf++] = parts[i];
	*fkey = q->facets ? cache_key("facets", fparts, nf, fklen) : NULL;
	return key;
}

/* Run search q into *res (freed by the caller with search_result_free()
 * whatever the status), with its facets and months when facets is set
 * and q asks for them. */
static sv_status_t run(sv_backend_t *b, const sv_search_t *q, int facets, search_result_t *res,
		       sv_error_t *err)
{
	search_request_t r;
	char msg[512] = "";
	const sv_names_t *lists[3] = { &q->persons, &q->places, &q->orgs };
	search_request_init(&r);
	r.offset = q->offset;
	r.n = q->n;
	r.sort_date = q->sort_date;
	r.since = q->since && *q->since ? q->since : NULL;
	r.until = q->until && *q->until ? q->until : NULL;
	search_names_t *names[3] = { &r.persons, &r.places, &r.orgs };
	for (int k = 0; k < 3; k++)
		for (unsigned i = 0; i < lists[k]->n && i < SEARCH_MAX_NAMES; i++)
			if (*lists[k]->v[i])
				names[k]->v[names[k]->n++] = lists[k]->v[i];
	r.facets = q->facets && facets;
	r.facet_docs = SV_FACET_DOCS;
	r.facet_top = SV_FACET_TOP;
	r.all_months = 1;
	int rc = search_run(b->s, q->q ? q->q : "", &r, res, msg, sizeof(msg));
	return status_of(rc, msg, err);
}

/* Search q, not in the cache under key: *out is the answer (a new
 * object), kept in the cache when keep is set. */
static sv_status_t search_new(sv_backend_t *b, const sv_search_t *q, const char *key,
			      size_t klen, const char *fkey, size_t fklen, int keep, json_t **out,
			      sv_error_t *err)
{
	search_result_t res;
	*out = NULL;
	json_t *facets = fkey ? cached(b, fkey, fklen) : NULL;
	sv_status_t st = run(b, q, !facets, &res, err);
	if (st != SV_OK)
		goto out;
	json_t *o = json_object();
	json_object_set_new(o, "query", json_string(q->q ? q->q : ""));
	json_object_set_new(o, "read", res.read ? json_string(res.read) : json_null());
	if (res.reading) {
		char notes[512];
		query_reading_describe(res.reading, notes, sizeof(notes));
		json_object_set_new(o, "reading", json_string(notes));
	} else {
		json_object_set_new(o, "reading", json_null());
	}
	json_object_set_new(o, "total", json_integer(res.total));
	json_object_set_new(o, "exact", json_boolean(res.exact));
	json_object_set_new(o, "offset", json_integer(res.offset));
	json_object_set_new(o, "hits", hits_json(&res));
	if (res.has_facets) {
		json_t *all = output_json_facets(&res);
		json_t *f = output_json_cleaned(json_incref(json_object_get(all, "facets")));
		json_decref(all);
		json_t *months = json_incref(json_object_get(f, "months"));
		json_object_del(f, "months");
		facets = json_object();
		json_object_set_new(facets, "facets", f ? f : json_object());
		json_object_set_new(facets, "months", months ? months : json_array());
		json_object_set_new(facets, "facet_docs", json_integer((json_int_t)res.facet_docs));
		remember(b, fkey, fklen, facets);
	}
	if (facets)
		json_object_update(o, facets);
	json_object_set_new(o, "did_you_mean",
			    res.suggestion ? json_string(res.suggestion) : json_null());
	json_object_set_new(o, "corrected", json_boolean(res.corrected));
	if (keep)
		remember(b, key, klen, o);
	*out = o;
out:
	json_decref(facets);
	search_result_free(&res);
	return st;
}

sv_status_t sv_backend_search(sv_backend_t *b, const sv_search_t *q, json_t **out,
			      sv_error_t *err)
{
	size_t klen = 0, fklen = 0;
	char *fkey = NULL;
	*out = NULL;
	refresh(b);
	char *key = search_keys(q, &klen, &fkey, &fklen);
	sv_status_t st = SV_OK;
	if (!(*out = cached(b, key, klen)))
		st = search_new(b, q, key, klen, fkey, fklen, 1, out, err);
	free(key);
	free(fkey);
	return st;
}

/*
 * The answer written as text, byte for byte what esc_json_value() writes
 * of search_new()'s object, without the object (building, writing and
 * freeing the tree was a sixth of a new search's instructions). Each
 * rule of the tree is kept: a string that is not UTF-8 (which jansson
 * refuses) is left out, with its key; the hits' strings are cleaned as
 * output_json_cleaned() cleans them; keys in the tree's order.
 */

/* ,"key": */
static void put_key(esc_buf_t *b, const char *key)
{
	esc_rawn(b, ",", 1);
	esc_json_str(b, key);
	esc_rawn(b, ":", 1);
}

/* Can s be a JSON string (jansson's json_string() takes it)? */
static int is_string(const char *s)
{
	return s && esc_utf8_valid(s, strlen(s));
}

/* String s, which is_string(), as the tree has it: cleaned when clean is
 * set (output_json_cleaned()). */
static void put_string(esc_buf_t *b, const char *s, int clean)
{
	size_t n = strlen(s);
	char *c;
	if (!clean || utf8_is_clean(s, n, 0) || utf8_clean(s, n, 0, &c, &n, NULL) < 0) {
		esc_json(b, s, strlen(s));
		return;
	}
	esc_json(b, c, n);
	free(c);
}

/* ,"key":"s" when s is a string (a key whose value is not is absent). */
static void put_field(esc_buf_t *b, const char *key, const char *s, int clean)
{
	if (!is_string(s))
		return;
	put_key(b, key);
	put_string(b, s, clean);
}

/* A list of strings, those that are strings. */
static void put_strings(esc_buf_t *b, char *const *v, size_t n)
{
	int first = 1;
	esc_rawn(b, "[", 1);
	for (size_t i = 0; i < n; i++) {
		if (!is_string(v[i]))
			continue;
		if (!first)
			esc_rawn(b, ",", 1);
		first = 0;
		put_string(b, v[i], 1);
	}
	esc_rawn(b, "]", 1);
}

static void put_real(esc_buf_t *b, double v)
{
	json_t *j = json_real(v);
	esc_json_value(b, j);  /* as jansson writes a real */
	json_decref(j);
}

static void put_pair(esc_buf_t *b, size_t x, size_t y)
{
	esc_rawn(b, "[", 1);
	esc_integer(b, (long long)x);
	esc_rawn(b, ",", 1);
	esc_integer(b, (long long)y);
	esc_rawn(b, "]", 1);
}

/* The snippet's ranges, as output_json_hit() writes "highlights". */
static void put_ranges(esc_buf_t *b, const snippet_t *s)
{
	esc_rawn(b, "[", 1);
	for (size_t i = 0; i < s->nranges; i++) {
		if (i)
			esc_rawn(b, ",", 1);
		put_pair(b, s->ranges[i].start, s->ranges[i].end);
	}
	esc_rawn(b, "]", 1);
}

/* The title's highlights as ranges of the stored title (ranges_json()). */
static void put_title_ranges(esc_buf_t *b, const char *text, const snippet_t *s)
{
	json_t *a = ranges_json(text, strlen(text), s);
	esc_json_value(b, a);
	json_decref(a);
}

/* One hit, as hits_json() makes it: output_json_hit(), cleaned, with
 * "title_highlights". */
static void put_hit(esc_buf_t *b, const search_hit_t *h)
{
	static const enum dl_field_id keys[] = { DL_F_ID, DL_F_TITLE, DL_F_AUTHOR, DL_F_DATE,
		DL_F_PLACE, DL_F_SOURCE, DL_F_URL, DL_F_FORMAT, DL_F_LANGUAGE, DL_F_PERSONS, DL_F_ORGS,
		DL_F_PLACES };
	esc_raw(b, "{\"rank\":");
	esc_integer(b, h->rank);
	put_key(b, "score");
	put_real(b, h->score);
	if (h->rec) {
		for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
			const dl_field_t *f = &dl_fields[keys[k]];
			if (!(f->flags & DL_FIELD_LIST)) {
				put_field(b, f->key, dl_record_get(h->rec, keys[k]), 1);
				continue;
			}
			size_t count = dl_record_count(h->rec, keys[k]);
			if (!count)
				continue;
			put_key(b, f->key);
			int first = 1;
			esc_rawn(b, "[", 1);
			for (size_t i = 0; i < count; i++) {
				const char *item = dl_record_item(h->rec, keys[k], i);
				if (!is_string(item))
					continue;
				if (!first)
					esc_rawn(b, ",", 1);
				first = 0;
				put_string(b, item, 1);
			}
			esc_rawn(b, "]", 1);
		}
	} else {
		put_field(b, DL_KEY_ID, h->id, 1);
	}
	if (h->snippet.text) {
		put_field(b, "snippet", h->snippet.text, 1);
		put_key(b, "highlights");
		put_ranges(b, &h->snippet);
	}
	if (h->ncopies) {
		put_key(b, "duplicates");
		put_strings(b, h->copies, h->ncopies);
	}
	if (h->nshares) {
		put_key(b, "shares");
		put_strings(b, h->shares, h->nshares);
	}
	const char *title = h->rec ? dl_record_get(h->rec, DL_F_TITLE) : NULL;
	if (title && h->title.text) {
		put_key(b, "title_highlights");
		put_title_ranges(b, title, &h->title);
	}
	esc_rawn(b, "}", 1);
}

/* A facet's values: [{"name": ..., "count": ...}], those whose name is
 * a string (output_json_facets()), cleaned. */
static void put_facet(esc_buf_t *b, const search_facet_t *v, size_t n)
{
	int first = 1;
	esc_rawn(b, "[", 1);
	for (size_t i = 0; i < n; i++) {
		if (!is_string(v[i].name))
			continue;
		esc_raw(b, first ? "{\"name\":" : ",{\"name\":");
		first = 0;
		put_string(b, v[i].name, 1);
		esc_raw(b, ",\"count\":");
		esc_integer(b, (int)v[i].count);
		esc_rawn(b, "}", 1);
	}
	esc_rawn(b, "]", 1);
}

/* {"facets": {...}, "months": [...], "facet_docs": N}: what search_new()
 * keeps under the facets' key. */
static void put_facets(esc_buf_t *b, const search_result_t *res)
{
	esc_raw(b, "{\"facets\":{");
	int first = 1;
	for (int k = 0; k < SEARCH_NFACETS; k++) {
		if (k == SEARCH_FACET_MONTHS)
			continue;
		if (!first)
			esc_rawn(b, ",", 1);
		first = 0;
		esc_json_str(b, search_facet_names[k]);
		esc_rawn(b, ":", 1);
		put_facet(b, res->facets[k], res->nfacets[k]);
	}
	esc_raw(b, "},\"months\":");
	put_facet(b, res->facets[SEARCH_FACET_MONTHS], res->nfacets[SEARCH_FACET_MONTHS]);
	char num[48];
	int n = snprintf(num, sizeof(num), ",\"facet_docs\":%zu}", res->facet_docs);
	esc_rawn(b, num, (size_t)n);
}

/* The answer of a search not in the cache, into body (and the cache). */
static sv_status_t search_new_text(sv_backend_t *b, const sv_search_t *q, const char *key,
				   size_t klen, const char *fkey, size_t fklen, esc_buf_t *body,
				   sv_error_t *err)
{
	search_result_t res;
	size_t flen = 0;
	char *facets = fkey ? sv_cache_get(fkey, fklen, b->gen, &flen) : NULL;
	sv_status_t st = run(b, q, !facets, &res, err);
	if (st != SV_OK)
		goto out;
	size_t at = body->len;
	const char *text = q->q ? q->q : "";
	esc_rawn(body, "{", 1);
	if (is_string(text)) {
		esc_raw(body, "\"query\":");
		esc_json_str(body, text);
		esc_rawn(body, ",", 1);
	}
	if (!res.read || is_string(res.read)) {
		esc_raw(body, "\"read\":");
		esc_json_str(body, res.read);
		esc_rawn(body, ",", 1);
	}
	esc_raw(body, "\"reading\":");
	if (res.reading) {
		char notes[512];
		query_reading_describe(res.reading, notes, sizeof(notes));
		esc_json_str(body, notes);
	} else {
		esc_raw(body, "null");
	}
	char num[96];
	int n = snprintf(num, sizeof(num), ",\"total\":%" PRIu32 ",\"exact\":%s,\"offset\":%u,\"hits\":[",
			 res.total, res.exact ? "true" : "false", res.offset);
	esc_rawn(body, num, (size_t)n);
	int first = 1;
	for (size_t i = 0; i < res.nhits; i++) {
		if (res.hits[i].problem)
			continue;
		if (!first)
			esc_rawn(body, ",", 1);
		first = 0;
		put_hit(body, &res.hits[i]);
	}
	esc_rawn(body, "]", 1);
	if (res.has_facets) {
		size_t fat = body->len;
		put_facets(body, &res);
		if (fkey && !body->failed && sv_cache_enabled())
			sv_cache_put(fkey, fklen, b->gen, body->data + fat, body->len - fat);
		/* In the answer without its braces. */
		if (!body->failed) {
			body->data[fat] = ',';
			body->data[--body->len] = '\0';
		}
	} else if (facets && flen > 2) {
		esc_rawn(body, ",", 1);
		esc_rawn(body, facets + 1, flen - 2);
	}
	if (!res.suggestion || is_string(res.suggestion)) {
		put_key(body, "did_you_mean");
		esc_json_str(body, res.suggestion);
	}
	esc_raw(body, res.corrected ? ",\"corrected\":true}" : ",\"corrected\":false}");
	if (key && !body->failed && sv_cache_enabled())
		sv_cache_put(key, klen, b->gen, body->data + at, body->len - at);
out:
	free(facets);
	search_result_free(&res);
	return st;
}

sv_status_t sv_backend_search_text(sv_backend_t *b, const sv_search_t *q, esc_buf_t *body,
				   sv_error_t *err)
{
	size_t klen = 0, fklen = 0, len;
	char *fkey = NULL;
	refresh(b);
	char *key = search_keys(q, &klen, &fkey, &fklen);
	char *text = key ? sv_cache_get(key, klen, b->gen, &len) : NULL;
	sv_status_t st = SV_OK;
	if (text) {
		/* The bytes a search asked before was answered with. */
		esc_rawn(body, text, len);
	} else {
		st = search_new_text(b, q, key, klen, fkey, fklen, body, err);
	}
	free(text);
	free(key);
	free(fkey);
	return st;
}

static json_t *strings_json(char **v, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_string(v[i]));
	return a;
}

sv_status_t sv_backend_article(sv_backend_t *b, const char *id, const char *q,
			       json_t **out, sv_error_t *err)
{
	char msg[512] = "";
	dl_record_t *rec = NULL;
	char **copies = NULL;
	size_t ncopies = 0;
	*out = NULL;
	refresh(b);
	int rc = search_article(b->s, id, &rec, msg, sizeof(msg));
	sv_status_t st = status_of(rc, msg, err);
	if (st != SV_OK)
		return st;
	json_t *o = output_json_record(rec);
	if (!o) {
		dl_record_free(rec);
		return status_of(SEARCH_EFAIL, "out of memory", err);
	}
	if (search_copies(b->s, id, &copies, &ncopies, msg, sizeof(msg)) == SEARCH_OK) {
		json_object_set_new(o, "copies", strings_json(copies, ncopies));
		for (size_t i = 0; i < ncopies; i++)
			free(copies[i]);
		free(copies);
	}
	if (q && *q) {
		/* Marked in the stored text (the page writes the cleaned one:
		 * cleaning keeps the length of valid text). */
		const char *texts[2] = { dl_record_get(rec, DL_F_BODY), dl_record_get(rec, DL_F_TITLE) };
		const char *names[2] = { "highlights", "title_highlights" };
		snippet_t marks[2];
		if (search_highlight(b->s, q, texts, 2, marks, msg, sizeof(msg)) == SEARCH_OK)
			for (int k = 0; k < 2; k++)
				if (texts[k])
					json_object_set_new(o, names[k],
							    ranges_json(texts[k], strlen(texts[k]),
									&marks[k]));
		snippet_free(&marks[0]);
		snippet_free(&marks[1]);
	}
	dl_record_free(rec);
	*out = o;
	return SV_OK;
}

sv_status_t sv_backend_related(sv_backend_t *b, const char *id, unsigned n,
			       json_t **out, sv_error_t *err)
{
	search_request_t r;
	search_result_t res;
	char msg[512] = "";
	*out = NULL;
	refresh(b);
	char num[16];
	snprintf(num, sizeof(num), "%u", n);
	const char *parts[] = { id, num };
	size_t klen = 0;
	char *key = cache_key("related", parts, 2, &klen);
	if ((*out = cached(b, key, klen))) {
		free(key);
		return SV_OK;
	}
	search_request_init(&r);
	r.n = n;
	int rc = search_related(b->s, id, &r, &res, msg, sizeof(msg));
	sv_status_t st = status_of(rc, msg, err);
	if (st == SV_OK) {
		*out = json_pack("{s:s,s:o}", "id", id, "hits", hits_json(&res));
		if (*out)
			remember(b, key, klen, *out);
	}
	free(key);
	search_result_free(&res);
	return st;
}
