/*
 * clusters.c - word classes learnt from unlabelled news for the tagger's
 * features (make model): the exchange algorithm for a class bigram model
 * (each word moves to the class that most raises the likelihood of the
 * text's bigrams under P(c2 | c1) P(w | c), until no move helps or the
 * passes run out). Deterministic: words in order of frequency, then
 * spelling; the first best class wins a tie.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../analysis/hash.h"
#include "../analysis/tokenize.h"
#include "../analysis/tagger.h"
#include "clusters.h"

typedef struct {
	char *word;
	size_t count;
} vword_t;

/* The vocabulary while counting: open addressing. */
typedef struct {
	vword_t *slots;
	size_t nslots, n;
} vocab_t;

static size_t vslot(const vocab_t *v, const char *w, size_t len)
{
	size_t s = an_hash(AN_HASH_START, w, len) & (v->nslots - 1);
	while (v->slots[s].word &&
	       (strncmp(v->slots[s].word, w, len) != 0 || v->slots[s].word[len] != '\0'))
		s = (s + 1) & (v->nslots - 1);
	return s;
}

/* The word as the tagger reads it: folded, without a final 's. */
static size_t word_len(const char *term, size_t len)
{
	if (len > 2 && term[len - 2] == '\'' && term[len - 1] == 's')
		return len - 2;
	return len;
}

typedef struct {
	vocab_t *v;
	long *ids;          /* second pass: the text as word ids (-1: none) */
	size_t nids, cap;
	int second;
	int oom;
} cctx_t;

static int count_tok(const an_token_t *tok, void *vctx)
{
	cctx_t *c = vctx;
	size_t len = word_len(tok->term, tok->len);
	vocab_t *v = c->v;
	if (!c->second) {
		if ((v->n + 1) * 2 > v->nslots) {
			vocab_t nv = { calloc(v->nslots * 2, sizeof(vword_t)), v->nslots * 2, v->n };
			if (!nv.slots) {
				c->oom = 1;
				return 1;
			}
			for (size_t i = 0; i < v->nslots; i++)
				if (v->slots[i].word)
					nv.slots[vslot(&nv, v->slots[i].word, strlen(v->slots[i].word))] =
						v->slots[i];
			free(v->slots);
			*v = nv;
		}
		size_t s = vslot(v, tok->term, len);
		if (!v->slots[s].word) {
			v->slots[s].word = strndup(tok->term, len);
			if (!v->slots[s].word) {
				c->oom = 1;
				return 1;
			}
			v->n++;
		}
		v->slots[s].count++;
		return 0;
	}
	if (c->nids == c->cap) {
		size_t cap = c->cap ? 2 * c->cap : 1 << 20;
		long *ids = realloc(c->ids, cap * sizeof(*ids));
		if (!ids) {
			c->oom = 1;
			return 1;
		}
		c->ids = ids;
		c->cap = cap;
	}
	size_t s = vslot(v, tok->term, len);
	c->ids[c->nids++] = v->slots[s].word ? (long)v->slots[s].count : -1;
	return 0;
}

static int by_count(const void *a, const void *b)
{
	const vword_t *x = a, *y = b;
	if (x->count != y->count)
		return x->count < y->count ? 1 : -1;
	return strcmp(x->word, y->word);
}

/* Bigram neighbours of a word: (word id, count). */
typedef struct {
	long *id;
	unsigned *n;
	size_t len, cap;
} adj_t;

static int adj_add(adj_t *a, long id)
{
	/* Consecutive duplicates are common enough; a linear check of the
	 * last entry, then a sort-and-merge at the end. */
	if (a->len == a->cap) {
		size_t cap = a->cap ? 2 * a->cap : 4;
		long *i = realloc(a->id, cap * sizeof(*i));
		unsigned *n = realloc(a->n, cap * sizeof(*n));
		if (i)
			a->id = i;
		if (n)
			a->n = n;
		if (!i || !n)
			return -1;
		a->cap = cap;
	}
	a->id[a->len] = id;
	a->n[a->len++] = 1;
	return 0;
}

static int cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;
	return x < y ? -1 : x > y;
}

