/* Unit tests for analysis/index.c: opening an index and checking what it
 * records of itself, each test on a fresh temporary folder. */
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

#include "../analysis/index.h"
#include "../analysis/schema.h"
#include "../shim/dx.h"

typedef struct {
	char dir[64];
	char path[96];
	char err[512];
} fixture_t;

static int rm_entry(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb; (void)flag; (void)ftw;
	return remove(p);
}

static int setup(void **state)
{
	fixture_t *f = calloc(1, sizeof(*f));
	if (!f)
		return -1;
	strcpy(f->dir, "/tmp/dateline-index-XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->path, sizeof(f->path), "%s/db", f->dir);
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

/* Make an index stamped with language and tagger holding one document. */
static void make_index(fixture_t *f, const char *language, const char *tagger)
{
	dl_index_want_t want = { language, tagger, 0 };
	dl_index_t *ix = NULL;
	dx_doc_t *doc = NULL;
	assert_int_equal(dl_index_open(f->path, DL_INDEX_WRITE, &want, &ix, f->err,
				       sizeof(f->err)), DL_INDEX_OK);
	assert_int_equal(ix->stamped, 0);
	assert_int_equal(dl_index_stamp(ix, tagger, f->err, sizeof(f->err)), DL_INDEX_OK);
	assert_int_equal(dx_doc_new(&doc), DX_OK);
	assert_int_equal(dx_doc_add_boolean_term(doc, "Qone"), DX_OK);
	assert_int_equal(dx_db_replace(ix->db, "Qone", doc), DX_OK);
	dx_doc_destroy(doc);
	assert_int_equal(dx_db_commit(ix->db), DX_OK);
	dl_index_close(ix);
}

static void test_dl_index_open_new_then_read(void **state)
{
	fixture_t *f = *state;
	dl_index_t *ix = NULL;
	make_index(f, NULL, "1.1-aaaa");
	assert_int_equal(dl_index_open(f->path, DL_INDEX_READ, NULL, &ix, f->err,
				       sizeof(f->err)), DL_INDEX_OK);
	assert_string_equal(ix->language, "english");
	assert_string_equal(ix->tagger, "1.1-aaaa");
	assert_int_equal(ix->stamped, 1);
	dl_index_close(ix);
}

static void test_dl_index_open_absent(void **state)
{
	fixture_t *f = *state;
	dl_index_t *ix = (dl_index_t *)f;
	assert_int_equal(dl_index_open(f->path, DL_INDEX_READ, NULL, &ix, f->err,
				       sizeof(f->err)), DL_INDEX_ENOTFOUND);
	assert_null(ix);
	assert_non_null(strstr(f->err, "run dateline-index first"));
	assert_non_null(strstr(f->err, f->path));
}

static void test_dl_index_open_language(void **state)
{
	fixture_t *f = *state;
	dl_index_t *ix = NULL;
	dl_index_want_t fr = { "french", NULL, 0 }, kl = { "klingon", NULL, 0 };
	make_index(f, "english", NULL);
	assert_int_equal(dl_index_open(f->path, DL_INDEX_WRITE, &fr, &ix, f->err,
				       sizeof(f->err)), DL_INDEX_EFAIL);
	assert_null(ix);
	assert_non_null(strstr(f->err, "stemmed in 'english', not 'french'"));
	/* The same language again, or none: the index's. */
	fr.language = "english";
	assert_int_equal(dl_index_open(f->path, DL_INDEX_WRITE, &fr, &ix, f->err,
				       sizeof(f->err)), DL_INDEX_OK);
	dl_index_close(ix);
	/* An unknown language for a new index is a usage error. */
	char other[128];
	snprintf(other, sizeof(other), "%s/new", f->dir);
	assert_int_equal(dl_index_open(other, DL_INDEX_WRITE, &kl, &ix, f->err,
				       sizeof(f->err)), DL_INDEX_EUSAGE);
	assert_non_null(strstr(f->err, "--language: unknown language 'klingon'"));
}

static void test_dl_index_open_schema(void **state)
{
	fixture_t *f = *state;
	dl_index_t *ix = NULL;
	dx_db_t *db = NULL;
	make_index(f, NULL, NULL);
	assert_int_equal(dx_db_open_write(f->path, &db), DX_OK);
	assert_int_equal(dx_db_set_metadata(db, DL_META_SCHEMA, "1"), DX_OK);
	assert_int_equal(dx_db_commit(db), DX_OK);
	dx_db_close(db);
	assert_int_equal(dl_index_open(f->path, DL_INDEX_READ, NULL, &ix, f->err,
				       sizeof(f->err)), DL_INDEX_EFAIL);
	assert_non_null(strstr(f->err, "index schema 1, this one reads " DL_SCHEMA_VERSION));
	assert_int_equal(dl_index_open(f->path, DL_INDEX_WRITE, NULL, &ix, f->err,
				       sizeof(f->err)), DL_INDEX_EFAIL);
	assert_non_null(strstr(f->err, "index schema 1, this one writes " DL_SCHEMA_VERSION));
}

/* An index whose articles another model tagged is refused to a tagging
 * writer, unless it reads every file again. */
static void test_dl_index_open_tagger(void **state)
{
	fixture_t *f = *state;
	dl_index_t *ix = NULL;
	dl_index_want_t other = { NULL, "1.1-bbbb", 0 };
	make_index(f, NULL, "1.1-aaaa");
	assert_int_equal(dl_index_open(f->path, DL_INDEX_WRITE, &other, &ix, f->err,
				       sizeof(f->err)), DL_INDEX_EFAIL);
	assert_non_null(strstr(f->err, "model 1.1-aaaa, this one is 1.1-bbbb"));
	other.full = 1;
	assert_int_equal(dl_index_open(f->path, DL_INDEX_WRITE, &other, &ix, f->err,
				       sizeof(f->err)), DL_INDEX_OK);
	assert_int_equal(dl_index_stamp(ix, other.tagger, f->err, sizeof(f->err)), DL_INDEX_OK);
	assert_int_equal(dx_db_commit(ix->db), DX_OK);
	dl_index_close(ix);
	/* Now recorded: the same model is welcome, and so is no tagging. */
	other.full = 0;
	assert_int_equal(dl_index_open(f->path, DL_INDEX_WRITE, &other, &ix, f->err,
				       sizeof(f->err)), DL_INDEX_OK);
	assert_string_equal(ix->tagger, "1.1-bbbb");
	dl_index_close(ix);
	other.tagger = NULL;
	assert_int_equal(dl_index_open(f->path, DL_INDEX_WRITE, &other, &ix, f->err,
				       sizeof(f->err)), DL_INDEX_OK);
	dl_index_close(ix);
	dl_index_close(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_dl_index_open_new_then_read, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dl_index_open_absent, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dl_index_open_language, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dl_index_open_schema, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dl_index_open_tagger, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
