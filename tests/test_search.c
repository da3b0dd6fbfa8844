/* Unit tests for searcher/search.c against a temporary index. */
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
#include "../searcher/search.h"

typedef struct {
	char dir[64];
	char path[96];
	searcher_t *s;
} fixture_t;

static int rm_entry(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb; (void)flag; (void)ftw;
	return remove(p);
}

/* The articles of the index: b.txt is a copy of a.txt. */
static const struct { const char *id, *title, *date, *place, *body; } arts[] = {
	{ "a.txt", "Kerry and Lavrov meet in Paris", "2014-03-30", "Paris",
	  "John Kerry met Sergei Lavrov in Paris to talk about Crimea and Sevastopol." },
	{ "b.txt", "Kerry and Lavrov meet in Paris", "2014-03-30", "Paris",
	  "John Kerry met Sergei Lavrov in Paris to talk about Crimea and Sevastopol." },
	{ "c.txt", "Crimea votes", "2014-03-16", "Simferopol",
	  "Voters in Crimea and Sevastopol went to the polls on Sunday." },
	{ "d.txt", "Budget talks in London", "2015-01-10", "London",
	  "Ministers met in London over the budget." },
};
#define NARTS (sizeof(arts) / sizeof(arts[0]))

static int setup(void **state)
{
	fixture_t *f = calloc(1, sizeof(*f));
	dx_db_t *db;
	char err[256];
	strcpy(f->dir, "/tmp/dateline-search-XXXXXX");
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
		a.date = (char *)arts[i].date;
		a.place = (char *)arts[i].place;
		a.body = (char *)arts[i].body;
		a.format = DL_FORMAT_HEADER;
		if (document_build(&a, arts[i].id, arts[i].id, NULL, NULL, st, &doc) != DX_OK)
			return -1;
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
	if (searcher_open(f->path, &f->s, err, sizeof(err)) != SEARCH_OK) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture_t *f = *state;
	searcher_close(f->s);
	nftw(f->dir, rm_entry, 8, FTW_DEPTH | FTW_PHYS);
	free(f);
	return 0;
}

/* The ids of the hits, joined by " ". */
static const char *ids(const search_result_t *res)
{
	static char out[256];
	out[0] = '\0';
	for (size_t i = 0; i < res->nhits; i++)
		snprintf(out + strlen(out), sizeof(out) - strlen(out), "%s%s", i ? " " : "",
			 res->hits[i].id ? res->hits[i].id : "?");
	return out;
}

static void test_searcher_open_missing_index(void **state)
{
	(void)state;
	searcher_t *s = (searcher_t *)1;
	char err[256];
	assert_int_equal(searcher_open("/nonexistent/x.db", &s, err, sizeof(err)),
			 SEARCH_ENOTFOUND);
	assert_null(s);
	assert_non_null(strstr(err, "/nonexistent/x.db"));
	assert_non_null(strstr(err, "run dateline-index first"));
}

static void test_search_run_hits_fields_and_copies(void **state)
{
	fixture_t *f = *state;
	search_request_t r;
	search_result_t res;
	char err[256];
	search_request_init(&r);
	assert_int_equal(search_run(f->s, "Lavrov", &r, &res, err, sizeof(err)), SEARCH_OK);
	/* The copy is shown once, and listed with it. */
	assert_int_equal(res.nhits, 1);
	assert_int_equal(res.total, 1);
	assert_true(res.exact);
	const search_hit_t *h = &res.hits[0];
	assert_int_equal(h->rank, 1);
	assert_string_equal(dl_record_get(h->rec, DL_F_TITLE), "Kerry and Lavrov meet in Paris");
	assert_string_equal(dl_record_get(h->rec, DL_F_DATE), "2014-03-30");
	assert_string_equal(dl_record_get(h->rec, DL_F_PLACE), "Paris");
	assert_int_equal(h->ncopies, 1);
	assert_string_not_equal(h->copies[0], h->id);
	/* The snippet and the title mark the query's word. */
	assert_int_equal(h->snippet.nranges, 1);
	assert_memory_equal(h->snippet.text + h->snippet.ranges[0].start, "Lavrov", 6);
	assert_int_equal(h->title.nranges, 1);
	assert_memory_equal(h->title.text + h->title.ranges[0].start, "Lavrov", 6);
	assert_null(res.suggestion);
	search_result_free(&res);
}

