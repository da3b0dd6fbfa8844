/*
 * entities.h - the people and places an article mentions.
 *
 * Places: names of the gazetteer (analysis/gazetteer.h), longest first,
 * written with a capital (or "the Crimea"), possessives and adjectives
 * folded to their place. People: runs of capitalised words that a title
 * introduces (President, Secretary of State, Foreign Minister, Mr...), that
 * start with a known first name, or that "said" follows; a surname alone
 * counts for the full name used earlier in the article (Kerry -> John
 * Kerry). Sentence-initial words, months and days, organisations and
 * headlines in capitals are not taken for people.
 */
#ifndef DATELINE_ENTITIES_H
#define DATELINE_ENTITIES_H

#include <stddef.h>

#include "../analysis/tokenize.h"
#include "article.h"

typedef struct {
	char *key;        /* normal form: the XPER / XLOC term's text */
	char *name;       /* as people read it: "Sergei Lavrov", "Crimea" */
	unsigned count;   /* mentions */
} entity_t;

typedef struct {
	entity_t *persons;
	size_t npersons;
	entity_t *places;
	size_t nplaces;
} entities_t;

/* The people and places of a's title and body, and the place of its
 * dateline, in order of first mention. Fills *out (zeroed first); returns
 * 0, or -1 when out of memory. Free with entities_free(). */
int entities_extract(const article_t *a, entities_t *out);

/*
 * The same from tokens the caller has already made (the indexer tokenizes
 * title and body once, for its terms and for this): an entity_text_t
 * gathers the tokens of one text, fed by entity_text_add() as an
 * an_token_fn; entities_from() reads the people and places of title and
 * body (either may be NULL) and of the dateline place.
 */
typedef struct entity_text {
	const char *text;
	struct ent_tok *t;
	size_t n, cap;
	int oom;
} entity_text_t;

void entity_text_init(entity_text_t *et, const char *text);
int entity_text_add(const an_token_t *tok, void *et);
void entity_text_clear(entity_text_t *et);
int entities_from(entity_text_t *title, entity_text_t *body, const char *place,
		  entities_t *out);

void entities_free(entities_t *e);

#endif /* DATELINE_ENTITIES_H */
