/*
 * ner_lists.h - the project's own word lists for names: common first
 * names, words that make a name an organisation, words of titles that
 * stand before a person's name. Shared by the tagger's features and by the
 * normal forms of names (titles are not part of a name).
 *
 * Every lookup takes a folded word (an_tokenize()'s term).
 */
#ifndef DATELINE_NER_LISTS_H
#define DATELINE_NER_LISTS_H

#include <stddef.h>

/* What a word is (bits of enum an_word_kind; 0 for none): one lookup. */
enum an_word_kind {
	AN_WORD_FIRST_NAME = 1,
	AN_WORD_ORG = 2,
	AN_WORD_TITLE = 4
};
unsigned an_word_kinds(const char *w, size_t len);

int an_is_first_name(const char *w);
int an_is_org_word(const char *w);
int an_is_title_word(const char *w);

/* Is the folded word, as a whole name, a city of Debian's libgeonames (a
 * table the build made from it: gazetteer_table.h)? key is a normalised
 * name: folded words joined by one space. */
int an_is_city(const char *key);

/* The most words in one city name. */
size_t an_city_max_words(void);

/* The most words in a city name that starts with this folded word (len
 * bytes); 0 when none does. */
size_t an_city_words_from(const char *word, size_t len);

/* How the English word list (Debian's wamerican, a table the build made:
 * gazetteer_table.h) writes the folded word of len bytes: AN_GZ_WORD_LOWER
 * and AN_GZ_WORD_CAPITAL bits, 0 when it is not in the list. */
unsigned an_dict_word(const char *word, size_t len);

#endif /* DATELINE_NER_LISTS_H */
