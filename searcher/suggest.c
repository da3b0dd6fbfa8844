/* suggest.c - "did you mean" from the index's own words (see suggest.h). */
#include <stdlib.h>
#include <string.h>

#include "../analysis/tokenize.h"
#include "suggest.h"

/* Edits between a and b (optimal string alignment: insertions, deletions,
 * replacements, swaps of neighbours), or limit + 1 once above limit. */
static size_t edits(const char *a, size_t la, const char *b, size_t lb, size_t limit)
{
	size_t d[3][AN_MAX_TOKEN_BYTES + 2];
	size_t *prev2 = d[0], *prev = d[1], *cur = d[2];
	if (la > AN_MAX_TOKEN_BYTES || lb > AN_MAX_TOKEN_BYTES)
		return limit + 1;
	for (size_t j = 0; j <= lb; j++)
		prev[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t best = cur[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t cost = a[i - 1] != b[j - 1];
			size_t v = prev[j - 1] + cost;
			if (prev[j] + 1 < v)
				v = prev[j] + 1;
			if (cur[j - 1] + 1 < v)
				v = cur[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    prev2[j - 2] + 1 < v)
				v = prev2[j - 2] + 1;
			cur[j] = v;
			if (v < best)
				best = v;
		}
		if (best > limit)
			return limit + 1;
		size_t *t = prev2;
		prev2 = prev;
		prev = cur;
		cur = t;
	}
	return prev[lb];
}

/* The best candidate met so far while scanning the vocabulary. */
typedef struct {
	const char *word;
	size_t len;
	size_t limit;
	uint32_t min_freq;
	char best[AN_MAX_TOKEN_BYTES + 1];
	size_t best_edits;
	uint32_t best_freq;
} scan_t;

static int consider(const char *term, size_t len, uint32_t freq, void *ctx)
{
	scan_t *s = ctx;
	if (freq < s->min_freq || len > AN_MAX_TOKEN_BYTES)
		return 0;
	if ((len > s->len ? len - s->len : s->len - len) > s->limit)
		return 0;
	size_t e = edits(s->word, s->len, term, len, s->limit);
	if (e == 0 || e > s->limit)
		return 0;
	if (!s->best_freq || e < s->best_edits || (e == s->best_edits && freq > s->best_freq)) {
		memcpy(s->best, term, len);
		s->best[len] = '\0';
		s->best_edits = e;
		s->best_freq = freq;
	}
	return 0;
}

char *suggest_query(dx_db_t *db, const char *text, const query_t *q)
{
	size_t tlen = strlen(text), extra = 0;
	char **repl = calloc(q->nplain ? q->nplain : 1, sizeof(*repl));
	char *out = NULL;
	int any = 0;
	if (!repl)
		return NULL;
	for (size_t i = 0; i < q->nplain; i++) {
		const query_word_t *w = &q->plain[i];
		uint32_t freq = 0;
		if (dx_db_term_freq(db, w->word, &freq) != DX_OK || freq >= SUGGEST_RARE)
			continue;
		size_t wl = strlen(w->word);
		char prefix[8] = { w->word[0], '\0' };
		/* Words of an ASCII letter only: the scan is over one letter's
		 * words, and the first letter is taken as typed right. */
		if ((unsigned char)w->word[0] >= 0x80 || wl < 3)
			continue;
		scan_t s = { w->word, wl, wl <= 4 ? 1 : SUGGEST_MAX_EDITS,
			     freq ? freq * SUGGEST_MIN_RATIO : 1, "", 0, 0 };
		if (dx_db_each_vocab(db, prefix, consider, &s) != DX_OK || !s.best_freq)
			continue;
		repl[i] = strdup(s.best);
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
