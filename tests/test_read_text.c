/* Unit tests for indexer/read_text.c: the three plain-text shapes. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "../analysis/schema.h"
#include "../indexer/article.h"
#include "../util/utf8.h"

static article_t a;

static int reset(void **state)
{
	(void)state;
	article_clear(&a);
	return 0;
}

static void read(const char *s)
{
	article_clear(&a);
	assert_int_equal(text_read(s, strlen(s), &a), 0);
}

static void test_text_read_header_block(void **state)
{
	(void)state;
	read("Title: Kerry and Lavrov meet\r\nAuthor: Jane Doe\r\nDate: March 30, 2014\r\n"
	     "Place: Paris, France\r\nSource: Wire\r\nURL: http://example.org/a\r\n\r\n"
	     "Body line one.\r\n\r\nBody line two.\r\n");
	assert_string_equal(a.format, DL_FORMAT_HEADER);
	assert_string_equal(a.title, "Kerry and Lavrov meet");
	assert_string_equal(a.author, "Jane Doe");
	assert_string_equal(a.date, "2014-03-30");
	assert_string_equal(a.place, "Paris, France");
	assert_string_equal(a.source, "Wire");
	assert_string_equal(a.url, "http://example.org/a");
	assert_string_equal(a.body, "Body line one.\n\nBody line two.\n");
}

static void test_text_read_usenet_post(void **state)
{
	(void)state;
	read("From: o.k@example.edu (Oleh Kovalenko)\nNewsgroups: soc.culture.ukrainian\n"
	     "Subject: Crimea elects a president\nDate: Mon, 31 Jan 1994 09:12:44 GMT\n"
	     "Organization: Physics\n\nText.\n");
	assert_string_equal(a.title, "Crimea elects a president");
	assert_string_equal(a.author, "Oleh Kovalenko");
	assert_string_equal(a.date, "1994-01-31");
	assert_string_equal(a.source, "soc.culture.ukrainian");
	read("From: \"Jane Roe\" <jane@example.org>\nSubject: x\n\nbody\n");
	assert_string_equal(a.author, "Jane Roe");
}

static void test_text_read_scraped_page(void **state)
{
	(void)state;
	read("Home | World | Europe\nShare this article\nTweet\nAdd your Story\n"
	     "Posted March 29, 2014 by\nDaniel Okafor\n"
	     "Click to view Daniel Okafor's profile\nShannon, Ireland\n"
	     "Kerry turns his plane around\n\nFirst paragraph of the story.\n\n"
	     "Share prices fell in Moscow.\nShare\nComments (7)\n");
	assert_string_equal(a.format, DL_FORMAT_SCRAPED);
	assert_string_equal(a.date, "2014-03-29");
	assert_string_equal(a.author, "Daniel Okafor");
	assert_string_equal(a.place, "Shannon, Ireland");
	assert_string_equal(a.title, "Kerry turns his plane around");
	/* Boilerplate is gone; a sentence that starts like it stays. */
	assert_string_equal(a.body, "First paragraph of the story.\n\nShare prices fell in Moscow.\n");
}

static void test_text_read_scraped_author_on_byline(void **state)
{
	(void)state;
	read("Share on Facebook\nPosted April 17, 2014 by Elena Marsh\nGeneva, Switzerland\n"
	     "Geneva talks produce a deal\n\nText of the story.\n");
	assert_string_equal(a.author, "Elena Marsh");
	assert_string_equal(a.place, "Geneva, Switzerland");
	assert_string_equal(a.title, "Geneva talks produce a deal");
	/* No place line: the line after the byline is the title. */
	read("Posted May 2, 2016 by Ann Lee\nA headline about the news\n\nThe body "
	     "of the article, which is a long sentence.\n");
	assert_null(a.place);
	assert_string_equal(a.title, "A headline about the news");
}

static void test_text_read_bare_text(void **state)
{
	(void)state;
	read("\n\nAd sales boost Time Warner profit\n\nQuarterly profits rose.\n");
	assert_string_equal(a.format, DL_FORMAT_PLAIN);
	assert_string_equal(a.title, "Ad sales boost Time Warner profit");
	assert_string_equal(a.body, "Quarterly profits rose.\n");
	assert_null(a.author);
	/* "Note: ..." is not a header block. */
	read("Note: this is prose\nand goes on.\n\nMore.\n");
	assert_string_equal(a.format, DL_FORMAT_PLAIN);
	assert_string_equal(a.title, "Note: this is prose");
}

