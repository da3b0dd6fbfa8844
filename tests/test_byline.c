/* test_byline.c - the author and date a page shows (indexer/byline.c). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>

#include "../indexer/byline.h"

static void expect_name(const char *text, const char *want)
{
	int oom = 0;
	char *got = byline_name(text, &oom);
	assert_false(oom);
	if (!want) {
		assert_null(got);
		return;
	}
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static void test_byline_name(void **state)
{
	(void)state;
	expect_name("By Ana Swanson", "Ana Swanson");
	expect_name("Posted by Vortex", "Vortex");
	expect_name("By Sandee LaMotte, CNN 1 day ago", "Sandee LaMotte");
	expect_name("by Jeff Foust Monday, November 18, 2019", "Jeff Foust");
	expect_name("Lisa Kaczke and Trevor J. Mitchell", "Lisa Kaczke and Trevor J. Mitchell");
	expect_name("by Bryan DeArdo @BryanDeArdo Nov 18, 2019 at 9:24 pm ET", "Bryan DeArdo");
	expect_name("By Amy Kuperinsky | NJ Advance Media", "Amy Kuperinsky");
	expect_name("rmb8090", "rmb8090");
	expect_name("By", NULL);
	expect_name("12:03 GMT, Nov 20, 2019", NULL);
	expect_name("one two three four five six seven eight nine ten eleven", NULL);
}

/* Find in an HTML snippet. */
static void find(const char *html, char **author, char **date)
{
	htmlDocPtr doc = htmlReadMemory(html, (int)strlen(html), NULL, "UTF-8",
					HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
					HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
	assert_non_null(doc);
	assert_int_equal(byline_find(xmlDocGetRootElement(doc), author, date), 0);
	xmlFreeDoc(doc);
}

static void test_byline_find(void **state)
{
	(void)state;
	char *author = NULL, *date = NULL;
	find("<html><body><h1>Talks end</h1><div class=\"byline\">By <a href=\"/people/ana\">"
	     "Ana Swanson</a> <span class=\"role\">Staff Writer</span></div>"
	     "<p class=\"timestamp\">Published 10:02 AM EST Nov 19, 2019</p>"
	     "<p>The article, at some length, with commas, and more.</p>"
	     "<div class=\"comments\"><span class=\"author\">A Reader</span></div></body></html>",
	     &author, &date);
	assert_string_equal(author, "Ana Swanson");
	assert_string_equal(date, "2019-11-19");
	free(author);
	free(date);
	/* Comments and forms are not bylines; a value already known stays. */
	author = strdup("Meta Name");
	date = NULL;
	find("<html><body><div id=\"comments\"><span class=\"author\">A Reader</span>"
	     "<time>March 3, 2012</time></div><form><label class=\"author\">Name *</label></form>"
	     "<span class=\"post-date\">October 12, 2017</span></body></html>", &author, &date);
	assert_string_equal(author, "Meta Name");
	assert_string_equal(date, "2017-10-12");
	free(author);
	free(date);
	/* A date line that is an update, or no date at all, gives none. */
	author = date = NULL;
	find("<html><body><span class=\"updated\">Updated Nov 13, 2019</span>"
	     "<span class=\"author-bio\">Writes about cars</span></body></html>", &author, &date);
	assert_null(author);
	assert_null(date);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_byline_name),
		cmocka_unit_test(test_byline_find),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