static void adj_merge(adj_t *a)
{
	qsort(a->id, a->len, sizeof(*a->id), cmp_long);
	size_t k = 0;
	for (size_t i = 0; i < a->len; i++) {
		if (k && a->id[k - 1] == a->id[i]) {
			a->n[k - 1]++;
			continue;
		}
		a->id[k] = a->id[i];
		a->n[k++] = 1;
	}
	a->len = k;
}

static double F(double x)
{
	return x > 0 ? x * log(x) : 0;
}

/* The state of the exchange: each word's class, the class bigram counts
 * (cc[a * C + b]: a word of a then one of b), the counts of the classes
 * on the left (nl) and right (nr), and the scratch of one word. */
typedef struct {
	size_t C;
	unsigned *cls;
	double *cc, *nl, *nr, *rcnt, *lcnt;
	const adj_t *right, *left;
} exchange_t;

/* Move word w to the class where the likelihood of the bigrams gains
 * most. Returns whether it changed class. */
static int exchange_word(exchange_t *x, size_t w)
{
	size_t C = x->C;
	unsigned *cls = x->cls;
	double *cc = x->cc, *nl = x->nl, *nr = x->nr, *rcnt = x->rcnt, *lcnt = x->lcnt;
	const adj_t *right = x->right, *left = x->left;
	unsigned a = cls[w];
	double self = 0, outw = 0, inw = 0;
	/* w's bigrams by the class of the other word (w itself
	 * apart). */
	for (size_t k = 0; k < right[w].len; k++) {
		long u = right[w].id[k];
		if ((size_t)u == w)
			self += right[w].n[k];
		else
			rcnt[cls[u]] += right[w].n[k];
		outw += right[w].n[k];
	}
	for (size_t k = 0; k < left[w].len; k++) {
		long u = left[w].id[k];
		if ((size_t)u != w)
			lcnt[cls[u]] += left[w].n[k];
		inw += left[w].n[k];
	}
	/* Take w out of a. */
	for (size_t k = 0; k < C; k++) {
		cc[a * C + k] -= rcnt[k];
		cc[k * C + a] -= lcnt[k];
	}
	cc[a * C + a] -= self;
	nl[a] -= outw;
	nr[a] -= inw;
	/* The gain of putting it in each class. */
	double best = -INFINITY;
	unsigned arg = a;
	for (unsigned b = 0; b < C; b++) {
		double g = 0;
		for (size_t k = 0; k < C; k++) {
			if (k == b)
				continue;
			if (rcnt[k] > 0)
				g += F(cc[b * C + k] + rcnt[k]) - F(cc[b * C + k]);
			if (lcnt[k] > 0)
				g += F(cc[k * C + b] + lcnt[k]) - F(cc[k * C + b]);
		}
		g += F(cc[b * C + b] + rcnt[b] + lcnt[b] + self) - F(cc[b * C + b]);
		g -= F(nl[b] + outw) - F(nl[b]);
		g -= F(nr[b] + inw) - F(nr[b]);
		if (g > best + 1e-9) {
			best = g;
			arg = b;
		}
	}
	unsigned b = arg;
	for (size_t k = 0; k < C; k++) {
		cc[b * C + k] += rcnt[k];
		cc[k * C + b] += lcnt[k];
		rcnt[k] = lcnt[k] = 0;
	}
	cc[b * C + b] += self;
	nl[b] += outw;
	nr[b] += inw;
	cls[w] = b;
	return b != a;
}

/* The classes grouped bottom-up (the merge that loses least of the
 * likelihood of the class bigrams first, as Brown et al. build their
 * tree), the groups noted when AN_NER_GROUPS_FINE and AN_NER_GROUPS_COARSE
 * remain: code[c] becomes c's code (tagger.h: the class in the low bits,
 * its groups above). Deterministic: the first pair of least loss wins.
 * Returns 0, or -1 when out of memory. */
