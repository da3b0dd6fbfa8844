/* Unit tests for indexer/walk.c (test_walk_folder.c) over a temporary folder: name order,
 * hidden entries left out, links followed but not loops, the index's own
 * folder skipped, an unreadable root reported. */
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
#include <sys/stat.h>
#include <unistd.h>

#include "../indexer/walk.h"

typedef struct {
	char dir[64];
} fixture_t;

typedef struct {
	char files[1024];     /* the rel paths seen, joined by " " */
	char problems[1024];  /* "name: reason;" */
	int stop_after;       /* stop the walk after this many files (0: never) */
	int nfiles;
} seen_t;

static int rm_entry(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb; (void)flag; (void)ftw;
	return remove(p);
}

static void put(const char *dir, const char *rel)
{
	char path[256];
	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs("text\n", f);
	fclose(f);
}

static void mk(const char *dir, const char *rel)
{
	char path[256];
	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	assert_int_equal(mkdir(path, 0755), 0);
}

/* A folder:  b.txt a.txt sub/c.txt sub/loop -> .. .hidden.txt .git/x.txt
 *            link.txt -> a.txt  db/ (the "index") */
static int setup(void **state)
{
	fixture_t *f = calloc(1, sizeof(*f));
	char path[256];
	if (!f)
		return -1;
	strcpy(f->dir, "/tmp/dateline-walk-XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	put(f->dir, "b.txt");
	put(f->dir, "a.txt");
	mk(f->dir, "sub");
	put(f->dir, "sub/c.txt");
	snprintf(path, sizeof(path), "%s/sub/loop", f->dir);
	if (symlink("..", path) != 0)
		return -1;
	put(f->dir, ".hidden.txt");
	mk(f->dir, ".git");
	put(f->dir, ".git/x.txt");
	snprintf(path, sizeof(path), "%s/link.txt", f->dir);
	if (symlink("a.txt", path) != 0)
		return -1;
	mk(f->dir, "db");
	put(f->dir, "db/record");
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture_t *f = *state;
	nftw(f->dir, rm_entry, 8, FTW_DEPTH | FTW_PHYS);
	free(f);
	return 0;
}

static int on_file(const char *path, const char *rel, const struct stat *st, void *ctx)
{
	seen_t *s = ctx;
	assert_true(S_ISREG(st->st_mode));
	assert_non_null(strstr(path, rel));
	size_t n = strlen(s->files);
	snprintf(s->files + n, sizeof(s->files) - n, "%s%s", n ? " " : "", rel);
	s->nfiles++;
	return s->stop_after && s->nfiles >= s->stop_after ? 7 : 0;
}

static void on_problem(const char *path, const char *reason, void *ctx)
{
	seen_t *s = ctx;
	const char *name = strrchr(path, '/');
	size_t n = strlen(s->problems);
	snprintf(s->problems + n, sizeof(s->problems) - n, "%s: %s;", name ? name + 1 : path,
		 reason);
}

static void test_walk_folder_order_and_skips(void **state)
{
	fixture_t *f = *state;
	seen_t s = { "", "", 0, 0 };
	walk_t w = { .file = on_file, .problem = on_problem, .ctx = &s };
	char db[128];
	struct stat st;
	snprintf(db, sizeof(db), "%s/db", f->dir);
	assert_int_equal(stat(db, &st), 0);
	w.skip_dev = st.st_dev;
	w.skip_ino = st.st_ino;
	assert_int_equal(walk_folder(f->dir, &w), 0);
	/* Name order, hidden names and the index left out, the link to a
	 * file followed. */
	assert_string_equal(s.files, "a.txt b.txt link.txt sub/c.txt");
	assert_non_null(strstr(s.problems, "loop: symbolic link loop"));
	assert_int_equal(w.incomplete, 0);
}

static void test_walk_folder_without_skip(void **state)
{
	fixture_t *f = *state;
	seen_t s = { "", "", 0, 0 };
	walk_t w = { .file = on_file, .problem = on_problem, .ctx = &s };
	assert_int_equal(walk_folder(f->dir, &w), 0);
	assert_string_equal(s.files, "a.txt b.txt db/record link.txt sub/c.txt");
}

/* The callback's nonzero value stops the walk and is returned. */
static void test_walk_folder_stops(void **state)
{
	fixture_t *f = *state;
	seen_t s = { "", "", 2, 0 };
	walk_t w = { .file = on_file, .problem = on_problem, .ctx = &s };
	assert_int_equal(walk_folder(f->dir, &w), 7);
	assert_string_equal(s.files, "a.txt b.txt");
}

static void test_walk_folder_missing_root(void **state)
{
	fixture_t *f = *state;
	seen_t s = { "", "", 0, 0 };
	walk_t w = { .file = on_file, .problem = on_problem, .ctx = &s };
	char missing[128];
	snprintf(missing, sizeof(missing), "%s/nowhere", f->dir);
	assert_int_equal(walk_folder(missing, &w), -1);
	assert_string_equal(s.files, "");
	assert_non_null(strstr(s.problems, "nowhere: "));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_walk_folder_order_and_skips, setup, teardown),
		cmocka_unit_test_setup_teardown(test_walk_folder_without_skip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_walk_folder_stops, setup, teardown),
		cmocka_unit_test_setup_teardown(test_walk_folder_missing_root, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
