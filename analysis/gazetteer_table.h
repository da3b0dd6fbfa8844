/*
 * gazetteer_table.h - the gazetteers as flat tables: places by name (the
 * project's list and Debian's iso-codes), the cities of Debian's
 * libgeonames and the words of an English word list (Debian's wamerican),
 * for gazetteer.c and ner_lists.c.
 *
 * Reading iso-codes' JSON and asking libgeonames for its 24,000 cities
 * cost about 0.4 billion instructions, once per process: more than the
 * tagger spends on 1,000 articles. So the build makes the tables once
 * (tools/gazetteer_gen.c, which calls an_gz_build()) and compiles them into
 * the programs as an_gz_builtin; a process reads them as they are. Only
 * DATELINE_ISO_CODES (another iso-codes folder) makes a process build
 * the places again at run time.
 *
 * Every string is an offset into strings (offset 0 is the empty string,
 * which marks an empty slot). Each table of slots is open addressing over
 * an_hash() of its key with linear probing, its size a power of two.
 */
#ifndef DATELINE_GAZETTEER_TABLE_H
#define DATELINE_GAZETTEER_TABLE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "hash.h"

typedef struct {
	const char *strings;       /* NUL-terminated strings, by offset */
	uint32_t nstrings;         /* bytes of strings */
	const uint32_t *places;    /* 3 per place: name, key, country (two
				      ASCII letters, the first in the low byte) */
	uint32_t nplaces;
	const uint32_t *names;     /* 2 per slot: key of a name, its place */
	uint32_t nnames;           /* slots */
	const uint32_t *firsts;    /* 2 per slot: first word of names, most
				      words of a name starting with it */
	uint32_t nfirsts;          /* slots */
	uint32_t max_words;        /* most words of a name */
	const uint32_t *cities;    /* 1 per slot: a city's normalised name */
	uint32_t ncities;          /* slots */
	const uint32_t *city_firsts; /* as firsts, for cities */
	uint32_t ncity_firsts;     /* slots */
	uint32_t city_max_words;
	const uint32_t *words;     /* 2 per slot: a word of the English word
				      list (folded), AN_GZ_WORD_ bits */
	uint32_t nwords;           /* slots */
	int iso_ok;                /* iso-codes was read */
	int words_ok;              /* the word list was read */
} an_gz_table_t;

/* How the word list writes a word: in lower case ("meanwhile", "study"),
 * capitalised ("Amazon", "Eriksson"); both bits for some ("Polish"). */
enum { AN_GZ_WORD_LOWER = 1, AN_GZ_WORD_CAPITAL = 2 };

/* The English word list the build reads (Debian's wamerican). */
#define AN_WORD_LIST "/usr/share/dict/american-english"

/* The tables the build made (generated: build/.../gen/gazetteer_table.c). */
extern const an_gz_table_t an_gz_builtin;

/* Which parts an_gz_build() makes. */
enum { AN_GZ_PLACES = 1, AN_GZ_CITIES = 2, AN_GZ_WORDS = 4 };

/*
 * Build the tables of parts (AN_GZ_PLACES: the project's list and the
 * iso-codes JSON of iso_dir; AN_GZ_CITIES: libgeonames' cities;
 * AN_GZ_WORDS: the words of AN_WORD_LIST, one a line) into *t, every
 * array malloc'ed (freed with an_gz_free()). Returns 0, or -1 when memory
 * ran out. An iso_dir that cannot be read leaves t->iso_ok 0 and the
 * project's list alone; a word list that cannot be read leaves
 * t->words_ok 0.
 */
int an_gz_build(const char *iso_dir, int parts, an_gz_table_t *t);
void an_gz_free(an_gz_table_t *t);

/* Write t as C source defining an_gz_builtin to f. Returns 0, or -1 on a
 * write error. */
int an_gz_write_c(const an_gz_table_t *t, FILE *f);

/* The slot of key (len bytes) in slots (n of them, stride numbers each, the
 * key first): the one holding it, or the empty one where it would go. */
static inline size_t an_gz_slot(const an_gz_table_t *t, const uint32_t *slots, size_t n,
				size_t stride, const char *key, size_t len)
{
	size_t s = an_hash(AN_HASH_START, key, len) & (n - 1);
	while (slots[s * stride]) {
		const char *k = t->strings + slots[s * stride];
		if (strncmp(k, key, len) == 0 && k[len] == '\0')
			break;
		s = (s + 1) & (n - 1);
	}
	return s;
}

#endif /* DATELINE_GAZETTEER_TABLE_H */
