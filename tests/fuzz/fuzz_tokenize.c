/* fuzz_tokenize.c - the tokenizer (analysis/tokenize.c): tokens come in
 * order, inside the text, at character boundaries (of text that is valid
 * UTF-8), each a non-empty folded
 * term of valid UTF-8 no longer than AN_MAX_TOKEN_BYTES; an_normalise()
 * writes valid UTF-8 that fits its buffer and normalises to itself. */
#include "../../analysis/tokenize.h"
#include "fuzz.h"

typedef struct {
	const uint8_t *text;
	size_t len, last_end;
	int valid;
} tok_ctx_t;

static int boundary(const uint8_t *t, size_t len, size_t at)
{
	return at == len || (t[at] & 0xC0) != 0x80;
}

static int check_token(const an_token_t *tok, void *arg)
{
	tok_ctx_t *c = arg;
	if (tok->start < c->last_end || tok->end <= tok->start || tok->end > c->len)
		FUZZ_FAIL("token [%zu, %zu) out of order or outside the %zu bytes (last end %zu)",
			  tok->start, tok->end, c->len, c->last_end);
	/* (In text that is not UTF-8 a stray continuation byte is a
	 * separator, so boundaries are only checked in valid text.) */
	if (c->valid &&
	    (!boundary(c->text, c->len, tok->start) || !boundary(c->text, c->len, tok->end)))
		FUZZ_FAIL("token [%zu, %zu) is not at character boundaries", tok->start, tok->end);
	if (tok->len == 0 || tok->len > AN_MAX_TOKEN_BYTES || strlen(tok->term) != tok->len)
		FUZZ_FAIL("a term of %zu bytes (strlen %zu)", tok->len, strlen(tok->term));
	if (!utf8_valid(tok->term, tok->len, NULL))
		FUZZ_FAIL("a term that is not UTF-8");
	c->last_end = tok->end;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	tok_ctx_t c = { data, size, 0, utf8_valid((const char *)data, size, NULL) };
	an_tokenize((const char *)data, size, check_token, &c);
	char out[64], again[64];
	size_t n = an_normalise((const char *)data, size, out, sizeof(out));
	if (n >= sizeof(out) || strlen(out) != n || !utf8_valid(out, n, NULL))
		FUZZ_FAIL("an_normalise() wrote %zu bytes that do not fit or are not UTF-8", n);
	if (n && (an_normalise(out, n, again, sizeof(again)) != n || strcmp(out, again) != 0))
		FUZZ_FAIL("\"%s\" does not normalise to itself", out);
	return 0;
}
