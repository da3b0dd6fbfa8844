/* Unit tests for analysis/schema.c: the table of fields and its lookups,
 * the id and digest terms. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "../analysis/schema.h"

/* Every row is where its enum says, and no two rows share a name, a
 * prefix or a record key. */
static void test_dl_fields_rows_unique(void **state)
{
	(void)state;
	for (size_t i = 0; i < DL_NFIELDS; i++) {
		const dl_field_t *f = &dl_fields[i];
		assert_non_null(f->name);
		assert_non_null(f->what);
		assert_int_equal(dl_field_id(f), i);
		for (size_t j = i + 1; j < DL_NFIELDS; j++) {
			const dl_field_t *g = &dl_fields[j];
			assert_true(strcmp(f->name, g->name) != 0);
			if (f->prefix && g->prefix)
				assert_true(strcmp(f->prefix, g->prefix) != 0);
			if (f->key && g->key)
				assert_true(strcmp(f->key, g->key) != 0);
		}
	}
}

/* What a flag needs is in the row: terms need a prefix, free text and
 * lists need a record key, a range needs a slot, a field that also finds
 * mentions names an entity field. */
static void test_dl_fields_flags_consistent(void **state)
{
	(void)state;
	for (size_t i = 0; i < DL_NFIELDS; i++) {
		const dl_field_t *f = &dl_fields[i];
		if (f->flags & (DL_FIELD_TEXT | DL_FIELD_BOOLEAN | DL_FIELD_ENTITY))
			assert_non_null(f->prefix);
		if (f->flags & (DL_FIELD_FREE_TEXT | DL_FIELD_LIST))
			assert_non_null(f->key);
		if (f->flags & DL_FIELD_FREE_TEXT)
			assert_true(f->weight >= 1);
		if (f->flags & DL_FIELD_RANGE)
			assert_true(f->slot != DL_NO_SLOT);
		if (f->flags & (DL_FIELD_WEIGHTED))
			assert_true(f->flags & DL_FIELD_FREE_TEXT);
		if (f->flags & (DL_FIELD_BOOSTABLE))
			assert_true(f->flags & DL_FIELD_TEXT);
		if (f->flags & DL_FIELD_MENTIONS)
			assert_true(dl_fields[f->mentions].flags & DL_FIELD_ENTITY);
	}
}

static void test_dl_field_by_name_flags(void **state)
{
	(void)state;
	const dl_field_t *f = dl_field_by_name("TITLE", 5, 0);
	assert_non_null(f);
	assert_string_equal(f->prefix, DL_PREFIX_TITLE);
	assert_ptr_equal(dl_field_by_name("title", 5, DL_FIELD_BOOSTABLE), f);
	/* The body is free text but no query field. */
	assert_null(dl_field_by_name("body", 4, DL_FIELD_QUERY));
	assert_non_null(dl_field_by_name("body", 4, DL_FIELD_FREE_TEXT));
	/* Only as many bytes as len: "titles" is not "title". */
	assert_null(dl_field_by_name("titles", 6, 0));
	assert_non_null(dl_field_by_name("title:crimea", 5, 0));
	assert_null(dl_field_by_name("colour", 6, 0));
	/* The text fields a query names. */
	assert_ptr_equal(dl_field_find("place", 5), &dl_fields[DL_F_PLACE]);
	assert_null(dl_field_find("person", 6));
}

static void test_dl_field_by_prefix_each(void **state)
{
	(void)state;
	assert_ptr_equal(dl_field_by_prefix("XPER"), &dl_fields[DL_F_PERSONS]);
	assert_ptr_equal(dl_field_by_prefix("XP"), &dl_fields[DL_F_PLACE]);
	assert_ptr_equal(dl_field_by_prefix("M"), &dl_fields[DL_F_MONTH]);
	assert_null(dl_field_by_prefix("XNOPE"));
	assert_null(dl_field_by_prefix(""));
}

static void test_dl_field_names_flags(void **state)
{
	(void)state;
	char buf[128];
	assert_string_equal(dl_field_names(DL_FIELD_BOOSTABLE, buf, sizeof(buf)),
			    "title, author, place");
	assert_string_equal(dl_field_names(DL_FIELD_WEIGHTED, buf, sizeof(buf)), "title, author");
	/* Cut at a name, never within one. */
	assert_string_equal(dl_field_names(DL_FIELD_BOOSTABLE, buf, 16), "title, author");
	assert_string_equal(dl_field_names(DL_FIELD_BOOSTABLE, buf, 3), "");
}

static void test_dl_id_term_long(void **state)
{
	(void)state;
	char buf[DL_MAX_TERM_BYTES + 1], other[DL_MAX_TERM_BYTES + 1], id[400];
	dl_id_term(DL_PREFIX_ID, "ukraine/mh17.txt", buf);
	assert_string_equal(buf, "Qukraine/mh17.txt");
	memset(id, 'a', sizeof(id) - 1);
	id[sizeof(id) - 1] = '\0';
	dl_id_term(DL_PREFIX_ID, id, buf);
	assert_true(strlen(buf) <= DL_MAX_TERM_BYTES);
	/* Two long ids that differ at the end only have different terms. */
	id[sizeof(id) - 2] = 'b';
	dl_id_term(DL_PREFIX_ID, id, other);
	assert_true(strcmp(buf, other) != 0);
}

static void test_dl_value_digest_term_short(void **state)
{
	(void)state;
	char buf[DL_MAX_TERM_BYTES + 1];
	const char v[] = "0123456789abcdefdiplomacy/kerry.txt";
	assert_int_equal(dl_value_digest_term(v, sizeof(v) - 1, buf), 0);
	assert_string_equal(buf, "XDIGEST0123456789abcdef");
	assert_string_equal(dl_value_id(v, sizeof(v) - 1), "diplomacy/kerry.txt");
	assert_int_equal(dl_value_digest_term(v, 15, buf), -1);
	assert_null(dl_value_id(v, DL_DIGEST_HEX));
}

/* DL_META_FIELDS: every mask written reads back; anything else (an
 * absent key is "") is not a value. */
static void test_dl_fields_meta_round_trip(void **state)
{
	(void)state;
	char buf[DL_FIELDS_BYTES];
	unsigned m;
	for (unsigned mask = 0; mask < 8; mask++) {
		dl_fields_format(mask, buf);
		assert_int_equal(dl_fields_parse(buf, &m), 0);
		assert_int_equal(m, mask);
	}
	dl_fields_format(DL_HAS_TITLE | DL_HAS_PLACE, buf);
	assert_string_equal(buf, "title=1 author=0 place=1");
	static const char *const bad[] = { "", "title=1", "title=1 author=0 place=2",
					   "title=1 author=0 place=1 ", "place=1 author=0 title=1",
					   "title=1  author=0 place=1" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(dl_fields_parse(bad[i], &m), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dl_fields_rows_unique),
		cmocka_unit_test(test_dl_fields_flags_consistent),
		cmocka_unit_test(test_dl_field_by_name_flags),
		cmocka_unit_test(test_dl_field_by_prefix_each),
		cmocka_unit_test(test_dl_field_names_flags),
		cmocka_unit_test(test_dl_id_term_long),
		cmocka_unit_test(test_dl_value_digest_term_short),
		cmocka_unit_test(test_dl_fields_meta_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
