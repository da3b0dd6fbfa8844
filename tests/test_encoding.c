/* Unit tests for indexer/encoding.c. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "../indexer/encoding.h"

static void test_enc_valid_utf8(void **state)
{
	(void)state;
	size_t bad = 0;
	assert_true(enc_valid_utf8("caf\xC3\xA9", 5, &bad));
	assert_false(enc_valid_utf8("price \xA3" "5", 8, &bad));
	assert_int_equal(bad, 6);
	assert_false(enc_valid_utf8("\xC3", 1, &bad)); /* truncated sequence */
}

static void test_enc_cp1252_to_utf8(void **state)
{
	(void)state;
	size_t n;
	char *s = enc_cp1252_to_utf8("\xA3" "5 \x93quoted\x94 \x80", 13, &n);
	assert_string_equal(s, "\xC2\xA3" "5 \xE2\x80\x9Cquoted\xE2\x80\x9D \xE2\x82\xAC");
	assert_int_equal(n, strlen(s));
	assert_true(enc_valid_utf8(s, n, NULL));
	free(s);
}

static void test_enc_binary_and_bom(void **state)
{
	(void)state;
	assert_true(enc_is_binary("PK\x03\x04\x00\x00", 6));
	assert_false(enc_is_binary("plain text", 10));
	assert_int_equal(enc_bom_len("\xEF\xBB\xBFTitle", 8), 3);
	assert_int_equal(enc_bom_len("Title", 5), 0);
}

static void test_enc_declares_other_charset(void **state)
{
	(void)state;
	const char *latin1 = "<html><head><meta http-equiv=\"Content-Type\" "
			     "content=\"text/html; charset=iso-8859-1\">";
	assert_true(enc_declares_other_charset(latin1, strlen(latin1)));
	const char *xml = "<?xml version=\"1.0\" encoding='windows-1252'?><rss>";
	assert_true(enc_declares_other_charset(xml, strlen(xml)));
	/* UTF-8 declared, or nothing: the bytes decide (Windows-1252 when
	 * they are not UTF-8). */
	const char *utf8 = "<html><head><meta charset=\"UTF-8\">";
	assert_false(enc_declares_other_charset(utf8, strlen(utf8)));
	const char *none = "<?xml version=\"1.0\"?><rss version=\"2.0\">";
	assert_false(enc_declares_other_charset(none, strlen(none)));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_enc_valid_utf8),
		cmocka_unit_test(test_enc_cp1252_to_utf8),
		cmocka_unit_test(test_enc_binary_and_bom),
		cmocka_unit_test(test_enc_declares_other_charset),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
