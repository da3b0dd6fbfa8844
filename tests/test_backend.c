/* Unit tests for server/backend_search.c against a temporary index: the
 * API's answer written as text is, byte for byte, the tree the page
 * reads written out, for a new search and for one asked again. */
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
#include "../indexer/document.h"
#include "../server/backend.h"
#include "../server/cache.h"
#include "../server/escape.h"

typedef struct {
	char dir[64];
	char path[96];
	sv_backend_t *b;
} fixture_t;

static int rm_entry(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb; (void)flag; (void)ftw;
	return remove(p);
}

/* b.txt is a copy of a.txt; e.txt has markup in its title and control
 * characters in its fields (stored as an older index may hold them: the
 * answer cleans them); f.txt a line separator and a C1 control in its
 * title. (A field that is not UTF-8 cannot be stored: document_build()
 * refuses it.) */
static const struct { const char *id, *title, *author, *date, *place, *body; } arts[] = {
	{ "a.txt", "Kerry and Lavrov meet in Paris", "Anne Smith", "2014-03-30", "Paris",
	  "John Kerry met Sergei Lavrov in Paris to talk about Crimea and Sevastopol." },
	{ "b.txt", "Kerry and Lavrov meet in Paris", "Anne Smith", "2014-03-30", "Paris",
	  "John Kerry met Sergei Lavrov in Paris to talk about Crimea and Sevastopol." },
	{ "c.txt", "Crimea votes", NULL, "2014-03-16", "Simferopol",
	  "Voters in Crimea and Sevastopol went to the polls on Sunday. Kerry said nothing." },
	{ "d.txt", "Budget talks in London", NULL, "2015-01-10", "London",
	  "Ministers met in London over the budget, and Kerry \"watched\" & waited." },
	{ "e.txt", "<script>alert(1)</script> Kerry \x01 report", "Eve \x7f & \"Mallory\"",
	  "2015-02-03", "\"><img src=x>", "Kerry\x02 in Zanzibar\t<b>harbour</b> \xC2\x85 reopened." },
	{ "f.txt", "Kerry \xE2\x80\xA8 line \xC2\x9B title", NULL, "2016-05-01", "Kyiv",
	  "Kerry visited Kyiv and Lavrov did not." },
};
#define NARTS (sizeof(arts) / sizeof(arts[0]))

static int setup(void **state)
{
	fixture_t *f = calloc(1, sizeof(*f));
	dx_db_t *db;
	sv_error_t err;
	strcpy(f->dir, "/tmp/dateline-backend-XXXXXX");
	if (!f || !mkdtemp(f->dir))
		return -1;
	snprintf(f->path, sizeof(f->path), "%s/db", f->dir);
	an_stemmer_t *st = an_stemmer_new("english");
	if (!st || dx_db_open_write(f->path, &db) != DX_OK)
		return -1;
	for (size_t i = 0; i < NARTS; i++) {
		article_t a = { 0 };
		char term[DL_MAX_TERM_BYTES + 1];
		dx_doc_t *doc;
		a.title = (char *)arts[i].title;
		a.author = (char *)arts[i].author;
		a.date = (char *)arts[i].date;
		a.place = (char *)arts[i].place;
		a.body = (char *)arts[i].body;
		a.format = DL_FORMAT_HEADER;
		if (document_build(&a, arts[i].id, arts[i].id, NULL, NULL, st, &doc) != DX_OK) {
			fprintf(stderr, "setup: cannot build %s\n", arts[i].id);
			return -1;
		}
		dl_id_term(DL_PREFIX_ID, arts[i].id, term);
		if (dx_db_replace(db, term, doc) != DX_OK)
			return -1;
		dx_doc_destroy(doc);
	}
	if (dx_db_set_metadata(db, DL_META_LANGUAGE, "english") != DX_OK ||
	    dx_db_set_metadata(db, DL_META_SCHEMA, DL_SCHEMA_VERSION) != DX_OK ||
	    dx_db_commit(db) != DX_OK)
		return -1;
	dx_db_close(db);
	an_stemmer_destroy(st);
	if (sv_backend_open(f->path, &f->b, &err) != SV_OK) {
		fprintf(stderr, "setup: %s\n", err.message);
		return -1;
	}
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture_t *f = *state;
	if (!f)
		return 0;
	sv_backend_close(f->b);
	sv_cache_init(0);
	sv_cache_clear();
	nftw(f->dir, rm_entry, 8, FTW_DEPTH | FTW_PHYS);
	free(f);
	return 0;
}

