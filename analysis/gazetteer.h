/*
 * gazetteer.h - places by name, and the normal forms of names of places
 * and people, shared by indexer (extraction) and searcher (--place,
 * --person, place:, person:).
 *
 * Places come from Debian's iso-codes (countries with their common and
 * official names, subdivisions) and from the project's own list of cities,
 * regions, other names and adjectives (places_data.c). Every name of a
 * place leads to one canonical place, so Kiev and Kyiv, Ukraine's, the
 * Crimea and Crimean are the same place.
 */
#ifndef DATELINE_GAZETTEER_H
#define DATELINE_GAZETTEER_H

#include <stddef.h>

/* Where iso-codes keeps its JSON files; DATELINE_ISO_CODES overrides. */
#define AN_ISO_CODES_DIR "/usr/share/iso-codes/json"

typedef struct {
	const char *name;     /* canonical, for people: "Crimea" */
	const char *key;      /* normal form, for terms: "crimea" */
	char country[3];      /* ISO 3166-1 alpha-2 ("UA"), "XX" for none */
} an_place_t;

/* Load the gazetteer once (thread-safe): the tables the build made from
 * iso-codes, or, when DATELINE_ISO_CODES is set, the places made again
 * from the iso-codes there. Returns 0, or -1 when iso-codes could not be
 * read (the project's own list is there all the same). */
int an_gazetteer_load(void);

/* The place whose normalised name (folded words joined by one space, as
 * an_normalise() writes) is key, or NULL. */
const an_place_t *an_place_lookup(const char *key);

/* The place named by free text ("Kiev", "the Crimea", "Ukraine's"), or
 * NULL. */
const an_place_t *an_place_find(const char *text, size_t len);

/* The most words in one name of a place. */
size_t an_place_max_words(void);

/* The most words in a name of a place that starts with this folded word
 * (len bytes); 0 when none does. */
size_t an_place_words_from(const char *word, size_t len);

/*
 * The normal form of a person's name, for XPER terms and --person: folded
 * words joined by spaces, with the transliteration variants of first names
 * folded ("Sergey Lavrov" and "Sergei Lavrov" -> "sergei lavrov"). Writes
 * into out (outsz bytes) and returns the length; 0 when nothing is left.
 */
size_t an_person_key(const char *name, size_t len, char *out, size_t outsz);

#endif /* DATELINE_GAZETTEER_H */
