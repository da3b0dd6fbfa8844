/* test_dateline.c - the place a story was filed from (indexer/dateline.c). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "../indexer/dateline.h"

static void expect(const char *body, const char *want)
{
	char *got = (char *)"unset";
	assert_int_equal(dateline_find(body, &got), 0);
	if (!want) {
		if (got)
			fail_msg("'%s': no dateline expected, got '%s'", body, got);
		return;
	}
	if (!got)
		fail_msg("'%s': expected '%s', got none", body, want);
	assert_string_equal(got, want);
	free(got);
}

static void test_wire_forms(void **state)
{
	(void)state;
	expect("ROTTERDAM, Nov 19 (Reuters) - Dock workers walked out.", "Rotterdam");
	expect("LONDON (Reuters) - Shares fell on Monday.", "London");
	expect("BUFFALO, N.Y. \xe2\x80\x94 Hours before the game, the coach spoke.", "Buffalo, N.Y.");
	expect("SAN FRANCISCO (AP) \xe2\x80\x94 The utility began shutting off power.",
	       "San Francisco");
	expect("BERLIN -- The agency says astronauts could sleep.", "Berlin");
	expect("SIOUX FALLS, S.D. \xe2\x80\x93 People across the nation are talking.",
	       "Sioux Falls, S.D.");
	expect("PARIS, Jan. 5 (AFP) - The minister said on Sunday.", "Paris");
	expect("WINSTON-SALEM, N.C. (AP) \xe2\x80\x94 A fire broke out.", "Winston-Salem, N.C.");
	expect("ST. JOHN'S, Newfoundland (CP) - Fishermen said.", "St. John's, Newfoundland");
	/* Written in capital and small letters, with the agency. */
	expect("Reykjavik (AP) \xe2\x80\x94 Residents were told to leave.", "Reykjavik");
	/* Not in ASCII: the small letters are made from the capitals. */
	expect("M\xc3\x9cNCHEN (dpa) - Die Polizei meldete am Montag.", "M\xc3\xbcnchen");
}

static void test_where_it_is(void **state)
{
	(void)state;
	/* After a photo credit and an update time, before the story's text. */
	expect("Updated 12:24 am EST\n\nPhoto: Meg Kinnard, AP\n\n"
	       "COLUMBIA, S.C. (AP) \xe2\x80\x94 About a dozen owners met.", "Columbia, S.C.");
	/* Not after the first long paragraph: that is the story already. */
	char body[1200];
	memset(body, 'a', 500);
	body[0] = 'T';
	strcpy(body + 500, " end.\n\nLONDON (Reuters) - Later text.");
	expect(body, NULL);
}

static void test_not_datelines(void **state)
{
	(void)state;
	expect(NULL, NULL);
	expect("", NULL);
	expect("The minister said - on Monday - that talks would go on.", NULL);
	/* A capitalised phrase before a dash needs an agency to be a place. */
	expect("New York - a city that never sleeps, they say.", NULL);
	/* Labels in capitals. */
	expect("BREAKING \xe2\x80\x94 The president has resigned.", NULL);
	expect("UPDATE - More details were released.", NULL);
	expect("EXCLUSIVE (Reuters) - The company plans to sell.", NULL);
	/* A heading in capitals, not a story's first line. */
	expect("WILD BEAT SABRES \xe2\x80\x94 PARISE SCORES TWICE", NULL);
	/* A word joined by a hyphen is no dash. */
	expect("LONDON-based bankers said on Monday.", NULL);
	/* A comma and a sentence, no dash. */
	expect("WASHINGTON, which had said nothing, spoke today.", NULL);
	/* Too many words before the dash. */
	expect("ONE TWO THREE FOUR FIVE \xe2\x80\x94 counting words here.", NULL);
	/* A colon is no dateline's end ("DEAR ABBY: ..."). */
	expect("DEAR ABBY: My husband bought tickets.", NULL);
}

static void test_article(void **state)
{
	(void)state;
	article_t a = { 0 };
	a.body = strdup("ROTTERDAM (Reuters) - Dock workers walked out.");
	assert_int_equal(article_dateline(&a), 0);
	assert_string_equal(a.place, "Rotterdam");
	/* The reader's place stays. */
	free(a.place);
	a.place = strdup("Antwerp");
	assert_int_equal(article_dateline(&a), 0);
	assert_string_equal(a.place, "Antwerp");
	free(a.place);
	free(a.body);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_wire_forms),
		cmocka_unit_test(test_where_it_is),
		cmocka_unit_test(test_not_datelines),
		cmocka_unit_test(test_article),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
