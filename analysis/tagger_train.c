/* tagger_train.c - the averaged perceptron that makes the tagger's model
 * (see tagger_train.h and tagger.c for the file's layout). */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "tagger_train.h"

#define NL AN_NER_NLABELS
#define MAGIC "DLNERMDL"

typedef struct {
	uint32_t *f;
	size_t *off;
	unsigned char *cand;
	unsigned char *gold;   /* projected on the candidates */
	size_t n;
} prepared_t;

/* The gold labels as the model can say them: O off the candidates, and an
 * entity cut by a token that is not one goes on as a new B-. */
static void project(const unsigned char *gold, const unsigned char *cand, size_t n,
		    unsigned char *out)
{
	for (size_t i = 0; i < n; i++) {
		int l = cand[i] ? gold[i] : AN_NER_O;
		if (l != AN_NER_O && !AN_NER_IS_B(l) &&
		    (i == 0 || out[i - 1] == AN_NER_O ||
		     AN_NER_TYPE(out[i - 1]) != AN_NER_TYPE(l)))
			l -= 1;
		out[i] = (unsigned char)l;
	}
}

static uint64_t next_rand(uint64_t *s)
{
	/* xorshift64* */
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ULL;
}

static void put_u32(FILE *f, uint32_t v, uint64_t *h)
{
	unsigned char b[4] = { v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, v >> 24 };
	fwrite(b, 1, 4, f);
	*h = an_hash(*h, (const char *)b, 4);
}

static void put_f32(FILE *f, float x, uint64_t *h)
{
	uint32_t u;
	memcpy(&u, &x, sizeof(u));
	put_u32(f, u, h);
}

/* The perceptron being trained: current weights, their running sums for
 * the average (each update weighted by the step it was made at, c), and
 * the scratch of one document. */
typedef struct {
	size_t rows;
	float *w;
	double *wa;
	float trans[(NL + 1) * NL];
	double transa[(NL + 1) * NL];
	double c;
	float *em;
	unsigned char *pred;
} perceptron_t;

/* Candidates, gold labels on them and features of every document; the
 * longest document's length in *maxn. Returns 0, or -1 out of memory. */
static int prepare(const an_ner_doc_t *docs, size_t ndocs, const an_ner_train_opts_t *o,
		   const an_ner_classes_t *classes, prepared_t *pd, size_t *order,
		   size_t *maxn)
{
	*maxn = 1;
	for (size_t d = 0; d < ndocs; d++) {
		size_t n = docs[d].n;
		pd[d].n = n;
		pd[d].cand = malloc(n ? n : 1);
		pd[d].gold = malloc(n ? n : 1);
		if (!pd[d].cand || !pd[d].gold)
			return -1;
		an_ner_candidates(docs[d].toks, n, pd[d].cand);
		project(docs[d].gold, pd[d].cand, n, pd[d].gold);
		if (an_ner_features(docs[d].toks, n, pd[d].cand, o->bits, classes, &pd[d].f,
				    &pd[d].off) < 0)
			return -1;
		if (n > *maxn)
			*maxn = n;
		order[d] = d;
	}
	return 0;
}

/* Tag one document with the current weights and move them towards its
 * gold labels where the two differ. Returns the tokens tagged wrong, or
 * -1 out of memory. */
static long train_doc(perceptron_t *m, const prepared_t *p)
{
	long errors = 0;
	float *em = m->em;
	for (size_t i = 0; i < p->n; i++) {
		for (int l = 0; l < NL; l++)
			em[i * NL + l] = 0;
		for (size_t q = p->off[i]; q < p->off[i + 1]; q++) {
			const float *row = m->w + (size_t)p->f[q] * NL;
			for (int l = 0; l < NL; l++)
				em[i * NL + l] += row[l];
		}
	}
	if (an_ner_viterbi(em, m->trans, p->cand, p->n, m->pred) < 0)
		return -1;
	for (size_t i = 0; i < p->n; i++) {
		int g = p->gold[i], y = m->pred[i];
		if (g != y) {
			errors++;
			for (size_t q = p->off[i]; q < p->off[i + 1]; q++) {
				size_t r = (size_t)p->f[q] * NL;
				m->w[r + g] += 1;
				m->wa[r + g] += m->c;
				m->w[r + y] -= 1;
				m->wa[r + y] -= m->c;
			}
		}
		int gp = i ? p->gold[i - 1] : -1, yp = i ? m->pred[i - 1] : -1;
		if (g != y || gp != yp) {
			m->trans[(gp + 1) * NL + g] += 1;
			m->transa[(gp + 1) * NL + g] += m->c;
			m->trans[(yp + 1) * NL + y] -= 1;
			m->transa[(yp + 1) * NL + y] -= m->c;
		}
	}
	m->c += 1;
	return errors;
}

/* The epochs, each over the documents in a new shuffled order. Returns
 * 0, or -1 out of memory. */
static int train_epochs(perceptron_t *m, const prepared_t *pd, size_t ndocs, size_t *order,
			const an_ner_train_opts_t *o)
{
	uint64_t rnd = o->seed ? o->seed : 1;
	for (int ep = 0; ep < o->epochs; ep++) {
		for (size_t d = ndocs; d > 1; d--) {
			size_t j = next_rand(&rnd) % d;
			size_t t = order[d - 1];
			order[d - 1] = order[j];
			order[j] = t;
		}
		size_t errors = 0, total = 0;
		for (size_t k = 0; k < ndocs; k++) {
			const prepared_t *p = &pd[order[k]];
			long e = train_doc(m, p);
			if (e < 0)
				return -1;
			errors += (size_t)e;
			for (size_t i = 0; i < p->n; i++)
				total += p->cand[i];
		}
		if (o->verbose)
			fprintf(stderr, "pass %d: %zu of %zu candidate tokens wrong\n", ep + 1, errors,
				total);
	}
	return 0;
}