static int class_tree(size_t C, const double *cc, const double *nl, const double *nr,
		      unsigned *code)
{
	double *m = malloc(C * C * sizeof(*m)), *l = malloc(C * sizeof(*l)),
	       *r = malloc(C * sizeof(*r));
	unsigned *group = malloc(C * sizeof(*group));   /* its group's first class */
	unsigned char *live = malloc(C);
	if (!m || !l || !r || !group || !live) {
		free(m);
		free(l);
		free(r);
		free(group);
		free(live);
		return -1;
	}
	memcpy(m, cc, C * C * sizeof(*m));
	memcpy(l, nl, C * sizeof(*l));
	memcpy(r, nr, C * sizeof(*r));
	for (size_t c = 0; c < C; c++) {
		group[c] = (unsigned)c;
		live[c] = 1;
		code[c] = (unsigned)c;
	}
	for (size_t groups = C; groups > AN_NER_GROUPS_COARSE; groups--) {
		double best = -INFINITY;
		size_t bi = 0, bj = 0;
		for (size_t i = 0; i < C; i++) {
			if (!live[i])
				continue;
			for (size_t j = i + 1; j < C; j++) {
				if (!live[j])
					continue;
				double g = 0;
				for (size_t x = 0; x < C; x++) {
					if (!live[x] || x == i || x == j)
						continue;
					g += F(m[i * C + x] + m[j * C + x]) - F(m[i * C + x]) -
					     F(m[j * C + x]);
					g += F(m[x * C + i] + m[x * C + j]) - F(m[x * C + i]) -
					     F(m[x * C + j]);
				}
				double ii = m[i * C + i], ij = m[i * C + j], ji = m[j * C + i],
				       jj = m[j * C + j];
				g += F(ii + ij + ji + jj) - F(ii) - F(ij) - F(ji) - F(jj);
				g -= F(l[i] + l[j]) - F(l[i]) - F(l[j]);
				g -= F(r[i] + r[j]) - F(r[i]) - F(r[j]);
				if (g > best + 1e-9) {
					best = g;
					bi = i;
					bj = j;
				}
			}
		}
		/* j into i. */
		for (size_t x = 0; x < C; x++) {
			if (!live[x] || x == bi || x == bj)
				continue;
			m[bi * C + x] += m[bj * C + x];
			m[x * C + bi] += m[x * C + bj];
		}
		m[bi * C + bi] += m[bi * C + bj] + m[bj * C + bi] + m[bj * C + bj];
		l[bi] += l[bj];
		r[bi] += r[bj];
		live[bj] = 0;
		for (size_t c = 0; c < C; c++)
			if (group[c] == bj)
				group[c] = (unsigned)bi;
		/* The groups of a level numbered by their first class. */
		if (groups - 1 == AN_NER_GROUPS_FINE || groups - 1 == AN_NER_GROUPS_COARSE) {
			int coarse = groups - 1 == AN_NER_GROUPS_COARSE;
			for (size_t c = 0; c < C; c++) {
				unsigned k = 0;
				for (size_t g = 0; g < group[c]; g++)
					k += live[g];
				code[c] |= k << (coarse ? AN_NER_SHIFT_COARSE : AN_NER_SHIFT_FINE);
			}
		}
	}
	free(m);
	free(l);
	free(r);
	free(group);
	free(live);
	return 0;
}

/* The nw words with their classes into *out (malloc'ed, words strdup'ed).
 * Returns 0, or -1 out of memory (*out NULL). */
static int copy_clusters(const vword_t *words, const unsigned *cls, size_t nw,
			 an_ner_cluster_t **out)
{
	*out = malloc((nw ? nw : 1) * sizeof(**out));
	if (!*out)
		return -1;
	for (size_t i = 0; i < nw; i++) {
		(*out)[i].word = strdup(words[i].word);
		(*out)[i].cls = cls[i];
		if (!(*out)[i].word) {
			for (size_t k = 0; k < i; k++)
				free((*out)[k].word);
			free(*out);
			*out = NULL;
			return -1;
		}
	}
	return 0;
}

