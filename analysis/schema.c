/* schema.c - the table of searchable text fields (see schema.h). */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <stdlib.h>

#include "../shim/dx.h"
#include "hash.h"
#include "schema.h"

const dl_field_t dl_text_fields[] = {
	{ "title", DL_PREFIX_TITLE },
	{ "author", DL_PREFIX_AUTHOR },
	{ "place", DL_PREFIX_PLACE },
	{ NULL, NULL }
};

const dl_field_t *dl_field_find(const char *name, size_t len)
{
	for (const dl_field_t *f = dl_text_fields; f->name; f++)
		if (strlen(f->name) == len && strncasecmp(f->name, name, len) == 0)
			return f;
	return NULL;
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