static void test_search_run_offset_limit_and_ids(void **state)
{
	fixture_t *f = *state;
	search_request_t r;
	search_result_t res;
	char err[256];
	search_request_init(&r);
	r.sort_date = 1;
	assert_int_equal(search_run(f->s, "Crimea", &r, &res, err, sizeof(err)), SEARCH_OK);
	assert_int_equal(res.total, 2);
	assert_string_equal(ids(&res), res.hits[0].id[0] == 'a' ? "a.txt c.txt" : "b.txt c.txt");
	search_result_free(&res);
	r.offset = 1;
	r.n = 5;
	r.read = SEARCH_READ_IDS;
	assert_int_equal(search_run(f->s, "Crimea", &r, &res, err, sizeof(err)), SEARCH_OK);
	assert_string_equal(ids(&res), "c.txt");
	assert_int_equal(res.hits[0].rank, 2);
	assert_null(res.hits[0].rec);
	assert_int_equal(res.offset, 1);
	search_result_free(&res);
	r.offset = 0;
	r.read = SEARCH_READ_COUNT;
	assert_int_equal(search_run(f->s, "met", &r, &res, err, sizeof(err)), SEARCH_OK);
	assert_int_equal(res.total, 2);
	assert_int_equal(res.nhits, 0);
	search_result_free(&res);
}

static void test_search_run_filters(void **state)
{
	fixture_t *f = *state;
	search_request_t r;
	search_result_t res;
	char err[256];
	search_request_init(&r);
	r.since = "2015";
	assert_int_equal(search_run(f->s, "met", &r, &res, err, sizeof(err)), SEARCH_OK);
	assert_string_equal(ids(&res), "d.txt");
	search_result_free(&res);
	search_request_init(&r);
	assert_int_equal(search_names_add(&r.places, "--place", "London", err, sizeof(err)), 0);
	assert_int_equal(search_run(f->s, "", &r, &res, err, sizeof(err)), SEARCH_OK);
	assert_string_equal(ids(&res), "d.txt");
	search_result_free(&res);
	/* Two places: the articles of both (none is datelined in both). */
	assert_int_equal(search_names_add(&r.places, "--place", "Paris", err, sizeof(err)), 0);
	assert_int_equal(search_run(f->s, "met", &r, &res, err, sizeof(err)), SEARCH_OK);
	assert_int_equal(res.total, 0);
	search_result_free(&res);
	search_request_init(&r);
	assert_int_equal(search_names_add(&r.places, "--place", "Paris", err, sizeof(err)), 0);
	assert_int_equal(search_run(f->s, "met", &r, &res, err, sizeof(err)), SEARCH_OK);
	assert_string_equal(ids(&res), "a.txt");
	search_result_free(&res);
	/* The same place again changes nothing. */
	assert_int_equal(search_names_add(&r.places, "--place", "Paris", err, sizeof(err)), 0);
	assert_int_equal(search_run(f->s, "met", &r, &res, err, sizeof(err)), SEARCH_OK);
	assert_string_equal(ids(&res), "a.txt");
	search_result_free(&res);
	/* Each name is checked, not only the first. */
	assert_int_equal(search_names_add(&r.places, "--place", "", err, sizeof(err)), 0);
	assert_int_equal(search_run(f->s, "met", &r, &res, err, sizeof(err)), SEARCH_EREQUEST);
	assert_string_equal(err, "--place: a place needs a name");
	search_result_free(&res);
	search_request_init(&r);
	for (int i = 0; i < SEARCH_MAX_NAMES; i++)
		assert_int_equal(search_names_add(&r.persons, "--person", "Kerry", err,
						  sizeof(err)), 0);
	assert_int_equal(search_names_add(&r.persons, "--person", "Kerry", err, sizeof(err)), -1);
	assert_string_equal(err, "--person: at most 16 names");
	search_request_init(&r);
	r.until = "2014-13";
	assert_int_equal(search_run(f->s, "met", &r, &res, err, sizeof(err)), SEARCH_EREQUEST);
	assert_non_null(strstr(err, "--until: bad date '2014-13'"));
	search_result_free(&res);
}