/* The averaged weights in m->w and m->trans; the scale that quantises
 * them to 16 bits, and the rows that stay non-zero. */
static float average(perceptron_t *m, uint32_t *nrows)
{
	double maxabs = 0;
	for (size_t i = 0; i < m->rows * NL; i++) {
		double v = m->w[i] - m->wa[i] / m->c;
		m->w[i] = (float)v;
		if (fabs(v) > maxabs)
			maxabs = fabs(v);
	}
	for (int k = 0; k < (NL + 1) * NL; k++)
		m->trans[k] = (float)(m->trans[k] - m->transa[k] / m->c);
	float scale = maxabs > 0 ? (float)(32767.0 / maxabs) : 1.0f;
	*nrows = 0;
	for (size_t r = 0; r < m->rows; r++) {
		int nz = 0;
		for (int l = 0; l < NL; l++)
			nz |= lrintf(m->w[r * NL + l] * scale) != 0;
		*nrows += nz;
	}
	return scale;
}

/* The model's body on f (see tagger.c for the layout), hashed into *h. */
static void write_body(FILE *f, const perceptron_t *m, const an_ner_train_opts_t *o,
		       float scale, uint32_t nrows, uint64_t *h)
{
	put_u32(f, AN_NER_FORMAT_VERSION, h);
	put_u32(f, AN_NER_FEATURES_VERSION, h);
	put_u32(f, o->bits, h);
	put_u32(f, NL, h);
	put_f32(f, scale, h);
	for (int k = 0; k < (NL + 1) * NL; k++)
		put_f32(f, m->trans[k], h);
	put_u32(f, nrows, h);
	for (size_t r = 0; r < m->rows; r++) {
		int16_t q[NL];
		int nz = 0;
		for (int l = 0; l < NL; l++) {
			long v = lrintf(m->w[r * NL + l] * scale);
			q[l] = (int16_t)(v > 32767 ? 32767 : v < -32767 ? -32767 : v);
			nz |= q[l] != 0;
		}
		if (!nz)
			continue;
		put_u32(f, (uint32_t)r, h);
		for (int l = 0; l < NL; l++) {
			unsigned char b[2] = { (uint16_t)q[l] & 0xff, (uint16_t)q[l] >> 8 };
			fwrite(b, 1, 2, f);
			*h = an_hash(*h, (const char *)b, 2);
		}
	}
	put_u32(f, (uint32_t)o->nclusters, h);
	for (size_t i = 0; i < o->nclusters; i++) {
		size_t len = strlen(o->clusters[i].word);
		unsigned char l = (unsigned char)(len > 255 ? 255 : len);
		unsigned char c2[2] = { o->clusters[i].cls & 0xff, (o->clusters[i].cls >> 8) & 0xff };
		fwrite(&l, 1, 1, f);
		fwrite(o->clusters[i].word, 1, l, f);
		fwrite(c2, 1, 2, f);
		*h = an_hash(*h, (const char *)&l, 1);
		*h = an_hash(*h, o->clusters[i].word, l);
		*h = an_hash(*h, (const char *)c2, 2);
	}
}

/* Write the averaged, quantised model to path. Returns 0, or -1 with a
 * message. */
static int write_model(perceptron_t *m, const an_ner_train_opts_t *o, const char *path,
		       char *err, size_t errsz)
{
	uint32_t nrows;
	float scale = average(m, &nrows);
	FILE *f = fopen(path, "wb");
	if (!f) {
		snprintf(err, errsz, "%s: %s", path, strerror(errno));
		return -1;
	}
	uint64_t h = AN_HASH_START;
	fwrite(MAGIC, 1, 8, f);
	h = an_hash(h, MAGIC, 8);
	write_body(f, m, o, scale, nrows, &h);
	unsigned char b[8];
	for (int k = 0; k < 8; k++)
		b[k] = (unsigned char)(h >> (8 * k));
	fwrite(b, 1, 8, f);
	if (fclose(f) != 0) {
		snprintf(err, errsz, "%s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

int an_tagger_train(const an_ner_doc_t *docs, size_t ndocs, const an_ner_train_opts_t *o,
		    const char *path, char *err, size_t errsz)
{
	int rc = -1;
	perceptron_t m = { .rows = (size_t)1 << o->bits, .c = 1 };
	prepared_t *pd = calloc(ndocs ? ndocs : 1, sizeof(*pd));
	size_t *order = malloc((ndocs ? ndocs : 1) * sizeof(*order));
	size_t maxn = 1;
	an_ner_classes_t *classes = an_ner_classes_new(o->clusters, o->nclusters);
	m.w = calloc(m.rows * NL, sizeof(*m.w));
	m.wa = calloc(m.rows * NL, sizeof(*m.wa));
	if (!pd || !m.w || !m.wa || !order || !classes ||
	    prepare(docs, ndocs, o, classes, pd, order, &maxn) < 0)
		goto oom;
	m.em = malloc(maxn * NL * sizeof(*m.em));
	m.pred = malloc(maxn);
	if (!m.em || !m.pred || train_epochs(&m, pd, ndocs, order, o) < 0)
		goto oom;
	rc = write_model(&m, o, path, err, errsz);
	goto out;
oom:
	snprintf(err, errsz, "out of memory training the tagger");
out:
	for (size_t d = 0; pd && d < ndocs; d++) {
		free(pd[d].f);
		free(pd[d].off);
		free(pd[d].cand);
		free(pd[d].gold);
	}
	free(pd);
	an_ner_classes_free(classes);
	free(m.w);
	free(m.wa);
	free(order);
	free(m.em);
	free(m.pred);
	return rc;
}
