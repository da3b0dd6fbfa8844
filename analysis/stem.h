/*
 * stem.h - Snowball stemming through libstemmer_c.
 *
 * One an_stemmer_t per thread: libstemmer's stemmers keep state between
 * calls and must not be shared.
 */
#ifndef DATELINE_STEM_H
#define DATELINE_STEM_H

#include <stddef.h>

typedef struct an_stemmer an_stemmer_t;

/* The language used when none is given. */
#define AN_DEFAULT_LANGUAGE "english"

/*
 * A stemmer for language (a libstemmer name or code: "english", "en",
 * "french", "ru"...), or for no stemming at all when language is "none".
 * Returns NULL when libstemmer does not know the language or memory runs
 * out. The caller owns it and frees it with an_stemmer_destroy().
 */
an_stemmer_t *an_stemmer_new(const char *language);
void an_stemmer_destroy(an_stemmer_t *st);

/*
 * The stem of a folded word of len bytes; *out_len receives its length.
 * The result is owned by the stemmer and valid until its next call. On
 * failure (out of memory) the word itself is returned.
 */
const char *an_stem(an_stemmer_t *st, const char *word, size_t len,
		    size_t *out_len);

/* The language the stemmer was made for (as given to an_stemmer_new). */
const char *an_stemmer_language(const an_stemmer_t *st);

/* The languages libstemmer knows, as a NULL-terminated static list. */
const char **an_stem_languages(void);

#endif /* DATELINE_STEM_H */
