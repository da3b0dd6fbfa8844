/* gazetteer_build.c - make the gazetteers' flat tables from the project's
 * list of places, iso-codes, libgeonames and the English word list, and
 * write them as C (see gazetteer_table.h). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <geonames/geonames.h>
#include <jansson.h>
#include <utf8proc.h>

#include "gazetteer_table.h"
#include "places_data.h"
#include "tokenize.h"

/* Longest normal form kept for a name, in bytes. */
#define MAX_KEY 128
/* Slots of a table when it is made; it doubles when half full. */
#define FIRST_SLOTS 4096

/* A table being made: every array growable. */
typedef struct {
	char *strings;
	size_t nstrings, cap;
	uint32_t *places;
	size_t nplaces, pcap;
	uint32_t *names, *firsts, *cities, *city_firsts, *words;
	size_t nnames, nfirsts, ncities, ncity_firsts, nwords;     /* slots */
	size_t used_names, used_firsts, used_cities, used_city_firsts, used_words;
	size_t max_words, city_max_words;
	int failed;
} builder_t;

/* The offset of a copy of s (len bytes) in the strings; 0 on failure. */
static uint32_t intern(builder_t *b, const char *s, size_t len)
{
	if (b->nstrings + len + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 65536;
		while (b->nstrings + len + 1 > cap)
			cap *= 2;
		char *p = cap <= UINT32_MAX ? realloc(b->strings, cap) : NULL;
		if (!p) {
			b->failed = 1;
			return 0;
		}
		b->strings = p;
		b->cap = cap;
	}
	uint32_t at = (uint32_t)b->nstrings;
	memcpy(b->strings + at, s, len);
	b->strings[at + len] = '\0';
	b->nstrings += len + 1;
	return at;
}

/* The slot of key (len bytes) in a table being made. */
static size_t slot(const builder_t *b, const uint32_t *slots, size_t n, size_t stride,
		   const char *key, size_t len)
{
	an_gz_table_t t = { .strings = b->strings };
	return an_gz_slot(&t, slots, n, stride, key, len);
}

/* Make room for one more key in *slots (n of them, used full): double it
 * when half full, moving every key to its new slot. Returns 0 or -1. */
static int room(builder_t *b, uint32_t **slots, size_t *n, size_t used, size_t stride)
{
	if ((used + 1) * 2 <= *n)
		return 0;
	size_t m = *n ? *n * 2 : FIRST_SLOTS;
	uint32_t *to = calloc(m * stride, sizeof(*to));
	if (!to) {
		b->failed = 1;
		return -1;
	}
	for (size_t i = 0; i < *n; i++) {
		uint32_t k = (*slots)[i * stride];
		if (!k)
			continue;
		const char *key = b->strings + k;
		size_t s = slot(b, to, m, stride, key, strlen(key));
		memcpy(&to[s * stride], &(*slots)[i * stride], stride * sizeof(*to));
	}
	free(*slots);
	*slots = to;
	*n = m;
	return 0;
}

static size_t count_words(const char *key)
{
	size_t words = 1;
	for (const char *p = key; *p; p++)
		words += *p == ' ';
	return words;
}

/* Note that a name of words words starts with key's first word (in the
 * firsts table given). */
static void add_first(builder_t *b, uint32_t **slots, size_t *n, size_t *used,
		      const char *key, size_t words)
{
	size_t len = strcspn(key, " ");
	if (room(b, slots, n, *used, 2) < 0)
		return;
	size_t s = slot(b, *slots, *n, 2, key, len);
	if (!(*slots)[2 * s]) {
		uint32_t w = intern(b, key, len);
		if (!w)
			return;
		(*slots)[2 * s] = w;
		(*used)++;
	}
	if (words > (*slots)[2 * s + 1])
		(*slots)[2 * s + 1] = (uint32_t)words;
}

static int has_name(const builder_t *b, const char *key)
{
	return b->nnames && b->names[2 * slot(b, b->names, b->nnames, 2, key, strlen(key))];
}