static void test_text_read_long_first_line(void **state)
{
	(void)state;
	char buf[600];
	memset(buf, 0, sizeof(buf));
	for (int i = 0; i < 50; i++)
		strcat(buf, "word word ");
	read(buf);
	assert_true(strlen(a.title) <= 200);
	assert_non_null(a.body);
	assert_true(strlen(a.body) > 400); /* the paragraph stays in the body */
}

/* A saved page (menus, headline, byline, text, links), into page. */
static void saved_page(char *page, size_t cap, const char *byline)
{
	size_t len = 0;
	static const char *const menu[] = {
		"   Skip to main content", "     * News", "     * Sport", "     * Weather",
		"     * Business", "     * Travel", "     * Culture", "     * Video",
		"     * Podcasts", "     * Newsletters", "   (BUTTON) Search", "   Sign in",
		"     * Facebook", "     * Twitter", "     * Email", "   Advertisement",
	};
	for (size_t i = 0; i < sizeof(menu) / sizeof(menu[0]); i++)
		len += (size_t)snprintf(page + len, cap - len, "%s\n", menu[i]);
	len += (size_t)snprintf(page + len, cap - len,
		"\nHarbour ferry returns after storm repairs\n\n"
		"%s\n\n"
		"   The harbour ferry carried its first passengers in six weeks on Sunday,\n"
		"   after repairs to the landing stage that the winter storms had torn away,\n"
		"   the operator said in a statement issued at the quay.\n\n"
		"   About two hundred people crossed in the first hour, many of them\n"
		"   commuters who had driven forty minutes round the estuary since March,\n"
		"   and the operator added two sailings in the evening for them.\n\n"
		"   The council, which owns the landing stage, said the repairs had cost\n"
		"   less than feared, and that the new timbers should last for decades,\n"
		"   whatever the weather of the coming winters brings to the estuary.\n\n", byline);
	static const char *const foot[] = {
		"   More from the coast", "     * Lifeboat crew honoured", "     * Pier reopens",
		"     * Beach huts sold", "     * Tide tables", "   Related topics", "     * Ferries",
		"     * Weather", "   Share this story", "     * Facebook", "     * Twitter",
		"     * Email", "   About us", "   Contact", "   Terms of use", "   Privacy",
		"   Cookies", "   Accessibility", "   Copyright 2023",
	};
	for (size_t i = 0; i < sizeof(foot) / sizeof(foot[0]); i++)
		len += (size_t)snprintf(page + len, cap - len, "%s\n", foot[i]);
}

/* A whole page saved as text (as lynx -dump writes one): the menus above
 * and the links below are left out, the headline nearest the text is the
 * title, the byline under it gives the author and the date. */
static void test_text_read_saved_page(void **state)
{
	(void)state;
	char page[8192];
	saved_page(page, sizeof(page), "   By Ruth Adeyemi, July 2, 2023");
	read(page);
	assert_string_equal(a.format, DL_FORMAT_SCRAPED);
	assert_string_equal(a.title, "Harbour ferry returns after storm repairs");
	assert_string_equal(a.author, "Ruth Adeyemi");
	assert_string_equal(a.date, "2023-07-02");
	assert_non_null(a.body);
	assert_non_null(strstr(a.body, "The harbour ferry carried its first passengers"));
	assert_non_null(strstr(a.body, "whatever the weather of the coming winters"));
	assert_null(strstr(a.body, "Newsletters"));
	assert_null(strstr(a.body, "Pier reopens"));
	assert_null(strstr(a.body, "Terms of use"));
}

/* The lines lynx writes at the top for the page's <link> elements
 * ("#alternate alternate TITLE", "#Site >> Feed") are never the headline,
 * even when they carry its words better than the headline the page shows. */
