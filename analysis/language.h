/*
 * language.h - the language of an article.
 *
 * Languages are named by their ISO 639-1 code ("en", "fr"): the article's
 * "language", the XLANG term (lang:fr) and the facet. Each is one that
 * Snowball stems (lang_stemmer_name gives its stemmer).
 */
#ifndef DATELINE_LANGUAGE_H
#define DATELINE_LANGUAGE_H

#include <stddef.h>

/* Room for a code and its NUL. */
#define LANG_CODE_BYTES 4

/*
 * The code of a language as a header, an HTML lang attribute or a feed
 * writes it ("fr-FR", "French", "fra", "en_GB"), into buf; returns buf,
 * or NULL when it names none of the languages Snowball stems.
 */
const char *lang_normalise(const char *s, size_t len, char buf[LANG_CODE_BYTES]);

/* Snowball's name of a code's stemmer ("fr" gives "french"), or NULL. */
const char *lang_stemmer_name(const char *code);

/* The code of a stemmer's language ("english" or "en" gives "en"), or
 * NULL (none, or a language without a code here). The result is static. */
const char *lang_code_of_stemmer(const char *name);

/* A detector: one per thread (libexttextcat's handle keeps state while
 * classifying). NULL when its models cannot be loaded. */
typedef struct lang_detector lang_detector_t;
lang_detector_t *lang_detector_new(void);
void lang_detector_destroy(lang_detector_t *d);

/* The language of len bytes of UTF-8 text (a static code), or NULL when
 * the text is too short or like none of the candidates. When several
 * languages fit about as well and prefer (a code, or NULL) is one of them,
 * prefer is the answer. */
const char *lang_detect(lang_detector_t *d, const char *text, size_t len, const char *prefer);

#endif /* DATELINE_LANGUAGE_H */
