/*
 * terms.h - the terms a token makes, for indexer and searcher alike.
 *
 * A folded token w with stem s gives, for a field whose word prefix is P:
 *   the positional word term   P + w          (phrases, NEAR, exact words)
 *   the ranking term           Z + P + s      (BM25; P + w for a token that
 *                                              starts with a digit: numbers
 *                                              are not stemmed)
 * The body's prefix is "".
 */
#ifndef DATELINE_TERMS_H
#define DATELINE_TERMS_H

#include <stddef.h>

#include "stem.h"
#include "tokenize.h"

/* Room for any term these functions build: the longest prefix, a token of
 * AN_MAX_TOKEN_BYTES and what a stemmer may add to it. */
#define AN_TERM_BUF 256

/* Write the positional word term into buf (AN_TERM_BUF bytes); returns its
 * length. */
size_t an_word_term(const char *prefix, const an_token_t *tok,
		    char buf[AN_TERM_BUF]);

/* Write the ranking term into buf (AN_TERM_BUF bytes); returns its length. */
size_t an_rank_term(an_stemmer_t *st, const char *prefix, const an_token_t *tok,
		    char buf[AN_TERM_BUF]);

/* Does the token have a stemmed ranking term (not a number)? */
int an_token_stems(const an_token_t *tok);

#endif /* DATELINE_TERMS_H */