static void test_text_read_saved_page_link_element_lines(void **state)
{
	(void)state;
	char body[8192], page[8400];
	saved_page(body, sizeof(body), "   By Ruth Adeyemi, July 2, 2023");
	const char *h = strstr(body, "\nHarbour ferry returns after storm repairs\n\n");
	assert_non_null(h);
	/* The headline as the page shows it: after its section's name, with
	 * the site's buttons under it. */
	snprintf(page, sizeof(page), "   #alternate alternate Harbour ferry returns after "
		 "storm repairs\n\n%.*s\n   Opinion|Harbour ferry returns after storm repairs\n"
		 "   (BUTTON) Subscribe\n   (BUTTON) Log In\n%s", (int)(h - body), body,
		 h + strlen("\nHarbour ferry returns after storm repairs\n"));
	read(page);
	assert_non_null(a.title);
	assert_null(strstr(a.title, "alternate"));
	assert_non_null(strstr(a.title, "ferry returns after storm repairs"));
}

/* "By" on a line of its own over the name, a link's spaces written as '_'
 * (html2text), the outlet after a bar, the date on the next line. */
static void test_text_read_saved_page_byline_on_two_lines(void **state)
{
	(void)state;
	char page[8192];
	saved_page(page, sizeof(page), "   By\n   Ruth_Adeyemi | Harbour_Post\n   July 2, 2023");
	read(page);
	assert_string_equal(a.format, DL_FORMAT_SCRAPED);
	assert_string_equal(a.title, "Harbour ferry returns after storm repairs");
	assert_string_equal(a.author, "Ruth Adeyemi");
	assert_string_equal(a.date, "2023-07-02");
}

/* "By" followed by a character that is not a space is no byline: the
 * author used to start one byte after "by", inside a two-byte character
 * (a fuzzer find, tests/fuzz/seeds/text/text-author-mid-character). */
static void test_text_read_saved_page_by_glued(void **state)
{
	(void)state;
	char page[8192];
	saved_page(page, sizeof(page), "   By\xC2\xA2\xC2\xA2 Ruth Adeyemi");
	read(page);
	assert_string_equal(a.title, "Harbour ferry returns after storm repairs");
	if (a.author)
		assert_true(utf8_valid(a.author, strlen(a.author), NULL));
	saved_page(page, sizeof(page), "   By: Ruth Adeyemi");
	read(page);
	assert_string_equal(a.author, "Ruth Adeyemi");
}

/* Bylines without "By" at their start: after the date and the time, a
 * name standing alone over a date line, a name glued to the words after
 * it (two elements that the program saving the page did not space). */
static void test_text_read_saved_page_byline_shapes(void **state)
{
	(void)state;
	char page[8192];
	saved_page(page, sizeof(page), "   Monday July 3, 2023 7:45 am PST by Ruth Adeyemi");
	read(page);
	assert_string_equal(a.author, "Ruth Adeyemi");
	assert_string_equal(a.date, "2023-07-03");
	saved_page(page, sizeof(page), "   Ruth Adeyemi\n   July 2, 2023 09:00 AM");
	read(page);
	assert_string_equal(a.title, "Harbour ferry returns after storm repairs");
	assert_string_equal(a.author, "Ruth Adeyemi");
	assert_string_equal(a.date, "2023-07-02");
	saved_page(page, sizeof(page), "   * By Ruth AdeyemiStaff Writer\n   July 2, 2023");
	read(page);
	assert_string_equal(a.author, "Ruth Adeyemi");
	saved_page(page, sizeof(page), "   Ruth Adeyemi, Harbour Post @ruthadeyemi");
	read(page);
	assert_string_equal(a.author, "Ruth Adeyemi");
}

/* A day written in figures is read when day and month can be told
 * apart, and not when they cannot (03/04: March or April is the site's). */
static void test_text_read_saved_page_numeric_date(void **state)
{
	(void)state;
	char page[8192];
	saved_page(page, sizeof(page), "   Ruth Adeyemi\n   Features\n   27/09/2018 09:00 AM");
	read(page);
	assert_string_equal(a.author, "Ruth Adeyemi");
	assert_string_equal(a.date, "2018-09-27");
	saved_page(page, sizeof(page), "   By Ruth Adeyemi | 11.14.2019");
	read(page);
	assert_string_equal(a.date, "2019-11-14");
	saved_page(page, sizeof(page), "   By Ruth Adeyemi | 03/04/2018");
	read(page);
	assert_string_equal(a.author, "Ruth Adeyemi");
	assert_null(a.date);
}

