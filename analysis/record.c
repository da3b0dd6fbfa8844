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

/*
 * Reading a record fast: json_loadb() reads a character at a time through
 * a stream (callgrind, 100 Reuters searches with snippets: 24% of their
 * instructions, 150,000 per record). The records dl_record_encode()
 * writes are an object of strings and arrays of strings; scan_record()
 * reads those, with every escape but \uXXXX, checking UTF-8 as jansson
 * does, and gives up (NULL) on anything else, which json_loadb() then
 * reads or names the fault of: a record reads the same either way.
 */
typedef struct {
	const unsigned char *p, *end;
	char *buf;              /* a string with escapes, decoded */
	size_t cap;
} scan_t;

/* Is s (n bytes) UTF-8 as jansson accepts it: no overlong form, no
 * surrogate, nothing above U+10FFFF, no NUL? */
static int utf8_ok(const unsigned char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		unsigned c = s[i];
		if (c < 0x80) {
			if (!c)
				return 0;
			i++;
			continue;
		}
		size_t k = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC2 ? 1 : 0;
		if (!k || c > 0xF4 || n - i <= k)
			return 0;
		unsigned v = c & (0x3F >> k);
		for (size_t j = 1; j <= k; j++) {
			if ((s[i + j] & 0xC0) != 0x80)
				return 0;
			v = (v << 6) | (s[i + j] & 0x3F);
		}
		if ((k == 2 && (v < 0x800 || (v >= 0xD800 && v <= 0xDFFF))) ||
		    (k == 3 && (v < 0x10000 || v > 0x10FFFF)))
			return 0;
		i += k + 1;
	}
	return 1;
}

static void scan_ws(scan_t *s)
{
	while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r'))
		s->p++;
}

/* The string at s->p (its opening quote): its bytes in *str, *n of them
 * (the record's own bytes, or s->buf when it has escapes). 0, or -1. */
static int scan_chars(scan_t *s, const char **str, size_t *n)
{
	const unsigned char *start = ++s->p, *q = start;
	while (q < s->end && *q != '"' && *q != '\\' && *q >= 0x20)
		q++;
	if (q < s->end && *q == '"') {
		*str = (const char *)start;
		*n = (size_t)(q - start);
		s->p = q + 1;
		return utf8_ok(start, *n) ? 0 : -1;
	}
	size_t len = 0;
	for (q = start; q < s->end && *q != '"'; q++) {
		unsigned char c = *q;
		if (c < 0x20)
			return -1;
		if (c == '\\') {
			if (++q == s->end)
				return -1;
			switch (*q) {
			case '"': case '\\': case '/': c = *q; break;
			case 'b': c = '\b'; break;
			case 'f': c = '\f'; break;
			case 'n': c = '\n'; break;
			case 'r': c = '\r'; break;
			case 't': c = '\t'; break;
			default: return -1;  /* \uXXXX, or not JSON: jansson's */
			}
		}
		if (len + 1 >= s->cap) {
			size_t cap = s->cap ? s->cap * 2 : 256;
			char *b = realloc(s->buf, cap);
			if (!b)
				return -1;
			s->buf = b;
			s->cap = cap;
		}
		s->buf[len++] = (char)c;
	}
	if (q == s->end)
		return -1;
	s->p = q + 1;
	*str = s->buf;
	*n = len;
	return utf8_ok((const unsigned char *)s->buf, len) ? 0 : -1;
}

static json_t *scan_string(scan_t *s)
{
	const char *str;
	size_t n;
	if (s->p >= s->end || *s->p != '"' || scan_chars(s, &str, &n) < 0)
		return NULL;
	return json_stringn_nocheck(str, n);
}

/* A value: a string, or an array of strings. */
static json_t *scan_value(scan_t *s)
{
	if (s->p < s->end && *s->p == '"')
		return scan_string(s);
	if (s->p >= s->end || *s->p != '[')
		return NULL;
	s->p++;
	json_t *a = json_array();
	scan_ws(s);
	if (a && s->p < s->end && *s->p == ']') {
		s->p++;
		return a;
	}
	while (a) {
		scan_ws(s);
		json_t *v = scan_string(s);
		if (!v || json_array_append_new(a, v) != 0)
			break;
		scan_ws(s);
		if (s->p < s->end && *s->p == ',') {
			s->p++;
			continue;
		}
		if (s->p < s->end && *s->p == ']') {
			s->p++;
			return a;
		}
		break;
	}
	json_decref(a);
	return NULL;
}

static json_t *scan_record(const char *data, size_t len)
{
	scan_t s = { (const unsigned char *)data, (const unsigned char *)data + len, NULL, 0 };
	char key[64];
	json_t *o = json_object();
	scan_ws(&s);
	if (!o || s.p >= s.end || *s.p++ != '{')
		goto fail;
	scan_ws(&s);
	if (s.p < s.end && *s.p == '}') {
		s.p++;
		goto end;
	}
	for (;;) {
		const char *k;
		size_t kn;
		scan_ws(&s);
		if (s.p >= s.end || *s.p != '"' || scan_chars(&s, &k, &kn) < 0 ||
		    kn >= sizeof(key))
			goto fail;
		memcpy(key, k, kn);
		key[kn] = '\0';
		scan_ws(&s);
		if (s.p >= s.end || *s.p++ != ':')
			goto fail;
		scan_ws(&s);
		json_t *v = scan_value(&s);
		if (!v || json_object_set_new_nocheck(o, key, v) != 0)
			goto fail;
		scan_ws(&s);
		if (s.p < s.end && *s.p == ',') {
			s.p++;
			continue;
		}
		if (s.p < s.end && *s.p == '}') {
			s.p++;
			break;
		}
		goto fail;
	}
end:
	scan_ws(&s);
	if (s.p != s.end)
		goto fail;
	free(s.buf);
	return o;
fail:
	free(s.buf);
	json_decref(o);
	return NULL;
}

int dl_record_decode(const char *data, size_t len, dl_record_t **out, char *why,
		     size_t whysz)
{
	json_error_t jerr;
	json_t *o = scan_record(data, len);
	if (!o)
		o = json_loadb(data, len, 0, &jerr);
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
