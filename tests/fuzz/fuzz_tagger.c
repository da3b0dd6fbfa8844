/* fuzz_tagger.c - the named-entity tagger (analysis/tagger.h) and the
 * entities the indexer reads from its labels (indexer/entities.h), over
 * text as a reader hands it on: the input made UTF-8 (Windows-1252 when it
 * is not), its first line the title, the rest the body, made clean as the
 * indexer makes every article before it is tagged (article_clean()).
 *
 * Properties: the tagger labels every token with a label it has and the
 * sequence is valid BIO (an I- follows a B- or I- of its own type); every
 * person, organisation and place has a key and a name that are non-empty,
 * valid UTF-8 without control characters, and at least one mention. */
#include "../../analysis/tagger.h"
#include "../../analysis/tokenize.h"
#include "../../indexer/encoding.h"
#include "../../indexer/entities.h"
#include "fuzz.h"

typedef struct {
	const char *text;
	an_ner_token_t *t;
	char **terms;
	size_t n, cap;
	int oom;
} toks_t;

static int add_token(const an_token_t *tok, void *ctx)
{
	toks_t *k = ctx;
	if (k->n == k->cap) {
		size_t ncap = k->cap ? 2 * k->cap : 64;
		an_ner_token_t *nt = realloc(k->t, ncap * sizeof(*nt));
		if (nt)
			k->t = nt;
		char **nterms = nt ? realloc(k->terms, ncap * sizeof(*nterms)) : NULL;
		if (!nt || !nterms) {
			k->oom = 1;
			return -1;
		}
		k->terms = nterms;
		k->cap = ncap;
	}
	char *term = fuzz_strndup((const uint8_t *)tok->term, tok->len);
	if (!term) {
		k->oom = 1;
		return -1;
	}
	k->terms[k->n] = term;
	k->t[k->n++] = (an_ner_token_t){ k->text, tok->start, tok->end, term };
	return 0;
}

static void check_bio(const unsigned char *lab, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (lab[i] >= AN_NER_NLABELS)
			FUZZ_FAIL("token %zu has label %u, past the last", i, lab[i]);
		if (lab[i] != AN_NER_O && !AN_NER_IS_B(lab[i]) &&
		    (i == 0 || lab[i - 1] == AN_NER_O ||
		     AN_NER_TYPE(lab[i - 1]) != AN_NER_TYPE(lab[i])))
			FUZZ_FAIL("token %zu: I-%s not after a B- or I- of its type", i,
				  an_ner_type_name(AN_NER_TYPE(lab[i])));
	}
}

static void check_entities(const entity_t *e, size_t n, const char *what)
{
	for (size_t i = 0; i < n; i++) {
		size_t bad = 0;
		if (!e[i].key || !*e[i].key || !e[i].name || !*e[i].name)
			FUZZ_FAIL("%s %zu without a key or a name", what, i);
		if (!utf8_valid(e[i].key, strlen(e[i].key), &bad))
			FUZZ_FAIL("%s %zu: key not UTF-8 at byte %zu", what, i, bad);
		if (!utf8_valid(e[i].name, strlen(e[i].name), &bad))
			FUZZ_FAIL("%s %zu: name not UTF-8 at byte %zu", what, i, bad);
		for (const unsigned char *c = (const unsigned char *)e[i].name; *c; c++)
			if (*c < 0x20 || *c == 0x7f)
				FUZZ_FAIL("%s %zu: name holds control character 0x%02x", what, i, *c);
		if (e[i].count == 0)
			FUZZ_FAIL("%s %zu ('%s') with no mention", what, i, e[i].name);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const an_tagger_t *m = an_tagger_shared();
	if (!m)
		FUZZ_FAIL("the tagger's model does not load: %s", an_tagger_shared_error());
	char *text = fuzz_strndup(data, size);
	if (!text)
		return 0;
	size_t len = size;
	if (memchr(text, '\0', size))
		len = strlen(text);
	if (!enc_valid_utf8(text, len, NULL)) {
		size_t clen = 0;
		char *conv = enc_cp1252_to_utf8(text, len, &clen);
		free(text);
		if (!conv)
			return 0;
		text = conv;
		len = strlen(text);
	}

	/* The article as the indexer builds it: read, then made clean at the
	 * boundary (ingest.c: article_clean()) before the tagger sees it. */
	article_t a = { 0 };
	char *nl = strchr(text, '\n');
	if (nl) {
		a.title = fuzz_strndup((const uint8_t *)text, (size_t)(nl - text));
		a.body = strdup(nl + 1);
	} else {
		a.body = strdup(text);
	}
	utf8_fixes_t fixes = { 0, 0 };
	if (!a.body || article_clean(&a, &fixes) < 0) {
		article_clear(&a);
		free(text);
		return 0;
	}

	/* The tagger alone, over every token of the body. */
	toks_t k = { a.body, NULL, NULL, 0, 0, 0 };
	an_tokenize(a.body, strlen(a.body), add_token, &k);
	if (!k.oom) {
		unsigned char *lab = malloc(k.n ? k.n : 1);
		if (lab && an_tagger_tag(m, k.t, k.n, lab) == 0)
			check_bio(lab, k.n);
		free(lab);
	}
	for (size_t i = 0; i < k.n; i++)
		free(k.terms[i]);
	free(k.terms);
	free(k.t);

	/* The entities, as the indexer reads them from the article. */
	entities_t e;
	if (entities_extract(&a, &e) == 0) {
		check_entities(e.persons, e.npersons, "person");
		check_entities(e.orgs, e.norgs, "organisation");
		check_entities(e.places, e.nplaces, "place");
		entities_free(&e);
	}
	article_clear(&a);
	free(text);
	return 0;
}
