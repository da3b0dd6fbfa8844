/*
 * terms.h - the terms a token makes, for indexer and searcher alike.
 *
 * A folded token w with stem s gives, for a field whose prefix is P, one
 * term: Z + P + s, or P + w for a number (numbers are not stemmed). It
 * carries the token's position: BM25 ranks on it and phrases match on it.
 * The body's prefix is "". The folded word w itself is what "did you mean"
 * and prefix* highlighting compare.
 */
#ifndef DATELINE_TERMS_H
#define DATELINE_TERMS_H

#include <stddef.h>

#include "stem.h"
#include "tokenize.h"

/* Room for any term these functions build: the longest prefix, a token of
 * AN_MAX_TOKEN_BYTES and what a stemmer may add to it. */
#define AN_TERM_BUF 256

/* Write the term into buf (AN_TERM_BUF bytes); returns its length. */
size_t an_rank_term(an_stemmer_t *st, const char *prefix, const an_token_t *tok,
		    char buf[AN_TERM_BUF]);

/* The same for a folded word of len bytes that is not a number (a word of
 * the spelling table, say). */
size_t an_word_rank_term(an_stemmer_t *st, const char *prefix, const char *word,
			 size_t len, char buf[AN_TERM_BUF]);

/* Does the token have a stemmed ranking term (not a number)? */
int an_token_stems(const an_token_t *tok);

#endif /* DATELINE_TERMS_H */
