/* output_json.c - results as JSON objects, one a line (see output.h). */
#include <string.h>

#include "../analysis/schema.h"
#include "output.h"

static void set_string(json_t *o, const char *key, const char *v)
{
	if (v)
		json_object_set_new(o, key, json_string(v));
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

/* The stored fields but language and body, in the stored order. */
static void set_fields(json_t *o, const search_record_t *r)
{
	set_string(o, DL_KEY_ID, r->id);
	set_string(o, DL_KEY_TITLE, r->title);
	set_string(o, DL_KEY_AUTHOR, r->author);
	set_string(o, DL_KEY_DATE, r->date);
	set_string(o, DL_KEY_PLACE, r->place);
	set_string(o, DL_KEY_SOURCE, r->source);
	set_string(o, DL_KEY_URL, r->url);
	set_string(o, DL_KEY_FORMAT, r->format);
}

json_t *output_json_hit(const char *qid, const search_hit_t *h)
{
	json_t *o = json_object();
	if (qid)
		json_object_set_new(o, "qid", json_string(qid));
	json_object_set_new(o, "rank", json_integer(h->rank));
	json_object_set_new(o, "score", json_real(h->score));
	set_fields(o, &h->rec);
	set_strings(o, DL_KEY_PERSONS, h->rec.persons, h->rec.npersons);
	set_strings(o, DL_KEY_PLACES, h->rec.places, h->rec.nplaces);
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

json_t *output_json_article(const search_record_t *r)
{
	json_t *o = json_object();
	set_fields(o, r);
	set_string(o, DL_KEY_LANGUAGE, r->language);
	set_string(o, DL_KEY_BODY, r->body);
	set_strings(o, DL_KEY_PERSONS, r->persons, r->npersons);
	set_strings(o, DL_KEY_PLACES, r->places, r->nplaces);
	return o;
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
