/* Unit tests for analysis/record.c: the stored record, encoded and
 * decoded. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "../analysis/record.h"

static int setup(void **state)
{
	dl_record_t *r = dl_record_new();
	*state = r;
	return r ? 0 : -1;
}

static int teardown(void **state)
{
	dl_record_free(*state);
	return 0;
}

/* Keys come out in table order, whatever order they were set in; an
 * absent field is left out. */
static void test_dl_record_encode_table_order(void **state)
{
	dl_record_t *r = *state;
	size_t len;
	assert_int_equal(dl_record_set(r, DL_F_BODY, "Talks went on."), 0);
	assert_int_equal(dl_record_add(r, DL_F_PLACES, "Paris"), 0);
	assert_int_equal(dl_record_set(r, DL_F_TITLE, "Kerry meets Lavrov"), 0);
	assert_int_equal(dl_record_set(r, DL_F_ID, "ukraine/paris.txt"), 0);
	assert_int_equal(dl_record_set(r, DL_F_AUTHOR, NULL), 0);
	char *s = dl_record_encode(r, &len);
	assert_non_null(s);
	assert_string_equal(s, "{\"id\":\"ukraine/paris.txt\",\"title\":\"Kerry meets Lavrov\","
			    "\"body\":\"Talks went on.\",\"places\":[\"Paris\"]}");
	assert_int_equal(len, strlen(s));
	free(s);
}

/* What is encoded decodes to the same fields and lists. */
static void test_dl_record_decode_round_trip(void **state)
{
	dl_record_t *r = *state, *back;
	size_t len;
	assert_int_equal(dl_record_set(r, DL_F_DATE, "2014-03-30"), 0);
	assert_int_equal(dl_record_add(r, DL_F_PERSONS, "John Kerry"), 0);
	assert_int_equal(dl_record_add(r, DL_F_PERSONS, "Sergey Lavrov"), 0);
	char *s = dl_record_encode(r, &len);
	assert_non_null(s);
	assert_int_equal(dl_record_decode(s, len, &back, NULL, 0), 0);
	free(s);
	assert_string_equal(dl_record_get(back, DL_F_DATE), "2014-03-30");
	assert_null(dl_record_get(back, DL_F_TITLE));
	assert_int_equal(dl_record_count(back, DL_F_PERSONS), 2);
	assert_string_equal(dl_record_item(back, DL_F_PERSONS, 1), "Sergey Lavrov");
	assert_null(dl_record_item(back, DL_F_PERSONS, 2));
	assert_int_equal(dl_record_count(back, DL_F_PLACES), 0);
	/* A list is not a string, a string not a list. */
	assert_null(dl_record_get(back, DL_F_PERSONS));
	assert_int_equal(dl_record_count(back, DL_F_DATE), 0);
	dl_record_free(back);
}

/* Data that is not a record is refused with a reason, and *out is NULL. */
static void test_dl_record_decode_not_a_record(void **state)
{
	(void)state;
	dl_record_t *r = (dl_record_t *)1;
	char why[100];
	assert_int_equal(dl_record_decode("{\"id\":", 6, &r, why, sizeof(why)), -1);
	assert_null(r);
	assert_true(strlen(why) > 0);
	assert_int_equal(dl_record_decode("[1,2]", 5, &r, why, sizeof(why)), -1);
	assert_string_equal(why, "not a JSON object");
	assert_int_equal(dl_record_decode("", 0, &r, NULL, 0), -1);
	/* An object with other keys is a record without our fields. */
	assert_int_equal(dl_record_decode("{\"x\":1}", 7, &r, NULL, 0), 0);
	assert_null(dl_record_get(r, DL_F_ID));
	dl_record_free(r);
}

/* Fields the record does not keep, lists given a string and strings that
 * are not UTF-8 are refused. */
static void test_dl_record_set_refused(void **state)
{
	dl_record_t *r = *state;
	assert_int_equal(dl_record_set(r, DL_F_FILE, "x"), -1);
	assert_int_equal(dl_record_set(r, DL_F_PERSONS, "x"), -1);
	assert_int_equal(dl_record_add(r, DL_F_TITLE, "x"), -1);
	assert_int_equal(dl_record_set(r, DL_F_TITLE, "caf\xe9"), -1);
	assert_null(dl_record_get(r, DL_F_TITLE));
}

/* --show --json prints the record as stored. */
static void test_dl_record_print_as_stored(void **state)
{
	(void)state;
	const char data[] = "{\"title\":\"T\",\"id\":\"a\",\"x\":[1]}";
	dl_record_t *r;
	char buf[128] = "";
	assert_int_equal(dl_record_decode(data, sizeof(data) - 1, &r, NULL, 0), 0);
	FILE *f = fmemopen(buf, sizeof(buf), "w");
	assert_non_null(f);
	assert_int_equal(dl_record_print(r, f), 0);
	fclose(f);
	assert_string_equal(buf, data);
	dl_record_free(r);
	dl_record_free(NULL);
}

static void collect(int kind, const char *name, void *ctx)
{
	char *out = ctx;
	size_t n = strlen(out);
	snprintf(out + n, 256 - n, "%c:%s;", kind, name);
}

/* The facets' value holds the people, organisations, places, author,
 * source and month, and reads back in that order. */
