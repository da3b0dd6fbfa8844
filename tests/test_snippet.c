/* Unit tests for searcher/snippet.c. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../searcher/snippet.h"

static const query_boosts_t boosts = { .title = 2.0, .author = 2.0, .place = 1.0 };

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

/* The highlighted words of the snippet of text for query, joined by "|". */
static const char *marks(an_stemmer_t *st, const char *query, const char *text,
			 snippet_t *s)
{
	static char out[1024];
	char err[128];
	query_t q;
	assert_int_equal(query_parse(query, st, NULL, &boosts, &q, err, sizeof(err)), 0);
	assert_int_equal(snippet_make(text, strlen(text), &q, st, 2, 110, s), 0);
	query_free(&q);
	out[0] = '\0';
	for (size_t i = 0; i < s->nranges; i++) {
		if (i)
			strcat(out, "|");
		strncat(out, s->text + s->ranges[i].start, s->ranges[i].end - s->ranges[i].start);
	}
	return out;
}

static const char *filler =
	"The weather was mild and nobody in the square said anything about it. "
	"Shops opened late because of the holiday and the trams ran slowly. ";

static void test_snippet_highlights_by_stem_in_original_form(void **state)
{
	snippet_t s;
	assert_string_equal(marks(*state, "talk Kerry",
				  "Kerry's talks went on. They talked for hours.", &s),
			    "Kerry's|talks|talked");
	snippet_free(&s);
}

static void test_snippet_cut_where_the_words_are(void **state)
{
	char text[2048];
	snprintf(text, sizeof(text), "%s%s%sIn Paris, Lavrov met Kerry at last. %s%s",
		 filler, filler, filler, filler, filler);
	snippet_t s;
	assert_string_equal(marks(*state, "Lavrov", text, &s), "Lavrov");
	/* Not the first lines of the text, and cut at the sentence start. */
	assert_null(strstr(s.text, "weather was mild and nobody in the square said anything about it. Shops"));
	assert_true(strncmp(s.text, "\xE2\x80\xA6 In Paris", 10) == 0);
	assert_true(strlen(s.text) < 140);
	snippet_free(&s);
}

static void test_snippet_phrase_only_where_it_matched(void **state)
{
	snippet_t s;
	const char *text = "The minister spoke. The foreign minister of Russia came. "
			   "A foreign visitor left.";
	assert_string_equal(marks(*state, "\"foreign minister\"", text, &s),
			    "foreign minister");
	snippet_free(&s);
}

static void test_snippet_two_fragments_for_far_words(void **state)
{
	char text[4096];
	snprintf(text, sizeof(text), "Kerry arrived. %s%s%s%sLavrov left.", filler,
		 filler, filler, filler);
	snippet_t s;
	assert_string_equal(marks(*state, "Kerry Lavrov", text, &s), "Kerry|Lavrov");
	assert_non_null(strstr(s.text, " \xE2\x80\xA6 "));
	snippet_free(&s);
}

static void test_snippet_no_match_gives_start_and_no_controls(void **state)
{
	snippet_t s;
	assert_string_equal(marks(*state, "absent", "First\x1b[2J line.\nSecond line.", &s), "");
	assert_string_equal(s.text, "First [2J line. Second line.");
	snippet_free(&s);
}

static void test_snippet_never_splits_utf8(void **state)
{
	char text[1024] = "";
	for (int i = 0; i < 60; i++)
		strcat(text, "\xD0\xB4\xD0\xB0 ");
	strcat(text, "Crimea");
	snippet_t s;
	assert_string_equal(marks(*state, "Crimea", text, &s), "Crimea");
	/* Every byte of the snippet belongs to a whole character. */
	for (size_t i = 0; s.text[i]; i++)
		if (((unsigned char)s.text[i] & 0xC0) == 0xC0) {
			assert_true(((unsigned char)s.text[i + 1] & 0xC0) == 0x80);
		}
	snippet_free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_snippet_highlights_by_stem_in_original_form),
		cmocka_unit_test(test_snippet_cut_where_the_words_are),
		cmocka_unit_test(test_snippet_phrase_only_where_it_matched),
		cmocka_unit_test(test_snippet_two_fragments_for_far_words),
		cmocka_unit_test(test_snippet_no_match_gives_start_and_no_controls),
		cmocka_unit_test(test_snippet_never_splits_utf8),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
