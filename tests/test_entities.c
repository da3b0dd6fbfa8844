/* Unit tests for indexer/entities.c (the tagger's names and their normal
 * forms) and analysis/gazetteer.c. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../analysis/gazetteer.h"
#include "../indexer/article.h"
#include "../indexer/entities.h"

/* "name(count) name(count)" of persons (0), places (1) or organisations (2)
 * found in title + body, and the dateline's place. */
static const char *found_in(const char *title, const char *body, const char *place,
			    const char *language, int kind)
{
	static char out[2048];
	article_t a = { 0 };
	entities_t e;
	a.title = (char *)title;
	a.body = (char *)body;
	a.place = (char *)place;
	a.language = (char *)language;
	assert_int_equal(entities_extract(&a, &e), 0);
	out[0] = '\0';
	size_t n = kind == 1 ? e.nplaces : kind == 2 ? e.norgs : e.npersons;
	entity_t *v = kind == 1 ? e.places : kind == 2 ? e.orgs : e.persons;
	for (size_t i = 0; i < n; i++) {
		char one[256];
		snprintf(one, sizeof(one), "%s%s(%u)", i ? " " : "", v[i].name, v[i].count);
		strcat(out, one);
	}
	entities_free(&e);
	return out;
}

static const char *found_at(const char *title, const char *body, const char *place, int kind)
{
	return found_in(title, body, place, NULL, kind);
}

#define PERSONS(t, b) found_at((t), (b), NULL, 0)
#define PLACES(t, b) found_at((t), (b), NULL, 1)
#define ORGS(t, b) found_at((t), (b), NULL, 2)

static void test_persons_with_titles_and_surnames(void **state)
{
	(void)state;
	assert_string_equal(PERSONS(NULL, "Secretary of State John Kerry met Russian Foreign "
				    "Minister Sergei Lavrov. Kerry said little. Lavrov smiled."),
			    "John Kerry(2) Sergei Lavrov(2)");
	/* A title alone introduces a surname; the full name later absorbs it. */
	assert_string_equal(PERSONS(NULL, "The talks were led by Mr Kerry. Later John Kerry left."),
			    "John Kerry(2)");
	/* A surname of two words alone later is the same person, whatever
	 * kind the tagger gave it alone. */
	assert_string_equal(PERSONS(NULL, "Joel Eriksson Ek scored twice as the Minnesota Wild "
				    "beat the Winnipeg Jets 4-2 on Tuesday. Eriksson Ek now has "
				    "11 goals this season."), "Joel Eriksson Ek(2)");
	assert_null(strstr(ORGS(NULL, "Joel Eriksson Ek scored twice as the Minnesota Wild "
				"beat the Winnipeg Jets 4-2 on Tuesday. Eriksson Ek now has "
				"11 goals this season."), "Eriksson"));
	/* Possessives belong to the name. */
	assert_string_equal(PERSONS(NULL, "John Kerry's plane turned back."), "John Kerry(1)");
	/* A known first name is cue enough; so is "said". */
	assert_string_equal(PERSONS(NULL, "In the end Angela Merkel and Tomasz Wrona said no."),
			    "Angela Merkel(1) Tomasz Wrona(1)");
}

static void test_persons_not_taken(void **state)
{
	(void)state;
	/* Sentence-initial words, months and days, organisations, headlines. */
	assert_string_equal(PERSONS("BAHIA COCOA REVIEW", "Showers continued in March. On "
				    "Monday the Security Council met. Comments were few."), "");
	/* A list of names is split at its commas. */
	assert_string_equal(PERSONS(NULL, "Leaders Angela Merkel, Francois Hollande and "
				    "Vladimir Putin met."),
			    "Angela Merkel(1) Francois Hollande(1) Vladimir Putin(1)");
}