/* The searches compared: words, a phrase, a misspelling, nothing found,
 * pages, the date order, a place filter. */
static const struct { const char *q; unsigned offset, n; int sort_date; const char *place; } searches[] = {
	{ "Kerry", 0, 10, 0, NULL },
	{ "Kerry", 1, 2, 0, NULL },
	{ "Kerry", 0, 10, 1, NULL },
	{ "\"Kerry and Lavrov\"", 0, 10, 0, NULL },
	{ "Crimea Sevastopol", 0, 10, 0, NULL },
	{ "Lavrof", 0, 10, 0, NULL },
	{ "zanzibar harbour", 0, 10, 0, NULL },
	{ "budget OR London", 0, 10, 0, NULL },
	{ "qqqzzz", 0, 10, 0, NULL },
	{ "Kerry", 0, 10, 0, "Paris" },
	{ "", 0, 10, 0, "London" },
};
#define NSEARCHES (sizeof(searches) / sizeof(searches[0]))

static sv_search_t request(size_t i)
{
	sv_search_t s;
	memset(&s, 0, sizeof(s));
	s.q = searches[i].q;
	s.offset = searches[i].offset;
	s.n = searches[i].n;
	s.sort_date = searches[i].sort_date;
	s.facets = 1;
	if (searches[i].place) {
		s.places.v[0] = searches[i].place;
		s.places.n = 1;
	}
	return s;
}

/* Search i's answer as the API writes it (malloc'ed). */
static char *as_text(sv_backend_t *b, size_t i)
{
	sv_search_t s = request(i);
	sv_error_t err;
	esc_buf_t out = { 0 };
	assert_int_equal(sv_backend_search_text(b, &s, &out, &err), SV_OK);
	char *t = esc_buf_take(&out, NULL);
	assert_non_null(t);
	return t;
}

/* Search i's object (as the page reads it), written out (malloc'ed). */
static char *as_tree(sv_backend_t *b, size_t i)
{
	sv_search_t s = request(i);
	sv_error_t err;
	json_t *o = NULL;
	esc_buf_t out = { 0 };
	assert_int_equal(sv_backend_search(b, &s, &o, &err), SV_OK);
	esc_json_value(&out, o);
	json_decref(o);
	char *t = esc_buf_take(&out, NULL);
	assert_non_null(t);
	return t;
}

static void test_backend_search_text_is_the_tree_written_out(void **state)
{
	fixture_t *f = *state;
	sv_cache_init(0);
	for (size_t i = 0; i < NSEARCHES; i++) {
		char *text = as_text(f->b, i), *tree = as_tree(f->b, i);
		assert_string_equal(text, tree);
		free(text);
		free(tree);
	}
	/* What the comparison covers: hits, copies, the markup escaped, the
	 * control characters cleaned, facets and months. */
	char *kerry = as_text(f->b, 0);
	assert_non_null(strstr(kerry, "\"duplicates\":[\"b.txt\"]"));
	assert_non_null(strstr(kerry, "\\u003cscript\\u003e"));
	assert_null(strchr(kerry, '<'));
	assert_null(strstr(kerry, "\\u0001"));
	assert_null(strstr(kerry, "\\ufffd\\ufffd"));
	assert_non_null(strstr(kerry, "\"months\":[{\"name\":\"2014-03\""));
	assert_non_null(strstr(kerry, "\"facet_docs\":"));
	free(kerry);
}

static void test_backend_search_text_from_the_cache(void **state)
{
	fixture_t *f = *state;
	for (size_t i = 0; i < NSEARCHES; i++) {
		sv_cache_init(0);
		char *fresh = as_text(f->b, i);
		/* Kept by the API, read by the API and by the page; kept by
		 * the page, read by the API. */
		sv_cache_clear();
		sv_cache_init(1 << 20);
		char *miss = as_text(f->b, i), *hit = as_text(f->b, i), *page = as_tree(f->b, i);
		sv_cache_clear();
		char *page_miss = as_tree(f->b, i), *api_hit = as_text(f->b, i);
		assert_string_equal(miss, fresh);
		assert_string_equal(hit, fresh);
		assert_string_equal(page, fresh);
		assert_string_equal(page_miss, fresh);
		assert_string_equal(api_hit, fresh);
		free(fresh);
		free(miss);
		free(hit);
		free(page);
		free(page_miss);
		free(api_hit);
		sv_cache_clear();
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_backend_search_text_is_the_tree_written_out),
		cmocka_unit_test(test_backend_search_text_from_the_cache),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