static void test_dl_record_facets_value_round_trip(void **state)
{
	dl_record_t *r = *state;
	size_t len;
	char got[256] = "";
	assert_int_equal(dl_record_set(r, DL_F_AUTHOR, "Petra Lindqvist"), 0);
	assert_int_equal(dl_record_set(r, DL_F_SOURCE, "Dateline Wire"), 0);
	assert_int_equal(dl_record_set(r, DL_F_DATE, "2014-03-16"), 0);
	assert_int_equal(dl_record_set(r, DL_F_BODY, "not a facet"), 0);
	assert_int_equal(dl_record_add(r, DL_F_PLACES, "Crimea"), 0);
	assert_int_equal(dl_record_add(r, DL_F_PERSONS, "Sergei Lavrov"), 0);
	assert_int_equal(dl_record_add(r, DL_F_PERSONS, "John Kerry"), 0);
	assert_int_equal(dl_record_add(r, DL_F_ORGS, "NATO"), 0);
	char *v = dl_record_facets_value(r, &len);
	assert_non_null(v);
	assert_int_equal(dl_facets_value_each(v, len, collect, got), 0);
	assert_string_equal(got, "P:Sergei Lavrov;P:John Kerry;O:NATO;L:Crimea;"
				 "A:Petra Lindqvist;S:Dateline Wire;M:2014-03;");
	free(v);
}

/* A value that is not one (truncated, another format) is refused whole:
 * nothing is counted from it. */
static void test_dl_facets_value_each_refused(void **state)
{
	char got[256] = "";
	(void)state;
	assert_int_equal(dl_facets_value_each("", 0, collect, got), -1);
	assert_int_equal(dl_facets_value_each("\x02PKerry", 8, collect, got), -1);
	assert_int_equal(dl_facets_value_each("\x01PKerry\0PLav", 12, collect, got), -1);
	assert_int_equal(dl_facets_value_each("\x01PKerry\0P", 9, collect, got), -1);
	assert_string_equal(got, "");
	assert_int_equal(dl_facets_value_each("\x01", 1, collect, got), 0);
	assert_string_equal(got, "");
}

/* The fast reader and jansson agree on every record, those it reads
 * itself (strings, arrays, the short escapes) and those it leaves to
 * jansson (\uXXXX, numbers, nested objects); both refuse the same. */
static void test_dl_record_decode_as_jansson(void **state)
{
	(void)state;
	static const char *const ok[] = {
		"{}", " { } ", "{\"id\":\"a\"}", "{\"id\":\"\"}", "{\"persons\":[]}",
		"{\"id\":\"a\",\"persons\":[\"X\",\"Y\"],\"body\":\"l1\\nl2\\t\\\"q\\\" \\\\ \\/ \\b\\f\\r\"}",
		"{ \"id\" : \"a\" , \"places\" : [ \"P\" , \"Q\" ] }\n",
		"{\"id\":\"S\xc3\xa3o Paulo \xe2\x82\xac \xf0\x9f\x93\xb0\"}",
		"{\"id\":\"\\u00e9t\\u00e9\"}", "{\"id\":\"a\",\"id\":\"b\"}",
		"{\"id\":1}", "{\"id\":{\"x\":\"y\"}}", "{\"persons\":[\"a\",1]}", "{\"id\":\"\x7f\"}",
	};
	static const char *const bad[] = {
		"", "[]", "\"id\"", "{", "{\"id\"}", "{\"id\":\"a\"", "{\"id\":\"a\",}",
		"{\"id\":\"a\"} x", "{\"id\":\"a\x01\"}", "{\"id\":\"\\x\"}", "{\"id\":\"\xc0\xaf\"}",
		"{\"id\":\"\xed\xa0\x80\"}", "{\"id\":\"\xf4\x90\x80\x80\"}", "{\"id\":\"\xe2\x82\"}",
		"{\"id\":\"\xff\"}", "{\"id\":\"\\u0000\"}", "{\"persons\":[\"a\",]}",
	};
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		dl_record_t *r = NULL;
		char *mine = NULL, *theirs = NULL;
		size_t n1 = 0, n2 = 0;
		assert_int_equal(dl_record_decode(ok[i], strlen(ok[i]), &r, NULL, 0), 0);
		FILE *f = open_memstream(&mine, &n1);
		assert_int_equal(dl_record_print(r, f), 0);
		fclose(f);
		json_t *j = json_loadb(ok[i], strlen(ok[i]), 0, NULL);
		assert_non_null(j);
		f = open_memstream(&theirs, &n2);
		assert_int_equal(json_dumpf(j, f, JSON_COMPACT), 0);
		fclose(f);
		assert_string_equal(mine, theirs);
		json_decref(j);
		free(mine);
		free(theirs);
		dl_record_free(r);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		dl_record_t *r = (dl_record_t *)1;
		char why[160] = "";
		assert_int_equal(dl_record_decode(bad[i], strlen(bad[i]), &r, why, sizeof(why)), -1);
		assert_null(r);
		assert_true(why[0] != '\0');
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_dl_record_encode_table_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dl_record_decode_round_trip, setup, teardown),
		cmocka_unit_test(test_dl_record_decode_not_a_record),
		cmocka_unit_test(test_dl_record_decode_as_jansson),
		cmocka_unit_test_setup_teardown(test_dl_record_set_refused, setup, teardown),
		cmocka_unit_test(test_dl_record_print_as_stored),
		cmocka_unit_test_setup_teardown(test_dl_record_facets_value_round_trip, setup,
						teardown),
		cmocka_unit_test(test_dl_facets_value_each_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
