/* Unit tests for indexer/document.c: the terms, positions, wdf, values and
 * record of an article's document, checked against the schema table
 * (analysis/schema.h). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../analysis/record.h"
#include "../analysis/schema.h"
#include "../analysis/stem.h"
#include "../indexer/document.h"
#include "../shim/dx.h"

/* One term of a document, as dx_doc_each_term() gave it. */
typedef struct {
	char term[DX_MAX_TERM_BYTES + 1];
	uint32_t wdf;
	uint32_t pos[16];
	size_t npos;
} term_t;

typedef struct {
	term_t v[256];
	size_t n;
} terms_t;

static int collect(const char *term, size_t len, uint32_t wdf, const uint32_t *pos,
		   size_t npos, void *ctx)
{
	terms_t *t = ctx;
	assert_true(t->n < 256);
	term_t *e = &t->v[t->n++];
	memcpy(e->term, term, len);
	e->term[len] = '\0';
	e->wdf = wdf;
	e->npos = npos < 16 ? npos : 16;
	if (e->npos)  /* a term without positions may come with pos NULL */
		memcpy(e->pos, pos, e->npos * sizeof(*pos));
	return 0;
}

static const term_t *find(const terms_t *t, const char *term)
{
	for (size_t i = 0; i < t->n; i++)
		if (strcmp(t->v[i].term, term) == 0)
			return &t->v[i];
	return NULL;
}

/* The article every test builds (with its own options). */
static article_t sample(void)
{
	article_t a = { 0 };
	a.title = "Talks in Paris";
	a.author = "Jo Reporter";
	a.date = "2014-03-30";
	a.place = "Geneva";
	a.source = "Reuters News";
	a.url = "https://example.org/talks";
	a.body = "Negotiators met. Talks resumed after 3.3 hours.";
	a.format = DL_FORMAT_HEADER;
	return a;
}

static dx_doc_t *build(const article_t *a, const file_facts_t *facts,
		       const field_weights_t *w, terms_t *t)
{
	an_stemmer_t *st = an_stemmer_new("english");
	dx_doc_t *doc = NULL;
	assert_non_null(st);
	assert_int_equal(document_build(a, "world/talks.txt#2", "world/talks.txt", facts, w, st,
					&doc), DX_OK);
	assert_non_null(doc);
	an_stemmer_destroy(st);
	t->n = 0;
	assert_int_equal(dx_doc_each_term(doc, collect, t), DX_OK);
	return doc;
}

static const field_weights_t no_entities = { { 0 }, 1 };

/* A text field's words are stems under Z + its prefix, with positions
 * counted from 1 and DL_FIELD_GAP between two fields; the free-text fields
 * add Z + stem with their table weight as wdf per occurrence. */
static void test_document_build_text_fields(void **state)
{
	(void)state;
	article_t a = sample();
	terms_t t;
	dx_doc_t *doc = build(&a, NULL, &no_entities, &t);
	char term[64];

	snprintf(term, sizeof(term), "%s%stalk", DL_PREFIX_STEM, DL_PREFIX_TITLE);
	const term_t *e = find(&t, term);
	assert_non_null(e);
	assert_int_equal(e->wdf, 1);
	assert_int_equal(e->npos, 1);
	assert_int_equal(e->pos[0], 1);
	/* The author begins after the title's three words and the gap. */
	snprintf(term, sizeof(term), "%s%sjo", DL_PREFIX_STEM, DL_PREFIX_AUTHOR);
	assert_non_null(e = find(&t, term));
	assert_int_equal(e->pos[0], 3 + DL_FIELD_GAP + 1);
	/* "talks" in the title (weight) and once in the body. */
	assert_non_null(e = find(&t, DL_PREFIX_STEM "talk"));
	assert_int_equal(e->wdf, dl_fields[DL_F_TITLE].weight + dl_fields[DL_F_BODY].weight);
	assert_int_equal(e->npos, 2);
	assert_int_equal(e->pos[0], 1);
	assert_true(e->pos[1] > 3 + DL_FIELD_GAP + 2 + DL_FIELD_GAP);
	/* The body's words are free text only: no prefixed term. */
	assert_non_null(find(&t, DL_PREFIX_STEM "negoti"));
	/* The place is a text field, not free text. */
	snprintf(term, sizeof(term), "%s%sgeneva", DL_PREFIX_STEM, DL_PREFIX_PLACE);
	assert_non_null(find(&t, term));
	assert_null(find(&t, DL_PREFIX_STEM "geneva"));
	/* A number is not stemmed. */
	assert_non_null(find(&t, "3.3"));
	/* No word as written: every term starts with a capital prefix but
	 * the numbers. */
	for (size_t i = 0; i < t.n; i++)
		assert_true((t.v[i].term[0] >= 'A' && t.v[i].term[0] <= 'Z') ||
			    (t.v[i].term[0] >= '0' && t.v[i].term[0] <= '9'));
	assert_null(find(&t, "talks"));
	dx_doc_destroy(doc);
}

