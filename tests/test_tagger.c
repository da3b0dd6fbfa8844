/* Unit tests for analysis/tagger.c: the shipped model on sentences written
 * for them, and the model file's checks. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../analysis/tagger.h"
#include "../analysis/tokenize.h"

typedef struct {
	an_ner_token_t t[512];
	char terms[512][AN_MAX_TOKEN_BYTES + 1];
	size_t n;
} toks_t;

static int add(const an_token_t *tok, void *ctx)
{
	toks_t *ts = ctx;
	if (ts->n == 512)
		return 1;
	memcpy(ts->terms[ts->n], tok->term, tok->len + 1);
	ts->t[ts->n] = (an_ner_token_t){ NULL, tok->start, tok->end, ts->terms[ts->n] };
	ts->n++;
	return 0;
}

/* "TYPE:words|TYPE:words" of the entities the shipped model finds in a
 * title (may be NULL) and a body. */
static const char *tagged(const char *title, const char *body)
{
	static char out[4096];
	static toks_t ts;
	const an_tagger_t *m = an_tagger_shared();
	if (!m)
		fail_msg("%s", an_tagger_shared_error());
	ts.n = 0;
	if (title) {
		an_tokenize(title, strlen(title), add, &ts);
		for (size_t i = 0; i < ts.n; i++)
			ts.t[i].text = title;
	}
	size_t nt = ts.n;
	an_tokenize(body, strlen(body), add, &ts);
	for (size_t i = nt; i < ts.n; i++)
		ts.t[i].text = body;
	unsigned char lab[512];
	assert_int_equal(an_tagger_tag(m, ts.t, ts.n, lab), 0);
	out[0] = '\0';
	for (size_t i = 0; i < ts.n; i++) {
		if (lab[i] == AN_NER_O)
			continue;
		size_t e = i;
		while (e + 1 < ts.n && lab[e + 1] != AN_NER_O && !AN_NER_IS_B(lab[e + 1]))
			e++;
		char one[512];
		snprintf(one, sizeof(one), "%s%s:%.*s", out[0] ? "|" : "",
			 an_ner_type_name(AN_NER_TYPE(lab[i])),
			 (int)(ts.t[e].end - ts.t[i].start), ts.t[i].text + ts.t[i].start);
		strcat(out, one);
		i = e;
	}
	return out;
}

static void test_tag_title_before_name(void **state)
{
	(void)state;
	assert_string_equal(tagged(NULL, "The government of Prime Minister Luis Montenegro "
				   "said on Tuesday it would cut taxes."),
			    "PER:Luis Montenegro");
	/* A title before a name is not part of it. */
	const char *t = tagged(NULL, "Talks with Foreign Minister Sergei Lavrov ended "
			       "without a deal, Mr Kerry told reporters.");
	assert_string_equal(t, "PER:Sergei Lavrov|PER:Kerry");
}

static void test_tag_name_at_sentence_start(void **state)
{
	(void)state;
	assert_string_equal(tagged(NULL, "Nelson Mandela arrived in Johannesburg on Monday. "
				   "Mandela said he was tired."),
			    "PER:Nelson Mandela|LOC:Johannesburg|PER:Mandela");
}

static void test_tag_headline_in_capitals(void **state)
{
	(void)state;
	/* In a headline every word has a capital: the words, not their case,
	 * tell the names. */
	assert_string_equal(tagged("RUSSIA AND UKRAINE AGREE GAS DEAL IN BRUSSELS",
				   "Russia and Ukraine agreed on Friday."),
			    "LOC:RUSSIA|LOC:UKRAINE|LOC:BRUSSELS|LOC:Russia|LOC:Ukraine");
}

static void test_tag_organisation_like_a_name(void **state)
{
	(void)state;
	assert_string_equal(tagged(NULL, "Shares of Morgan Stanley rose 3 percent after "
				   "Goldman Sachs Group Inc reported higher profits."),
			    "ORG:Morgan Stanley|ORG:Goldman Sachs Group Inc");
}

