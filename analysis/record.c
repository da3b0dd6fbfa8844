/* record.c - the stored record, encoded and decoded with jansson (see
 * record.h); the only file that reads or writes its format. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "record.h"

struct dl_record {
	json_t *o;  /* the JSON object */
};

dl_record_t *dl_record_new(void)
{
	dl_record_t *r = malloc(sizeof(*r));
	if (!r)
		return NULL;
	r->o = json_object();
	if (!r->o) {
		free(r);
		return NULL;
	}
	return r;
}

void dl_record_free(dl_record_t *r)
{
	if (!r)
		return;
	json_decref(r->o);
	free(r);
}

int dl_record_set(dl_record_t *r, enum dl_field_id id, const char *value)
{
	const dl_field_t *f = &dl_fields[id];
	if (!value)
		return 0;
	if (!f->key || (f->flags & DL_FIELD_LIST))
		return -1;
	json_t *s = json_string(value);
	if (!s)
		return -1;
	return json_object_set_new(r->o, f->key, s) == 0 ? 0 : -1;
}

int dl_record_add(dl_record_t *r, enum dl_field_id id, const char *value)
{
	const dl_field_t *f = &dl_fields[id];
	if (!f->key || !(f->flags & DL_FIELD_LIST) || !value)
		return -1;
	json_t *arr = json_object_get(r->o, f->key);
	if (!arr) {
		arr = json_array();
		if (!arr || json_object_set_new(r->o, f->key, arr) != 0)
			return -1;
	}
	return json_array_append_new(arr, json_string(value)) == 0 ? 0 : -1;
}

char *dl_record_encode(const dl_record_t *r, size_t *len)
{
	/* A fresh object in table order: the order of the keys is part of
	 * the format (--show --json prints it as stored). */
	json_t *o = json_object();
	char *s = NULL;
	if (!o)
		return NULL;
	for (size_t i = 0; i < DL_NFIELDS; i++) {
		const char *key = dl_fields[i].key;
		json_t *v = key ? json_object_get(r->o, key) : NULL;
		if (!v || (json_is_array(v) && json_array_size(v) == 0))
			continue;
		if (json_object_set(o, key, v) != 0)
			goto out;
	}
	s = json_dumps(o, JSON_COMPACT);
	if (s)
		*len = strlen(s);
out:
	json_decref(o);
	return s;
}

int dl_record_decode(const char *data, size_t len, dl_record_t **out, char *why,
		     size_t whysz)
{
	json_error_t jerr;
	json_t *o = json_loadb(data, len, 0, &jerr);
	*out = NULL;
	if (!o || !json_is_object(o)) {
		if (why && whysz)
			snprintf(why, whysz, "%s", o ? "not a JSON object" : jerr.text);
		json_decref(o);
		return -1;
	}
	dl_record_t *r = malloc(sizeof(*r));
	if (!r) {
		if (why && whysz)
			snprintf(why, whysz, "out of memory");
		json_decref(o);
		return -1;
	}
	r->o = o;
	*out = r;
	return 0;
}

const char *dl_record_get(const dl_record_t *r, enum dl_field_id id)
{
	const char *key = dl_fields[id].key;
	return key ? json_string_value(json_object_get(r->o, key)) : NULL;
}

size_t dl_record_count(const dl_record_t *r, enum dl_field_id id)
{
	const char *key = dl_fields[id].key;
	return key ? json_array_size(json_object_get(r->o, key)) : 0;
}

const char *dl_record_item(const dl_record_t *r, enum dl_field_id id, size_t i)
{
	const char *key = dl_fields[id].key;
	return key ? json_string_value(json_array_get(json_object_get(r->o, key), i)) : NULL;
}

int dl_record_print(const dl_record_t *r, FILE *f)
{
	return json_dumpf(r->o, f, JSON_COMPACT) == 0 ? 0 : -1;
}

/* Append kind, name and a NUL to the buffer b (size *cap, *n used). */
static int facet_put(char **b, size_t *n, size_t *cap, int kind, const char *name)
{
	size_t k = strlen(name);
	if (*n + k + 2 > *cap) {
		size_t ncap = (*n + k + 2) * 2;
		char *nb = realloc(*b, ncap);
		if (!nb)
			return -1;
		*b = nb;
		*cap = ncap;
	}
	(*b)[(*n)++] = (char)kind;
	memcpy(*b + *n, name, k + 1);
	*n += k + 1;
	return 0;
}

char *dl_record_facets_value(const dl_record_t *r, size_t *len)
{
	static const struct { enum dl_field_id id; int kind; } lists[] = {
		{ DL_F_PERSONS, DL_FACET_PERSON }, { DL_F_ORGS, DL_FACET_ORG },
		{ DL_F_PLACES, DL_FACET_PLACE },
	};
	size_t n = 1, cap = 256;
	char *b = malloc(cap);
	if (!b)
		return NULL;
	b[0] = DL_FACETS_FORMAT;
	for (size_t k = 0; k < sizeof(lists) / sizeof(lists[0]); k++)
		for (size_t i = 0; i < dl_record_count(r, lists[k].id); i++) {
			const char *name = dl_record_item(r, lists[k].id, i);
			if (name && facet_put(&b, &n, &cap, lists[k].kind, name) < 0)
				goto fail;
		}
	const char *author = dl_record_get(r, DL_F_AUTHOR);
	const char *source = dl_record_get(r, DL_F_SOURCE);
	const char *date = dl_record_get(r, DL_F_DATE);
	if (author && facet_put(&b, &n, &cap, DL_FACET_AUTHOR, author) < 0)
		goto fail;
	if (source && facet_put(&b, &n, &cap, DL_FACET_SOURCE, source) < 0)
		goto fail;
	const char *lang = dl_record_get(r, DL_F_LANGUAGE);
	if (lang && facet_put(&b, &n, &cap, DL_FACET_LANG, lang) < 0)
		goto fail;
	if (date && strlen(date) >= 7) {
		char month[8];
		snprintf(month, sizeof(month), "%.7s", date);
		if (facet_put(&b, &n, &cap, DL_FACET_MONTH, month) < 0)
			goto fail;
	}
	*len = n;
	return b;
fail:
	free(b);
	return NULL;
}

int dl_facets_value_each(const char *value, size_t len,
			 void (*fn)(int kind, const char *name, void *ctx), void *ctx)
{
	if (len < 1 || value[0] != DL_FACETS_FORMAT)
		return -1;
	/* Every item a kind byte and a name ended within the value. */
	for (size_t i = 1; i < len; i++) {
		if (i + 1 >= len)
			return -1;
		const char *end = memchr(value + i + 1, '\0', len - i - 1);
		if (!end)
			return -1;
		i = (size_t)(end - value);
	}
	for (size_t i = 1; fn && i < len;) {
		const char *name = value + i + 1;
		size_t k = strlen(name);
		fn((unsigned char)value[i], name, ctx);
		i += k + 2;
	}
	return 0;
}
