/* Unit tests for searcher/options.c: dateline-search's command line. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../searcher/options.h"

static options_t o;
static char err[512];

/* Parse the words of line (split at spaces; "_" stands for a space inside
 * an argument) as dateline-search's arguments. */
static int parse(const char *line)
{
	static char buf[512];
	char *argv[32] = { "dateline-search" };
	int argc = 1;
	snprintf(buf, sizeof(buf), "%s", line);
	for (char *w = strtok(buf, " "); w && argc < 31; w = strtok(NULL, " ")) {
		for (char *c = w; *c; c++)
			if (*c == '_')
				*c = ' ';
		argv[argc++] = w;
	}
	options_free(&o);
	err[0] = '\0';
	return options_parse(argc, argv, &o, err, sizeof(err));
}

static int teardown(void **state)
{
	(void)state;
	options_free(&o);
	return 0;
}

static void test_options_parse_defaults(void **state)
{
	(void)state;
	unsetenv("DATELINE_DB");
	assert_int_equal(parse("Kerry Lavrov"), 0);
	assert_string_equal(o.dbpath, "dateline.db");
	assert_string_equal(o.query, "Kerry Lavrov");
	assert_int_equal(o.req.n, 10);
	assert_int_equal(o.req.offset, 0);
	assert_int_equal(o.mode, OUT_TEXT);
	assert_int_equal(o.color, -1);
	setenv("DATELINE_DB", "/tmp/x.db", 1);
	assert_int_equal(parse("Kerry"), 0);
	assert_string_equal(o.dbpath, "/tmp/x.db");
	assert_int_equal(parse("-d other.db Kerry"), 0);
	assert_string_equal(o.dbpath, "other.db");
	unsetenv("DATELINE_DB");
}

static void test_options_parse_dash_words_are_query_words(void **state)
{
	(void)state;
	assert_int_equal(parse("Crimea -referendum"), 0);
	assert_string_equal(o.query, "Crimea -referendum");
	/* A known option after the words is still an option. */
	assert_int_equal(parse("Crimea -n 3 -referendum --json"), 0);
	assert_string_equal(o.query, "Crimea -referendum");
	assert_int_equal(o.req.n, 3);
	assert_int_equal(o.mode, OUT_JSON);
	/* After --, every argument is a word. */
	assert_int_equal(parse("-- -Kerry Lavrov --json"), 0);
	assert_string_equal(o.query, "-Kerry Lavrov --json");
	assert_int_equal(o.mode, OUT_TEXT);
	/* Before any word, an unknown letter is a usage error. */
	assert_int_equal(parse("-referendum Crimea"), -1);
	assert_string_equal(err, "unknown option '-r'");
	/* A long option misspelt after the words is an error, not a word. */
	assert_int_equal(parse("Crimea --jsn"), -1);
	assert_string_equal(err, "unknown option '--jsn'");
}

static void test_options_parse_limit_spellings(void **state)
{
	(void)state;
	assert_int_equal(parse("-n 5 Kerry"), 0);
	assert_int_equal(o.req.n, 5);
	assert_int_equal(parse("-n7 Kerry"), 0);
	assert_int_equal(o.req.n, 7);
	assert_int_equal(parse("--limit 8 Kerry"), 0);
	assert_int_equal(o.req.n, 8);
	assert_int_equal(parse("--limit=9 Kerry"), 0);
	assert_int_equal(o.req.n, 9);
	assert_int_equal(parse("--count-hits 11 Kerry"), 0);
	assert_int_equal(o.req.n, 11);
	assert_int_equal(parse("--count Kerry"), 0);
	assert_int_equal(o.count_only, 1);
	assert_int_equal(parse("-n lots Kerry"), -1);
	assert_string_equal(err, "-n: expected a number from 0 to 10000, got 'lots'");
	assert_int_equal(parse("--limit 10001 Kerry"), -1);
	assert_string_equal(err, "--limit: expected a number from 0 to 10000, got '10001'");
}

