/* stem.c - Snowball stemming through libstemmer_c (see stem.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libstemmer.h>

#include "stem.h"

struct an_stemmer {
	struct sb_stemmer *sb;  /* NULL: "none", words are their own stems */
	char language[32];
};

an_stemmer_t *an_stemmer_new(const char *language)
{
	an_stemmer_t *st = malloc(sizeof(*st));
	if (!st)
		return NULL;
	st->sb = NULL;
	snprintf(st->language, sizeof(st->language), "%s", language);
	if (strcmp(language, "none") == 0)
		return st;
	st->sb = sb_stemmer_new(language, "UTF_8");
	if (!st->sb) {
		free(st);
		return NULL;
	}
	return st;
}

void an_stemmer_destroy(an_stemmer_t *st)
{
	if (!st)
		return;
	if (st->sb)
		sb_stemmer_delete(st->sb);
	free(st);
}

const char *an_stem(an_stemmer_t *st, const char *word, size_t len,
		    size_t *out_len)
{
	*out_len = len;
	if (!st->sb)
		return word;
	const sb_symbol *s = sb_stemmer_stem(st->sb, (const sb_symbol *)word,
					     (int)len);
	if (!s)
		return word;
	*out_len = (size_t)sb_stemmer_length(st->sb);
	return (const char *)s;
}

const char **an_stem_languages(void)
{
	return sb_stemmer_list();
}

const char *an_stemmer_language(const an_stemmer_t *st)
{
	return st->language;
}