static void test_person_spelling_variants(void **state)
{
	(void)state;
	char a[64], b[64];
	an_person_key("Sergey Lavrov", 13, a, sizeof(a));
	an_person_key("Sergei LAVROV", 13, b, sizeof(b));
	assert_string_equal(a, b);
	assert_string_equal(a, "sergei lavrov");
	/* The surname itself is not folded. */
	an_person_key("Alexei Mikhailey", 16, a, sizeof(a));
	assert_string_equal(a, "alexei mikhailey");
}

static void test_places_folded(void **state)
{
	(void)state;
	assert_string_equal(PLACES(NULL, "Protesters marched in Kiev on Sunday. In Kyiv, "
				    "Ukraine's capital, and in the Crimea, police watched."),
			    "Kyiv(2) Ukraine(1) Crimea(1)");
	/* iso-codes' names; adjectives are nationalities, not places. */
	assert_string_equal(PLACES(NULL, "In El Salvador and the United States of America, "
				    "Russian and French officials met."),
			    "El Salvador(1) United States(1)");
	/* Lower-case words are not places ("us", "turkey"). */
	assert_string_equal(PLACES(NULL, "Let us roast a turkey."), "");
}

static void test_titles_not_in_names(void **state)
{
	(void)state;
	/* Titles go; "Montenegro" is the prime minister's name, not a place. */
	assert_string_equal(PERSONS(NULL, "The government of Prime Minister Luis Montenegro "
				    "cut taxes, President Vladimir Putin said."),
			    "Luis Montenegro(1) Vladimir Putin(1)");
	assert_string_equal(PLACES(NULL, "The government of Prime Minister Luis Montenegro "
				   "cut taxes."), "");
	/* Nor is the rest of a title joined to it by a hyphen. */
	assert_string_equal(PERSONS(NULL, "President-elect Joe Biden named Tomasz Wrona on "
				    "Monday."), "Joe Biden(1) Tomasz Wrona(1)");
	/* Sergey = Sergei: one person, twice. */
	assert_string_equal(PERSONS(NULL, "Sergey Lavrov arrived late. Foreign Minister "
				    "Sergei Lavrov then spoke."), "Sergey Lavrov(2)");
}

static void test_organisations(void **state)
{
	(void)state;
	assert_string_equal(ORGS(NULL, "Shares of Morgan Stanley rose after the European "
				 "Union fined Goldman Sachs Group Inc. Morgan Stanley's chief "
				 "declined to comment."),
			    "Morgan Stanley(2) European Union(1) Goldman Sachs Group Inc(1)");
	/* A person's name inside an organisation's is not a person. */
	assert_string_equal(PERSONS(NULL, "Shares of Morgan Stanley rose."), "");
}

/* A name does not run across a bracket, a dash, a colon or a line's end,
 * whatever the tagger's labels say. */
static void test_names_end_at_punctuation(void **state)
{
	(void)state;
	static const char *const bodies[] = {
		"Photo credit\nST. JOSEPH, Mich. (AP) \xe2\x80\x94 Michigan health authorities "
		"are reporting a sixth death from the virus, officials said.",
		"Carlos: Estou feliz. Eugenio: Ola, said the two men from Lisbon.",
		"Group winners Switzerland (Group D) and Denmark (Group D) met in Madrid.",
		"Twitter (@NYTopinion) and Andrew: TripAdvisor said so on Monday.",
	};
	for (size_t b = 0; b < sizeof(bodies) / sizeof(bodies[0]); b++) {
		article_t a = { 0 };
		entities_t e;
		a.body = (char *)bodies[b];
		assert_int_equal(entities_extract(&a, &e), 0);
		const entity_t *kinds[3] = { e.persons, e.places, e.orgs };
		size_t ns[3] = { e.npersons, e.nplaces, e.norgs };
		for (int k = 0; k < 3; k++)
			for (size_t i = 0; i < ns[k]; i++) {
				const char *name = kinds[k][i].name;
				if (strpbrk(name, "():\n") || strstr(name, "\xe2\x80\x94"))
					fail_msg("body %zu: a name across punctuation: '%s'", b, name);
			}
		entities_free(&e);
	}
}

