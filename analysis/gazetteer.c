/* gazetteer.c - places by name, normal forms of names (see gazetteer.h). */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gazetteer.h"
#include "gazetteer_table.h"
#include "tokenize.h"

/* Longest normal form kept for a name, in bytes. */
#define MAX_KEY 128

static struct {
	const an_gz_table_t *t;  /* an_gz_builtin, or built at run time */
	an_gz_table_t built;
	an_place_t *places;      /* t's places, as an_place_t */
} gz;

static pthread_once_t gz_once = PTHREAD_ONCE_INIT;

/* The tables the build made, unless DATELINE_ISO_CODES names another
 * iso-codes folder: then the places are made again from it (the cities,
 * ner_lists.c's, are the build's all the same). */
static void load(void)
{
	const char *dir = getenv("DATELINE_ISO_CODES");
	gz.t = &an_gz_builtin;
	if (dir && *dir && an_gz_build(dir, AN_GZ_PLACES, &gz.built) == 0)
		gz.t = &gz.built;
	gz.places = calloc(gz.t->nplaces ? gz.t->nplaces : 1, sizeof(*gz.places));
	if (!gz.places)
		return;
	for (uint32_t i = 0; i < gz.t->nplaces; i++) {
		const uint32_t *p = &gz.t->places[3 * i];
		gz.places[i].name = gz.t->strings + p[0];
		gz.places[i].key = gz.t->strings + p[1];
		gz.places[i].country[0] = (char)(p[2] & 0xff);
		gz.places[i].country[1] = (char)(p[2] >> 8 & 0xff);
	}
}

int an_gazetteer_load(void)
{
	pthread_once(&gz_once, load);
	return gz.places && gz.t->iso_ok ? 0 : -1;
}

/* The tables of places this process reads. */
static const an_gz_table_t *current(void)
{
	pthread_once(&gz_once, load);
	return gz.t;
}

const an_place_t *an_place_lookup(const char *key)
{
	an_gazetteer_load();
	if (!gz.places)
		return NULL;
	const an_gz_table_t *t = gz.t;
	size_t s = an_gz_slot(t, t->names, t->nnames, 2, key, strlen(key));
	return t->names[2 * s] ? &gz.places[t->names[2 * s + 1]] : NULL;
}

const an_place_t *an_place_find(const char *text, size_t len)
{
	char key[MAX_KEY];
	if (an_place_key(text, len, key, sizeof(key)) == 0)
		return NULL;
	return an_place_lookup(key);
}

size_t an_place_words_from(const char *word, size_t len)
{
	const an_gz_table_t *t = current();
	size_t s = an_gz_slot(t, t->firsts, t->nfirsts, 2, word, len);
	return t->firsts[2 * s] ? t->firsts[2 * s + 1] : 0;
}

size_t an_place_max_words(void)
{
	return current()->max_words;
}

size_t an_person_key(const char *name, size_t len, char *out, size_t outsz)
{
	size_t n = an_normalise(name, len, out, outsz);
	/* Fold -ey/-ei endings of words before the surname: Sergey/Sergei,
	 * Alexey/Alexei, Andrey/Andrei are one name transliterated twice. */
	char *last_space = strrchr(out, ' ');
	for (char *w = out; last_space && w < last_space;) {
		char *end = strchr(w, ' ');
		if (end - w >= 5 && end[-2] == 'e' && end[-1] == 'y')
			end[-1] = 'i';
		w = end + 1;
	}
	return n;
}
