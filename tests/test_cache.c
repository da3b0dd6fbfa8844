/* Unit tests for server/cache.c: recent answers, by key and generation,
 * within a bound. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../server/cache.h"

static int teardown(void **state)
{
	(void)state;
	sv_cache_clear();
	return 0;
}

static void put(const char *key, unsigned long gen, const char *value)
{
	sv_cache_put(key, strlen(key), gen, value, strlen(value));
}

/* NULL when absent; else the value, compared and freed. */
static int has(const char *key, unsigned long gen, const char *want)
{
	size_t len = 0;
	char *v = sv_cache_get(key, strlen(key), gen, &len);
	int same = v && len == strlen(want) && strcmp(v, want) == 0;
	free(v);
	return v ? (same ? 1 : -1) : 0;
}

/* What was stored is found again, byte for byte, by its whole key. */
static void test_sv_cache_get_put(void **state)
{
	(void)state;
	sv_cache_init(1 << 20);
	unsigned long g = sv_cache_generation();
	put("q=Kerry", g, "{\"total\":14}");
	assert_int_equal(has("q=Kerry", g, "{\"total\":14}"), 1);
	assert_int_equal(has("q=Kerr", g, ""), 0);
	assert_int_equal(has("q=Kerry ", g, ""), 0);
	put("q=Kerry", g, "{\"total\":15}");
	assert_int_equal(has("q=Kerry", g, "{\"total\":15}"), 1);
}

/* A newer commit (the next generation) drops every answer, and one
 * stored for an older generation is never kept. */
static void test_sv_cache_next_generation(void **state)
{
	(void)state;
	sv_cache_init(1 << 20);
	unsigned long g = sv_cache_generation();
	put("q=quokka", g, "{\"total\":0}");
	unsigned long g2 = sv_cache_next_generation(g);
	assert_int_not_equal(g2, g);
	assert_int_equal(has("q=quokka", g, ""), 0);
	assert_int_equal(has("q=quokka", g2, ""), 0);
	/* A second thread seeing the same commit does not step again. */
	assert_int_equal(sv_cache_next_generation(g), g2);
	put("q=quokka", g, "{\"total\":0}");
	assert_int_equal(has("q=quokka", g2, ""), 0);
	put("q=quokka", g2, "{\"total\":1}");
	assert_int_equal(has("q=quokka", g2, "{\"total\":1}"), 1);
}

/* Within its bound: the least recently used answers go first. */
static void test_sv_cache_put_bound(void **state)
{
	(void)state;
	char value[1000], key[16];
	memset(value, 'x', sizeof(value) - 1);
	value[sizeof(value) - 1] = '\0';
	sv_cache_init(64 * 1024);
	unsigned long g = sv_cache_generation();
	put("first", g, value);
	for (int i = 0; i < 200; i++) {
		snprintf(key, sizeof(key), "k%d", i);
		put(key, g, value);
		assert_int_equal(has("first", g, value), 1);  /* used: kept */
	}
	assert_int_equal(has("k0", g, value), 0);
	assert_int_equal(has("k199", g, value), 1);
	/* Too large for the bound: not kept. */
	char *big = malloc(16 * 1024);
	assert_non_null(big);
	memset(big, 'y', 16 * 1024 - 1);
	big[16 * 1024 - 1] = '\0';
	put("big", g, big);
	assert_int_equal(has("big", g, big), 0);
	free(big);
}

/* No bound: nothing is kept. */
static void test_sv_cache_init_off(void **state)
{
	(void)state;
	sv_cache_init(0);
	unsigned long g = sv_cache_generation();
	put("q=Kerry", g, "{}");
	assert_int_equal(has("q=Kerry", g, "{}"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_sv_cache_get_put, teardown),
		cmocka_unit_test_teardown(test_sv_cache_next_generation, teardown),
		cmocka_unit_test_teardown(test_sv_cache_put_bound, teardown),
		cmocka_unit_test_teardown(test_sv_cache_init_off, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
