/* Unit tests for indexer/options.c: dateline-index's command line read
 * into index_options_t. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "../analysis/schema.h"
#include "../indexer/options.h"

#define ARGV(...) ((char *[]){ "dateline-index", __VA_ARGS__, NULL })
#define ARGC(v) ((int)(sizeof(v) / sizeof(char *)) - 1)

static int parse(char **argv, int argc, index_options_t *o, char *err, size_t errsz)
{
	return index_options_parse(argc, argv, o, err, errsz);
}

static void test_index_options_parse_defaults(void **state)
{
	(void)state;
	index_options_t o;
	char err[256];
	char **v = ARGV("corpus");
	unsetenv("DATELINE_DB");
	assert_int_equal(parse(v, 2, &o, err, sizeof(err)), 0);
	assert_string_equal(o.dbpath, "dateline.db");
	assert_null(o.language);
	assert_true(o.jobs >= 1);
	assert_int_equal(o.ingest.max_size, INDEX_DEFAULT_MAX_SIZE);
	assert_int_equal(o.nfolders, 1);
	assert_string_equal(o.folders[0], "corpus");
	assert_false(o.full || o.quiet || o.verbose || o.ingest.weights.no_entities);
	setenv("DATELINE_DB", "/tmp/env.db", 1);
	v = ARGV("a", "b");
	assert_int_equal(parse(v, 3, &o, err, sizeof(err)), 0);
	assert_string_equal(o.dbpath, "/tmp/env.db");
	assert_int_equal(o.nfolders, 2);
	unsetenv("DATELINE_DB");
}

static void test_index_options_parse_values(void **state)
{
	(void)state;
	index_options_t o;
	char err[256];
	char **v = ARGV("-d", "x.db", "-j", "3", "--full", "--quiet", "--language", "french",
			"--max-size", "2000", "--field-weight", "title=5,author=1", "--no-entities",
			"news");
	assert_int_equal(parse(v, 15, &o, err, sizeof(err)), 0);
	assert_string_equal(o.dbpath, "x.db");
	assert_int_equal(o.jobs, 3);
	assert_true(o.full && o.quiet && o.ingest.quiet && o.ingest.weights.no_entities);
	assert_string_equal(o.language, "french");
	assert_int_equal(o.ingest.max_size, 2000);
	assert_int_equal(o.ingest.weights.free_wdf[DL_F_TITLE], 5);
	assert_int_equal(o.ingest.weights.free_wdf[DL_F_AUTHOR], 1);
	assert_string_equal(o.folders[0], "news");
}

/* Each bad value names its option; usage errors ask for the usage. */
static void test_index_options_parse_errors(void **state)
{
	(void)state;
	index_options_t o;
	char err[256];
	assert_int_equal(parse(ARGV("-j", "0", "x"), 3, &o, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "-j: expected a number of jobs from 1 to"));
	assert_int_equal(parse(ARGV("-j", "999", "x"), 3, &o, err, sizeof(err)), -1);
	assert_int_equal(parse(ARGV("--max-size", "-5", "x"), 3, &o, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "--max-size: not a number of bytes: '-5'"));
	assert_int_equal(parse(ARGV("--field-weight", "body=3", "x"), 3, &o, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "--field-weight: expected title=N,author=N"));
	assert_int_equal(parse(ARGV("--field-weight", "title=0", "x"), 3, &o, err, sizeof(err)), -1);
	assert_int_equal(o.usage, 0);
	assert_int_equal(parse((char *[]){ "dateline-index", NULL }, 1, &o, err, sizeof(err)), -1);
	assert_string_equal(err, "no FOLDER given");
	assert_int_equal(o.usage, 1);
}

/* --help, --version and --list-languages stop there, FOLDER or not. */
static void test_index_options_parse_stops(void **state)
{
	(void)state;
	index_options_t o;
	char err[256];
	assert_int_equal(parse(ARGV("--help"), 2, &o, err, sizeof(err)), 0);
	assert_true(o.help);
	assert_int_equal(parse(ARGV("-V"), 2, &o, err, sizeof(err)), 0);
	assert_true(o.version);
	assert_int_equal(parse(ARGV("--list-languages"), 2, &o, err, sizeof(err)), 0);
	assert_true(o.list_languages);
	assert_int_equal(o.nfolders, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_index_options_parse_defaults),
		cmocka_unit_test(test_index_options_parse_values),
		cmocka_unit_test(test_index_options_parse_errors),
		cmocka_unit_test(test_index_options_parse_stops),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
