/* Unit tests for searcher/suggest.c ("did you mean") over a temporary
 * index whose spelling table the tests fill with known counts. The tests
 * only read it: one index for the group. */
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
#include "../indexer/document.h"
#include "../searcher/query.h"
#include "../searcher/suggest.h"
#include "../shim/dx.h"

typedef struct {
	char dir[64];
	char path[96];
	dx_db_t *db;
	an_stemmer_t *st;
} fixture_t;

static int rm_entry(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb; (void)flag; (void)ftw;
	return remove(p);
}

/* n articles whose body is text, ids PREFIX-0.. */
static int add_articles(fixture_t *f, const char *prefix, const char *text, int n)
{
	static const field_weights_t no_entities = { { 0 }, 1 };
	for (int i = 0; i < n; i++) {
		article_t a = { 0 };
		char id[64], term[DL_MAX_TERM_BYTES + 1];
		dx_doc_t *doc;
		snprintf(id, sizeof(id), "%s-%d", prefix, i);
		a.body = (char *)text;
		a.format = DL_FORMAT_HEADER;
		if (document_build(&a, id, id, NULL, &no_entities, f->st, &doc) != DX_OK)
			return -1;
		dl_id_term(DL_PREFIX_ID, id, term);
		dx_status_t rc = dx_db_replace(f->db, term, doc);
		dx_doc_destroy(doc);
		if (rc != DX_OK)
			return -1;
	}
	return 0;
}

static int setup(void **state)
{
	fixture_t *f = calloc(1, sizeof(*f));
	if (!f)
		return -1;
	strcpy(f->dir, "/tmp/dateline-suggest-XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->path, sizeof(f->path), "%s/db", f->dir);
	f->st = an_stemmer_new("english");
	if (!f->st || dx_db_open_write(f->path, &f->db) != DX_OK)
		return -1;
	/* lavrov and kerry are frequent, kery rare (once), geneva and genevo
	 * both common; ghostword is in the spelling table only (its articles
	 * were deleted without taking their words back). */
	if (add_articles(f, "lavrov", "Lavrov spoke to Kerry about NATO", 12) < 0 ||
	    add_articles(f, "kery", "Kery wrote", 1) < 0 ||
	    add_articles(f, "geneva", "Geneva talks", 6) < 0 ||
	    add_articles(f, "genevo", "Genevo talks", 5) < 0 ||
	    add_articles(f, "ghost", "ghostword", 20) < 0 || dx_db_commit(f->db) != DX_OK)
		return -1;
	for (int i = 0; i < 20; i++) {
		char id[32], term[DL_MAX_TERM_BYTES + 1];
		snprintf(id, sizeof(id), "ghost-%d", i);
		dl_id_term(DL_PREFIX_ID, id, term);
		if (dx_db_delete(f->db, term) != DX_OK)
			return -1;
	}
	if (dx_db_commit(f->db) != DX_OK)
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture_t *f = *state;
	dx_db_close(f->db);
	an_stemmer_destroy(f->st);
	nftw(f->dir, rm_entry, 8, FTW_DEPTH | FTW_PHYS);
	free(f);
	return 0;
}

/* suggest_query() for text, parsed and built as the searcher does. */
static char *suggest(fixture_t *f, const char *text)
{
	query_t q = { 0 };
	query_boosts_t none = { 0 };
	char err[256];
	assert_int_equal(query_parse(text, f->st, f->db, &none, &q, err, sizeof(err)), 0);
	char *s = suggest_query(f->db, f->st, text, &q);
	query_free(&q);
	return s;
}

static void expect(fixture_t *f, const char *text, const char *want)
{
	char *s = suggest(f, text);
	if (want) {
		assert_non_null(s);
		assert_string_equal(s, want);
	} else {
		assert_null(s);
	}
	free(s);
}

/* A word the index lacks: its close and frequent neighbour, in the case
 * it was written in; the rest of the query as written. */
static void test_suggest_query_absent_word(void **state)
{
	fixture_t *f = *state;
	expect(f, "Lavrav", "Lavrov");
	expect(f, "lavrav", "lavrov");
	expect(f, "LAVRAV meeting", "LAVROV meeting");
	expect(f, "NATQ", "NATO");
}

/* A rare word (fewer than SUGGEST_RARE) with a neighbour at least
 * SUGGEST_MIN_RATIO times as frequent is corrected; a common one is not. */
static void test_suggest_query_rare_and_common(void **state)
{
	fixture_t *f = *state;
	expect(f, "kery", "kerry");
	expect(f, "genevo", NULL);
	expect(f, "geneva", NULL);
	expect(f, "lavrov", NULL);
}

/* A word no article holds any more is never suggested; short words are
 * never corrected. */
static void test_suggest_query_not_held_or_short(void **state)
{
	fixture_t *f = *state;
	expect(f, "ghostwurd", NULL);
	expect(f, "ke", NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_suggest_query_absent_word),
		cmocka_unit_test(test_suggest_query_rare_and_common),
		cmocka_unit_test(test_suggest_query_not_held_or_short),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