static void test_search_run_bad_query_and_suggestion(void **state)
{
	fixture_t *f = *state;
	search_request_t r;
	search_result_t res;
	char err[256];
	search_request_init(&r);
	assert_int_equal(search_run(f->s, "Kerry \"Paris", &r, &res, err, sizeof(err)),
			 SEARCH_EQUERY);
	assert_string_equal(err, "unbalanced quote at column 7");
	search_result_free(&res);
	/* Nothing matches the misspelt word: the suggestion's results. */
	assert_int_equal(search_run(f->s, "Sevastapol", &r, &res, err, sizeof(err)), SEARCH_OK);
	assert_string_equal(res.suggestion, "Sevastopol");
	assert_true(res.corrected);
	assert_int_equal(res.total, 2);
	search_result_free(&res);
	/* The suggestion keeps the case the word was written in. */
	assert_int_equal(search_run(f->s, "sevastapol", &r, &res, err, sizeof(err)), SEARCH_OK);
	assert_string_equal(res.suggestion, "sevastopol");
	search_result_free(&res);
	assert_int_equal(search_run(f->s, "SEVASTAPOL", &r, &res, err, sizeof(err)), SEARCH_OK);
	assert_string_equal(res.suggestion, "SEVASTOPOL");
	search_result_free(&res);
	r.suggest = 0;
	assert_int_equal(search_run(f->s, "Sevastapol", &r, &res, err, sizeof(err)), SEARCH_OK);
	assert_null(res.suggestion);
	assert_int_equal(res.total, 0);
	search_result_free(&res);
}

static void test_search_run_facets(void **state)
{
	fixture_t *f = *state;
	search_request_t r;
	search_result_t res;
	char err[256];
	search_request_init(&r);
	r.facets = 1;
	assert_int_equal(search_run(f->s, "met", &r, &res, err, sizeof(err)), SEARCH_OK);
	assert_true(res.has_facets);
	assert_int_equal(res.facet_docs, 2);
	assert_int_equal(res.nfacets[SEARCH_FACET_MONTHS], 2);
	assert_int_equal(res.facets[SEARCH_FACET_MONTHS][0].count, 1);
	search_result_free(&res);
}

/* Write article i of arts[] again, with another place (NULL: its own). */
static void rewrite_article(const char *path, size_t i, const char *place)
{
	dx_db_t *db;
	dx_doc_t *doc;
	article_t a = { 0 };
	char term[DL_MAX_TERM_BYTES + 1];
	an_stemmer_t *st = an_stemmer_new("english");
	assert_non_null(st);
	assert_int_equal(dx_db_open_write(path, &db), DX_OK);
	a.title = (char *)arts[i].title;
	a.date = (char *)arts[i].date;
	a.place = (char *)(place ? place : arts[i].place);
	a.body = (char *)arts[i].body;
	a.format = DL_FORMAT_HEADER;
	assert_int_equal(document_build(&a, arts[i].id, arts[i].id, NULL, NULL, st, &doc),
			 DX_OK);
	dl_id_term(DL_PREFIX_ID, arts[i].id, term);
	assert_int_equal(dx_db_replace(db, term, doc), DX_OK);
	dx_doc_destroy(doc);
	assert_int_equal(dx_db_commit(db), DX_OK);
	dx_db_close(db);
	an_stemmer_destroy(st);
}

/* Every facet of res, as text ("places: London 1, Paris 1; ..."). */
static const char *facets_text(const search_result_t *res, char *out, size_t size)
{
	out[0] = '\0';
	snprintf(out, size, "%zu docs", res->facet_docs);
	for (int k = 0; k < SEARCH_NFACETS; k++) {
		snprintf(out + strlen(out), size - strlen(out), "; %s:", search_facet_names[k]);
		for (size_t i = 0; i < res->nfacets[k]; i++)
			snprintf(out + strlen(out), size - strlen(out), " %s %u",
				 res->facets[k][i].name, res->facets[k][i].count);
	}
	return out;
}

/* A searcher keeping every article's facets in memory counts the same
 * facets as one reading the hits' values, and follows a new commit that
 * changes an article's (same document, new place). */