/* --field-weight's counts replace the table's. */
static void test_document_build_field_weights(void **state)
{
	(void)state;
	article_t a = sample();
	field_weights_t w = no_entities;
	w.free_wdf[DL_F_TITLE] = 5;
	terms_t t;
	dx_doc_t *doc = build(&a, NULL, &w, &t);
	const term_t *e = find(&t, DL_PREFIX_STEM "talk");
	assert_non_null(e);
	assert_int_equal(e->wdf, 5 + dl_fields[DL_F_BODY].weight);
	dx_doc_destroy(doc);
}

/* The boolean terms: id, file, digest, date, source, format. */
static void test_document_build_boolean_terms(void **state)
{
	(void)state;
	article_t a = sample();
	terms_t t;
	dx_doc_t *doc = build(&a, NULL, &no_entities, &t);
	char term[DX_MAX_TERM_BYTES + 1];
	dl_id_term(DL_PREFIX_ID, "world/talks.txt#2", term);
	assert_non_null(find(&t, term));
	dl_id_term(DL_PREFIX_FILE, "world/talks.txt", term);
	assert_non_null(find(&t, term));
	assert_non_null(find(&t, DL_PREFIX_DAY "20140330"));
	assert_non_null(find(&t, DL_PREFIX_MONTH "201403"));
	assert_non_null(find(&t, DL_PREFIX_YEAR "2014"));
	assert_non_null(find(&t, DL_PREFIX_SOURCE "reuters news"));
	snprintf(term, sizeof(term), "%s%s", DL_PREFIX_FORMAT, DL_FORMAT_HEADER);
	assert_non_null(find(&t, term));
	char hex[17];
	document_digest(&a, hex);
	snprintf(term, sizeof(term), "%s%s", DL_PREFIX_DIGEST, hex);
	const term_t *e = find(&t, term);
	assert_non_null(e);
	assert_int_equal(e->npos, 0);
	/* --no-entities: no people, organisations or places mentioned. */
	for (size_t i = 0; i < t.n; i++) {
		assert_false(strncmp(t.v[i].term, DL_PREFIX_PERSON, strlen(DL_PREFIX_PERSON)) == 0);
		assert_false(strncmp(t.v[i].term, DL_PREFIX_ORG, strlen(DL_PREFIX_ORG)) == 0);
		assert_false(strncmp(t.v[i].term, DL_PREFIX_LOCATION,
				     strlen(DL_PREFIX_LOCATION)) == 0);
	}
	dx_doc_destroy(doc);
}

