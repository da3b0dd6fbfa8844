/* output_json.c - results as JSON objects, one a line (see output.h). */
#include <stdlib.h>
#include <string.h>

#include "../util/utf8.h"

#include "../analysis/schema.h"
#include "output.h"

/* A new reference to v, or to a copy of it whose strings hold no control
 * character (the indexer stores none, an older index may): the JSON we
 * print stays clean, and a highlight's offsets stay right (utf8_clean()
 * keeps the length of valid text). */
static json_t *clean_json(json_t *v, unsigned flags)
{
	if (json_is_string(v)) {
		const char *t = json_string_value(v);
		size_t n = json_string_length(v);
		char *c;
		if (utf8_is_clean(t, n, flags) || utf8_clean(t, n, flags, &c, &n, NULL) < 0)
			return json_incref(v);
		json_t *s = json_stringn(c, n);
		free(c);
		return s ? s : json_incref(v);
	}
	if (json_is_array(v)) {
		json_t *a = json_array(), *e;
		size_t i;
		json_array_foreach(v, i, e)
			json_array_append_new(a, clean_json(e, flags));
		return a;
	}
	if (json_is_object(v)) {
		/* A stored article: its body keeps its lines. */
		json_t *o = json_object(), *e;
		const char *key;
		json_object_foreach(v, key, e)
			json_object_set_new(o, key, clean_json(e, strcmp(key, dl_fields[DL_F_BODY].key) == 0
							     ? flags | UTF8_KEEP_LINES : flags));
		return o;
	}
	return json_incref(v);
}

/* The stored fields of a hit, in the record's order; not the body or
 * the language. */
static void set_fields(json_t *o, const dl_record_t *r)
{
	static const enum dl_field_id keys[] = { DL_F_ID, DL_F_TITLE, DL_F_AUTHOR, DL_F_DATE,
		DL_F_PLACE, DL_F_SOURCE, DL_F_URL, DL_F_FORMAT, DL_F_LANGUAGE, DL_F_PERSONS, DL_F_ORGS,
		DL_F_PLACES };
	for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
		const dl_field_t *f = &dl_fields[keys[k]];
		if (f->flags & DL_FIELD_LIST) {
			size_t n = dl_record_count(r, keys[k]);
			json_t *arr = n ? json_array() : NULL;
			for (size_t i = 0; arr && i < n; i++)
				if (dl_record_item(r, keys[k], i))
					json_array_append_new(arr, json_string(dl_record_item(r, keys[k], i)));
			if (arr)
				json_object_set_new(o, f->key, arr);
		} else if (dl_record_get(r, keys[k])) {
			json_object_set_new(o, f->key, json_string(dl_record_get(r, keys[k])));
		}
	}
}

static void set_strings(json_t *o, const char *key, char *const *v, size_t n)
{
	if (!n)
		return;
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, json_string(v[i]));
	json_object_set_new(o, key, arr);
}

json_t *output_json_hit(const char *qid, const search_hit_t *h)
{
	json_t *o = json_object();
	if (qid)
		json_object_set_new(o, "qid", json_string(qid));
	json_object_set_new(o, "rank", json_integer(h->rank));
	json_object_set_new(o, "score", json_real(h->score));
	if (h->rec)
		set_fields(o, h->rec);
	else
		json_object_set_new(o, DL_KEY_ID, json_string(h->id));
	if (h->snippet.text) {
		json_t *hl = json_array();
		json_object_set_new(o, "snippet", json_string(h->snippet.text));
		for (size_t i = 0; i < h->snippet.nranges; i++)
			json_array_append_new(hl, json_pack("[II]",
							    (json_int_t)h->snippet.ranges[i].start,
							    (json_int_t)h->snippet.ranges[i].end));
		json_object_set_new(o, "highlights", hl);
	}
	set_strings(o, "duplicates", h->copies, h->ncopies);
	set_strings(o, "shares", h->shares, h->nshares);
	return o;
}

json_t *output_json_facets(const search_result_t *res)
{
	json_t *all = json_object();
	for (int k = 0; k < SEARCH_NFACETS; k++) {
		json_t *arr = json_array();
		for (size_t i = 0; i < res->nfacets[k]; i++)
			json_array_append_new(arr, json_pack("{s:s,s:i}", "name",
							     res->facets[k][i].name, "count",
							     (int)res->facets[k][i].count));
		json_object_set_new(all, search_facet_names[k], arr);
	}
	return json_pack("{s:o}", "facets", all);
}

json_t *output_json_record(const dl_record_t *r)
{
	/* As stored, but clean of control characters (an older index may
	 * hold some). */
	char *buf = NULL;
	size_t blen = 0;
	FILE *mf = open_memstream(&buf, &blen);
	int rc = mf ? dl_record_print(r, mf) : -1;
	if (mf)
		fclose(mf);
	json_t *j = rc == 0 && buf ? json_loadb(buf, blen, 0, NULL) : NULL;
	json_t *c = j ? clean_json(j, 0) : NULL;
	json_decref(j);
	free(buf);
	return c;
}

int output_json_article(FILE *f, const dl_record_t *r)
{
	json_t *c = output_json_record(r);
	if (c)
		json_dumpf(c, f, JSON_COMPACT | JSON_PRESERVE_ORDER);
	else
		dl_record_print(r, f);
	fputc('\n', f);
	json_decref(c);
	return c ? 0 : -1;
}

json_t *output_json_cleaned(json_t *o)
{
	json_t *c = o ? clean_json(o, 0) : NULL;
	json_decref(o);
	return c;
}

void output_json_line(FILE *f, json_t *o)
{
	json_t *c = output_json_cleaned(o);
	if (c)
		json_dumpf(c, f, JSON_COMPACT);
	fputc('\n', f);
	json_decref(c);
}

/* {"searched_for": how the query was read, "reading": the notes} when
 * the parser did not read it as written (new reference), else NULL. */
json_t *output_json_reading(const char *qid, const search_result_t *res)
{
	char notes[512];
	if (!res->reading || !res->read)
		return NULL;
	query_reading_describe(res->reading, notes, sizeof(notes));
	json_t *o = json_object();
	if (qid)
		json_object_set_new(o, "qid", json_string(qid));
	json_object_set_new(o, "searched_for", json_string(res->read));
	json_object_set_new(o, "reading", json_string(notes));
	return o;
}

void output_json_result(FILE *f, const char *qid, const search_result_t *res)
{
	if (res->reading && res->read)
		output_json_line(f, output_json_reading(qid, res));
	for (size_t i = 0; i < res->nhits; i++)
		if (!res->hits[i].problem)
			output_json_line(f, output_json_hit(qid, &res->hits[i]));
	if (res->has_facets)
		output_json_line(f, output_json_facets(res));
	if (res->suggestion) {
		json_t *o = json_object();
		if (qid)
			json_object_set_new(o, "qid", json_string(qid));
		json_object_set_new(o, "did_you_mean", json_string(res->suggestion));
		json_object_set_new(o, "corrected", json_boolean(res->corrected));
		json_object_set_new(o, "total", json_integer(res->total));
		json_object_set_new(o, "exact", json_boolean(res->exact));
		output_json_line(f, o);
	}
}
