/* terms.c - the terms a token makes (see terms.h). */
#include <string.h>

#include "schema.h"
#include "terms.h"

/* Join up to three parts into buf, cutting at AN_TERM_BUF - 1 bytes. */
static size_t join(char buf[AN_TERM_BUF], const char *a, const char *b,
		   size_t blen, const char *c, size_t clen)
{
	size_t n = 0, alen = strlen(a);
	const char *parts[3] = { a, b, c };
	size_t lens[3] = { alen, blen, clen };
	for (int i = 0; i < 3; i++) {
		size_t k = lens[i];
		if (n + k > AN_TERM_BUF - 1)
			k = AN_TERM_BUF - 1 - n;
		memcpy(buf + n, parts[i], k);
		n += k;
	}
	buf[n] = '\0';
	return n;
}

int an_token_stems(const an_token_t *tok)
{
	return !tok->numeric;
}

size_t an_word_rank_term(an_stemmer_t *st, const char *prefix, const char *word,
			 size_t len, char buf[AN_TERM_BUF])
{
	size_t slen;
	const char *s = an_stem(st, word, len, &slen);
	return join(buf, DL_PREFIX_STEM, prefix, strlen(prefix), s, slen);
}

size_t an_rank_term(an_stemmer_t *st, const char *prefix, const an_token_t *tok,
		    char buf[AN_TERM_BUF])
{
	if (!an_token_stems(tok))
		return join(buf, prefix, tok->term, tok->len, "", 0);
	return an_word_rank_term(st, prefix, tok->term, tok->len, buf);
}