/* Let name lead to place (the first place to claim a name keeps it). */
static void add_name(builder_t *b, const char *name, size_t len, size_t place)
{
	char key[MAX_KEY];
	size_t n = an_place_key(name, len, key, sizeof(key));
	if (n == 0 || room(b, &b->names, &b->nnames, b->used_names, 2) < 0)
		return;
	size_t s = slot(b, b->names, b->nnames, 2, key, n);
	if (b->names[2 * s])
		return;
	uint32_t k = intern(b, key, n);
	if (!k)
		return;
	b->names[2 * s] = k;
	b->names[2 * s + 1] = (uint32_t)place;
	b->used_names++;
	size_t words = count_words(key);
	if (words > b->max_words)
		b->max_words = words;
	add_first(b, &b->firsts, &b->nfirsts, &b->used_firsts, key, words);
}

/* A new place; returns its index or (size_t)-1. */
static size_t add_place(builder_t *b, const char *name, size_t len, const char *country)
{
	char key[MAX_KEY];
	size_t n = an_place_key(name, len, key, sizeof(key));
	if (n == 0)
		return (size_t)-1;
	if (b->nplaces == b->pcap) {
		size_t cap = b->pcap ? 2 * b->pcap : 512;
		uint32_t *p = realloc(b->places, cap * 3 * sizeof(*p));
		if (!p) {
			b->failed = 1;
			return (size_t)-1;
		}
		b->places = p;
		b->pcap = cap;
	}
	uint32_t nm = intern(b, name, len), k = intern(b, key, n);
	if (!nm || !k)
		return (size_t)-1;
	uint32_t *p = &b->places[3 * b->nplaces];
	p[0] = nm;
	p[1] = k;
	p[2] = (uint32_t)(unsigned char)country[0] |
	       (country[0] ? (uint32_t)(unsigned char)country[1] << 8 : 0);
	add_name(b, name, len, b->nplaces);
	return b->nplaces++;
}

/* The project's list: "canonical|CC|name;name". */
static void load_project_list(builder_t *b)
{
	for (const char *const *l = an_places_data; *l; l++) {
		const char *bar1 = strchr(*l, '|');
		const char *bar2 = bar1 ? strchr(bar1 + 1, '|') : NULL;
		if (!bar2)
			continue;
		char cc[3];
		snprintf(cc, sizeof(cc), "%.*s", (int)(bar2 - bar1 - 1), bar1 + 1);
		size_t place = add_place(b, *l, (size_t)(bar1 - *l), cc);
		if (place == (size_t)-1)
			continue;
		for (const char *a = bar2 + 1; *a;) {
			const char *semi = strchr(a, ';');
			size_t n = semi ? (size_t)(semi - a) : strlen(a);
			add_name(b, a, n, place);
			a += n + (semi != NULL);
		}
	}
}

/* The first place of the project list in country cc (its country entry). */
static size_t country_place(const builder_t *b, const char *cc)
{
	uint32_t code = (uint32_t)(unsigned char)cc[0] | (uint32_t)(unsigned char)cc[1] << 8;
	for (size_t i = 0; i < b->nplaces; i++)
		if (b->places[3 * i + 2] == code)
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

static int load_iso_codes(builder_t *b, const char *dir)
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
		if (!cc || !name || strlen(cc) != 2)
			continue;
		size_t place = country_place(b, cc);
		if (place == (size_t)-1)
			place = add_place(b, name, strlen(name), cc);
		if (place == (size_t)-1)
			continue;
		static const char *const keys[] = { "name", "common_name", "official_name" };
		for (size_t k = 0; k < 3; k++)
			if (jstr(c, keys[k]))
				add_name(b, jstr(c, keys[k]), strlen(jstr(c, keys[k])), place);
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
		if (an_place_key(name, strlen(name), key, sizeof(key)) == 0 || has_name(b, key))
			continue;
		add_place(b, name, strlen(name), cc);
	}
	json_decref(root);
	return 0;
}

