/* Unit tests for analysis/stem.c and analysis/terms.c. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "../analysis/stem.h"
#include "../analysis/terms.h"

static int setup(void **state)
{
	*state = an_stemmer_new("english");
	return *state ? 0 : -1;
}

static int teardown(void **state)
{
	an_stemmer_destroy(*state);
	return 0;
}

static const char *stem(an_stemmer_t *st, const char *w)
{
	static char buf[256];
	size_t n;
	const char *s = an_stem(st, w, strlen(w), &n);
	memcpy(buf, s, n);
	buf[n] = '\0';
	return buf;
}

static void test_stem_english(void **state)
{
	assert_string_equal(stem(*state, "talks"), "talk");
	assert_string_equal(stem(*state, "talking"), "talk");
	assert_string_equal(stem(*state, "kerry's"), "kerri");
	assert_string_equal(stem(*state, "kerry"), "kerri");
}

static void test_stem_other_language(void **state)
{
	(void)state;
	an_stemmer_t *fr = an_stemmer_new("french");
	assert_non_null(fr);
	assert_string_equal(stem(fr, "continuellement"), "continuel");
	an_stemmer_destroy(fr);
	assert_null(an_stemmer_new("klingon"));
	an_stemmer_t *none = an_stemmer_new("none");
	assert_string_equal(stem(none, "talks"), "talks");
	an_stemmer_destroy(none);
}

static void test_terms_prefixes(void **state)
{
	char buf[AN_TERM_BUF];
	an_token_t t = { "talks", 5, 0, 5, 0, 0 };
	an_rank_term(*state, "", &t, buf);
	assert_string_equal(buf, "Ztalk");
	an_rank_term(*state, "S", &t, buf);
	assert_string_equal(buf, "ZStalk");
	an_rank_term(*state, "A", &t, buf);
	assert_string_equal(buf, "ZAtalk");
	/* Numbers are not stemmed: their term is the number, prefixed. */
	an_token_t n = { "2014", 4, 0, 4, 0, 1 };
	an_rank_term(*state, "", &n, buf);
	assert_string_equal(buf, "2014");
	an_rank_term(*state, "S", &n, buf);
	assert_string_equal(buf, "S2014");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stem_english),
		cmocka_unit_test(test_stem_other_language),
		cmocka_unit_test(test_terms_prefixes),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