static void test_search_keep_values_facets(void **state)
{
	fixture_t *f = *state;
	searcher_t *kept;
	search_request_t r;
	search_result_t a, b;
	char err[256], ta[2048], tb[2048];
	const char *queries[] = { "met", "crimea", "talks", "paris OR london", "nothingmatches" };
	assert_int_equal(searcher_open(f->path, &kept, err, sizeof(err)), SEARCH_OK);
	searcher_keep_values(kept);
	search_request_init(&r);
	r.facets = 1;
	for (int all = 0; all < 2; all++) {
		r.all_months = all;
		r.facet_top = all ? 1 : SEARCH_FACET_TOP;
		for (size_t i = 0; i < sizeof(queries) / sizeof(queries[0]); i++) {
			assert_int_equal(search_run(f->s, queries[i], &r, &a, err, sizeof(err)),
					 SEARCH_OK);
			assert_int_equal(search_run(kept, queries[i], &r, &b, err, sizeof(err)),
					 SEARCH_OK);
			assert_string_equal(facets_text(&b, tb, sizeof(tb)),
					    facets_text(&a, ta, sizeof(ta)));
			search_result_free(&a);
			search_result_free(&b);
		}
	}
	r.all_months = 0;
	r.facet_top = SEARCH_FACET_TOP;
	assert_int_equal(search_run(kept, "budget", &r, &b, err, sizeof(err)), SEARCH_OK);
	assert_non_null(strstr(facets_text(&b, tb, sizeof(tb)), "London 1"));
	search_result_free(&b);

	rewrite_article(f->path, 3, "Kyiv");
	int changed = 0;
	assert_int_equal(searcher_refresh(kept, &changed, err, sizeof(err)), SEARCH_OK);
	assert_true(changed);
	assert_int_equal(search_run(kept, "budget", &r, &b, err, sizeof(err)), SEARCH_OK);
	facets_text(&b, tb, sizeof(tb));
	assert_non_null(strstr(tb, "Kyiv 1"));
	assert_int_equal(searcher_refresh(f->s, &changed, err, sizeof(err)), SEARCH_OK);
	assert_int_equal(search_run(f->s, "budget", &r, &a, err, sizeof(err)), SEARCH_OK);
	assert_string_equal(tb, facets_text(&a, ta, sizeof(ta)));
	search_result_free(&a);
	search_result_free(&b);
	searcher_close(kept);
	rewrite_article(f->path, 3, NULL);
	assert_int_equal(searcher_refresh(f->s, &changed, err, sizeof(err)), SEARCH_OK);
}

static void test_search_article_and_related(void **state)
{
	fixture_t *f = *state;
	dl_record_t *rec = NULL;
	search_request_t r;
	search_result_t res;
	char err[256];
	assert_int_equal(search_article(f->s, "c.txt", &rec, err, sizeof(err)), SEARCH_OK);
	assert_string_equal(dl_record_get(rec, DL_F_TITLE), "Crimea votes");
	assert_string_equal(dl_record_get(rec, DL_F_BODY), arts[2].body);
	assert_string_equal(dl_record_get(rec, DL_F_FORMAT), DL_FORMAT_HEADER);
	dl_record_free(rec);
	assert_int_equal(search_article(f->s, "nosuch.txt", &rec, err, sizeof(err)),
			 SEARCH_ENOTFOUND);
	assert_null(rec);
	assert_string_equal(err, "no article with id 'nosuch.txt'");
	search_request_init(&r);
	assert_int_equal(search_related(f->s, "a.txt", &r, &res, err, sizeof(err)), SEARCH_OK);
	/* Not itself nor its copy. */
	assert_true(res.nhits >= 1);
	for (size_t i = 0; i < res.nhits; i++) {
		assert_string_not_equal(res.hits[i].id, "a.txt");
		assert_string_not_equal(res.hits[i].id, "b.txt");
	}
	search_result_free(&res);
	assert_int_equal(search_related(f->s, "nosuch.txt", &r, &res, err, sizeof(err)),
			 SEARCH_ENOTFOUND);
	search_result_free(&res);
}

/* An index of many copies: x1..x3 (one text), y00..y24 (another, more
 * than SEARCH_MAX_COPIES + 1 of them), z (alone), added in reverse id
 * order. Each hit lists its other copies, at most SEARCH_MAX_COPIES, in
 * id order, whatever the order they were added in. */