static void add_city(builder_t *b, const char *name)
{
	char key[MAX_KEY];
	size_t n = an_normalise(name, strlen(name), key, sizeof(key));
	if (n == 0 || room(b, &b->cities, &b->ncities, b->used_cities, 1) < 0)
		return;
	size_t s = slot(b, b->cities, b->ncities, 1, key, n);
	if (b->cities[s])
		return;
	if (!(b->cities[s] = intern(b, key, n)))
		return;
	b->used_cities++;
	size_t words = count_words(key);
	if (words > b->city_max_words)
		b->city_max_words = words;
	add_first(b, &b->city_firsts, &b->ncity_firsts, &b->used_city_firsts, key, words);
}

static void load_cities(builder_t *b)
{
	int n = geonames_get_n_cities();
	for (int i = 0; i < n && !b->failed; i++) {
		GeonamesCity *c = geonames_get_city(i);
		if (!c)
			continue;
		const char *name = geonames_city_get_name(c);
		if (name)
			add_city(b, name);
		geonames_city_free(c);
	}
}

/* The words of the English word list, folded as the tokenizer folds
 * them, each with how the list writes it (AN_GZ_WORD_ bits). Possessives
 * ("Kerry's") and entries of more than one token are left out; "I" and
 * its contractions count as written in lower case. Returns
 * 0, or -1 when the list cannot be read. */
static int load_words(builder_t *b, const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	char line[256], key[MAX_KEY];
	while (fgets(line, sizeof(line), f) && !b->failed) {
		size_t len = strcspn(line, "\r\n");
		line[len] = '\0';
		if (len == 0 || (len > 2 && strcmp(line + len - 2, "'s") == 0))
			continue;
		size_t n = an_normalise(line, len, key, sizeof(key));
		if (n == 0 || memchr(key, ' ', n) || room(b, &b->words, &b->nwords, b->used_words, 2) < 0)
			continue;
		utf8proc_int32_t cp = 0;
		utf8proc_iterate((const utf8proc_uint8_t *)line, (utf8proc_ssize_t)len, &cp);
		uint32_t kind = utf8proc_isupper(cp) ? AN_GZ_WORD_CAPITAL : AN_GZ_WORD_LOWER;
		/* The pronoun is written capitalised, and so are its
		 * contractions ("I've", "I'll"): ordinary words all the same. */
		if (line[0] == 'I' && (line[1] == '\0' || line[1] == '\''))
			kind = AN_GZ_WORD_LOWER;
		size_t s = slot(b, b->words, b->nwords, 2, key, n);
		if (!b->words[2 * s]) {
			if (!(b->words[2 * s] = intern(b, key, n)))
				continue;
			b->used_words++;
		}
		b->words[2 * s + 1] |= kind;
	}
	int rc = ferror(f) ? -1 : 0;
	fclose(f);
	return rc;
}

/* An empty table of one slot, so that every lookup can probe. */
static int one_slot(builder_t *b, uint32_t **slots, size_t *n, size_t stride)
{
	if (*n)
		return 0;
	if (!(*slots = calloc(stride, sizeof(**slots)))) {
		b->failed = 1;
		return -1;
	}
	*n = 1;
	return 0;
}

