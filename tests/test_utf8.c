/* Unit tests for util/utf8.c. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "../util/utf8.h"

static void test_utf8_valid_rejects_what_json_rejects(void **state)
{
	(void)state;
	size_t bad = 99;
	assert_true(utf8_valid("caf\xC3\xA9", 5, NULL));
	assert_false(utf8_valid("\xC0\xAF", 2, &bad));          /* overlong '/' */
	assert_int_equal(bad, 0);
	assert_false(utf8_valid("x\xED\xA0\x80", 4, &bad));     /* a surrogate */
	assert_int_equal(bad, 1);
	assert_false(utf8_valid("\xF4\x90\x80\x80", 4, NULL));  /* > U+10FFFF */
	assert_false(utf8_valid("ab\xE4\xB8", 4, &bad));        /* cut short */
	assert_int_equal(bad, 2);
}

static void test_utf8_boundary_never_splits(void **state)
{
	(void)state;
	const char *s = "\xE4\xB8\xAD\xE5\x9B\xBD";  /* two 3-byte characters */
	assert_int_equal(utf8_boundary(s, 6, 0), 0);
	assert_int_equal(utf8_boundary(s, 6, 1), 0);
	assert_int_equal(utf8_boundary(s, 6, 2), 0);
	assert_int_equal(utf8_boundary(s, 6, 3), 3);
	assert_int_equal(utf8_boundary(s, 6, 5), 3);
	assert_int_equal(utf8_boundary(s, 6, 6), 6);
	assert_int_equal(utf8_boundary(s, 6, 100), 6);
	/* Invalid bytes are characters of their own. */
	assert_int_equal(utf8_boundary("a\xFF\xFF" "b", 4, 2), 2);
}

static void test_utf8_clean_replaces(void **state)
{
	(void)state;
	char *out;
	size_t n;
	utf8_fixes_t fx = { 0, 0 };
	const char in[] = "A\x1B[2J\tB\xE9 C\xC2\x9B" "D\nE";
	assert_int_equal(utf8_clean(in, sizeof(in) - 1, 0, &out, &n, &fx), 0);
	assert_string_equal(out, "A [2J B\xEF\xBF\xBD C  D E");
	assert_int_equal(n, strlen(out));
	assert_int_equal(fx.invalid, 1);
	assert_int_equal(fx.controls, 4);
	assert_true(utf8_is_clean(out, n, 0));
	free(out);
	/* A body keeps its lines and tabs. */
	assert_int_equal(utf8_clean(in, sizeof(in) - 1, UTF8_KEEP_LINES, &out, &n, NULL), 0);
	assert_string_equal(out, "A [2J\tB\xEF\xBF\xBD C  D\nE");
	assert_false(utf8_is_clean(out, n, 0));
	assert_true(utf8_is_clean(out, n, UTF8_KEEP_LINES));
	free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8_valid_rejects_what_json_rejects),
		cmocka_unit_test(test_utf8_boundary_never_splits),
		cmocka_unit_test(test_utf8_clean_replaces),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