static void test_tag_place_unknown_to_gazetteers(void **state)
{
	(void)state;
	/* A made-up town: no gazetteer has it; its context makes it a place. */
	/* "Floods", first in its sentence, is not a name: the article writes
	 * it in lower case too. */
	const char *t = tagged(NULL, "Floods cut off the town of Vrelinsko, 40 km north of "
			       "the capital, police said. The floods followed a week of rain.");
	assert_string_equal(t, "LOC:Vrelinsko");
}

/* --- the model file ----------------------------------------------------- */

static char *read_all(const char *path, long *n)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	*n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *b = malloc((size_t)*n);
	assert_int_equal(fread(b, 1, (size_t)*n, f), (size_t)*n);
	fclose(f);
	return b;
}

static void write_all(const char *path, const char *b, long n)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(b, 1, (size_t)n, f), (size_t)n);
	fclose(f);
}

/* Load a copy of the shipped model changed by fn; the error message. */
static const char *load_changed(void (*fn)(char *b, long *n))
{
	static char err[512];
	char path[4096], tmp[] = "/tmp/dateline-model-XXXXXX";
	long n;
	an_tagger_default_path(path, sizeof(path));
	char *b = read_all(path, &n);
	int fd = mkstemp(tmp);
	assert_true(fd >= 0);
	close(fd);
	fn(b, &n);
	write_all(tmp, b, n);
	an_tagger_t *m = (an_tagger_t *)1;
	int rc = an_tagger_load(tmp, &m, err, sizeof(err));
	unlink(tmp);
	free(b);
	assert_int_equal(rc, -1);
	assert_null(m);
	/* The message names the file. */
	assert_non_null(strstr(err, tmp));
	return err;
}

static void truncate_half(char *b, long *n)
{
	(void)b;
	*n /= 2;
}

static void truncate_header(char *b, long *n)
{
	(void)b;
	*n = 20;
}

static void other_version(char *b, long *n)
{
	(void)n;
	b[8] = 9; /* the format version */
}

static void flip_weight(char *b, long *n)
{
	b[*n - 100] ^= 0x40;
}

static void test_model_load(void **state)
{
	(void)state;
	char path[4096], err[512];
	an_tagger_t *m = NULL;
	an_tagger_default_path(path, sizeof(path));
	assert_int_equal(an_tagger_load(path, &m, err, sizeof(err)), 0);
	assert_non_null(m);
	/* format.features-checksum */
	char want[16];
	snprintf(want, sizeof(want), "%d.%d-", AN_NER_FORMAT_VERSION, AN_NER_FEATURES_VERSION);
	assert_memory_equal(an_tagger_version(m), want, strlen(want));
	assert_int_equal(strlen(an_tagger_version(m)), strlen(want) + 8);
	an_tagger_free(m);
}

static void test_model_load_missing(void **state)
{
	(void)state;
	char err[512];
	an_tagger_t *m = (an_tagger_t *)1;
	assert_int_equal(an_tagger_load("/nonexistent/ner.model", &m, err, sizeof(err)), -1);
	assert_null(m);
	assert_non_null(strstr(err, "/nonexistent/ner.model"));
	assert_non_null(strstr(err, "No such file"));
}

static void test_model_load_truncated(void **state)
{
	(void)state;
	assert_non_null(strstr(load_changed(truncate_half), "truncated"));
	assert_non_null(strstr(load_changed(truncate_header), "truncated"));
	assert_non_null(strstr(load_changed(flip_weight), "corrupt"));
}

static void test_model_load_other_version(void **state)
{
	(void)state;
	char want[32];
	snprintf(want, sizeof(want), "version 9.%d", AN_NER_FEATURES_VERSION);
	assert_non_null(strstr(load_changed(other_version), want));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tag_title_before_name),
		cmocka_unit_test(test_tag_name_at_sentence_start),
		cmocka_unit_test(test_tag_headline_in_capitals),
		cmocka_unit_test(test_tag_organisation_like_a_name),
		cmocka_unit_test(test_tag_place_unknown_to_gazetteers),
		cmocka_unit_test(test_model_load),
		cmocka_unit_test(test_model_load_missing),
		cmocka_unit_test(test_model_load_truncated),
		cmocka_unit_test(test_model_load_other_version),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
