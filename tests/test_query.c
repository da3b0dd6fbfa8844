/* Unit tests for searcher/query.c: the query language. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../searcher/query.h"

static const query_boosts_t boosts = { 2.0, 2.0, 1.0 };

static int setup(void **state)
{
	*state = an_stemmer_new("english");
	return *state ? 0 : -1;
}

static int teardown(void **state)
{
	an_stemmer_destroy(*state);
	return 0;
}

/* The Xapian description of a query, or "ERR: message". */
static const char *parse(an_stemmer_t *st, const char *text)
{
	static char out[4096];
	char err[256];
	query_t q;
	int rc = query_parse(text, st, &boosts, &q, err, sizeof(err));
	if (rc != 0) {
		snprintf(out, sizeof(out), "ERR: %s", err);
		return out;
	}
	char *d = dx_query_describe(q.query);
	snprintf(out, sizeof(out), "%s", d);
	free(d);
	query_free(&q);
	return out;
}

static void test_query_parse_words_use_stems_and_boosts(void **state)
{
	const char *d = parse(*state, "talks");
	assert_non_null(strstr(d, "Ztalk"));
	assert_non_null(strstr(d, "ZStalk"));
	assert_non_null(strstr(d, "ZAtalk"));
	assert_non_null(strstr(d, "2 * ZStalk"));
	d = parse(*state, "Kerry Lavrov");
	assert_non_null(strstr(d, "Zkerri"));
	assert_non_null(strstr(d, "Zlavrov"));
	assert_non_null(strstr(d, " OR "));
}

static void test_query_parse_phrase_and_fields(void **state)
{
	const char *d = parse(*state, "\"foreign minister\"");
	assert_non_null(strstr(d, "foreign PHRASE 2 minister"));
	d = parse(*state, "author:Hollis");
	assert_non_null(strstr(d, "ZAholli"));
	assert_null(strstr(d, "Zholli@")); /* only the field */
	d = parse(*state, "title:\"Crimea votes\"");
	assert_non_null(strstr(d, "Scrimea PHRASE 2 Svotes"));
	d = parse(*state, "pro-Russian");
	assert_non_null(strstr(d, "pro PHRASE 2 russian"));
}

static void test_query_parse_modifiers(void **state)
{
	const char *d = parse(*state, "Crimea -referendum");
	assert_non_null(strstr(d, "AND_NOT"));
	d = parse(*state, "+Kerry Paris");
	assert_non_null(strstr(d, "AND_MAYBE"));
}

static void test_query_parse_errors(void **state)
{
	assert_string_equal(parse(*state, "Kerry \"Paris talks"),
			    "ERR: unbalanced quote at column 7");
	assert_string_equal(parse(*state, "colour:red"),
			    "ERR: unknown field 'colour:' at column 1 (fields: title, author, place)");
	assert_string_equal(parse(*state, "-Crimea"),
			    "ERR: the query only excludes words: add a word to search for");
	assert_string_equal(parse(*state, "!!! ..."),
			    "ERR: the query has no words to search for");
	/* A 10,000-word query is refused with a message, not a crash. */
	char *big = malloc(10000 * 2 + 1);
	for (int i = 0; i < 10000; i++)
		memcpy(big + 2 * i, "a ", 2);
	big[20000] = '\0';
	assert_string_equal(parse(*state, big), "ERR: more than 1024 words at column 2049");
	free(big);
}

static void test_query_parse_stop_words(void **state)
{
	const char *d = parse(*state, "the talks of the ministers");
	assert_null(strstr(d, "Zthe"));
	assert_null(strstr(d, "Zof"));
	assert_non_null(strstr(d, "Ztalk"));
	/* Kept where the user asks for them. */
	assert_non_null(strstr(parse(*state, "+the talks"), "Zthe"));
	assert_non_null(strstr(parse(*state, "\"the talks\""), "the PHRASE 2 talks"));
	assert_string_equal(parse(*state, "the of and"),
			    "ERR: the query has only stop words (such as 'the', 'of'): put it in "
			    "quotes to search for the phrase");
}

static void test_query_items_for_highlighting(void **state)
{
	char err[128];
	query_t q;
	assert_int_equal(query_parse("Talks \"foreign minister\" -Crimea", *state, &boosts,
				     &q, err, sizeof(err)), 0);
	assert_int_equal(q.nitems, 2); /* the excluded word is not highlighted */
	assert_int_equal(q.items[0].nwords, 1);
	assert_string_equal(q.items[0].words[0], "Ztalk");
	assert_int_equal(q.items[1].nwords, 2);
	assert_string_equal(q.items[1].words[1], "minister");
	query_free(&q);
}

static void test_query_parse_boosts(void **state)
{
	(void)state;
	query_boosts_t b = boosts;
	char err[128];
	assert_int_equal(query_parse_boosts("title=3.5,author=0", &b, err, sizeof(err)), 0);
	assert_true(b.title == 3.5 && b.author == 0);
	assert_int_equal(query_parse_boosts("body=2", &b, err, sizeof(err)), -1);
	assert_string_equal(err, "--boost: unknown field 'body' (fields: title, author, place, exact)");
	assert_int_equal(query_parse_boosts("title=x", &b, err, sizeof(err)), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_query_parse_words_use_stems_and_boosts),
		cmocka_unit_test(test_query_parse_phrase_and_fields),
		cmocka_unit_test(test_query_parse_modifiers),
		cmocka_unit_test(test_query_parse_errors),
		cmocka_unit_test(test_query_parse_stop_words),
		cmocka_unit_test(test_query_items_for_highlighting),
		cmocka_unit_test(test_query_parse_boosts),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
