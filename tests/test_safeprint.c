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

static void test_safe_name_escapes_and_decodes(void **state)
{
	(void)state;
	/* A clean name is itself, backslashes and all. */
	const char *clean = "europe/caf\xC3\xA9 \\ 1.txt";
	char *s = safe_name(clean, strlen(clean));
	assert_string_equal(s, "europe/caf\xC3\xA9 \\ 1.txt");
	free(s);
	/* A Latin-1 byte and an escape sequence: every byte kept, as \xHH. */
	const char raw[] = "name-\xE9\x1B[31m\\.txt";
	s = safe_name(raw, sizeof(raw) - 1);
	assert_string_equal(s, "name-\\xE9\\x1B[31m\\\\.txt");
	assert_null(strchr(s, '\x1B'));
	size_t n;
	char *back = safe_name_decode(s, &n);
	assert_int_equal(n, sizeof(raw) - 1);
	assert_memory_equal(back, raw, n);
	free(back);
	free(s);
	/* A C1 control (valid UTF-8) is escaped byte by byte. */
	s = safe_name("a\xC2\x9B" "b", 4);
	assert_string_equal(s, "a\\xC2\\x9Bb");
	free(s);
	assert_null(safe_name_decode("plain/name.txt", &n));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_safe_strdup_strips_controls),
		cmocka_unit_test(test_safe_write_invalid_utf8),
		cmocka_unit_test(test_safe_name_escapes_and_decodes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