int ner_clusters(const char *const *texts, size_t ntexts, unsigned nclasses, size_t maxwords,
		 int passes, an_ner_cluster_t **out, size_t *nout)
{
	int rc = -1;
	vocab_t v = { calloc(1 << 16, sizeof(vword_t)), 1 << 16, 0 };
	cctx_t c = { &v, NULL, 0, 0, 0, 0 };
	vword_t *words = NULL;
	adj_t *right = NULL, *left = NULL;
	unsigned *cls = NULL;
	double *cc = NULL, *nl = NULL, *nr = NULL, *rcnt = NULL, *lcnt = NULL;
	*out = NULL;
	*nout = 0;
	if (!v.slots)
		return -1;
	for (size_t t = 0; t < ntexts; t++)
		if (an_tokenize(texts[t], strlen(texts[t]), count_tok, &c) < 0 || c.oom)
			goto out;
	/* The vocabulary: the maxwords most frequent, ids by rank. */
	words = malloc((v.n ? v.n : 1) * sizeof(*words));
	if (!words)
		goto out;
	size_t nw = 0;
	for (size_t i = 0; i < v.nslots; i++)
		if (v.slots[i].word)
			words[nw++] = v.slots[i];
	qsort(words, nw, sizeof(*words), by_count);
	if (nw > maxwords)
		nw = maxwords;
	/* The slots' counts become ids (rank + 0), others -1. */
	for (size_t i = 0; i < v.nslots; i++)
		if (v.slots[i].word)
			v.slots[i].count = (size_t)-1;
	for (size_t i = 0; i < nw; i++)
		v.slots[vslot(&v, words[i].word, strlen(words[i].word))].count = i;
	c.second = 1;
	for (size_t t = 0; t < ntexts; t++) {
		if (an_tokenize(texts[t], strlen(texts[t]), count_tok, &c) < 0 || c.oom)
			goto out;
		/* A text ends a run of bigrams. */
		count_tok(&(an_token_t){ "\x01", 1, 0, 0, 0, 0 }, &c);
	}
	right = calloc(nw, sizeof(*right));
	left = calloc(nw, sizeof(*left));
	if (!right || !left)
		goto out;
	for (size_t i = 1; i < c.nids; i++) {
		long a = c.ids[i - 1], b = c.ids[i];
		if (a < 0 || b < 0 || (size_t)a >= nw || (size_t)b >= nw)
			continue;
		if (adj_add(&right[a], b) < 0 || adj_add(&left[b], a) < 0)
			goto out;
	}
	for (size_t i = 0; i < nw; i++) {
		adj_merge(&right[i]);
		adj_merge(&left[i]);
	}
	size_t C = nclasses;
	cls = malloc(nw * sizeof(*cls));
	cc = calloc(C * C, sizeof(*cc));
	nl = calloc(C, sizeof(*nl));
	nr = calloc(C, sizeof(*nr));
	rcnt = calloc(C, sizeof(*rcnt));
	lcnt = calloc(C, sizeof(*lcnt));
	if (!cls || !cc || !nl || !nr || !rcnt || !lcnt)
		goto out;
	for (size_t i = 0; i < nw; i++)
		cls[i] = (unsigned)(i % C);
	for (size_t w = 0; w < nw; w++)
		for (size_t k = 0; k < right[w].len; k++) {
			unsigned a = cls[w], b = cls[right[w].id[k]];
			cc[a * C + b] += right[w].n[k];
			nl[a] += right[w].n[k];
			nr[b] += right[w].n[k];
		}
	exchange_t x = { C, cls, cc, nl, nr, rcnt, lcnt, right, left };
	for (int pass = 0; pass < passes; pass++) {
		size_t moved = 0;
		for (size_t w = 0; w < nw; w++) {
			if (exchange_word(&x, w))
				moved++;
		}
		fprintf(stderr, "clusters: pass %d moved %zu of %zu words\n", pass + 1, moved, nw);
		if (!moved)
			break;
	}
	/* Each word's class becomes its class's code. */
	unsigned *code = malloc(C * sizeof(*code));
	if (!code || class_tree(C, cc, nl, nr, code) < 0) {
		free(code);
		goto out;
	}
	for (size_t w = 0; w < nw; w++)
		cls[w] = code[cls[w]];
	free(code);
	if (copy_clusters(words, cls, nw, out) < 0)
		goto out;
	*nout = nw;
	rc = 0;
out:
	for (size_t i = 0; i < v.nslots; i++)
		free(v.slots[i].word);
	free(v.slots);
	free(c.ids);
	free(words);
	for (size_t i = 0; right && i < nw; i++) {
		free(right[i].id);
		free(right[i].n);
		free(left[i].id);
		free(left[i].n);
	}
	free(right);
	free(left);
	free(cls);
	free(cc);
	free(nl);
	free(nr);
	free(rcnt);
	free(lcnt);
	return rc;
}