/* A caption that opens with a name is no byline, nor is a line of
 * furniture that a menu repeats whole. */
static void test_text_read_saved_page_no_byline(void **state)
{
	(void)state;
	char page[8192];
	saved_page(page, sizeof(page),
		   "   Ruth Adeyemi, left, speaks with passengers on the first crossing");
	read(page);
	assert_string_equal(a.title, "Harbour ferry returns after storm repairs");
	assert_null(a.author);
	saved_page(page, sizeof(page), "   Lifeboat crew honoured");
	read(page);
	assert_null(a.author);
}

/* A bare text's first line decorated as html2text writes a heading: the
 * title is the heading's text. */
static void test_text_read_plain_decorated_title(void **state)
{
	(void)state;
	read("****** Harbour ferry returns ******\nThe ferry carried passengers again.\n");
	assert_string_equal(a.title, "Harbour ferry returns");
	read("*Harbour* ferry returns\nThe ferry carried passengers again.\n");
	assert_string_equal(a.title, "*Harbour* ferry returns");
}

/* A plain article with a long list of short lines is not a saved page:
 * its first line is the title and every line stays in the body. */
static void test_text_read_article_with_long_list(void **state)
{
	(void)state;
	char text[8192];
	size_t len = (size_t)snprintf(text, sizeof(text),
		"Seeds announced for the open\n\n"
		"The organisers announced the seeds for next week's tournament on Friday, "
		"with the holder at the top of the list and two newcomers in the top ten.\n\n");
	for (int i = 1; i <= 45; i++)
		len += (size_t)snprintf(text + len, sizeof(text) - len, "%d Player Number%d (Country)\n\n", i, i);
	read(text);
	assert_string_equal(a.format, DL_FORMAT_PLAIN);
	assert_string_equal(a.title, "Seeds announced for the open");
	assert_non_null(strstr(a.body, "45 Player Number45 (Country)"));
	assert_non_null(strstr(a.body, "1 Player Number1 (Country)"));
}

static void test_text_read_long_first_line_without_spaces(void **state)
{
	(void)state;
	/* Chinese has no spaces: the title is cut at a character, never
	 * inside one (3-byte characters: 200 is not a multiple of 3). */
	char buf[1200] = "";
	for (int i = 0; i < 120; i++)
		strcat(buf, "\xE4\xB8\xAD\xE5\x9B\xBD");  /* zhong guo */
	strcat(buf, "\n\nBody.\n");
	read(buf);
	assert_non_null(a.title);
	assert_true(strlen(a.title) <= 200);
	assert_int_equal(strlen(a.title) % 3, 0);
	assert_true(utf8_valid(a.title, strlen(a.title), NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_text_read_header_block, reset),
		cmocka_unit_test_teardown(test_text_read_usenet_post, reset),
		cmocka_unit_test_teardown(test_text_read_scraped_page, reset),
		cmocka_unit_test_teardown(test_text_read_scraped_author_on_byline, reset),
		cmocka_unit_test_teardown(test_text_read_bare_text, reset),
		cmocka_unit_test_teardown(test_text_read_long_first_line, reset),
		cmocka_unit_test_teardown(test_text_read_saved_page, reset),
		cmocka_unit_test_teardown(test_text_read_saved_page_link_element_lines, reset),
		cmocka_unit_test_teardown(test_text_read_saved_page_byline_on_two_lines, reset),
		cmocka_unit_test_teardown(test_text_read_saved_page_byline_shapes, reset),
		cmocka_unit_test_teardown(test_text_read_saved_page_no_byline, reset),
		cmocka_unit_test_teardown(test_text_read_saved_page_numeric_date, reset),
		cmocka_unit_test_teardown(test_text_read_plain_decorated_title, reset),
		cmocka_unit_test_teardown(test_text_read_saved_page_by_glued, reset),
		cmocka_unit_test_teardown(test_text_read_article_with_long_list, reset),
		cmocka_unit_test_teardown(test_text_read_long_first_line_without_spaces, reset),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
