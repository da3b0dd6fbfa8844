/* fuzz_snippet.c - snippets (searcher/snippet.c): the input's first line
 * is a query, the rest a document text (valid UTF-8, as every stored text
 * is). A snippet is valid UTF-8 no longer than the text and its ellipses,
 * and its highlights are in order, inside it, at character boundaries; the
 * same for a title highlighted whole. */
#include "../../searcher/snippet.h"
#include "fuzz.h"

static const query_boosts_t boosts = { .title = 2.0, .author = 2.0, .place = 1.0 };

static void check_snippet(const snippet_t *s, size_t limit)
{
	size_t n = strlen(s->text);
	if (!utf8_valid(s->text, n, NULL))
		FUZZ_FAIL("a snippet that is not UTF-8");
	if (n > limit)
		FUZZ_FAIL("a snippet of %zu bytes, over %zu", n, limit);
	size_t last = 0;
	for (size_t i = 0; i < s->nranges; i++) {
		const snippet_range_t *r = &s->ranges[i];
		if (r->start < last || r->end <= r->start || r->end > n)
			FUZZ_FAIL("highlight %zu [%zu, %zu) out of order or outside the snippet (%zu)",
				  i, r->start, r->end, n);
		if ((s->text[r->start] & 0xC0) == 0x80 ||
		    (r->end < n && (s->text[r->end] & 0xC0) == 0x80))
			FUZZ_FAIL("highlight %zu is not at character boundaries", i);
		last = r->end;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static an_stemmer_t *st;
	if (!st && !(st = an_stemmer_new("english")))
		return 0;
	const char *nl = memchr(data, '\n', size);
	if (!nl)
		return 0;
	char *qtext = fuzz_strndup(data, (size_t)((const uint8_t *)nl - data));
	if (!qtext)
		return 0;
	const char *text = nl + 1;
	size_t len = size - (size_t)((const uint8_t *)text - data);
	if (!utf8_valid(text, len, NULL)) {
		free(qtext);
		return 0;
	}
	query_t q;
	char err[160];
	if (query_parse(qtext, st, NULL, &boosts, &q, err, sizeof(err)) == 0) {
		snippet_t s = { 0 };
		/* Two fragments of the text, the ellipses between and around them. */
		if (snippet_make(text, len, &q, st, 2, 110, &s) == 0)
			check_snippet(&s, len + 3 * (sizeof(SNIPPET_ELLIPSIS) + 1));
		snippet_free(&s);
		snippet_t t = { 0 };
		if (snippet_highlight_all(text, len, &q, st, &t) == 0)
			check_snippet(&t, len);
		snippet_free(&t);
		query_free(&q);
	}
	free(qtext);
	return 0;
}
