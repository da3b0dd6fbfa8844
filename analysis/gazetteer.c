/* gazetteer.c - places by name, normal forms of names (see gazetteer.h). */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "gazetteer.h"
#include "hash.h"
#include "places_data.h"
#include "tokenize.h"

/* Longest normal form kept for a name, in bytes. */
#define MAX_KEY 128

/* One name leading to a place. */
typedef struct {
	char *key;
	size_t place;
} name_t;

/* The first word of names: how many words the longest name it starts
 * has. */
typedef struct {
	char *word;
	size_t words;
} first_t;

static struct {
	an_place_t *places;
	size_t nplaces, cap;
	name_t *names;           /* open addressing, nslots entries */
	size_t nslots, nnames;
	size_t max_words;
	first_t *firsts;         /* open addressing, nfslots entries */
	size_t nfslots, nfirsts;
	int iso_ok;
} gz;

static pthread_once_t gz_once = PTHREAD_ONCE_INIT;

static uint64_t hash(const char *s)
{
	return an_hash(AN_HASH_START, s, strlen(s));
}

/* The normal form of a place name: folded words, and a final possessive
 * "'s" dropped ("Ukraine's" -> "ukraine"). */
static size_t place_key(const char *text, size_t len, char *out, size_t outsz)
{
	size_t n = an_normalise(text, len, out, outsz);
	if (n >= 2 && out[n - 2] == '\'' && out[n - 1] == 's') {
		n -= 2;
		out[n] = '\0';
	}
	return n;
}

static size_t find_slot(const char *key)
{
	size_t s = hash(key) & (gz.nslots - 1);
	while (gz.names[s].key && strcmp(gz.names[s].key, key) != 0)
		s = (s + 1) & (gz.nslots - 1);
	return s;
}

static size_t first_slot(const char *w, size_t len)
{
	size_t s = an_hash(AN_HASH_START, w, len) & (gz.nfslots - 1);
	while (gz.firsts[s].word &&
	       (strncmp(gz.firsts[s].word, w, len) != 0 || gz.firsts[s].word[len] != '\0'))
		s = (s + 1) & (gz.nfslots - 1);
	return s;
}

/* Note that a name of words words starts with key's first word. */
static void add_first(const char *key, size_t words)
{
	if ((gz.nfirsts + 1) * 2 > gz.nfslots) {
		size_t old = gz.nfslots;
		first_t *f = gz.firsts;
		gz.nfslots = old ? old * 2 : 4096;
		gz.firsts = calloc(gz.nfslots, sizeof(*gz.firsts));
		if (!gz.firsts) {
			gz.firsts = f;
			gz.nfslots = old;
			return;
		}
		for (size_t i = 0; i < old; i++)
			if (f[i].word)
				gz.firsts[first_slot(f[i].word, strlen(f[i].word))] = f[i];
		free(f);
	}
	size_t len = strcspn(key, " ");
	size_t s = first_slot(key, len);
	if (!gz.firsts[s].word) {
		gz.firsts[s].word = strndup(key, len);
		if (!gz.firsts[s].word)
			return;
		gz.nfirsts++;
	}
	if (words > gz.firsts[s].words)
		gz.firsts[s].words = words;
}

static int grow(void)
{
	size_t old = gz.nslots;
	name_t *names = gz.names;
	gz.nslots = old ? old * 2 : 4096;
	gz.names = calloc(gz.nslots, sizeof(*gz.names));
	if (!gz.names)
		return -1;
	for (size_t i = 0; i < old; i++)
		if (names[i].key)
			gz.names[find_slot(names[i].key)] = names[i];
	free(names);
	return 0;
}

/* Let name lead to place (the first place to claim a name keeps it). */
static void add_name(const char *name, size_t len, size_t place)
{
	char key[MAX_KEY];
	if (place_key(name, len, key, sizeof(key)) == 0)
		return;
	if ((gz.nnames + 1) * 2 > gz.nslots && grow() < 0)
		return;
	size_t s = find_slot(key);
	if (gz.names[s].key)
		return;
	gz.names[s].key = strdup(key);
	if (!gz.names[s].key)
		return;
	gz.names[s].place = place;
	gz.nnames++;
	size_t words = 1;
	for (const char *p = key; *p; p++)
		words += *p == ' ';
	if (words > gz.max_words)
		gz.max_words = words;
	add_first(key, words);
}

