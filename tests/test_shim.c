/* Unit tests for shim/dx.cc against a temporary index. */
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
#include <unistd.h>

#include "../analysis/stem.h"
#include "../indexer/document.h"
#include "../shim/dx.h"

typedef struct {
	char dir[64];
	char path[96];
	dx_db_t *db;
} fixture_t;

static int rm_entry(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb; (void)flag; (void)ftw;
	return remove(p);
}

static dx_doc_t *make_doc(const char *text_terms[], size_t n, const char *data)
{
	dx_doc_t *doc;
	assert_int_equal(dx_doc_new(&doc), DX_OK);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(dx_doc_add_posting(doc, text_terms[i], strlen(text_terms[i]),
						    (uint32_t)i + 1, 1), DX_OK);
	assert_int_equal(dx_doc_set_data(doc, data, strlen(data)), DX_OK);
	return doc;
}

/* A temporary index with three documents, made for each test. */
static int setup(void **state)
{
	fixture_t *f = calloc(1, sizeof(*f));
	strcpy(f->dir, "/tmp/dateline-test-XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->path, sizeof(f->path), "%s/db", f->dir);
	if (dx_db_open_write(f->path, &f->db) != DX_OK)
		return -1;
	const char *d1[] = { "kerry", "met", "lavrov", "in", "paris" };
	const char *d2[] = { "lavrov", "spoke", "in", "moscow" };
	const char *d3[] = { "paris", "climate", "talks" };
	const char **docs[] = { d1, d2, d3 };
	size_t lens[] = { 5, 4, 3 };
	const char *ids[] = { "Qa", "Qb", "Qc" };
	for (int i = 0; i < 3; i++) {
		dx_doc_t *doc = make_doc(docs[i], lens[i], ids[i] + 1);
		assert_int_equal(dx_doc_add_boolean_term(doc, ids[i]), DX_OK);
		char v[9];
		snprintf(v, sizeof(v), "2014030%d", i + 1);
		assert_int_equal(dx_doc_set_value(doc, 0, v, 8), DX_OK);
		assert_int_equal(dx_db_replace(f->db, ids[i], doc), DX_OK);
		dx_doc_destroy(doc);
	}
	assert_int_equal(dx_db_commit(f->db), DX_OK);
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

/* Run q and return the ids of the hits joined by ",". */
static const char *run(dx_db_t *db, dx_query_t *q)
{
	static char out[256];
	dx_search_opts_t o;
	dx_hits_t *h;
	dx_search_opts_init(&o);
	out[0] = '\0';
	assert_int_equal(dx_db_search(db, q, &o, &h), DX_OK);
	for (; dx_hits_valid(h); dx_hits_move_to_next(h)) {
		char *data;
		size_t len;
		assert_int_equal(dx_hits_data(h, &data, &len), DX_OK);
		if (out[0])
			strcat(out, ",");
		strcat(out, data);
		free(data);
	}
	dx_hits_destroy(h);
	dx_query_destroy(q);
	return out;
}

static dx_query_t *term(const char *t)
{
	dx_query_t *q;
	assert_int_equal(dx_query_term(t, 1, &q), DX_OK);
	return q;
}

static dx_query_t *combine(dx_op_t op, dx_query_t *a, dx_query_t *b, unsigned window)
{
	dx_query_t *subs[2] = { a, b }, *q;
	assert_int_equal(dx_query_combine(op, subs, 2, window, &q), DX_OK);
	dx_query_destroy(a);
	dx_query_destroy(b);
	return q;
}

static void test_db_counts(void **state)
{
	fixture_t *f = *state;
	uint32_t n;
	assert_int_equal(dx_db_doc_count(f->db, &n), DX_OK);
	assert_int_equal(n, 3);
	assert_int_equal(dx_db_term_freq(f->db, "lavrov", &n), DX_OK);
	assert_int_equal(n, 2);
	assert_int_equal(dx_db_term_freq(f->db, "absent", &n), DX_OK);
	assert_int_equal(n, 0);
	/* Several at once, a term twice, one absent. */
	const char *terms[] = { "paris", "absent", "lavrov", "paris", "talks" };
	uint32_t v[5] = { 9, 9, 9, 9, 9 };
	assert_int_equal(dx_db_term_freqs(f->db, terms, 5, v), DX_OK);
	assert_int_equal(v[0], 2);
	assert_int_equal(v[1], 0);
	assert_int_equal(v[2], 2);
	assert_int_equal(v[3], 2);
	assert_int_equal(v[4], 1);
	assert_int_equal(dx_db_term_freqs(f->db, terms, 0, v), DX_OK);
}

static void test_query_operators(void **state)
{
	fixture_t *f = *state;
	assert_string_equal(run(f->db, term("paris")), "c,a"); /* c is shorter */
	assert_string_equal(run(f->db, combine(DX_OP_AND, term("lavrov"), term("paris"), 0)), "a");
	assert_string_equal(run(f->db, combine(DX_OP_AND_NOT, term("lavrov"), term("paris"), 0)), "b");
	assert_string_equal(run(f->db, combine(DX_OP_FILTER, term("paris"), term("Qc"), 0)), "c");
	assert_string_equal(run(f->db, combine(DX_OP_PHRASE, term("met"), term("lavrov"), 2)), "a");
	assert_string_equal(run(f->db, combine(DX_OP_PHRASE, term("lavrov"), term("met"), 2)), "");
	assert_string_equal(run(f->db, combine(DX_OP_NEAR, term("paris"), term("kerry"), 5)), "a");
	dx_query_t *r;
	assert_int_equal(dx_query_value_range(0, "20140302", "20140303", &r), DX_OK);
	char *desc = dx_query_describe(r);
	assert_non_null(strstr(desc, "VALUE_RANGE"));
	free(desc);
	assert_string_equal(run(f->db, r), "b,c");
}

static void test_query_scale_changes_ranking(void **state)
{
	fixture_t *f = *state;
	/* "lavrov" ranks b (shorter) above a; weighting "kerry" up brings a first. */
	assert_string_equal(run(f->db, term("lavrov")), "b,a");
	dx_query_t *k = term("kerry"), *scaled;
	assert_int_equal(dx_query_scale(k, 5.0, &scaled), DX_OK);
	dx_query_destroy(k);
	assert_string_equal(run(f->db, combine(DX_OP_OR, term("lavrov"), scaled, 0)), "a,b");
	assert_int_equal(dx_query_scale(k = term("x"), -1.0, &scaled), DX_ERR_INVALID);
	assert_null(scaled);
	dx_query_destroy(k);
}

/* The top hit's weight for term t under scheme w (c for PL2, InL2, IfB2). */
static double top_weight(dx_db_t *db, const char *t, dx_weighting_t w, double c,
			 dx_status_t *st)
{
	dx_search_opts_t o;
	dx_hits_t *h = NULL;
	dx_query_t *q = term(t);
	double weight = -1;
	dx_search_opts_init(&o);
	o.weighting = w;
	o.c = c;
	*st = dx_db_search(db, q, &o, &h);
	if (*st == DX_OK && dx_hits_valid(h))
		weight = dx_hits_weight(h);
	dx_hits_destroy(h);
	dx_query_destroy(q);
	return weight;
}

static void test_weighting_schemes(void **state)
{
	fixture_t *f = *state;
	dx_status_t st;
	double bm25 = top_weight(f->db, "kerry", DX_WEIGHT_BM25, 1, &st);
	assert_int_equal(st, DX_OK);
	assert_true(bm25 > 0);
	/* Every scheme finds the one document with "kerry" and weighs it
	 * its own way; PL2's c changes its weight. */
	const dx_weighting_t all[] = { DX_WEIGHT_BM25PLUS, DX_WEIGHT_DPH, DX_WEIGHT_DLH,
				       DX_WEIGHT_PL2, DX_WEIGHT_INL2, DX_WEIGHT_IFB2 };
	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
		double w = top_weight(f->db, "kerry", all[i], 1, &st);
		assert_int_equal(st, DX_OK);
		assert_true(w > 0);
		assert_true(w != bm25);
	}
	assert_true(top_weight(f->db, "kerry", DX_WEIGHT_PL2, 1, &st) !=
		    top_weight(f->db, "kerry", DX_WEIGHT_PL2, 7, &st));
	top_weight(f->db, "kerry", DX_WEIGHT_PL2, 0, &st);
	assert_int_equal(st, DX_ERR_INVALID);
}

static void test_replace_and_delete(void **state)
{
	fixture_t *f = *state;
	const char *t[] = { "new", "text" };
	dx_doc_t *doc = make_doc(t, 2, "a2");
	assert_int_equal(dx_doc_add_boolean_term(doc, "Qa"), DX_OK);
	assert_int_equal(dx_db_replace(f->db, "Qa", doc), DX_OK);
	dx_doc_destroy(doc);
	assert_int_equal(dx_db_commit(f->db), DX_OK);
	uint32_t n;
	assert_int_equal(dx_db_doc_count(f->db, &n), DX_OK);
	assert_int_equal(n, 3);
	char *data;
	size_t len;
	assert_int_equal(dx_db_get_data(f->db, "Qa", &data, &len), DX_OK);
	assert_string_equal(data, "a2");
	free(data);
	assert_int_equal(dx_db_delete(f->db, "Qa"), DX_OK);
	assert_int_equal(dx_db_get_data(f->db, "Qa", &data, &len), DX_ERR_NOT_FOUND);
	assert_null(data);
}

static void test_errors_become_statuses(void **state)
{
	fixture_t *f = *state;
	dx_db_t *db;
	char missing[128];
	snprintf(missing, sizeof(missing), "%s/nowhere", f->dir);
	assert_int_equal(dx_db_open_read(missing, &db), DX_ERR_DB_NOT_FOUND);
	assert_null(db);
	assert_true(strlen(dx_last_error()) > 0);
	/* A second writer is refused while the fixture holds the lock. */
	assert_int_equal(dx_db_open_write(f->path, &db), DX_ERR_DB_LOCKED);
	assert_null(db);
	/* A reader may open while the writer works. */
	assert_int_equal(dx_db_open_read(f->path, &db), DX_OK);
	dx_db_close(db);
	/* Terms over Xapian's limit are refused, not thrown. */
	char big[300];
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	dx_doc_t *doc;
	assert_int_equal(dx_doc_new(&doc), DX_OK);
	assert_int_equal(dx_doc_add_term(doc, big, strlen(big), 1), DX_ERR_INVALID);
	dx_doc_destroy(doc);
	dx_query_t *q;
	assert_int_equal(dx_query_term("", 1, &q), DX_ERR_INVALID);
	assert_string_equal(dx_status_to_string(DX_ERR_DB_LOCKED),
			    "index is locked by another writer");
	/* Every failure is negative, and has its own words. */
	for (int st = DX_ERR_UNKNOWN; st < DX_OK; st++)
		assert_string_not_equal(dx_status_to_string((dx_status_t)st), "unknown status");
	assert_true(DX_ERR_NOMEM < 0 && DX_ERR_UNKNOWN < 0);
}

/* A call that succeeds clears the message of an earlier failure; closing
 * keeps it (so that a caller may close before printing it). */
static void test_last_error_is_the_last_call(void **state)
{
	fixture_t *f = *state;
	dx_query_t *q = NULL;
	uint32_t n = 0;
	assert_int_equal(dx_query_term("", 1, &q), DX_ERR_INVALID);
	assert_string_equal(dx_last_error(), "empty term");
	assert_int_equal(dx_db_doc_count(f->db, &n), DX_OK);
	assert_string_equal(dx_last_error(), "");
	dx_db_t *db = NULL;
	assert_int_equal(dx_db_open_read(f->path, &db), DX_OK);
	assert_int_equal(dx_query_term("", 1, &q), DX_ERR_INVALID);
	dx_db_close(db);
	assert_string_equal(dx_last_error(), "empty term");
	dx_db_close(NULL);
	assert_string_equal(dx_last_error(), "empty term");
}

static void test_metadata(void **state)
{
	fixture_t *f = *state;
	char *v;
	assert_int_equal(dx_db_set_metadata(f->db, "k", "english"), DX_OK);
	assert_int_equal(dx_db_get_metadata(f->db, "k", &v), DX_OK);
	assert_string_equal(v, "english");
	free(v);
	assert_int_equal(dx_db_get_metadata(f->db, "absent", &v), DX_OK);
	assert_string_equal(v, "");
	free(v);
}

/* The current hit's value in slot, and its data, are these. */
static void hit_value_is(dx_hits_t *h, unsigned slot, const char *want)
{
	char *v = NULL;
	size_t len;
	assert_int_equal(dx_hits_value(h, slot, &v, &len), DX_OK);
	assert_string_equal(v, want);
	free(v);
}

static void hit_data_is(dx_hits_t *h, const char *want)
{
	char *v = NULL;
	size_t len;
	assert_int_equal(dx_hits_data(h, &v, &len), DX_OK);
	assert_string_equal(v, want);
	free(v);
}

/* Collapsing: the best hit of each key, decided after ranking; hits
 * without a key are never collapsed; copies may push the distinct hits
 * beyond the first fetch. */
static void test_collapse(void **state)
{
	fixture_t *f = *state;
	const char *ids[] = { "Qc1", "Qc2", "Qc3", "Qk2", "Qnone" };
	const char *keys[] = { "k1", "k1", "k1", "k2", "" };
	const unsigned wdf[] = { 3, 3, 3, 2, 1 };
	for (int i = 0; i < 5; i++) {
		dx_doc_t *doc;
		assert_int_equal(dx_doc_new(&doc), DX_OK);
		for (unsigned k = 0; k < wdf[i]; k++)
			assert_int_equal(dx_doc_add_posting(doc, "dup", 3, k + 1, 1), DX_OK);
		assert_int_equal(dx_doc_set_data(doc, ids[i] + 1, strlen(ids[i] + 1)), DX_OK);
		assert_int_equal(dx_doc_add_boolean_term(doc, ids[i]), DX_OK);
		if (keys[i][0])
			assert_int_equal(dx_doc_set_value(doc, 1, keys[i], 2), DX_OK);
		assert_int_equal(dx_db_replace(f->db, ids[i], doc), DX_OK);
		dx_doc_destroy(doc);
	}
	assert_int_equal(dx_db_commit(f->db), DX_OK);

	dx_search_opts_t o;
	dx_search_opts_init(&o);
	o.collapse = 1;
	o.collapse_slot = 1;
	o.count = 2;
	dx_query_t *q = term("dup");
	dx_hits_t *h;
	assert_int_equal(dx_db_search(f->db, q, &o, &h), DX_OK);
	assert_int_equal(dx_hits_size(h), 2);
	hit_value_is(h, 1, "k1");
	assert_int_equal(dx_hits_collapse_count(h), 2);
	assert_int_equal(dx_hits_rank(h), 0);
	dx_hits_move_to_next(h);
	hit_value_is(h, 1, "k2");
	assert_int_equal(dx_hits_rank(h), 1);
	dx_hits_destroy(h);

	/* An offset counts distinct hits. */
	o.offset = 2;
	o.count = 10;
	assert_int_equal(dx_db_search(f->db, q, &o, &h), DX_OK);
	assert_int_equal(dx_hits_size(h), 1);
	hit_data_is(h, "none");
	assert_int_equal(dx_hits_rank(h), 2);
	/* All matches were looked at: the count of distinct hits is exact. */
	assert_int_equal(dx_hits_estimated(h), 3);
	assert_true(dx_hits_estimate_exact(h));
	dx_hits_destroy(h);

	/* On the first byte only, "k1" and "k2" are one key: two distinct
	 * hits, and the value read while collapsing is the whole value. */
	o.offset = 0;
	o.collapse_key_len = 1;
	assert_int_equal(dx_db_search(f->db, q, &o, &h), DX_OK);
	assert_int_equal(dx_hits_size(h), 2);
	hit_value_is(h, 1, "k1");
	assert_int_equal(dx_hits_collapse_count(h), 3);
	dx_hits_destroy(h);
	o.collapse_key_len = 0;

	/* Without collapsing, all five. */
	o.collapse = 0;
	o.offset = 0;
	assert_int_equal(dx_db_search(f->db, q, &o, &h), DX_OK);
	assert_int_equal(dx_hits_size(h), 5);
	dx_hits_destroy(h);
	dx_query_destroy(q);
	for (int i = 0; i < 5; i++)
		assert_int_equal(dx_db_delete(f->db, ids[i]), DX_OK);
	assert_int_equal(dx_db_commit(f->db), DX_OK);
}

static void add_value(const char *value, size_t len, void *ctx)
{
	char *out = ctx;
	if (*out)
		strcat(out, ",");
	strncat(out, value, len);
}

/* The values slot 0 of the hits of t, joined by ",". */
static const char *hit_values(dx_db_t *db, const char *t)
{
	static char out[256];
	dx_search_opts_t o;
	dx_hits_t *h;
	dx_query_t *q = term(t);
	dx_search_opts_init(&o);
	o.collapse = 1;
	o.collapse_slot = 0;
	out[0] = '\0';
	assert_int_equal(dx_db_search(db, q, &o, &h), DX_OK);
	assert_int_equal(dx_hits_each_value(h, 0, add_value, out), DX_OK);
	dx_hits_destroy(h);
	dx_query_destroy(q);
	return out;
}

/* A reader keeping a slot in memory reads what the index holds, of the
 * revision it reads: a value changed by a later commit is seen after a
 * refresh, not before. */
static void test_keep_values(void **state)
{
	fixture_t *f = *state;
	dx_db_t *r, *plain;
	assert_int_equal(dx_db_open_read(f->path, &r), DX_OK);
	assert_int_equal(dx_db_open_read(f->path, &plain), DX_OK);
	dx_db_keep_values(r, 0);
	/* The two "paris" documents' values, in the order of the hits, as
	 * a reader that reads them from the index sees them. */
	char want[256];
	strcpy(want, hit_values(plain, "paris"));
	assert_string_equal(hit_values(r, "paris"), want);
	assert_non_null(strstr(want, "20140301"));
	assert_string_equal(hit_values(r, "moscow"), "20140302");

	dx_doc_t *doc = make_doc((const char *[]){ "lavrov", "moscow" }, 2, "b");
	assert_int_equal(dx_doc_add_boolean_term(doc, "Qb"), DX_OK);
	assert_int_equal(dx_doc_set_value(doc, 0, "20991231", 8), DX_OK);
	assert_int_equal(dx_db_replace(f->db, "Qb", doc), DX_OK);
	dx_doc_destroy(doc);
	assert_int_equal(dx_db_commit(f->db), DX_OK);
	/* The reader's own revision until it refreshes. */
	assert_string_equal(hit_values(r, "moscow"), "20140302");
	int changed = 0;
	assert_int_equal(dx_db_refresh(r, &changed), DX_OK);
	assert_true(changed);
	assert_string_equal(hit_values(r, "moscow"), "20991231");
	assert_int_equal(dx_db_refresh(plain, &changed), DX_OK);
	strcpy(want, hit_values(plain, "paris"));
	assert_string_equal(hit_values(r, "paris"), want);
	dx_db_close(r);
	dx_db_close(plain);
}

static int count_word(const char *word, size_t len, uint32_t freq, void *ctx)
{
	char *out = ctx;
	size_t n = strlen(out);
	snprintf(out + n, 128 - n, "%s%.*s=%u", n ? "," : "", (int)len, word, freq);
	return 0;
}

/* Store a document under idterm whose words for the spelling table are
 * words (no terms). */
static void store_spellings(dx_db_t *db, const char *idterm, const char *words[], size_t n)
{
	dx_doc_t *doc;
	assert_int_equal(dx_doc_new(&doc), DX_OK);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(dx_doc_add_spelling(doc, words[i], strlen(words[i])), DX_OK);
	assert_int_equal(dx_db_replace(db, idterm, doc), DX_OK);
	dx_doc_destroy(doc);
}

/* The values of the hits counted, by the distinct value: two of
 * "20140301", a hit without a value counted among the hits only; a
 * document that is not a hit is not counted. */
static void test_hits_count_values(void **state)
{
	fixture_t *f = *state;
	const char *ids[] = { "Qd", "Qe" };
	for (int i = 0; i < 2; i++) {
		dx_doc_t *doc = make_doc((const char *[]){ "paris" }, 1, ids[i] + 1);
		assert_int_equal(dx_doc_add_boolean_term(doc, ids[i]), DX_OK);
		if (i == 0)
			assert_int_equal(dx_doc_set_value(doc, 0, "20140301", 8), DX_OK);
		assert_int_equal(dx_db_replace(f->db, ids[i], doc), DX_OK);
		dx_doc_destroy(doc);
	}
	assert_int_equal(dx_db_commit(f->db), DX_OK);
	/* "paris": a, c, d and e; b ("moscow") is left out. */
	dx_query_t *q = term("paris");
	dx_search_opts_t o;
	dx_hits_t *h;
	dx_search_opts_init(&o);
	assert_int_equal(dx_db_search(f->db, q, &o, &h), DX_OK);
	assert_int_equal(dx_hits_size(h), 4);
	char terms[4][8];
	const char *tv[4];
	for (int i = 0; dx_hits_valid(h); dx_hits_move_to_next(h), i++) {
		char *data;
		size_t len;
		assert_int_equal(dx_hits_data(h, &data, &len), DX_OK);
		snprintf(terms[i], sizeof(terms[i]), "Q%s", data);
		tv[i] = terms[i];
		free(data);
	}
	char out[128] = "";
	uint32_t matched = 0;
	assert_int_equal(dx_hits_count_values(h, tv, 0, count_word, out, &matched), DX_OK);
	assert_string_equal(out, "20140301=2,20140303=1");
	assert_int_equal(matched, 4);
	dx_hits_destroy(h);
	dx_query_destroy(q);
}

static void test_spelling(void **state)
{
	fixture_t *f = *state;
	const char *words[] = { "negotiations", "negotiators", "negotiations", "lavrov" };
	uint32_t n = 9;
	store_spellings(f->db, "Qspell", words, 4);
	/* Counted at the commit, each occurrence once. */
	assert_int_equal(dx_db_spelling_freq(f->db, "negotiations", &n), DX_OK);
	assert_int_equal(n, 0);
	assert_int_equal(dx_db_commit(f->db), DX_OK);
	assert_int_equal(dx_db_spelling_freq(f->db, "negotiations", &n), DX_OK);
	assert_int_equal(n, 2);
	assert_int_equal(dx_db_spelling_freq(f->db, "negotiation", &n), DX_OK);
	assert_int_equal(n, 0);
	char seen[128] = "";
	assert_int_equal(dx_db_each_spelling(f->db, "negot", count_word, seen), DX_OK);
	assert_string_equal(seen, "negotiations=2,negotiators=1");
	char *c = NULL;
	assert_int_equal(dx_db_spelling_suggestion(f->db, "lavorv", 2, &c), DX_OK);
	assert_string_equal(c, "lavrov");
	free(c);
	assert_int_equal(dx_db_spelling_suggestion(f->db, "zzzzzz", 2, &c), DX_OK);
	assert_string_equal(c, "");
	free(c);
	assert_int_equal(dx_db_delete(f->db, "Qspell"), DX_OK);
	assert_int_equal(dx_db_commit(f->db), DX_OK);
}

/* The spelling counts of replaced or deleted articles are taken back. */
static void test_unspell(void **state)
{
	fixture_t *f = *state;
	const char *words[] = { "haggling", "hagglers", "haggling" };
	dx_doc_t *doc;
	uint32_t n = 9;
	store_spellings(f->db, "Qunspell", words, 3);
	assert_int_equal(dx_db_commit(f->db), DX_OK);
	assert_int_equal(dx_db_unspell(f->db, "haggling", 8), DX_OK);
	assert_int_equal(dx_db_unspell(f->db, "hagglers", 8), DX_OK);
	/* Taken back at the commit, with the additions. */
	assert_int_equal(dx_db_spelling_freq(f->db, "hagglers", &n), DX_OK);
	assert_int_equal(n, 1);
	assert_int_equal(dx_db_commit(f->db), DX_OK);
	char seen[128] = "";
	assert_int_equal(dx_db_each_spelling(f->db, "haggl", count_word, seen), DX_OK);
	assert_string_equal(seen, "haggling=1");
	assert_int_equal(dx_db_unspell(f->db, "haggling", 8), DX_OK);
	assert_int_equal(dx_db_delete(f->db, "Qunspell"), DX_OK);
	assert_int_equal(dx_db_commit(f->db), DX_OK);

	/* An article as the indexer stores it: what document_unspell() reads
	 * back from its data is what document_build() counted. */
	an_stemmer_t *st = an_stemmer_new("english");
	assert_non_null(st);
	article_t a = { 0 };
	a.title = "Talks in Paris";
	a.author = "Jo Reporter";
	a.place = "Geneva";
	a.body = "Mediators met; the mediators' talks resumed.";
	a.format = "plain";
	assert_int_equal(document_build(&a, "round.txt", "round.txt", NULL, NULL, st, &doc), DX_OK);
	assert_int_equal(dx_db_replace(f->db, "Qround.txt", doc), DX_OK);
	dx_doc_destroy(doc);
	assert_int_equal(dx_db_commit(f->db), DX_OK);
	seen[0] = '\0';
	assert_int_equal(dx_db_each_spelling(f->db, "talks", count_word, seen), DX_OK);
	assert_string_equal(seen, "talks=2");
	char *data = NULL;
	size_t len = 0;
	assert_int_equal(dx_db_get_data(f->db, "Qround.txt", &data, &len), DX_OK);
	assert_int_equal(document_unspell(f->db, data, len), DX_OK);
	free(data);
	assert_int_equal(dx_db_delete(f->db, "Qround.txt"), DX_OK);
	assert_int_equal(dx_db_commit(f->db), DX_OK);
	const char *gone[] = { "talks", "paris", "jo", "reporter", "mediators", "met", "resumed" };
	for (size_t i = 0; i < 7; i++) {
		n = 9;
		assert_int_equal(dx_db_spelling_freq(f->db, gone[i], &n), DX_OK);
		assert_int_equal(n, 0);
	}
	an_stemmer_destroy(st);
}

int main(void)
{
	/* Each test has a fresh index of its own (setup, teardown). */
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_db_counts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_query_operators, setup, teardown),
		cmocka_unit_test_setup_teardown(test_query_scale_changes_ranking, setup, teardown),
		cmocka_unit_test_setup_teardown(test_weighting_schemes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_errors_become_statuses, setup, teardown),
		cmocka_unit_test_setup_teardown(test_last_error_is_the_last_call, setup, teardown),
		cmocka_unit_test_setup_teardown(test_metadata, setup, teardown),
		cmocka_unit_test_setup_teardown(test_replace_and_delete, setup, teardown),
		cmocka_unit_test_setup_teardown(test_collapse, setup, teardown),
		cmocka_unit_test_setup_teardown(test_keep_values, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hits_count_values, setup, teardown),
		cmocka_unit_test_setup_teardown(test_spelling, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unspell, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
