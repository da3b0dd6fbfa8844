/* Unit tests for indexer/clean.c: the boundary every article crosses. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "../indexer/article.h"
#include "../util/utf8.h"

static void test_article_clean_every_field(void **state)
{
	(void)state;
	article_t a = { 0 };
	a.title = strdup("Caf\xE9 \x1B[31mred\x07");
	a.author = strdup("J\xC3\xBCrgen \xC2\x9B" "2J");
	a.place = strdup("ok");
	a.body = strdup("Line one\x1B]0;x\x07\nline\ttwo \xFF\xFE end");
	utf8_fixes_t fx = { 0, 0 };
	assert_int_equal(article_clean(&a, &fx), 0);
	assert_string_equal(a.title, "Caf\xEF\xBF\xBD  [31mred ");
	assert_string_equal(a.author, "J\xC3\xBCrgen   2J");
	assert_string_equal(a.place, "ok");
	assert_string_equal(a.body, "Line one ]0;x \nline\ttwo \xEF\xBF\xBD\xEF\xBF\xBD end");
	assert_int_equal(fx.invalid, 3);
	assert_int_equal(fx.controls, 5);
	const char *fields[] = { a.title, a.author, a.place };
	for (size_t i = 0; i < 3; i++)
		assert_true(utf8_is_clean(fields[i], strlen(fields[i]), 0));
	assert_true(utf8_is_clean(a.body, strlen(a.body), UTF8_KEEP_LINES));
	article_clear(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_article_clean_every_field),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
