/* Unit tests for indexer/catalog.c over a temporary index: what the index
 * holds of each file (size, mtime, folder), found by file term, and the
 * files of a folder not seen in a run. */
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

#include "../analysis/schema.h"
#include "../analysis/stem.h"
#include "../indexer/catalog.h"
#include "../indexer/document.h"
#include "../shim/dx.h"

typedef struct {
	char dir[64];
	char path[96];
	dx_db_t *db;
} fixture_t;

/* The articles of the fixture: id, file, size, mtime, folder. A feed's two
 * items share their file. */
static const struct {
	const char *id, *file;
	uint64_t size;
	double mtime;
	const char *root;
} arts[] = {
	{ "a.txt", "a.txt", 100, 1396137600.25, "/news" },
	{ "feed.rss#1", "feed.rss", 5000, 1396137601.5, "/news" },
	{ "feed.rss#2", "feed.rss", 5000, 1396137601.5, "/news" },
	{ "b.txt", "b.txt", 200, 1396137602.0, "/other" },
};
#define NARTS (sizeof(arts) / sizeof(arts[0]))

static int rm_entry(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb; (void)flag; (void)ftw;
	return remove(p);
}

static int setup(void **state)
{
	static const field_weights_t no_entities = { { 0 }, 1 };
	fixture_t *f = calloc(1, sizeof(*f));
	an_stemmer_t *st = an_stemmer_new("english");
	if (!f || !st)
		return -1;
	strcpy(f->dir, "/tmp/dateline-catalog-XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->path, sizeof(f->path), "%s/db", f->dir);
	if (dx_db_open_write(f->path, &f->db) != DX_OK)
		return -1;
	for (size_t i = 0; i < NARTS; i++) {
		article_t a = { 0 };
		file_facts_t facts = { arts[i].size, arts[i].mtime, arts[i].root };
		char term[DL_MAX_TERM_BYTES + 1];
		dx_doc_t *doc;
		a.body = "Some text.";
		a.format = DL_FORMAT_HEADER;
		if (document_build(&a, arts[i].id, arts[i].file, &facts, &no_entities, st, &doc) !=
		    DX_OK)
			return -1;
		dl_id_term(DL_PREFIX_ID, arts[i].id, term);
		dx_status_t rc = dx_db_replace(f->db, term, doc);
		dx_doc_destroy(doc);
		if (rc != DX_OK)
			return -1;
	}
	an_stemmer_destroy(st);
	if (dx_db_commit(f->db) != DX_OK)
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture_t *f = *state;
	dx_db_close(f->db);
	nftw(f->dir, rm_entry, 8, FTW_DEPTH | FTW_PHYS);
	free(f);
	return 0;
}

static catalog_entry_t *find_file(catalog_t *c, const char *file)
{
	char term[DL_MAX_TERM_BYTES + 1];
	dl_id_term(DL_PREFIX_FILE, file, term);
	return catalog_find(c, term);
}

/* One entry per file, with the facts as document_facts_values() encodes
 * them, byte for byte. */
static void test_catalog_load_files_and_facts(void **state)
{
	fixture_t *f = *state;
	catalog_t *c = NULL;
	assert_int_equal(catalog_load(f->db, &c), DX_OK);
	assert_int_equal(catalog_size(c), 3);
	for (size_t i = 0; i < NARTS; i++) {
		file_facts_t facts = { arts[i].size, arts[i].mtime, arts[i].root };
		char size[18], mtime[18];
		size_t sl, ml;
		catalog_entry_t *e = find_file(c, arts[i].file);
		assert_non_null(e);
		document_facts_values(&facts, size, &sl, mtime, &ml);
		assert_int_equal(e->size_len, sl);
		assert_memory_equal(e->size, size, sl);
		assert_int_equal(e->mtime_len, ml);
		assert_memory_equal(e->mtime, mtime, ml);
		assert_string_equal(e->root, arts[i].root);
		assert_int_equal(e->seen, 0);
	}
	assert_null(find_file(c, "absent.txt"));
	/* An article's id term is not a file term. */
	char term[DL_MAX_TERM_BYTES + 1];
	dl_id_term(DL_PREFIX_ID, "a.txt", term);
	assert_null(catalog_find(c, term));
	catalog_free(c);
}

static int collect(catalog_entry_t *e, void *ctx)
{
	char *out = ctx;
	size_t n = strlen(out);
	snprintf(out + n, 256 - n, "%s%s", n ? " " : "", e->fileterm + strlen(DL_PREFIX_FILE));
	return 0;
}

static int stop(catalog_entry_t *e, void *ctx)
{
	(void)e;
	(*(int *)ctx)++;
	return 5;
}

/* The files of a folder that the run did not meet: those to remove. */
static void test_catalog_each_unseen(void **state)
{
	fixture_t *f = *state;
	catalog_t *c = NULL;
	char out[256] = "";
	assert_int_equal(catalog_load(f->db, &c), DX_OK);
	find_file(c, "a.txt")->seen = 1;
	assert_int_equal(catalog_each_unseen(c, "/news", collect, out), 0);
	assert_string_equal(out, "feed.rss");
	out[0] = '\0';
	assert_int_equal(catalog_each_unseen(c, "/other", collect, out), 0);
	assert_string_equal(out, "b.txt");
	out[0] = '\0';
	assert_int_equal(catalog_each_unseen(c, "/elsewhere", collect, out), 0);
	assert_string_equal(out, "");
	/* The callback's nonzero value stops the walk. */
	int calls = 0;
	assert_int_equal(catalog_each_unseen(c, "/news", stop, &calls), 5);
	assert_int_equal(calls, 1);
	catalog_free(c);
}

/* An empty index: an empty catalog (and NULL is an empty catalog too). */
static void test_catalog_load_empty(void **state)
{
	fixture_t *f = *state;
	char path[128];
	dx_db_t *db = NULL;
	catalog_t *c = NULL;
	snprintf(path, sizeof(path), "%s/empty", f->dir);
	assert_int_equal(dx_db_open_write(path, &db), DX_OK);
	assert_int_equal(catalog_load(db, &c), DX_OK);
	assert_int_equal(catalog_size(c), 0);
	assert_null(find_file(c, "a.txt"));
	catalog_free(c);
	dx_db_close(db);
	assert_int_equal(catalog_size(NULL), 0);
	assert_null(catalog_find(NULL, "XFILEa.txt"));
	catalog_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_catalog_load_files_and_facts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_catalog_each_unseen, setup, teardown),
		cmocka_unit_test_setup_teardown(test_catalog_load_empty, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