/* The values: date, digest + id, and the file's facts. */
static void test_document_build_values(void **state)
{
	(void)state;
	article_t a = sample();
	file_facts_t facts = { 1234, 1396137600.5, "/data/news" };
	terms_t t;
	dx_doc_t *doc = build(&a, &facts, &no_entities, &t);
	char *v = NULL, hex[17], size[18], mtime[18];
	size_t len, sl, ml;
	assert_int_equal(dx_doc_value(doc, DL_VALUE_DATE, &v, &len), DX_OK);
	assert_string_equal(v, "20140330");
	free(v);
	document_digest(&a, hex);
	assert_int_equal(dx_doc_value(doc, DL_VALUE_DIGEST_ID, &v, &len), DX_OK);
	assert_int_equal(len, DL_DIGEST_HEX + strlen("world/talks.txt#2"));
	assert_memory_equal(v, hex, DL_DIGEST_HEX);
	assert_string_equal(v + DL_DIGEST_HEX, "world/talks.txt#2");
	free(v);
	document_facts_values(&facts, size, &sl, mtime, &ml);
	assert_int_equal(dx_doc_value(doc, DL_VALUE_SIZE, &v, &len), DX_OK);
	assert_int_equal(len, sl);
	assert_memory_equal(v, size, sl);
	free(v);
	assert_int_equal(dx_doc_value(doc, DL_VALUE_MTIME, &v, &len), DX_OK);
	assert_memory_equal(v, mtime, ml);
	free(v);
	assert_int_equal(dx_doc_value(doc, DL_VALUE_ROOT, &v, &len), DX_OK);
	assert_string_equal(v, "/data/news");
	free(v);
	dx_doc_destroy(doc);
	/* Without facts or a date, no such values. */
	a.date = NULL;
	doc = build(&a, NULL, &no_entities, &t);
	assert_int_equal(dx_doc_value(doc, DL_VALUE_DATE, &v, &len), DX_OK);
	assert_int_equal(len, 0);
	free(v);
	assert_int_equal(dx_doc_value(doc, DL_VALUE_SIZE, &v, &len), DX_OK);
	assert_int_equal(len, 0);
	free(v);
	assert_null(find(&t, DL_PREFIX_YEAR "2014"));
	dx_doc_destroy(doc);
}

/* The stored record holds every field with a key, as the article had it. */
static void test_document_build_record(void **state)
{
	(void)state;
	article_t a = sample();
	terms_t t;
	dx_doc_t *doc = build(&a, NULL, &no_entities, &t);
	char *data = NULL;
	size_t len;
	dl_record_t *r = NULL;
	assert_int_equal(dx_doc_data(doc, &data, &len), DX_OK);
	assert_int_equal(dl_record_decode(data, len, &r, NULL, 0), 0);
	assert_string_equal(dl_record_get(r, DL_F_ID), "world/talks.txt#2");
	assert_string_equal(dl_record_get(r, DL_F_TITLE), a.title);
	assert_string_equal(dl_record_get(r, DL_F_AUTHOR), a.author);
	assert_string_equal(dl_record_get(r, DL_F_DATE), a.date);
	assert_string_equal(dl_record_get(r, DL_F_PLACE), a.place);
	assert_string_equal(dl_record_get(r, DL_F_URL), a.url);
	assert_string_equal(dl_record_get(r, DL_F_BODY), a.body);
	assert_int_equal(dl_record_count(r, DL_F_PERSONS), 0);
	dl_record_free(r);
	free(data);
	dx_doc_destroy(doc);
}

/* With the tagger, the people found are XPER terms (wdf = mentions), with
 * their surname under XSUR, and in the record. */
static void test_document_build_entities(void **state)
{
	(void)state;
	article_t a = sample();
	a.body = "John Kerry met Sergei Lavrov in Geneva. Kerry said the talks would go on.";
	terms_t t;
	dx_doc_t *doc = build(&a, NULL, NULL, &t);
	const term_t *e = find(&t, DL_PREFIX_PERSON "john kerry");
	assert_non_null(e);
	assert_int_equal(e->npos, 0);
	assert_true(e->wdf >= 1);
	assert_non_null(find(&t, DL_PREFIX_SURNAME "kerry"));
	char *data = NULL;
	size_t len;
	dl_record_t *r = NULL;
	assert_int_equal(dx_doc_data(doc, &data, &len), DX_OK);
	assert_int_equal(dl_record_decode(data, len, &r, NULL, 0), 0);
	int found = 0;
	for (size_t i = 0; i < dl_record_count(r, DL_F_PERSONS); i++)
		found |= strcmp(dl_record_item(r, DL_F_PERSONS, i), "John Kerry") == 0;
	assert_true(found);
	dl_record_free(r);
	free(data);
	dx_doc_destroy(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_document_build_text_fields),
		cmocka_unit_test(test_document_build_field_weights),
		cmocka_unit_test(test_document_build_boolean_terms),
		cmocka_unit_test(test_document_build_values),
		cmocka_unit_test(test_document_build_record),
		cmocka_unit_test(test_document_build_entities),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
