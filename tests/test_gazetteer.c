/* Unit tests for analysis/gazetteer_build.c: the tables the build compiles
 * in (an_gz_builtin) and the ones made at run time from iso-codes. */
#define _XOPEN_SOURCE 700
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../analysis/gazetteer.h"
#include "../analysis/gazetteer_table.h"
#include "../analysis/ner_lists.h"

static int rm_entry(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb; (void)flag; (void)ftw;
	return remove(p);
}

/* The place a table gives for a normalised name: its name, or NULL. */
static const char *place_of(const an_gz_table_t *t, const char *key)
{
	size_t s = an_gz_slot(t, t->names, t->nnames, 2, key, strlen(key));
	return t->names[2 * s] ? t->strings + t->places[3 * t->names[2 * s + 1]] : NULL;
}

/* Every name of a table made now from the installed iso-codes and
 * libgeonames leads where the compiled-in table's does, and the other way
 * round: the build's table is not stale, and freezing it lost nothing. */
static void test_builtin_equals_a_build_now(void **state)
{
	(void)state;
	an_gz_table_t now;
	assert_int_equal(an_gz_build(AN_ISO_CODES_DIR, AN_GZ_PLACES | AN_GZ_CITIES, &now), 0);
	if (!now.iso_ok) {
		an_gz_free(&now);
		skip();
	}
	const an_gz_table_t *b = &an_gz_builtin;
	assert_true(b->iso_ok);
	assert_int_equal(now.nplaces, b->nplaces);
	assert_int_equal(now.max_words, b->max_words);
	assert_int_equal(now.city_max_words, b->city_max_words);
	assert_string_equal(place_of(b, "mizoram"), "Mizoram"); /* a subdivision */
	const an_gz_table_t *pair[2][2] = { { &now, b }, { b, &now } };
	for (int k = 0; k < 2; k++) {
		const an_gz_table_t *from = pair[k][0], *to = pair[k][1];
		size_t names = 0, cities = 0;
		for (uint32_t i = 0; i < from->nnames; i++) {
			if (!from->names[2 * i])
				continue;
			const char *key = from->strings + from->names[2 * i];
			const char *p = place_of(to, key);
			assert_non_null(p);
			assert_string_equal(p, from->strings + from->places[3 * from->names[2 * i + 1]]);
			names++;
		}
		for (uint32_t i = 0; i < from->ncities; i++) {
			if (!from->cities[i])
				continue;
			const char *key = from->strings + from->cities[i];
			assert_true(to->cities[an_gz_slot(to, to->cities, to->ncities, 1, key,
							  strlen(key))] != 0);
			cities++;
		}
		assert_true(names > 4000);
		assert_true(cities > 20000);
	}
	an_gz_free(&now);
}

/* The English word list compiled in: how it writes a word (lower case,
 * capitalised, both), folded as the tokenizer folds; a word it lacks, a
 * possessive and a part of a word are not in it. The same as a table made
 * now from the installed list. */
static void test_word_list(void **state)
{
	(void)state;
	const an_gz_table_t *b = &an_gz_builtin;
	assert_true(b->words_ok);
	assert_int_equal(an_dict_word("meanwhile", 9), AN_GZ_WORD_LOWER);
	assert_int_equal(an_dict_word("caption", 7), AN_GZ_WORD_LOWER);
	assert_int_equal(an_dict_word("paris", 5), AN_GZ_WORD_CAPITAL);
	assert_int_equal(an_dict_word("polish", 6), AN_GZ_WORD_LOWER | AN_GZ_WORD_CAPITAL);
	assert_int_equal(an_dict_word("i've", 4), AN_GZ_WORD_LOWER);  /* the pronoun */
	assert_int_equal(an_dict_word("xqzzyv", 6), 0);
	assert_int_equal(an_dict_word("paris's", 7), 0);
	assert_int_equal(an_dict_word("meanwhil", 8), 0);
	an_gz_table_t now;
	assert_int_equal(an_gz_build(AN_ISO_CODES_DIR, AN_GZ_WORDS, &now), 0);
	assert_true(now.words_ok);
	assert_int_equal(now.nwords, b->nwords);
	size_t words = 0;
	for (uint32_t i = 0; i < now.nwords; i++) {
		if (!now.words[2 * i])
			continue;
		const char *key = now.strings + now.words[2 * i];
		assert_int_equal(an_dict_word(key, strlen(key)), now.words[2 * i + 1]);
		words++;
	}
	assert_true(words > 50000);
	an_gz_free(&now);
}

/* A folder of iso-codes of our own: its countries are places, and a folder
 * without them leaves the project's list alone. */
static void test_build_from_a_folder(void **state)
{
	(void)state;
	char dir[] = "/tmp/dateline-gz-XXXXXX", path[64];
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/iso_3166-1.json", dir);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs("{\"3166-1\": [{\"alpha_2\": \"QZ\", \"name\": \"Republic of Freedonia\","
	      " \"common_name\": \"Freedonia\"}]}", f);
	fclose(f);
	snprintf(path, sizeof(path), "%s/iso_3166-2.json", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("{\"3166-2\": [{\"code\": \"QZ-01\", \"name\": \"Upper Sylvania\"},"
	      " {\"code\": \"QZ-02\", \"name\": \"Nice\"}]}", f);
	fclose(f);
	an_gz_table_t t;
	assert_int_equal(an_gz_build(dir, AN_GZ_PLACES, &t), 0);
	assert_true(t.iso_ok);
	assert_string_equal(place_of(&t, "republic of freedonia"), "Freedonia");
	assert_string_equal(place_of(&t, "upper sylvania"), "Upper Sylvania");
	assert_null(place_of(&t, "nice"));             /* a short word: not taken */
	assert_string_equal(place_of(&t, "kiev"), "Kyiv"); /* the project's list */
	assert_null(place_of(&t, "mizoram"));          /* not in this iso-codes */
	/* Cities were not asked for: an empty table that answers no. */
	assert_int_equal(t.cities[an_gz_slot(&t, t.cities, t.ncities, 1, "paris", 5)], 0);
	an_gz_free(&t);
	nftw(dir, rm_entry, 8, FTW_DEPTH | FTW_PHYS);
	assert_int_equal(an_gz_build(dir, AN_GZ_PLACES, &t), 0);
	assert_false(t.iso_ok);
	assert_string_equal(place_of(&t, "kiev"), "Kyiv");
	an_gz_free(&t);
}

/* The compiled-in cities answer as libgeonames does. */
static void test_builtin_cities(void **state)
{
	(void)state;
	assert_true(an_is_city("rotterdam"));
	assert_true(an_is_city("reykjavik"));
	assert_false(an_is_city("floods"));
	assert_true(an_city_words_from("new", 3) >= 2);
	assert_int_equal(an_city_words_from("qqqx", 4), 0);
}

/* A process given DATELINE_ISO_CODES makes its places from that folder. */
static void test_iso_codes_from_the_environment(void **state)
{
	(void)state;
	setenv("DATELINE_ISO_CODES", "/nonexistent/iso-codes", 1);
	assert_int_equal(an_gazetteer_load(), -1);
	assert_non_null(an_place_find("Kiev", 4));      /* the project's list */
	assert_null(an_place_find("Mizoram", 7));
	unsetenv("DATELINE_ISO_CODES");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_builtin_equals_a_build_now),
		cmocka_unit_test(test_word_list),
		cmocka_unit_test(test_build_from_a_folder),
		cmocka_unit_test(test_builtin_cities),
		cmocka_unit_test(test_iso_codes_from_the_environment),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
