/*
 * clean.c - the one boundary every article crosses before its document is
 * built (see article_clean() in article.h).
 */
#include <stdlib.h>
#include <string.h>

#include "../util/utf8.h"
#include "article.h"

/* Make *field clean (utf8.h) in place. Returns 0 or -1 (out of memory). */
static int clean_field(char **field, unsigned flags, utf8_fixes_t *fixes)
{
	if (!*field || utf8_is_clean(*field, strlen(*field), flags))
		return 0;
	char *s;
	if (utf8_clean(*field, strlen(*field), flags, &s, NULL, fixes) < 0)
		return -1;
	free(*field);
	*field = s;
	return 0;
}

int article_clean(article_t *a, utf8_fixes_t *fixes)
{
	char **one_line[] = { &a->title, &a->author, &a->date, &a->place,
			      &a->source, &a->url, &a->language };
	for (size_t i = 0; i < sizeof(one_line) / sizeof(one_line[0]); i++)
		if (clean_field(one_line[i], 0, fixes) < 0)
			return -1;
	return clean_field(&a->body, UTF8_KEEP_LINES, fixes);
}
