/*
 * record.h - the stored record: an article's fields that have a record key
 * in the schema table (analysis/schema.h), kept as its document data.
 *
 * The record is encoded and decoded here only; no other file knows its
 * format (a JSON object: the keys of dl_fields[], in table order, strings
 * for the string fields and arrays of strings for the DL_FIELD_LIST ones).
 * A record being built and a decoded one are the same object: fields are
 * read with dl_record_get() (a string field) or dl_record_count() and
 * dl_record_item() (a list).
 */
#ifndef DATELINE_RECORD_H
#define DATELINE_RECORD_H

#include <stddef.h>
#include <stdio.h>

#include "schema.h"

typedef struct dl_record dl_record_t;

/* A new empty record (free it with dl_record_free()), or NULL when out of
 * memory. */
dl_record_t *dl_record_new(void);

/* Set the string field id to a copy of value (valid UTF-8); NULL leaves
 * the field as it was. Returns 0, or -1 when out of memory, value is not
 * UTF-8, or the field is not stored or is a list. */
int dl_record_set(dl_record_t *r, enum dl_field_id id, const char *value);

/* Append a copy of value to the list field id. Returns 0, or -1 as for
 * dl_record_set(). */
int dl_record_add(dl_record_t *r, enum dl_field_id id, const char *value);

/* The record's bytes: malloc'ed and NUL-terminated, *len bytes without the
 * NUL; the caller frees them. Keys are in table order whatever the order
 * of the calls that set them; an empty list is left out. NULL when out of
 * memory. */
char *dl_record_encode(const dl_record_t *r, size_t *len);

/* Decode len bytes of document data into *out (the caller frees it with
 * dl_record_free()). Returns 0; -1 when the data is not a record (*out is
 * NULL, why says what is wrong: why may be NULL, whysz its size). */
int dl_record_decode(const char *data, size_t len, dl_record_t **out, char *why,
		     size_t whysz);

/* The string field id, or NULL when the record has none. Owned by the
 * record, valid until it is freed or the field set again. */
const char *dl_record_get(const dl_record_t *r, enum dl_field_id id);

/* How many items the list field id has (0 when none), and item i of it
 * (NULL past the end, or when an item is not a string). Owned by the
 * record, valid until it is freed. */
size_t dl_record_count(const dl_record_t *r, enum dl_field_id id);
const char *dl_record_item(const dl_record_t *r, enum dl_field_id id, size_t i);

/* Write the record as stored (every key it holds, in its order) on one
 * line to f, without a newline: --show --json. Returns 0, or -1 on an
 * error. */
int dl_record_print(const dl_record_t *r, FILE *f);

/* The kinds of item of a DL_VALUE_FACETS value (analysis/schema.h). */
enum dl_facet_kind {
	DL_FACET_PERSON = 'P',
	DL_FACET_ORG = 'O',
	DL_FACET_PLACE = 'L',
	DL_FACET_AUTHOR = 'A',
	DL_FACET_SOURCE = 'S',
	DL_FACET_MONTH = 'M',  /* YYYY-MM of its date */
	DL_FACET_LANG = 'G'    /* its language's code */
};
/* The first byte of the value: how the rest is written. */
#define DL_FACETS_FORMAT '\x01'

/* The DL_VALUE_FACETS value of record r (malloc'ed, *len bytes, the
 * caller frees it), or NULL when out of memory. */
char *dl_record_facets_value(const dl_record_t *r, size_t *len);

/* Call fn for each item of a DL_VALUE_FACETS value of len bytes, in its
 * order: kind, the name (NUL-terminated, inside value) and ctx (fn NULL:
 * only check the value). Returns 0, or -1 when value is not such a value
 * (nothing is called). */
int dl_facets_value_each(const char *value, size_t len,
			 void (*fn)(int kind, const char *name, void *ctx), void *ctx);

/* Free a record; NULL is allowed. */
void dl_record_free(dl_record_t *r);

#endif /* DATELINE_RECORD_H */