static void test_places_no_gazetteer_knows(void **state)
{
	(void)state;
	/* A town of no gazetteer, under its written form. */
	assert_non_null(strstr(PLACES(NULL, "Floods cut off the town of Vrelinsko, 40 km "
					 "north of the capital, police said."), "Vrelinsko(1)"));
	/* The dateline's place, known or not. */
	assert_string_equal(found_at(NULL, "Dock workers went on strike on Monday.",
				     "ROTTERDAM", 1), "ROTTERDAM(1)");
	assert_string_equal(found_at(NULL, "Talks resumed.", "Kiev, Ukraine", 1), "Kyiv(1)");
}

/* The source that filed the article signs it; it is not a person of it. */
static void test_source_not_a_person(void **state)
{
	(void)state;
	const char *keys[] = { "reuter", "john kerry", "reuters smith", "ap" };
	entities_t e = { 0 };
	e.persons = calloc(4, sizeof(*e.persons));
	assert_non_null(e.persons);
	for (int i = 0; i < 4; i++) {
		e.persons[i].key = strdup(keys[i]);
		e.persons[i].name = strdup(keys[i]);
	}
	e.npersons = 4;
	entities_drop_source(&e, NULL);
	assert_int_equal(e.npersons, 4);
	entities_drop_source(&e, "Reuters");
	assert_int_equal(e.npersons, 3);
	assert_string_equal(e.persons[0].key, "john kerry");
	assert_string_equal(e.persons[1].key, "reuters smith");
	entities_drop_source(&e, "AP");
	assert_int_equal(e.npersons, 2);
	entities_free(&e);
	/* An article as the Reuters reader gives it: the sign-off is no one. */
	article_t a = { 0 };
	a.body = (char *)"Chrysler said on Monday it would cut prices, John Kerry said.\n"
		 "REUTER";
	a.source = (char *)"Reuters";
	assert_int_equal(entities_extract(&a, &e), 0);
	for (size_t i = 0; i < e.npersons; i++)
		assert_string_not_equal(e.persons[i].key, "reuter");
	entities_free(&e);
}

/* Written for this test: German news, 100 words and more, in which the
 * English tagger takes capitalised nouns for names. */
static const char german[] =
	"Die Regierung hat am Montag in Berlin neue Regeln fuer den Handel mit "
	"Strom vorgestellt. Nach monatelangen Verhandlungen einigten sich die "
	"Minister auf einen Kompromiss, der die Preise fuer Haushalte senken soll. "
	"Kritiker sprechen von einem schwachen Ergebnis. Die Opposition verlangt "
	"eine Abstimmung im Bundestag noch vor der Sommerpause. Unternehmen der "
	"Energiebranche begruessten die Einigung, warnten aber vor hohen Kosten. "
	"Bereits im Herbst sollen die ersten Massnahmen greifen. Verbraucher "
	"koennen dann ihren Anbieter schneller wechseln. Ob die Entlastung reicht, "
	"ist umstritten. Viele Familien zahlen seit Monaten deutlich mehr als im "
	"Vorjahr. Auch in Paris und Wien wird ueber aehnliche Schritte beraten. "
	"Eine Entscheidung dort wird fuer den Winter erwartet.";

/* Written for this test: an English table of results, which the detector
 * may take for another language: short, no function words. */
static const char table_title[] = "Coleco Industries Inc 4th qtr net";
static const char table[] = "Shr loss 6.48 dlrs vs profit 23 cts Net loss 110.6 mln vs "
			    "profit 4.1 mln Revs 74.0 mln vs 152.0 mln";

static void test_other_language_not_tagged(void **state)
{
	(void)state;
	/* Read as English (the code before: every article), the German
	 * text gives names: the capitalised nouns. */
	assert_string_not_equal(found_in(NULL, german, "Berlin", "en", 0), "");
	/* In German: no people, no organisations; the dateline's place and
	 * the places the gazetteer knows stay (--place Berlin finds it). */
	assert_string_equal(found_in(NULL, german, "Berlin", "de", 0), "");
	assert_string_equal(found_in(NULL, german, "Berlin", "de", 2), "");
	const char *places = found_in(NULL, german, "Berlin", "de", 1);
	assert_non_null(strstr(places, "Berlin"));
	assert_non_null(strstr(places, "Paris"));
	/* The German text declared English: the declaration is believed. */
	assert_string_equal(found_in(NULL, german, NULL, "en", 0),
			    found_in(NULL, german, NULL, NULL, 0));
}

