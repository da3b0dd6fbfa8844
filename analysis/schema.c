/* schema.c - the index schema's table of fields and its lookups, the id
 * and digest terms, and the check of an index's schema (see schema.h). */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../shim/dx.h"
#include "hash.h"
#include "schema.h"

/* The rows are in the order of the stored record's keys; the text fields
 * (title, author, place, body) are indexed in this order, DL_FIELD_GAP
 * positions apart. */
const dl_field_t dl_fields[DL_NFIELDS] = {
	[DL_F_ID] = { "id", DL_PREFIX_ID, DL_KEY_ID, DL_FIELD_BOOLEAN | DL_FIELD_QUERY,
		      DL_NO_SLOT, 0, 0, "the article's id" },
	[DL_F_TITLE] = { "title", DL_PREFIX_TITLE, DL_KEY_TITLE,
			 DL_FIELD_TEXT | DL_FIELD_FREE_TEXT | DL_FIELD_WEIGHTED |
			 DL_FIELD_BOOSTABLE | DL_FIELD_QUERY,
			 DL_NO_SLOT, DL_TITLE_WEIGHT, 0, "the title" },
	[DL_F_AUTHOR] = { "author", DL_PREFIX_AUTHOR, DL_KEY_AUTHOR,
			  DL_FIELD_TEXT | DL_FIELD_FREE_TEXT | DL_FIELD_WEIGHTED |
			  DL_FIELD_BOOSTABLE | DL_FIELD_QUERY,
			  DL_NO_SLOT, DL_AUTHOR_WEIGHT, 0, "the authors" },
	[DL_F_DATE] = { "date", DL_PREFIX_DAY, DL_KEY_DATE,
			DL_FIELD_BOOLEAN | DL_FIELD_RANGE | DL_FIELD_QUERY,
			DL_VALUE_DATE, 0, 0, "the date (YYYY[-MM[-DD]])" },
	[DL_F_PLACE] = { "place", DL_PREFIX_PLACE, DL_KEY_PLACE,
			 DL_FIELD_TEXT | DL_FIELD_BOOSTABLE | DL_FIELD_QUERY | DL_FIELD_MENTIONS,
			 DL_NO_SLOT, 0, DL_F_PLACES, "the dateline, or a place mentioned" },
	[DL_F_SOURCE] = { "source", DL_PREFIX_SOURCE, DL_KEY_SOURCE,
			  DL_FIELD_BOOLEAN | DL_FIELD_FOLDED | DL_FIELD_QUERY,
			  DL_NO_SLOT, 0, 0, "the source" },
	[DL_F_URL] = { "url", NULL, DL_KEY_URL, 0, DL_NO_SLOT, 0, 0, "the URL" },
	[DL_F_FORMAT] = { "format", DL_PREFIX_FORMAT, DL_KEY_FORMAT, DL_FIELD_BOOLEAN,
			  DL_NO_SLOT, 0, 0, "the format it was read as" },
	[DL_F_LANGUAGE] = { "lang", DL_PREFIX_LANGUAGE, DL_KEY_LANGUAGE,
			    DL_FIELD_BOOLEAN | DL_FIELD_QUERY, DL_NO_SLOT, 0, 0,
			    "the language (a code: en, fr, de...)" },
	[DL_F_BODY] = { "body", NULL, DL_KEY_BODY, DL_FIELD_FREE_TEXT, DL_NO_SLOT, 1, 0,
			"the text" },
	[DL_F_PERSONS] = { "person", DL_PREFIX_PERSON, DL_KEY_PERSONS,
			   DL_FIELD_ENTITY | DL_FIELD_LIST | DL_FIELD_QUERY,
			   DL_NO_SLOT, 0, 0, "a person mentioned" },
	[DL_F_ORGS] = { "org", DL_PREFIX_ORG, DL_KEY_ORGS,
			DL_FIELD_ENTITY | DL_FIELD_LIST | DL_FIELD_QUERY,
			DL_NO_SLOT, 0, 0, "an organisation mentioned" },
	[DL_F_PLACES] = { "places", DL_PREFIX_LOCATION, DL_KEY_PLACES,
			  DL_FIELD_ENTITY | DL_FIELD_LIST, DL_NO_SLOT, 0, 0,
			  "a place mentioned" },
	[DL_F_SURNAME] = { "surname", DL_PREFIX_SURNAME, NULL, DL_FIELD_ENTITY,
			   DL_NO_SLOT, 0, 0, "the surname of a person mentioned" },
	[DL_F_FILE] = { "file", DL_PREFIX_FILE, NULL, DL_FIELD_BOOLEAN, DL_NO_SLOT, 0, 0,
			"the file it was read from" },
	[DL_F_DIGEST] = { "digest", DL_PREFIX_DIGEST, NULL, DL_FIELD_BOOLEAN,
			  DL_VALUE_DIGEST_ID, 0, 0, "the digest of its title and body" },
	[DL_F_MONTH] = { "month", DL_PREFIX_MONTH, NULL, DL_FIELD_BOOLEAN, DL_NO_SLOT, 0, 0,
			 "the month of its date" },
	[DL_F_YEAR] = { "year", DL_PREFIX_YEAR, NULL, DL_FIELD_BOOLEAN, DL_NO_SLOT, 0, 0,
			"the year of its date" },
	[DL_F_SIZE] = { "size", NULL, NULL, 0, DL_VALUE_SIZE, 0, 0, "the file's size" },
	[DL_F_MTIME] = { "mtime", NULL, NULL, 0, DL_VALUE_MTIME, 0, 0,
			 "the file's modification time" },
	[DL_F_ROOT] = { "root", NULL, NULL, 0, DL_VALUE_ROOT, 0, 0,
			"the folder it was indexed from" },
};

