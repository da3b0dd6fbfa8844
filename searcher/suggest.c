/* suggest.c - "did you mean" from the index's spelling table (see suggest.h). */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "../analysis/terms.h"
#include "suggest.h"

/* Does the index still hold an article with word? The spelling table may
 * keep words no article has: an indexer killed before its commit leaves
 * the counts it had taken back. */
static int held(dx_db_t *db, an_stemmer_t *st, const char *word)
{
	char term[AN_TERM_BUF];
	uint32_t n = 0;
	an_word_rank_term(st, "", word, strlen(word), term);
	return dx_db_term_freq(db, term, &n) == DX_OK && n > 0;
}

/* A better spelling of word (malloc'ed), or NULL. */
static char *better_word(dx_db_t *db, an_stemmer_t *st, const char *word)
{
	uint32_t freq = 0, cfreq = 0;
	size_t wl = strlen(word);
	char *c = NULL;
	if (wl < 3 || dx_db_spelling_freq(db, word, &freq) != DX_OK || freq >= SUGGEST_RARE)
		return NULL;
	if (dx_db_spelling_suggestion(db, word, wl <= 4 ? 1 : SUGGEST_MAX_EDITS, &c) != DX_OK)
		return NULL;
	if (*c && strcmp(c, word) != 0 && dx_db_spelling_freq(db, c, &cfreq) == DX_OK &&
	    cfreq >= (freq ? freq * SUGGEST_MIN_RATIO : 1) && held(db, st, c))
		return c;
	free(c);
	return NULL;
}

/* The suggestion (folded, as the spelling table holds it) in the case the
 * user wrote the word in: "Lavrav" gives "Lavrov", "NATQ" "NATO", "kery"
 * "kerry". Returns a malloc'ed string, or NULL when out of memory. */
static char *as_written(const char *written, size_t wlen, const char *folded)
{
	utf8proc_int32_t c;
	utf8proc_ssize_t n;
	size_t upper = 0, letters = 0, flen = strlen(folded);
	int first_upper = -1;
	for (size_t i = 0; i < wlen; i += (size_t)n) {
		n = utf8proc_iterate((const utf8proc_uint8_t *)written + i,
				     (utf8proc_ssize_t)(wlen - i), &c);
		if (n <= 0)
			break;
		if (!utf8proc_isupper(c) && !utf8proc_islower(c))
			continue;
		letters++;
		upper += utf8proc_isupper(c) != 0;
		if (first_upper < 0)
			first_upper = utf8proc_isupper(c) != 0;
	}
	int all = letters > 1 && upper == letters;
	/* An upper-case letter takes at most 4 bytes, as its lower-case one. */
	char *out = malloc(flen * 4 + 1);
	size_t o = 0;
	if (!out)
		return NULL;
	for (size_t i = 0; i < flen; i += (size_t)n) {
		n = utf8proc_iterate((const utf8proc_uint8_t *)folded + i,
				     (utf8proc_ssize_t)(flen - i), &c);
		if (n <= 0) {
			memcpy(out + o, folded + i, flen - i);
			o += flen - i;
			break;
		}
		if (all || (i == 0 && first_upper == 1))
			c = utf8proc_toupper(c);
		o += (size_t)utf8proc_encode_char(c, (utf8proc_uint8_t *)out + o);
	}
	out[o] = '\0';
	return out;
}

char *suggest_query(dx_db_t *db, an_stemmer_t *st, const char *text, const query_t *q)
{
	size_t tlen = strlen(text), extra = 0;
	char **repl = calloc(q->nplain ? q->nplain : 1, sizeof(*repl));
	char *out = NULL;
	int any = 0;
	if (!repl)
		return NULL;
	for (size_t i = 0; i < q->nplain; i++) {
		char *folded = better_word(db, st, q->plain[i].word);
		const query_word_t *w = &q->plain[i];
		repl[i] = folded && w->start + w->len <= tlen
				  ? as_written(text + w->start, w->len, folded) : NULL;
		free(folded);
		if (repl[i]) {
			any = 1;
			extra += strlen(repl[i]);
		}
	}
	if (any && (out = malloc(tlen + extra + 1))) {
		/* The words in text order, each replaced by its suggestion. */
		size_t p = 0, o = 0;
		for (size_t i = 0; i < q->nplain; i++) {
			const query_word_t *w = &q->plain[i];
			if (!repl[i] || w->start < p)
				continue;
			memcpy(out + o, text + p, w->start - p);
			o += w->start - p;
			memcpy(out + o, repl[i], strlen(repl[i]));
			o += strlen(repl[i]);
			p = w->start + w->len;
		}
		memcpy(out + o, text + p, tlen - p);
		out[o + tlen - p] = '\0';
	}
	for (size_t i = 0; i < q->nplain; i++)
		free(repl[i]);
	free(repl);
	return out;
}
