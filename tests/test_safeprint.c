/* Unit tests for util/safeprint.c. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "../util/safeprint.h"

static void test_safe_strdup_strips_controls(void **state)
{
	(void)state;
	const char in[] = "title\x1b[31mred\x07\tend\xC2\x9B" "2J";
	char *s = safe_strdup(in, sizeof(in) - 1);
	assert_null(strchr(s, '\x1b'));
	assert_null(strchr(s, '\x07'));
	assert_null(strstr(s, "\xC2\x9B"));
	assert_string_equal(s, "title [31mred  end 2J");
	free(s);
}

static void test_safe_write_invalid_utf8(void **state)
{
	(void)state;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_int_equal(safe_write(f, "a\xFF" "b", 3), 0);
	fclose(f);
	assert_string_equal(buf, "a\xEF\xBF\xBD" "b");
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_safe_strdup_strips_controls),
		cmocka_unit_test(test_safe_write_invalid_utf8),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
