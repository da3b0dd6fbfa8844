/* schema.c - the table of searchable text fields (see schema.h). */
#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "schema.h"

const dl_field_t dl_text_fields[] = {
	{ "title", DL_PREFIX_TITLE, DL_PREFIX_STEM DL_PREFIX_TITLE },
	{ "author", DL_PREFIX_AUTHOR, DL_PREFIX_STEM DL_PREFIX_AUTHOR },
	{ "place", DL_PREFIX_PLACE, DL_PREFIX_STEM DL_PREFIX_PLACE },
	{ NULL, NULL, NULL }
};

const dl_field_t *dl_field_find(const char *name, size_t len)
{
	for (const dl_field_t *f = dl_text_fields; f->name; f++)
		if (strlen(f->name) == len && strncasecmp(f->name, name, len) == 0)
			return f;
	return NULL;
}
