/* test_config.c - the configuration file (util/config.c). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../util/config.h"

/* Write text to a new temporary file; its path (malloc'ed). */
static char *file_with(const char *text)
{
	char *path = strdup("/tmp/dateline-test-config.XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	return path;
}

static void test_config_load_keys(void **state)
{
	(void)state;
	char err[256] = "", *p;
	dl_config_t c;
	setenv("HOME", "/home/ann", 1);
	p = file_with("# comment\n\n  db = ~/news.db  \nfolder=/a\nfolder = b c\n"
		      "exclude = *.tmp\nsearch-options = --limit 20 --marks '[[,]]' \"a b\"\n"
		      "index-options = -j 2\n");
	assert_int_equal(dl_config_load(p, &c, err, sizeof(err)), 0);
	assert_string_equal(c.db, "/home/ann/news.db");
	assert_int_equal(c.nfolders, 2);
	assert_string_equal(c.folders[1], "b c");
	assert_int_equal(c.nexcludes, 1);
	assert_int_equal(c.nsearch_args, 5);
	assert_string_equal(c.search_args[3], "[[,]]");
	assert_string_equal(c.search_args[4], "a b");
	assert_int_equal(c.nindex_args, 2);
	dl_config_free(&c);
	unlink(p);
	free(p);
}

static void test_config_load_errors(void **state)
{
	(void)state;
	char err[256] = "", *p;
	dl_config_t c;
	p = file_with("db = x\ncolour = never\n");
	assert_int_equal(dl_config_load(p, &c, err, sizeof(err)), -1);
	assert_non_null(strstr(err, ":2: unknown key 'colour'"));
	dl_config_free(&c);
	unlink(p);
	free(p);
	p = file_with("search-options = --marks '[[\n");
	err[0] = '\0';
	assert_int_equal(dl_config_load(p, &c, err, sizeof(err)), -1);
	assert_non_null(strstr(err, ":1: an unbalanced quote"));
	dl_config_free(&c);
	unlink(p);
	free(p);
	/* No file: an empty configuration. */
	assert_int_equal(dl_config_load("/nonexistent/dateline/config", &c, err, sizeof(err)), 0);
	assert_null(c.path);
	assert_null(c.db);
	dl_config_free(&c);
}

static void test_config_argv_order(void **state)
{
	(void)state;
	char *argv[] = { "prog", "-n", "5", "Crimea", NULL };
	char *extra[] = { "--limit", "20" }, *tail[] = { "/news" };
	int n;
	char **v = dl_config_argv(4, argv, extra, 2, tail, 1, &n);
	assert_int_equal(n, 7);
	const char *want[] = { "prog", "--limit", "20", "-n", "5", "Crimea", "/news" };
	for (int i = 0; i < n; i++)
		assert_string_equal(v[i], want[i]);
	assert_null(v[n]);
	free(v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_config_load_keys),
		cmocka_unit_test(test_config_load_errors),
		cmocka_unit_test(test_config_argv_order),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
