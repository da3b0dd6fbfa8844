/* Unit tests for indexer/entities.c and analysis/gazetteer.c. */
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

/* "name(count) name(count)" of persons or places found in title + body. */
static const char *found(const char *title, const char *body, int places)
{
	static char out[2048];
	article_t a = { 0 };
	entities_t e;
	a.title = (char *)title;
	a.body = (char *)body;
	assert_int_equal(entities_extract(&a, &e), 0);
	out[0] = '\0';
	size_t n = places ? e.nplaces : e.npersons;
	entity_t *v = places ? e.places : e.persons;
	for (size_t i = 0; i < n; i++) {
		char one[256];
		snprintf(one, sizeof(one), "%s%s(%u)", i ? " " : "", v[i].name, v[i].count);
		strcat(out, one);
	}
	entities_free(&e);
	return out;
}

#define PERSONS(t, b) found((t), (b), 0)
#define PLACES(t, b) found((t), (b), 1)

static void test_persons_with_titles_and_surnames(void **state)
{
	(void)state;
	assert_string_equal(PERSONS(NULL, "Secretary of State John Kerry met Russian Foreign "
				    "Minister Sergei Lavrov. Kerry said little. Lavrov smiled."),
			    "John Kerry(2) Sergei Lavrov(2)");
	/* A title alone introduces a surname; the full name later absorbs it. */
	assert_string_equal(PERSONS(NULL, "The talks were led by Mr Kerry. Later John Kerry left."),
			    "John Kerry(2)");
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
				    "Monday the Security Council met. Time Warner shares rose. "
				    "Comments were few."), "");
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
	assert_string_equal(PLACES(NULL, "From Kiev to Kyiv, Ukraine's capital, and on to the "
				    "Crimea and Crimean towns."), "Kyiv(2) Ukraine(1) Crimea(2)");
	/* Longest names first; iso-codes names; adjectives. */
	assert_string_equal(PLACES(NULL, "In El Salvador and the United States of America, "
				    "Russian and French officials met."),
			    "El Salvador(1) United States(1) Russia(1) France(1)");
	/* Lower-case words are not places ("us", "turkey"). */
	assert_string_equal(PLACES(NULL, "Let us roast a turkey."), "");
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
		cmocka_unit_test(test_gazetteer_lookup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
