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
 * body (either may be NULL) and of the dateline place, of an article in
 * language (entities_extract() passes a->language).
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
		  const char *language, entities_t *out);

/*
 * The tagger learnt English news: on other languages its names are mostly
 * capitalised words. It reads an article unless its language (a->language:
 * declared, else detected) is another than English AND it has words enough
 * to judge AND few of them are English function words (stopwords.c's
 * list). Either sign alone is wrong on some English articles: pages
 * declare a language they are not written in, the detector takes short
 * tables of figures ("Shr 25 cts vs 20 cts Net 801,000") for Catalan or
 * German, and those tables have no function words but carry company names.
 * An article the tagger does not read gets the places the gazetteer knows
 * in its title and body and its dateline's place; no people, no
 * organisations.
 *
 * Chosen on Reuters-21578, the BBC corpus and the extraction benchmark's
 * pages (README, "People, organisations and places"): the share is above
 * every non-English page's (at most 0.092) and below every BBC article's
 * (at least 0.167) and English pages' that declare German; no Reuters
 * article the detector takes for another language has more than 65 words,
 * the shortest non-English page has 105.
 */
#define ENTITIES_MIN_ENGLISH_SHARE 0.15
#define ENTITIES_MIN_WORDS 80

/* The share of English function words among the words (tokens that do
 * not begin with a digit) of title and body, either of which may be
 * NULL; 0 when there are no words. Sets *nwords (when not NULL) to the
 * number of words. */
double entities_english_share(const entity_text_t *title, const entity_text_t *body,
			      size_t *nwords);

/* Does the tagger read an article of language (a code; NULL: unknown)
 * with nwords words, english_share of them function words? */
int entities_tagger_reads(const char *language, double english_share, size_t nwords);

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
