/* Unit tests for analysis/date.c. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "../analysis/date.h"

static const char *iso(const char *s)
{
	static char buf[11];
	an_date_t d;
	if (an_date_parse(s, strlen(s), &d) != 0)
		return "invalid";
	return an_date_format(&d, buf);
}

static void test_date_parse_forms(void **state)
{
	(void)state;
	assert_string_equal(iso("2014-03-30"), "2014-03-30");
	assert_string_equal(iso("2014-03-30T18:45:00Z"), "2014-03-30");
	assert_string_equal(iso("2014-03"), "2014-03");
	assert_string_equal(iso("2014"), "2014");
	assert_string_equal(iso("March 30, 2014"), "2014-03-30");
	assert_string_equal(iso("30 Mar 2014"), "2014-03-30");
	assert_string_equal(iso("Sun, 30 Mar 2014 10:00:00 +0000"), "2014-03-30");
	assert_string_equal(iso("26-FEB-1987 15:01:01.79"), "1987-02-26");
	assert_string_equal(iso("Posted March 29, 2014 by"), "2014-03-29");
	assert_string_equal(iso("Sept 1, 2015"), "2015-09-01");
}

static void test_date_parse_invalid(void **state)
{
	(void)state;
	assert_string_equal(iso("February 30, 2014"), "invalid");
	assert_string_equal(iso("2014-13-01"), "invalid");
	assert_string_equal(iso("30/03/2014"), "invalid");
	assert_string_equal(iso("no date here"), "invalid");
	assert_string_equal(iso(""), "invalid");
	assert_string_equal(iso("February 29, 2016"), "2016-02-29");
	assert_string_equal(iso("February 29, 2015"), "invalid");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_date_parse_forms),
		cmocka_unit_test(test_date_parse_invalid),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
