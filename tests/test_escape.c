/* Unit tests for server/escape.c: each context's escaping, with the
 * hostile strings the server must never pass through raw. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "../server/escape.h"

/* What f writes for s, as a malloc'ed string. */
static char *run(void (*f)(esc_buf_t *, const char *, size_t), const char *s, size_t len)
{
	esc_buf_t b = { 0 };
	f(&b, s, len);
	char *out = esc_buf_take(&b, NULL);
	assert_non_null(out);
	return out;
}

#define CHECK(f, in, expected)                                   \
	do {                                                     \
		char *got_ = run(f, in, sizeof(in) - 1);         \
		assert_string_equal(got_, expected);             \
		free(got_);                                      \
	} while (0)

static void test_esc_html_script_tag(void **state)
{
	(void)state;
	CHECK(esc_html, "<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;");
	CHECK(esc_html, "Tom & Jerry's \"show\"", "Tom &amp; Jerry&#39;s &quot;show&quot;");
	CHECK(esc_html, "caf\xC3\xA9 \xE2\x80\x94 Kyiv", "caf\xC3\xA9 \xE2\x80\x94 Kyiv");
}

static void test_esc_attr_cannot_close_attribute(void **state)
{
	(void)state;
	CHECK(esc_attr, "\"><img src=x onerror=alert(1)>",
	      "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
	CHECK(esc_attr, "' onmouseover='x", "&#39; onmouseover=&#39;x");
}

static void test_esc_html_invalid_utf8_and_controls(void **state)
{
	(void)state;
	/* A lone continuation byte, an overlong '<' (C0 BC), a surrogate,
	 * ESC and a C1 control: each becomes U+FFFD, never a '<'. */
	CHECK(esc_html, "a\x80" "b\xC0\xBC" "c\xED\xA0\x80" "d\x1b[2J\xC2\x9B",
	      "a\xEF\xBF\xBD" "b\xEF\xBF\xBD\xEF\xBF\xBD" "c\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"
	      "d\xEF\xBF\xBD[2J\xEF\xBF\xBD");
	/* Lines and tabs are kept. */
	CHECK(esc_html, "a\tb\nc", "a\tb\nc");
	/* A NUL inside the length is replaced, not a terminator. */
	CHECK(esc_html, "a\0b", "a\xEF\xBF\xBD" "b");
}

static void test_esc_url_component(void **state)
{
	(void)state;
	CHECK(esc_url, "Kerry & Lavrov", "Kerry%20%26%20Lavrov");
	CHECK(esc_url, "../../etc/passwd", "..%2F..%2Fetc%2Fpasswd");
	CHECK(esc_url, "a=b#c?d+e\"", "a%3Db%23c%3Fd%2Be%22");
	CHECK(esc_url, "Kyiv\xE2\x80\x99s", "Kyiv%E2%80%99s");
	CHECK(esc_url, "javascript:alert(1)", "javascript%3Aalert%281%29");
}

static void test_esc_json_string(void **state)
{
	(void)state;
	CHECK(esc_json, "</script><!--", "\"\\u003c/script\\u003e\\u003c!--\"");
	CHECK(esc_json, "say \"hi\"\\\n", "\"say \\\"hi\\\"\\\\\\n\"");
	CHECK(esc_json, "\x01\x1f", "\"\\u0001\\u001f\"");
	CHECK(esc_json, "bad\xFF", "\"bad\\ufffd\"");
	CHECK(esc_json, "line\xE2\x80\xA8sep", "\"line\\u2028sep\"");
}

static void test_esc_json_value_round_trips(void **state)
{
	(void)state;
	json_t *v = json_pack("{s:s,s:i,s:[s,b,n],s:f}", "title", "<script>alert(1)</script>",
			      "count", 3, "list", "a\"b", 1, "score", 1.5);
	esc_buf_t b = { 0 };
	esc_json_value(&b, v);
	char *out = esc_buf_take(&b, NULL);
	assert_null(strchr(out, '<'));
	json_error_t err;
	json_t *back = json_loads(out, 0, &err);
	assert_non_null(back);
	assert_true(json_equal(v, back));
	assert_string_equal(out, "{\"title\":\"\\u003cscript\\u003ealert(1)\\u003c/script\\u003e\","
				 "\"count\":3,\"list\":[\"a\\\"b\",true,null],\"score\":1.5}");
	json_decref(back);
	json_decref(v);
	free(out);
}

/* Integers are written without printf: as %lld would, at the edges. */
static void test_esc_json_value_integers(void **state)
{
	(void)state;
	json_t *v = json_pack("[I,I,I,I,I]", (json_int_t)0, (json_int_t)-7,
			      (json_int_t)1234567890123, (json_int_t)INT64_MAX, (json_int_t)INT64_MIN);
	esc_buf_t b = { 0 };
	esc_json_value(&b, v);
	char *out = esc_buf_take(&b, NULL);
	assert_string_equal(out, "[0,-7,1234567890123,9223372036854775807,-9223372036854775808]");
	json_decref(v);
	free(out);
}

/* Plain runs between escapes (copied whole) keep their bytes and order. */
static void test_esc_json_runs(void **state)
{
	(void)state;
	CHECK(esc_json, "", "\"\"");
	CHECK(esc_json, "plain text, 42 words", "\"plain text, 42 words\"");
	CHECK(esc_json, "a<b>c&d\"e\\f\tg\x7fh", "\"a\\u003cb\\u003ec\\u0026d\\\"e\\\\f\\tg\\ufffdh\"");
	CHECK(esc_json, "caf\xC3\xA9 au lait\x01", "\"caf\xC3\xA9 au lait\\u0001\"");
}

static void test_esc_utf8_valid(void **state)
{
	(void)state;
	assert_true(esc_utf8_valid("Kyiv \xE2\x80\x94 caf\xC3\xA9", 12));
	assert_false(esc_utf8_valid("a\0b", 3));
	assert_false(esc_utf8_valid("\xC0\xAF", 2));
	assert_false(esc_utf8_valid("\xE2\x80", 2));
	assert_true(esc_utf8_valid("", 0));
}

/* What the server takes in a parameter: no control character but tab,
 * newline and carriage return (a fuzzer find: q=a%01 was echoed in the
 * answer's JSON as \u0001). */
static void test_esc_text_clean(void **state)
{
	(void)state;
	assert_true(esc_text_clean("Kyiv \xE2\x80\x94 caf\xC3\xA9\tand\r\n", 20));
	assert_false(esc_text_clean("a\x01", 2));
	assert_false(esc_text_clean("a\x1b[31m", 6));
	assert_false(esc_text_clean("a\x7f", 2));
	assert_false(esc_text_clean("a\xC2\x85", 3));  /* NEL, a C1 control */
	assert_false(esc_text_clean("a\0b", 3));
	assert_false(esc_text_clean("\xC0\xAF", 2));
}

static void test_esc_buf_printf_long(void **state)
{
	(void)state;
	esc_buf_t b = { 0 };
	char big[1000];
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	esc_printf(&b, "<%s>%d", big, 42);
	size_t len;
	char *out = esc_buf_take(&b, &len);
	assert_int_equal(len, 1 + 999 + 1 + 2);
	assert_int_equal(out[0], '<');
	assert_string_equal(out + 1000, ">42");
	free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_esc_html_script_tag),
		cmocka_unit_test(test_esc_attr_cannot_close_attribute),
		cmocka_unit_test(test_esc_html_invalid_utf8_and_controls),
		cmocka_unit_test(test_esc_url_component),
		cmocka_unit_test(test_esc_json_string),
		cmocka_unit_test(test_esc_json_value_round_trips),
		cmocka_unit_test(test_esc_json_value_integers),
		cmocka_unit_test(test_esc_json_runs),
		cmocka_unit_test(test_esc_utf8_valid),
		cmocka_unit_test(test_esc_text_clean),
		cmocka_unit_test(test_esc_buf_printf_long),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