const dl_field_t *dl_field_by_name(const char *name, size_t len, unsigned flags)
{
	for (size_t i = 0; i < DL_NFIELDS; i++) {
		const dl_field_t *f = &dl_fields[i];
		if ((f->flags & flags) == flags && strlen(f->name) == len &&
		    strncasecmp(f->name, name, len) == 0)
			return f;
	}
	return NULL;
}

const dl_field_t *dl_field_by_prefix(const char *prefix)
{
	for (size_t i = 0; i < DL_NFIELDS; i++)
		if (dl_fields[i].prefix && strcmp(dl_fields[i].prefix, prefix) == 0)
			return &dl_fields[i];
	return NULL;
}

enum dl_field_id dl_field_id(const dl_field_t *f)
{
	return (enum dl_field_id)(f - dl_fields);
}

char *dl_field_names(unsigned flags, char *buf, size_t size)
{
	size_t used = 0;
	if (size)
		buf[0] = '\0';
	for (size_t i = 0; i < DL_NFIELDS && size; i++) {
		if ((dl_fields[i].flags & flags) != flags)
			continue;
		int n = snprintf(buf + used, size - used, "%s%s", used ? ", " : "",
				 dl_fields[i].name);
		if (n < 0 || (size_t)n >= size - used) {
			buf[used] = '\0';  /* no name cut in the middle */
			break;
		}
		used += (size_t)n;
	}
	return buf;
}

const dl_field_t *dl_field_find(const char *name, size_t len)
{
	return dl_field_by_name(name, len, DL_FIELD_TEXT | DL_FIELD_QUERY);
}

/* Ids longer than this are cut and followed by a hash of the whole id;
 * leaves room for the prefix and the hash under Xapian's term limit. */
#define MAX_ID_TERM_BYTES 200

void dl_id_term(const char *prefix, const char *id, char *buf)
{
	size_t len = strlen(id);
	if (len <= MAX_ID_TERM_BYTES) {
		snprintf(buf, DL_MAX_TERM_BYTES + 1, "%s%s", prefix, id);
		return;
	}
	uint64_t h = an_hash(AN_HASH_START, id, len);
	snprintf(buf, DL_MAX_TERM_BYTES + 1, "%s%.*s#%016llx", prefix,
		 MAX_ID_TERM_BYTES - 20, id, (unsigned long long)h);
}

int dl_value_digest_term(const char *value, size_t len, char *buf)
{
	if (len < DL_DIGEST_HEX)
		return -1;
	snprintf(buf, DL_MAX_TERM_BYTES + 1, "%s%.*s", DL_PREFIX_DIGEST, DL_DIGEST_HEX, value);
	return 0;
}

const char *dl_value_id(const char *value, size_t len)
{
	return len > DL_DIGEST_HEX ? value + DL_DIGEST_HEX : NULL;
}

int dl_schema_check(struct dx_db *db, const char *language, char **found)
{
	char *schema = NULL;
	*found = NULL;
	if (dx_db_get_metadata(db, DL_META_SCHEMA, &schema) != DX_OK)
		return -1;
	if (strcmp(schema, DL_SCHEMA_VERSION) == 0 || !*language) {
		free(schema);
		return 1;
	}
	if (!*schema) {
		free(schema);
		schema = strdup("1");
	}
	*found = schema;
	return 0;
}

static const struct {
	const char *name, *prefix;
	unsigned bit;
} has_fields[] = {
	{ "title", DL_PREFIX_STEM DL_PREFIX_TITLE, DL_HAS_TITLE },
	{ "author", DL_PREFIX_STEM DL_PREFIX_AUTHOR, DL_HAS_AUTHOR },
	{ "place", DL_PREFIX_STEM DL_PREFIX_PLACE, DL_HAS_PLACE },
};
#define NHAS (sizeof(has_fields) / sizeof(has_fields[0]))

static int stop_at_first(const char *term, size_t len, uint32_t freq, void *ctx)
{
	(void)term; (void)len; (void)freq;
	*(int *)ctx = 1;
	return 1;
}

int dl_fields_scan(struct dx_db *db, unsigned *mask)
{
	*mask = 0;
	for (size_t i = 0; i < NHAS; i++) {
		int any = 0;
		if (dx_db_each_vocab(db, has_fields[i].prefix, stop_at_first, &any) != DX_OK)
			return -1;
		if (any)
			*mask |= has_fields[i].bit;
	}
	return 0;
}

void dl_fields_format(unsigned mask, char buf[DL_FIELDS_BYTES])
{
	size_t at = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < NHAS; i++)
		at += (size_t)snprintf(buf + at, DL_FIELDS_BYTES - at, "%s%s=%d", i ? " " : "",
				       has_fields[i].name, (mask & has_fields[i].bit) != 0);
}

int dl_fields_parse(const char *value, unsigned *mask)
{
	*mask = 0;
	const char *p = value;
	for (size_t i = 0; i < NHAS; i++) {
		size_t n = strlen(has_fields[i].name);
		if (i && *p++ != ' ')
			return -1;
		if (strncmp(p, has_fields[i].name, n) != 0 || p[n] != '=' ||
		    (p[n + 1] != '0' && p[n + 1] != '1'))
			return -1;
		if (p[n + 1] == '1')
			*mask |= has_fields[i].bit;
		p += n + 2;
	}
	return *p ? -1 : 0;
}

int dl_fields_stamp(struct dx_db *db)
{
	unsigned mask;
	char buf[DL_FIELDS_BYTES];
	if (dl_fields_scan(db, &mask) < 0)
		return -1;
	dl_fields_format(mask, buf);
	return dx_db_set_metadata(db, DL_META_FIELDS, buf) == DX_OK ? 0 : -1;
}
