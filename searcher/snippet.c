/* snippet.c - cutting and highlighting snippets (see snippet.h). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../analysis/terms.h"
#include "../analysis/tokenize.h"
#include "snippet.h"

/* A match of one query item: tokens [tok, tok + ntok) of the text. */
typedef struct {
	size_t start, end;  /* bytes */
	size_t item;
} match_t;

/* A token of the text, with which word of which item it equals. */
typedef struct {
	size_t start, end;
} tokpos_t;

typedef struct {
	const query_t *q;
	an_stemmer_t *st;
	tokpos_t *toks;
	uint64_t *masks;   /* ntoks x nitems: bit w set when the token is word w */
	size_t ntoks, cap;
	int oom;
} scan_t;

static int scan_token(const an_token_t *tok, void *ctx)
{
	scan_t *s = ctx;
	size_t ni = s->q->nitems;
	if (s->ntoks == s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 256;
		tokpos_t *t = realloc(s->toks, cap * sizeof(*t));
		if (!t) {
			s->oom = 1;
			return 1;
		}
		s->toks = t;
		uint64_t *m = realloc(s->masks, cap * (ni ? ni : 1) * sizeof(*m));
		if (!m) {
			s->oom = 1;
			return 1;
		}
		s->masks = m;
		s->cap = cap;
	}
	s->toks[s->ntoks].start = tok->start;
	s->toks[s->ntoks].end = tok->end;
	uint64_t *mask = s->masks + s->ntoks * ni;
	char rank[AN_TERM_BUF];
	if (ni)
		an_rank_term(s->st, "", tok, rank);
	for (size_t k = 0; k < ni; k++) {
		const query_item_t *it = &s->q->items[k];
		mask[k] = 0;
		if (it->prefix) {
			size_t pl = strlen(it->words[0]);
			if (tok->len >= pl && memcmp(tok->term, it->words[0], pl) == 0)
				mask[k] = 1;
			continue;
		}
		for (size_t w = 0; w < it->nwords && w < 64; w++)
			if (strcmp(rank, it->words[w]) == 0)
				mask[k] |= (uint64_t)1 << w;
	}
	s->ntoks++;
	return 0;
}