static void test_search_copies_in_id_order(void **state)
{
	(void)state;
	char dir[] = "/tmp/dateline-copies-XXXXXX", path[64], err[256], id[8];
	dx_db_t *db;
	an_stemmer_t *st = an_stemmer_new("english");
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/db", dir);
	assert_non_null(st);
	assert_int_equal(dx_db_open_write(path, &db), DX_OK);
	for (int i = 28; i >= 0; i--) {
		article_t a = { 0 };
		char term[DL_MAX_TERM_BYTES + 1];
		dx_doc_t *doc;
		if (i < 3) {
			snprintf(id, sizeof(id), "x%d", i + 1);
			a.body = "The zebra crossing on the high street was repainted.";
		} else if (i < 28) {
			snprintf(id, sizeof(id), "y%02d", i - 3);
			a.body = "A zebra escaped from the zoo and was found in a garden.";
		} else {
			snprintf(id, sizeof(id), "z");
			a.body = "Zebra stripes keep flies away, a study finds.";
		}
		a.title = "Zebra";
		a.format = DL_FORMAT_HEADER;
		assert_int_equal(document_build(&a, id, id, NULL, NULL, st, &doc), DX_OK);
		dl_id_term(DL_PREFIX_ID, id, term);
		assert_int_equal(dx_db_replace(db, term, doc), DX_OK);
		dx_doc_destroy(doc);
	}
	assert_int_equal(dx_db_set_metadata(db, DL_META_LANGUAGE, "english"), DX_OK);
	assert_int_equal(dx_db_set_metadata(db, DL_META_SCHEMA, DL_SCHEMA_VERSION), DX_OK);
	assert_int_equal(dx_db_commit(db), DX_OK);
	dx_db_close(db);
	an_stemmer_destroy(st);

	searcher_t *s;
	search_request_t r;
	search_result_t res;
	assert_int_equal(searcher_open(path, &s, err, sizeof(err)), SEARCH_OK);
	search_request_init(&r);
	assert_int_equal(search_run(s, "zebra", &r, &res, err, sizeof(err)), SEARCH_OK);
	assert_int_equal(res.nhits, 3);
	int seen = 0;
	for (size_t i = 0; i < res.nhits; i++) {
		const search_hit_t *h = &res.hits[i];
		char want[512] = "", got[512] = "";
		for (size_t k = 0; k < h->ncopies; k++)
			snprintf(got + strlen(got), sizeof(got) - strlen(got), "%s ", h->copies[k]);
		if (h->id[0] == 'x') {
			for (int k = 1; k <= 3; k++) {
				snprintf(id, sizeof(id), "x%d", k);
				if (strcmp(id, h->id) != 0)
					snprintf(want + strlen(want), sizeof(want) - strlen(want),
						 "%s ", id);
			}
			seen |= 1;
		} else if (h->id[0] == 'y') {
			/* The first ones by id that are not the hit itself. */
			size_t n = 0;
			for (int k = 0; k < 25 && n < SEARCH_MAX_COPIES; k++) {
				snprintf(id, sizeof(id), "y%02d", k);
				if (strcmp(id, h->id) != 0) {
					snprintf(want + strlen(want), sizeof(want) - strlen(want),
						 "%s ", id);
					n++;
				}
			}
			seen |= 2;
		} else {
			assert_string_equal(h->id, "z");
			seen |= 4;
		}
		assert_string_equal(got, want);
	}
	assert_int_equal(seen, 7);
	search_result_free(&res);

	/* One article's copies (the server's /copies). */
	char **copies;
	size_t n;
	assert_int_equal(search_copies(s, "y10", &copies, &n, err, sizeof(err)), SEARCH_OK);
	assert_int_equal(n, SEARCH_MAX_COPIES);
	assert_string_equal(copies[0], "y00");
	assert_string_equal(copies[9], "y09");
	assert_string_equal(copies[10], "y11");
	assert_string_equal(copies[19], "y20");
	for (size_t k = 0; k < n; k++)
		free(copies[k]);
	free(copies);
	assert_int_equal(search_copies(s, "x2", &copies, &n, err, sizeof(err)), SEARCH_OK);
	assert_int_equal(n, 2);
	assert_string_equal(copies[0], "x1");
	assert_string_equal(copies[1], "x3");
	for (size_t k = 0; k < n; k++)
		free(copies[k]);
	free(copies);
	searcher_close(s);
	nftw(dir, rm_entry, 8, FTW_DEPTH | FTW_PHYS);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_searcher_open_missing_index),
		cmocka_unit_test(test_search_run_hits_fields_and_copies),
		cmocka_unit_test(test_search_run_offset_limit_and_ids),
		cmocka_unit_test(test_search_run_filters),
		cmocka_unit_test(test_search_run_bad_query_and_suggestion),
		cmocka_unit_test(test_search_run_facets),
		cmocka_unit_test(test_search_article_and_related),
		cmocka_unit_test(test_search_copies_in_id_order),
		cmocka_unit_test(test_search_keep_values_facets),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