static void test_options_parse_values(void **state)
{
	(void)state;
	assert_int_equal(parse("--offset 30 --sort date --match all --color=never "
			       "--marks [[,]] --k1 1.2 --b 0.5 --expand 0,0,0 Kerry"), 0);
	assert_int_equal(o.req.offset, 30);
	assert_int_equal(o.req.sort_date, 1);
	assert_int_equal(o.req.boosts.all_words, 1);
	assert_int_equal(o.color, 0);
	assert_string_equal(o.marks, "[[");
	assert_string_equal(o.close_mark, "]]");
	assert_true(o.req.k1 == 1.2 && o.req.b == 0.5);
	assert_int_equal(o.req.expand_docs, 0);
	/* An abbreviation that names one option. */
	assert_int_equal(parse("--js --fac Kerry"), 0);
	assert_int_equal(o.mode, OUT_JSON);
	assert_int_equal(o.req.facets, 1);
	assert_int_equal(parse("--co always Kerry"), -1);
	assert_string_equal(err, "option '--co' is ambiguous");
	assert_int_equal(parse("--colour always Kerry"), 0);
	assert_int_equal(o.color, 1);
	assert_int_equal(parse("--color sometimes Kerry"), -1);
	assert_string_equal(err, "--color: expected auto, always or never, got 'sometimes'");
	assert_int_equal(parse("--person John_Kerry --place Kiev --since 2014 --until 2014-05"), 0);
	assert_int_equal(o.req.persons.n, 1);
	assert_string_equal(o.req.persons.v[0], "John Kerry");
	assert_int_equal(o.req.places.n, 1);
	assert_string_equal(o.req.places.v[0], "Kiev");
	assert_string_equal(o.req.since, "2014");
	assert_string_equal(o.req.until, "2014-05");
	assert_string_equal(o.query, "");
	/* Given again, a name is one more: all are kept, in order. */
	assert_int_equal(parse("--person Kerry --org NATO --person Lavrov --place Kiev "
			       "--org OSCE --place Crimea"), 0);
	assert_int_equal(o.req.persons.n, 2);
	assert_string_equal(o.req.persons.v[0], "Kerry");
	assert_string_equal(o.req.persons.v[1], "Lavrov");
	assert_int_equal(o.req.places.n, 2);
	assert_string_equal(o.req.places.v[1], "Crimea");
	assert_int_equal(o.req.orgs.n, 2);
	assert_string_equal(o.req.orgs.v[0], "NATO");
	assert_string_equal(o.req.orgs.v[1], "OSCE");
}

static void test_options_parse_rules(void **state)
{
	(void)state;
	assert_int_equal(parse(""), -1);
	assert_string_equal(err, "no QUERY given");
	assert_int_equal(parse("--trec Kerry"), -1);
	assert_string_equal(err, "--trec needs --batch FILE (TREC lines carry query ids)");
	assert_int_equal(parse("--batch q.tsv Kerry"), -1);
	assert_string_equal(err, "a QUERY cannot be given with --batch");
	assert_int_equal(parse("--related a.txt Kerry"), -1);
	assert_string_equal(err, "--related takes no QUERY, --batch or --show");
	assert_int_equal(parse("--since 2014-13 Kerry"), -1);
	assert_string_equal(err, "--since: bad date '2014-13' (use YYYY, YYYY-MM or YYYY-MM-DD)");
	assert_int_equal(parse("--json takes"), 0);
	assert_int_equal(parse("--json=yes Kerry"), -1);
	assert_string_equal(err, "--json takes no value");
	assert_int_equal(parse("Kerry --db"), -1);
	assert_string_equal(err, "--db needs a value (PATH)");
	assert_int_equal(parse("-hV"), 0);
	assert_int_equal(o.help, 1);
}

static void test_options_help_lists_every_option(void **state)
{
	(void)state;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	options_help(f);
	fclose(f);
	static const char *const names[] = { "--db PATH", "--limit N", "--offset K", "--boost",
		"--k1", "--b B", "--since", "--until", "--sort", "--match", "--expand", "--color",
		"--marks", "--person", "--place", "--related", "--facets", "--json", "--batch",
		"--trec", "--count ", "--show", "--timings", "--help", "--version", "person:NAME",
		"Crimea -referendum" };
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strstr(buf, names[i]))
			fail_msg("--help does not list %s", names[i]);
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_options_parse_defaults),
		cmocka_unit_test(test_options_parse_dash_words_are_query_words),
		cmocka_unit_test(test_options_parse_limit_spellings),
		cmocka_unit_test(test_options_parse_values),
		cmocka_unit_test(test_options_parse_rules),
		cmocka_unit_test(test_options_help_lists_every_option),
	};
	return cmocka_run_group_tests(tests, NULL, teardown);
}
