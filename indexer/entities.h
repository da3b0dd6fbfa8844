/*
 * entities.h - the people, organisations and places an article mentions.
 *
 * The tagger (analysis/tagger.h) finds the names in title and body; their
 * normal forms are made here:
 *   - people: titles before a name are not part of it (Prime Minister, Mr),
 *     nor is a possessive; first names spelt two ways are one (Sergey =
 *     Sergei, an_person_key); a surname alone is the person of that surname
 *     named in the article (Kerry = John Kerry);
 *   - places: a name the gazetteer knows is its canonical place (Kiev =
 *     Kyiv, Ukraine's = Ukraine; an adjective the tagger calls a name of
 *     another kind, Russian, is its place too); a name no gazetteer knows
 *     is a place under its written form; the dateline's place is a place
 *     of the article, known or not ("ROTTERDAM" -> rotterdam);
 *   - organisations: their written form, without a possessive;
 *   - one name is one kind of entity in one article: the kind the tagger
 *     gave most of its mentions.
 *
 * entities_from_rules() is the rule-based extraction the tagger replaced
 * (gazetteer places, capitalised runs with cues for people), kept for
 * make eval's comparison.
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
	entity_t *orgs;
	size_t norgs;
	entity_t *places;
	size_t nplaces;
} entities_t;

/* The people, organisations and places of a's title and body, and the
 * place of its dateline, in order of first mention. Fills *out (zeroed
 * first); returns 0, or -1 when out of memory or when the tagger's model
 * is not loaded (an_tagger_shared_error() says why). Free with
 * entities_free(). */
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

/* The agency or paper that filed the article (its source) is not a person
 * it names: take out of e's persons the one whose name is source's, or
 * source's less or with a final s (the "Reuter" signing a story of
 * Reuters). entities_extract() does it; after entities_from(), the caller
 * does. */
void entities_drop_source(entities_t *e, const char *source);

/* The rule-based extraction's people and places (no organisations), the
 * same way. */
int entities_from_rules(entity_text_t *title, entity_text_t *body, const char *place,
			entities_t *out);
int entities_extract_rules(const article_t *a, entities_t *out);

void entities_free(entities_t *e);

#endif /* DATELINE_ENTITIES_H */