/* A new place; returns its index or (size_t)-1. */
static size_t add_place(const char *name, size_t len, const char *country)
{
	char key[MAX_KEY];
	if (place_key(name, len, key, sizeof(key)) == 0)
		return (size_t)-1;
	if (gz.nplaces == gz.cap) {
		size_t cap = gz.cap ? 2 * gz.cap : 512;
		an_place_t *p = realloc(gz.places, cap * sizeof(*p));
		if (!p)
			return (size_t)-1;
		gz.places = p;
		gz.cap = cap;
	}
	an_place_t *p = &gz.places[gz.nplaces];
	p->name = strndup(name, len);
	p->key = strdup(key);
	if (!p->name || !p->key)
		return (size_t)-1;
	snprintf(p->country, sizeof(p->country), "%s", country);
	add_name(name, len, gz.nplaces);
	return gz.nplaces++;
}

/* The project's list: "canonical|CC|name;name". */
static void load_project_list(void)
{
	for (const char *const *l = an_places_data; *l; l++) {
		const char *bar1 = strchr(*l, '|');
		const char *bar2 = bar1 ? strchr(bar1 + 1, '|') : NULL;
		if (!bar2)
			continue;
		char cc[3];
		snprintf(cc, sizeof(cc), "%.*s", (int)(bar2 - bar1 - 1), bar1 + 1);
		size_t place = add_place(*l, (size_t)(bar1 - *l), cc);
		if (place == (size_t)-1)
			continue;
		for (const char *a = bar2 + 1; *a;) {
			const char *semi = strchr(a, ';');
			size_t n = semi ? (size_t)(semi - a) : strlen(a);
			add_name(a, n, place);
			a += n + (semi != NULL);
		}
	}
}

/* The first place of the project list in country cc (its country entry). */
static size_t country_place(const char *cc)
{
	for (size_t i = 0; i < gz.nplaces; i++)
		if (strcmp(gz.places[i].country, cc) == 0)
			return i;
	return (size_t)-1;
}

static const char *jstr(json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

/* A subdivision name that is safe to look for: several words, or one long
 * word (single short names such as "Split" or "Nice" are also words). */
static int safe_subdivision(const char *name)
{
	return strchr(name, ' ') || strlen(name) >= 6;
}

static int load_iso_codes(const char *dir)
{
	char path[512];
	json_t *root, *list;
	size_t i;
	json_t *c;

	snprintf(path, sizeof(path), "%s/iso_3166-1.json", dir);
	root = json_load_file(path, 0, NULL);
	list = json_object_get(root, "3166-1");
	if (!json_is_array(list)) {
		json_decref(root);
		return -1;
	}
	json_array_foreach(list, i, c) {
		const char *cc = jstr(c, "alpha_2");
		const char *name = jstr(c, "common_name") ? jstr(c, "common_name") : jstr(c, "name");
		if (!cc || !name)
			continue;
		size_t place = country_place(cc);
		if (place == (size_t)-1)
			place = add_place(name, strlen(name), cc);
		if (place == (size_t)-1)
			continue;
		static const char *const keys[] = { "name", "common_name", "official_name" };
		for (size_t k = 0; k < 3; k++)
			if (jstr(c, keys[k]))
				add_name(jstr(c, keys[k]), strlen(jstr(c, keys[k])), place);
	}
	json_decref(root);

	snprintf(path, sizeof(path), "%s/iso_3166-2.json", dir);
	root = json_load_file(path, 0, NULL);
	list = json_object_get(root, "3166-2");
	json_array_foreach(list, i, c) {
		const char *code = jstr(c, "code"), *name = jstr(c, "name");
		if (!code || !name || strlen(code) < 2 || !safe_subdivision(name))
			continue;
		char cc[3] = { code[0], code[1], '\0' };
		char key[MAX_KEY];
		if (place_key(name, strlen(name), key, sizeof(key)) == 0 ||
		    gz.names[find_slot(key)].key)
			continue;
		add_place(name, strlen(name), cc);
	}
	json_decref(root);
	return 0;
}

static void load(void)
{
	const char *dir = getenv("DATELINE_ISO_CODES");
	load_project_list();
	gz.iso_ok = load_iso_codes(dir && *dir ? dir : AN_ISO_CODES_DIR) == 0;
}

int an_gazetteer_load(void)
{
	pthread_once(&gz_once, load);
	return gz.iso_ok ? 0 : -1;
}

const an_place_t *an_place_lookup(const char *key)
{
	an_gazetteer_load();
	if (!gz.nslots)
		return NULL;
	size_t s = find_slot(key);
	return gz.names[s].key ? &gz.places[gz.names[s].place] : NULL;
}

const an_place_t *an_place_find(const char *text, size_t len)
{
	char key[MAX_KEY];
	if (place_key(text, len, key, sizeof(key)) == 0)
		return NULL;
	return an_place_lookup(key);
}

size_t an_place_words_from(const char *word, size_t len)
{
	an_gazetteer_load();
	if (!gz.nfslots)
		return 0;
	return gz.firsts[first_slot(word, len)].words;
}

size_t an_place_max_words(void)
{
	an_gazetteer_load();
	return gz.max_words;
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