/* All matches in text order. *out is malloc'ed. Returns the count or -1. */
static long find_matches(const char *text, size_t len, const query_t *q,
			 an_stemmer_t *st, match_t **out)
{
	scan_t s = { q, st, NULL, NULL, 0, 0, 0 };
	match_t *m = NULL;
	long n = 0;
	*out = NULL;
	if (an_tokenize(text, len, scan_token, &s) < 0 || s.oom)
		goto fail;
	m = malloc((s.ntoks + 1) * sizeof(*m));
	if (!m)
		goto fail;
	for (size_t i = 0; i < s.ntoks; i++) {
		/* The longest item matching here wins (a phrase over a word). */
		size_t best = SIZE_MAX, bestlen = 0;
		for (size_t k = 0; k < q->nitems; k++) {
			size_t nw = q->items[k].nwords;
			if (nw <= bestlen || i + nw > s.ntoks)
				continue;
			size_t w = 0;
			while (w < nw && (s.masks[(i + w) * q->nitems + k] >> w & 1))
				w++;
			if (w == nw) {
				best = k;
				bestlen = nw;
			}
		}
		if (best == SIZE_MAX)
			continue;
		m[n].start = s.toks[i].start;
		m[n].end = s.toks[i + bestlen - 1].end;
		m[n].item = best;
		n++;
		i += bestlen - 1;
	}
	free(s.toks);
	free(s.masks);
	*out = m;
	return n;
fail:
	free(s.toks);
	free(s.masks);
	free(m);
	return -1;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Move a byte offset back to the start of its UTF-8 character. */
static size_t char_start(const char *text, size_t p)
{
	while (p > 0 && ((unsigned char)text[p] & 0xC0) == 0x80)
		p--;
	return p;
}

/* Where a fragment showing the match at [ms, me) should start: the start
 * of its sentence when that is close, else a word boundary a little before
 * it, so the match is seen with some context. */
static size_t fragment_start(const char *text, size_t ms, size_t fragment_bytes,
			     int *at_sentence)
{
	size_t lead = fragment_bytes / 3, limit = ms > lead ? ms - lead : 0;
	*at_sentence = 0;
	for (size_t p = ms; p > limit; p--) {
		char c = text[p - 1];
		if (c == '\n' || ((c == '.' || c == '!' || c == '?') && p < ms &&
				  is_space(text[p]))) {
			size_t s = p;
			while (s < ms && is_space(text[s]))
				s++;
			*at_sentence = 1;
			return s;
		}
	}
	if (limit == 0) {
		*at_sentence = 1;
		return 0;
	}
	/* A word boundary after limit. */
	size_t p = limit;
	while (p < ms && !is_space(text[p]))
		p++;
	while (p < ms && is_space(text[p]))
		p++;
	return p;
}

/* The end of a fragment from start: at most fragment_bytes, at a word
 * boundary, never before end_min (the end of its first match). */
static size_t fragment_end(const char *text, size_t len, size_t start,
			   size_t end_min, size_t fragment_bytes)
{
	size_t e = start + fragment_bytes;
	if (e >= len)
		return len;
	if (e < end_min)
		return end_min;
	size_t p = e;
	while (p > end_min && !is_space(text[p]))
		p--;
	if (p <= end_min)
		p = char_start(text, e);
	while (p > start && is_space(text[p - 1]))
		p--;
	return p;
}

typedef struct {
	size_t start, end;
} frag_t;

static int frag_cmp(const void *a, const void *b)
{
	const frag_t *x = a, *y = b;
	return x->start < y->start ? -1 : x->start > y->start;
}

/* Whitespace, or a control character that must not reach the output
 * (C0, DEL, and the two bytes of a C1 control): *n is its length. */
static int blank_at(const char *text, size_t p, size_t end, size_t *n)
{
	unsigned char c = (unsigned char)text[p];
	*n = 1;
	if (c < 0x20 || c == 0x7F || c == ' ')
		return 1;
	if (c == 0xC2 && p + 1 < end && (unsigned char)text[p + 1] >= 0x80 &&
	    (unsigned char)text[p + 1] < 0xA0) {
		*n = 2;
		return 1;
	}
	return 0;
}

/* Append bytes to the output, collapsing whitespace, and translate the
 * matches inside [fs, fe) to ranges of the output. */
typedef struct {
	char *buf;
	size_t n;
	snippet_range_t *ranges;
	size_t nranges;
} outbuf_t;

static void put(outbuf_t *o, const char *s, size_t len)
{
	memcpy(o->buf + o->n, s, len);
	o->n += len;
}

static void put_fragment(outbuf_t *o, const char *text, size_t fs, size_t fe,
			 const match_t *m, long nm)
{
	long k = 0;
	int space = 0;
	size_t p = fs, n;
	while (k < nm && m[k].start < fs)
		k++;
	while (p < fe) {
		int in_match = k < nm && p == m[k].start && m[k].end <= fe;
		if (in_match) {
			if (space)
				o->buf[o->n++] = ' ';
			space = 0;
			o->ranges[o->nranges].start = o->n;
		}
		size_t stop = in_match ? m[k].end : p + 1;
		/* A match (a phrase may hold whitespace) or one byte. */
		while (p < stop) {
			if (blank_at(text, p, fe, &n)) {
				space = o->n > 0;
			} else {
				if (space)
					o->buf[o->n++] = ' ';
				space = 0;
				o->buf[o->n++] = text[p];
			}
			p += n;
		}
		if (in_match) {
			o->ranges[o->nranges++].end = o->n;
			k++;
		}
	}
}

static int build(const char *text, size_t len, frag_t *fr, size_t nfr,
		 const match_t *m, long nm, snippet_t *out)
{
	static const char ell[] = SNIPPET_ELLIPSIS;
	size_t cap = len + nfr * (2 * sizeof(ell) + 2) + 1;
	outbuf_t o = { malloc(cap), 0, malloc(((size_t)nm + 1) * sizeof(snippet_range_t)), 0 };
	if (!o.buf || !o.ranges) {
		free(o.buf);
		free(o.ranges);
		return -1;
	}
	qsort(fr, nfr, sizeof(*fr), frag_cmp);
	for (size_t i = 0; i < nfr; i++) {
		if (i > 0)
			put(&o, " ", 1);
		/* An ellipsis where text was left out before the fragment. */
		size_t gap = i > 0 ? fr[i - 1].end : 0;
		while (gap < fr[i].start && is_space(text[gap]))
			gap++;
		if (gap < fr[i].start) {
			put(&o, ell, sizeof(ell) - 1);
			put(&o, " ", 1);
		}
		put_fragment(&o, text, fr[i].start, fr[i].end, m, nm);
	}
	if (nfr && fr[nfr - 1].end < len)
		put(&o, " " SNIPPET_ELLIPSIS, sizeof(ell));
	o.buf[o.n] = '\0';
	out->text = o.buf;
	out->ranges = o.ranges;
	out->nranges = o.nranges;
	return 0;
}

int snippet_make(const char *text, size_t len, const query_t *q,
		 an_stemmer_t *st, size_t max_fragments, size_t fragment_bytes,
		 snippet_t *out)
{
	match_t *m;
	frag_t fr[16];
	size_t nfr = 0;
	unsigned char covered[64] = { 0 };  /* items shown (first 64) */

	memset(out, 0, sizeof(*out));
	if (max_fragments > 16)
		max_fragments = 16;
	if (max_fragments == 0)
		max_fragments = 1;
	long nm = find_matches(text, len, q, st, &m);
	if (nm < 0)
		return -1;

	while (nfr < max_fragments) {
		long best = -1;
		int best_score = 0;
		frag_t best_fr = { 0, 0 };
		for (long i = 0; i < nm; i++) {
			int at_sentence;
			size_t fs = fragment_start(text, m[i].start, fragment_bytes, &at_sentence);
			/* Start after a fragment already chosen that holds the
			 * start but not the match. */
			for (size_t f = 0; f < nfr; f++)
				if (fs >= fr[f].start && fs < fr[f].end && m[i].start >= fr[f].end) {
					fs = fr[f].end;
					while (fs < m[i].start && is_space(text[fs]))
						fs++;
					at_sentence = 0;
				}
			size_t fe = fragment_end(text, len, fs, m[i].end, fragment_bytes);
			int overlap = 0;
			for (size_t f = 0; f < nfr; f++)
				if (fs < fr[f].end && fe > fr[f].start)
					overlap = 1;
			if (overlap)
				continue;
			/* Distinct new items count most, then matches, then a
			 * clean sentence start. */
			unsigned char seen[64] = { 0 };
			int distinct = 0, count = 0;
			for (long j = i; j < nm && m[j].end <= fe; j++) {
				size_t it = m[j].item < 64 ? m[j].item : 63;
				if (!seen[it] && !covered[it])
					distinct++;
				seen[it] = 1;
				count++;
			}
			int score = distinct * 100 + (count < 20 ? count : 20) * 3 + at_sentence;
			if (nfr > 0 && distinct == 0)
				continue;
			if (score > best_score) {
				best_score = score;
				best = i;
				best_fr.start = fs;
				best_fr.end = fe;
			}
		}
		if (best < 0)
			break;
		fr[nfr++] = best_fr;
		for (long j = best; j < nm && m[j].end <= best_fr.end; j++)
			covered[m[j].item < 64 ? m[j].item : 63] = 1;
	}
	if (nfr == 0) {
		/* Nothing matched in this text: its beginning. */
		fr[0].start = 0;
		while (fr[0].start < len && is_space(text[fr[0].start]))
			fr[0].start++;
		fr[0].end = fragment_end(text, len, fr[0].start, fr[0].start,
					 fragment_bytes * max_fragments);
		nfr = fr[0].start < len ? 1 : 0;
	}
	int rc = nfr ? build(text, len, fr, nfr, m, nm, out) : 0;
	if (rc == 0 && !out->text) {
		out->text = strdup("");
		rc = out->text ? 0 : -1;
	}
	free(m);
	return rc;
}

int snippet_highlight_all(const char *text, size_t len, const query_t *q,
			  an_stemmer_t *st, snippet_t *out)
{
	match_t *m;
	frag_t fr = { 0, len };
	memset(out, 0, sizeof(*out));
	long nm = find_matches(text, len, q, st, &m);
	if (nm < 0)
		return -1;
	int rc = build(text, len, &fr, 1, m, nm, out);
	free(m);
	return rc;
}

void snippet_free(snippet_t *s)
{
	free(s->text);
	free(s->ranges);
	memset(s, 0, sizeof(*s));
}
