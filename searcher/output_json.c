/* output_json.c - results as JSON objects, one a line (see output.h). */
#include <string.h>

#include "../analysis/schema.h"
#include "output.h"

/* The stored fields of a hit, in the record's order; not the body or
 * the language. */
static void set_fields(json_t *o, const dl_record_t *r)
{
	static const enum dl_field_id keys[] = { DL_F_ID, DL_F_TITLE, DL_F_AUTHOR, DL_F_DATE,
		DL_F_PLACE, DL_F_SOURCE, DL_F_URL, DL_F_FORMAT, DL_F_PERSONS, DL_F_ORGS,
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

int output_json_article(FILE *f, const dl_record_t *r)
{
	int rc = dl_record_print(r, f);
	fputc('\n', f);
	return rc;
}

void output_json_line(FILE *f, json_t *o)
{
	if (o)
		json_dumpf(o, f, JSON_COMPACT);
	fputc('\n', f);
	json_decref(o);
}

void output_json_result(FILE *f, const char *qid, const search_result_t *res)
{
	for (size_t i = 0; i < res->nhits; i++)
		if (!res->hits[i].problem)
			output_json_line(f, output_json_hit(qid, &res->hits[i]));
	if (res->has_facets)
		output_json_line(f, output_json_facets(res));
}
