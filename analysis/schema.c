/* schema.c - the table of searchable text fields (see schema.h). */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

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
