/* Unit tests for server/page.c: the highlighted text of a document. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "../server/page.h"

static char *marked(const char *text, const char *ranges, unsigned *next)
{
	esc_buf_t b = { 0 };
	json_t *r = json_loads(ranges, 0, NULL);
	page_marked(&b, text, strlen(text), r, next);
	json_decref(r);
	char *out = esc_buf_take(&b, NULL);
	assert_non_null(out);
	return out;
}

static void test_page_marked_escapes_inside_and_outside(void **state)
{
	(void)state;
	char *out = marked("<b>Kerry</b> & <script>", "[[3,8]]", NULL);
	assert_string_equal(out, "&lt;b&gt;<mark>Kerry</mark>&lt;/b&gt; &amp; &lt;script&gt;");
	free(out);
}

static void test_page_marked_numbers_marks(void **state)
{
	(void)state;
	unsigned next = 1;
	char *out = marked("Kerry met Lavrov and Kerry", "[[0,5],[10,16],[21,26]]", &next);
	assert_string_equal(out, "<mark id=\"m1\">Kerry</mark> met <mark id=\"m2\">Lavrov</mark>"
				 " and <mark id=\"m3\">Kerry</mark>");
	assert_int_equal(next, 4);
	free(out);
}

static void test_page_marked_skips_bad_ranges(void **state)
{
	(void)state;
	/* Overlapping, backwards and out-of-text ranges are left out; the
	 * text is all there once. */
	char *out = marked("abcdef", "[[1,3],[2,4],[5,4],[4,99],[\"x\",1],[4,5]]", NULL);
	assert_string_equal(out, "a<mark>bc</mark>d<mark>e</mark>f");
	free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_page_marked_escapes_inside_and_outside),
		cmocka_unit_test(test_page_marked_numbers_marks),
		cmocka_unit_test(test_page_marked_skips_bad_ranges),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
