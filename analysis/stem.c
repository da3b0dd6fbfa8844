/* stem.c - Snowball stemming through libstemmer_c (see stem.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libstemmer.h>

#include "hash.h"
#include "stem.h"

/*
 * Stems remembered, per stemmer: news text repeats its words (Zipf), and a
 * Snowball call costs several times a lookup here (callgrind, one Reuters
 * file: 9% of indexing was in the stemmer). Direct-mapped: a word takes
 * the slot its hash names, replacing what was there. 32,768 slots (1.6
 * MB): with 8,192, dateline-serve's snippets still called Snowball for
 * 10% of their words once warm (Reuters' vocabulary is larger); a warm
 * new search 6.48 -> 6.32 M instructions, indexing one Reuters file
 * 4,353 -> 4,336 M, its peak RSS unchanged (65 MB).
 */
#define STEM_CACHE_SLOTS 32768 /* a power of two */
#define STEM_CACHE_WORD 24    /* longer words (and stems) are not kept */
/* The cache is made at the stemmer's STEM_CACHE_AFTER-th word: a stemmer
 * made for a few words (a query's other languages, made per query) would
 * calloc a cache it never fills (400 KB at the time; 1,000 Reuters
 * queries in four extra languages: 8,600 page faults and 6% of the CPU
 * time). */
#define STEM_CACHE_AFTER 64

typedef struct {
	unsigned char wlen, slen; /* wlen 0: empty slot */
	char word[STEM_CACHE_WORD];
	char stem[STEM_CACHE_WORD];
} stem_slot_t;

struct an_stemmer {
	struct sb_stemmer *sb;  /* NULL: "none", words are their own stems */
	char language[32];
	stem_slot_t *cache;     /* STEM_CACHE_SLOTS, allocated at the
				   STEM_CACHE_AFTER-th word */
	unsigned words;         /* stemmed so far, up to STEM_CACHE_AFTER */
};

an_stemmer_t *an_stemmer_new(const char *language)
{
	an_stemmer_t *st = malloc(sizeof(*st));
	if (!st)
		return NULL;
	st->sb = NULL;
	st->cache = NULL;
	st->words = 0;
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
	free(st->cache);
	free(st);
}

const char *an_stem(an_stemmer_t *st, const char *word, size_t len,
		    size_t *out_len)
{
	*out_len = len;
	if (!st->sb)
		return word;
	stem_slot_t *slot = NULL;
	if (len < STEM_CACHE_WORD) {
		if (!st->cache && ++st->words >= STEM_CACHE_AFTER)
			st->cache = calloc(STEM_CACHE_SLOTS, sizeof(*st->cache));
		if (st->cache) {
			slot = &st->cache[an_hash(AN_HASH_START, word, len) &
					  (STEM_CACHE_SLOTS - 1)];
			if (slot->wlen == len && memcmp(slot->word, word, len) == 0) {
				*out_len = slot->slen;
				return slot->stem;
			}
		}
	}
	const sb_symbol *s = sb_stemmer_stem(st->sb, (const sb_symbol *)word,
					     (int)len);
	if (!s)
		return word;
	*out_len = (size_t)sb_stemmer_length(st->sb);
	if (slot && *out_len < STEM_CACHE_WORD) {
		slot->wlen = (unsigned char)len;
		slot->slen = (unsigned char)*out_len;
		memcpy(slot->word, word, len);
		memcpy(slot->stem, s, *out_len);
		slot->stem[*out_len] = '\0';
		return slot->stem;
	}
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
