/* test_walk.c - the ignore rules and the names left out (indexer/walk.c). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "../indexer/walk.h"

static walk_rules_t *rules(const char *text)
{
	walk_rules_t *r = walk_rules_parse(text, strlen(text));
	assert_non_null(r);
	return r;
}

static void test_walk_rules_match_names_anywhere(void **state)
{
	(void)state;
	walk_rules_t *r = rules("# a comment\n\n*.tmp\ndraft?.txt\n[ab].txt\n");
	assert_true(walk_rules_match(r, "x.tmp", 0));
	assert_true(walk_rules_match(r, "2014/deep/x.tmp", 0));
	assert_true(walk_rules_match(r, "draft1.txt", 0));
	assert_false(walk_rules_match(r, "draft12.txt", 0));
	assert_true(walk_rules_match(r, "a.txt", 0));
	assert_false(walk_rules_match(r, "c.txt", 0));
	assert_false(walk_rules_match(r, "# a comment", 0));
	walk_rules_free(r);
}

static void test_walk_rules_match_anchored_and_folders(void **state)
{
	(void)state;
	walk_rules_t *r = rules("/top.txt\n2014/*.txt\ndrafts/\nlogs/**/old\n");
	assert_true(walk_rules_match(r, "top.txt", 0));
	assert_false(walk_rules_match(r, "sub/top.txt", 0));
	assert_true(walk_rules_match(r, "2014/a.txt", 0));
	assert_false(walk_rules_match(r, "2014/x/a.txt", 0)); /* "*" stays in a name */
	assert_true(walk_rules_match(r, "drafts", 1));
	assert_true(walk_rules_match(r, "a/drafts", 1));
	assert_false(walk_rules_match(r, "drafts", 0));        /* a file of that name */
	assert_true(walk_rules_match(r, "logs/a/b/old", 1));
	assert_true(walk_rules_match(r, "logs/old", 1));
	walk_rules_free(r);
}

static void test_walk_rules_match_last_wins(void **state)
{
	(void)state;
	walk_rules_t *r = rules("*.txt\n!keep.txt\n\\!bang.txt\n\\#hash.txt\r\ntrail.txt   \n");
	assert_true(walk_rules_match(r, "a.txt", 0));
	assert_false(walk_rules_match(r, "keep.txt", 0));
	assert_true(walk_rules_match(r, "!bang.txt", 0));
	assert_true(walk_rules_match(r, "#hash.txt", 0));
	walk_rules_free(r);
	r = rules("!keep.txt\n*.txt\n");
	assert_true(walk_rules_match(r, "keep.txt", 0));
	walk_rules_free(r);
	r = rules("x/y/\ntrail.md   \n");
	assert_true(walk_rules_match(r, "trail.md", 0));
	assert_true(walk_rules_match(r, "x/y", 1));
	walk_rules_free(r);
}

static void test_walk_paper_name(void **state)
{
	(void)state;
	assert_true(walk_paper_name("README"));
	assert_true(walk_paper_name("README.md"));
	assert_true(walk_paper_name("readme.TXT"));
	assert_true(walk_paper_name("LICENSE"));
	assert_true(walk_paper_name("Licence.txt"));
	assert_true(walk_paper_name("COPYING"));
	assert_true(walk_paper_name("CHANGELOG.md"));
	assert_false(walk_paper_name("readme-kerry.txt"));
	assert_false(walk_paper_name("news.txt"));
	assert_false(walk_paper_name("licensed-reports.txt"));
	assert_false(walk_paper_name("paris-talks.txt"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_walk_rules_match_names_anywhere),
		cmocka_unit_test(test_walk_rules_match_anchored_and_folders),
		cmocka_unit_test(test_walk_rules_match_last_wins),
		cmocka_unit_test(test_walk_paper_name),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
