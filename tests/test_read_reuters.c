/* Unit tests for indexer/read_reuters.c, on SGML written for the test in
 * the shape of Reuters-21578. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "../analysis/schema.h"
#include "../indexer/article.h"
#include "reader_sink.h"

static const char sgml[] =
	"<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n"
	"<REUTERS TOPICS=\"YES\" LEWISSPLIT=\"TRAIN\" NEWID=\"7\">\n"
	"<DATE> 2-MAR-1987 09:15:00.10</DATE>\n"
	"<PLACES><D>brazil</D></PLACES>\n"
	"<UNKNOWN>&#5;&#5;&#5;C T\n&#22;&#22;&#1;f0001&#31;reute</UNKNOWN>\n"
	"<TEXT>&#2;\n<TITLE>COFFEE GROWERS MEET IN SANTOS</TITLE>\n"
	"<AUTHOR>    By Ana Prado, Reuters</AUTHOR>\n"
	"<DATELINE>    SAO PAULO, March 2 - </DATELINE><BODY>Growers met &lt;Santos Exchange> officials\n"
	"to talk about prices &amp; quotas.\n Reuter\n&#3;</BODY></TEXT>\n"
	"</REUTERS>\n"
	"<REUTERS TOPICS=\"NO\" LEWISSPLIT=\"TEST\" NEWID=\"8\">\n"
	"<DATE> 3-MAR-1987 10:00:00.00</DATE>\n"
	"<TEXT TYPE=\"BRIEF\">&#2;\n<TITLE>SHORT ITEM ONLY A TITLE</TITLE>\n&#3;\n</TEXT>\n"
	"</REUTERS>\n";

static void test_reuters_detect(void **state)
{
	(void)state;
	assert_true(reuters_detect(sgml, strlen(sgml)));
	assert_false(reuters_detect("Title: x\n\nbody", 14));
}

static void test_reuters_read_stories(void **state)
{
	(void)state;
	sink_t g = { 0 };
	assert_int_equal(reuters_read(sgml, strlen(sgml), sink_keep, &g), 0);
	assert_int_equal(g.n, 2);
	article_t *a = &g.a[0];
	assert_string_equal(g.suffix[0], "#7");
	assert_string_equal(a->format, DL_FORMAT_REUTERS);
	assert_string_equal(a->title, "COFFEE GROWERS MEET IN SANTOS");
	assert_string_equal(a->date, "1987-03-02");
	assert_string_equal(a->author, "Ana Prado");
	assert_string_equal(a->place, "Sao Paulo");
	assert_string_equal(a->source, "Reuters");
	/* Entities decoded, the sign-off and control references gone. */
	assert_string_equal(a->body, "Growers met <Santos Exchange> officials\n"
				     "to talk about prices & quotas.");
	assert_string_equal(g.suffix[1], "#8");
	assert_string_equal(g.a[1].title, "SHORT ITEM ONLY A TITLE");
	assert_string_equal(g.a[1].date, "1987-03-03");
	sink_clear(&g);
}

static void test_reuters_read_truncated(void **state)
{
	(void)state;
	sink_t g = { 0 };
	/* Cut in the middle of the first story's body. */
	size_t cut = (size_t)(strstr(sgml, "quotas") - sgml);
	assert_int_equal(reuters_read(sgml, cut, sink_keep, &g), 0);
	assert_int_equal(g.n, 1);
	assert_non_null(strstr(g.a[0].body, "Growers met"));
	sink_clear(&g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reuters_detect),
		cmocka_unit_test(test_reuters_read_stories),
		cmocka_unit_test(test_reuters_read_truncated),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