int an_gz_build(const char *iso_dir, int parts, an_gz_table_t *t)
{
	builder_t b = { 0 };
	memset(t, 0, sizeof(*t));
	intern(&b, "", 0);  /* offset 0: the empty string */
	int iso_ok = 0;
	if (parts & AN_GZ_PLACES) {
		load_project_list(&b);
		iso_ok = load_iso_codes(&b, iso_dir) == 0;
	}
	if (parts & AN_GZ_CITIES)
		load_cities(&b);
	int words_ok = 0;
	if (parts & AN_GZ_WORDS)
		words_ok = load_words(&b, AN_WORD_LIST) == 0 && b.used_words > 0;
	one_slot(&b, &b.names, &b.nnames, 2);
	one_slot(&b, &b.firsts, &b.nfirsts, 2);
	one_slot(&b, &b.cities, &b.ncities, 1);
	one_slot(&b, &b.city_firsts, &b.ncity_firsts, 2);
	one_slot(&b, &b.words, &b.nwords, 2);
	t->strings = b.strings;
	t->nstrings = (uint32_t)b.nstrings;
	t->places = b.places;
	t->nplaces = (uint32_t)b.nplaces;
	t->names = b.names;
	t->nnames = (uint32_t)b.nnames;
	t->firsts = b.firsts;
	t->nfirsts = (uint32_t)b.nfirsts;
	t->max_words = (uint32_t)b.max_words;
	t->cities = b.cities;
	t->ncities = (uint32_t)b.ncities;
	t->city_firsts = b.city_firsts;
	t->ncity_firsts = (uint32_t)b.ncity_firsts;
	t->city_max_words = (uint32_t)b.city_max_words;
	t->words = b.words;
	t->nwords = (uint32_t)b.nwords;
	t->iso_ok = iso_ok;
	t->words_ok = words_ok;
	if (b.failed) {
		an_gz_free(t);
		return -1;
	}
	return 0;
}

void an_gz_free(an_gz_table_t *t)
{
	free((void *)t->strings);
	free((void *)t->places);
	free((void *)t->names);
	free((void *)t->firsts);
	free((void *)t->cities);
	free((void *)t->city_firsts);
	free((void *)t->words);
	memset(t, 0, sizeof(*t));
}

/* An array of numbers as a C initialiser. */
static void write_numbers(FILE *f, const char *name, const uint32_t *v, size_t n)
{
	fprintf(f, "static const uint32_t %s[%zu] = {", name, n ? n : 1);
	for (size_t i = 0; i < n; i++)
		fprintf(f, "%s%u,", i % 16 ? "" : "\n", v[i]);
	fprintf(f, "%s\n};\n", n ? "" : "0");
}

int an_gz_write_c(const an_gz_table_t *t, FILE *f)
{
	fprintf(f, "/* Generated by tools/gazetteer_gen.c (the project's list of places,\n"
		   " * iso-codes and libgeonames at build time): not to be edited. */\n"
		   "#include \"analysis/gazetteer_table.h\"\n\n");
	/* The strings as one literal: every byte outside printable ASCII,
	 * and the quote, backslash and '?' (trigraphs), as three octal
	 * digits. */
	fprintf(f, "static const char strings[%u] =", t->nstrings);
	for (uint32_t i = 0; i < t->nstrings; i++) {
		unsigned char c = (unsigned char)t->strings[i];
		if (i % 64 == 0)
			fputs("\n\t\"", f);
		if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '?')
			fprintf(f, "\\%03o", c);
		else
			fputc(c, f);
		if (i % 64 == 63 || i + 1 == t->nstrings)
			fputc('"', f);
	}
	fputs(";\n", f);
	write_numbers(f, "places", t->places, (size_t)t->nplaces * 3);
	write_numbers(f, "names", t->names, (size_t)t->nnames * 2);
	write_numbers(f, "firsts", t->firsts, (size_t)t->nfirsts * 2);
	write_numbers(f, "cities", t->cities, t->ncities);
	write_numbers(f, "city_firsts", t->city_firsts, (size_t)t->ncity_firsts * 2);
	write_numbers(f, "words", t->words, (size_t)t->nwords * 2);
	fprintf(f, "\nconst an_gz_table_t an_gz_builtin = {\n"
		   "\tstrings, %u, places, %u, names, %u, firsts, %u, %u,\n"
		   "\tcities, %u, city_firsts, %u, %u, words, %u, %d, %d\n};\n",
		t->nstrings, t->nplaces, t->nnames, t->nfirsts, t->max_words, t->ncities,
		t->ncity_firsts, t->city_max_words, t->nwords, t->iso_ok, t->words_ok);
	return ferror(f) ? -1 : 0;
}