static void test_english_table_keeps_names(void **state)
{
	(void)state;
	char read_as_english[256];
	snprintf(read_as_english, sizeof(read_as_english), "%s",
		 found_in(table_title, table, NULL, "en", 2));
	assert_non_null(strstr(read_as_english, "Coleco"));
	/* Taken for Catalan, as the detector takes such tables: too few words
	 * to judge, the tagger reads it all the same. */
	assert_string_equal(found_in(table_title, table, NULL, "ca", 2), read_as_english);
	/* An English article declared German: many English function words,
	 * the tagger reads it. */
	assert_string_equal(found_in(NULL, "Secretary of State John Kerry met Russian Foreign "
				     "Minister Sergei Lavrov in Geneva on Thursday. Kerry said "
				     "that the talks had been hard but that there was a way "
				     "forward for all of the parties, and that he would go back "
				     "to Washington with the text of the statement that they "
				     "had agreed on after more than seven hours. Lavrov said "
				     "that it was now up to the groups in the east of the "
				     "country to leave the buildings that they held, and that "
				     "the observers of the mission would see to it that this "
				     "was done within the next days.", NULL, "de", 0),
			    "John Kerry(2) Sergei Lavrov(2)");
}

static void test_english_share(void **state)
{
	(void)state;
	/* Words, not numbers, are counted. */
	entity_text_t t;
	const char *text = "The loss of 6.48 dlrs in 1987";
	entity_text_init(&t, text);
	assert_int_equal(an_tokenize(text, strlen(text), entity_text_add, &t), 0);
	size_t n = 0;
	double share = entities_english_share(&t, NULL, &n);
	assert_int_equal(n, 5);
	assert_true(share > 0.59 && share < 0.61);
	entity_text_clear(&t);
	assert_true(entities_tagger_reads("en", 0.0, 1000));
	assert_true(entities_tagger_reads(NULL, 0.0, 1000));
	assert_true(entities_tagger_reads("de", 0.0, ENTITIES_MIN_WORDS - 1));
	assert_true(entities_tagger_reads("de", ENTITIES_MIN_ENGLISH_SHARE, 1000));
	assert_false(entities_tagger_reads("de", ENTITIES_MIN_ENGLISH_SHARE - 0.01, 1000));
}

static void test_gazetteer_lookup(void **state)
{
	(void)state;
	const an_place_t *p = an_place_find("the Crimea", 10);
	assert_non_null(p);
	assert_string_equal(p->name, "Crimea");
	assert_string_equal(p->country, "UA");
	p = an_place_find("Korea, Republic of", 18);
	assert_non_null(p);
	assert_string_equal(p->key, "south korea");
	/* From iso-codes' subdivisions. */
	if (an_gazetteer_load() == 0) {
		p = an_place_find("Bavaria", 7);
		assert_non_null(p);
		assert_string_equal(p->country, "DE");
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_persons_with_titles_and_surnames),
		cmocka_unit_test(test_persons_not_taken),
		cmocka_unit_test(test_person_spelling_variants),
		cmocka_unit_test(test_places_folded),
		cmocka_unit_test(test_titles_not_in_names),
		cmocka_unit_test(test_organisations),
		cmocka_unit_test(test_names_end_at_punctuation),
		cmocka_unit_test(test_places_no_gazetteer_knows),
		cmocka_unit_test(test_source_not_a_person),
		cmocka_unit_test(test_other_language_not_tagged),
		cmocka_unit_test(test_english_table_keeps_names),
		cmocka_unit_test(test_english_share),
		cmocka_unit_test(test_gazetteer_lookup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
