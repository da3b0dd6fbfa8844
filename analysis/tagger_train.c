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

int an_tagger_train(const an_ner_doc_t *docs, size_t ndocs, const an_ner_train_opts_t *o,
		    const char *path, char *err, size_t errsz)
{
	int rc = -1;
	size_t rows = (size_t)1 << o->bits;
	prepared_t *pd = calloc(ndocs ? ndocs : 1, sizeof(*pd));
	float *w = calloc(rows * NL, sizeof(*w));
	double *wa = calloc(rows * NL, sizeof(*wa));
	float trans[(NL + 1) * NL] = { 0 };
	double transa[(NL + 1) * NL] = { 0 };
	size_t *order = malloc((ndocs ? ndocs : 1) * sizeof(*order));
	size_t maxn = 1;
	float *em = NULL;
	unsigned char *pred = NULL;
	FILE *f = NULL;
	an_ner_classes_t *classes = an_ner_classes_new(o->clusters, o->nclusters);
	if (!pd || !w || !wa || !order || !classes)
		goto oom;
	for (size_t d = 0; d < ndocs; d++) {
		size_t n = docs[d].n;
		pd[d].n = n;
		pd[d].cand = malloc(n ? n : 1);
		pd[d].gold = malloc(n ? n : 1);
		if (!pd[d].cand || !pd[d].gold)
			goto oom;
		an_ner_candidates(docs[d].toks, n, pd[d].cand);
		project(docs[d].gold, pd[d].cand, n, pd[d].gold);
		if (an_ner_features(docs[d].toks, n, pd[d].cand, o->bits, classes, &pd[d].f,
				    &pd[d].off) < 0)
			goto oom;
		if (n > maxn)
			maxn = n;
		order[d] = d;
	}
	em = malloc(maxn * NL * sizeof(*em));
	pred = malloc(maxn);
	if (!em || !pred)
		goto oom;

	double c = 1;
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
			prepared_t *p = &pd[order[k]];
			for (size_t i = 0; i < p->n; i++) {
				for (int l = 0; l < NL; l++)
					em[i * NL + l] = 0;
				for (size_t q = p->off[i]; q < p->off[i + 1]; q++) {
					const float *row = w + (size_t)p->f[q] * NL;
					for (int l = 0; l < NL; l++)
						em[i * NL + l] += row[l];
				}
			}
			if (an_ner_viterbi(em, trans, p->cand, p->n, pred) < 0)
				goto oom;
			for (size_t i = 0; i < p->n; i++) {
				total += p->cand[i];
				int g = p->gold[i], y = pred[i];
				if (g != y) {
					errors++;
					for (size_t q = p->off[i]; q < p->off[i + 1]; q++) {
						size_t r = (size_t)p->f[q] * NL;
						w[r + g] += 1;
						wa[r + g] += c;
						w[r + y] -= 1;
						wa[r + y] -= c;
					}
				}
				int gp = i ? p->gold[i - 1] : -1, yp = i ? pred[i - 1] : -1;
				if (g != y || gp != yp) {
					trans[(gp + 1) * NL + g] += 1;
					transa[(gp + 1) * NL + g] += c;
					trans[(yp + 1) * NL + y] -= 1;
					transa[(yp + 1) * NL + y] -= c;
				}
			}
			c += 1;
		}
		if (o->verbose)
			fprintf(stderr, "pass %d: %zu of %zu candidate tokens wrong\n", ep + 1, errors,
				total);
	}

	/* The averages, quantised to 16 bits. */
	double maxabs = 0;
	for (size_t i = 0; i < rows * NL; i++) {
		double v = w[i] - wa[i] / c;
		w[i] = (float)v;
		if (fabs(v) > maxabs)
			maxabs = fabs(v);
	}
	for (int k = 0; k < (NL + 1) * NL; k++)
		trans[k] = (float)(trans[k] - transa[k] / c);
	float scale = maxabs > 0 ? (float)(32767.0 / maxabs) : 1.0f;
	uint32_t nrows = 0;
	for (size_t r = 0; r < rows; r++) {
		int nz = 0;
		for (int l = 0; l < NL; l++)
			nz |= lrintf(w[r * NL + l] * scale) != 0;
		nrows += nz;
	}
	f = fopen(path, "wb");
	if (!f) {
		snprintf(err, errsz, "%s: %s", path, strerror(errno));
		goto out;
	}
	uint64_t h = AN_HASH_START;
	fwrite(MAGIC, 1, 8, f);
	h = an_hash(h, MAGIC, 8);
	put_u32(f, AN_NER_FORMAT_VERSION, &h);
	put_u32(f, AN_NER_FEATURES_VERSION, &h);
	put_u32(f, o->bits, &h);
	put_u32(f, NL, &h);
	put_f32(f, scale, &h);
	for (int k = 0; k < (NL + 1) * NL; k++)
		put_f32(f, trans[k], &h);
	put_u32(f, nrows, &h);
	for (size_t r = 0; r < rows; r++) {
		int16_t q[NL];
		int nz = 0;
		for (int l = 0; l < NL; l++) {
			long v = lrintf(w[r * NL + l] * scale);
			q[l] = (int16_t)(v > 32767 ? 32767 : v < -32767 ? -32767 : v);
			nz |= q[l] != 0;
		}
		if (!nz)
			continue;
		put_u32(f, (uint32_t)r, &h);
		for (int l = 0; l < NL; l++) {
			unsigned char b[2] = { (uint16_t)q[l] & 0xff, (uint16_t)q[l] >> 8 };
			fwrite(b, 1, 2, f);
			h = an_hash(h, (const char *)b, 2);
		}
	}
	put_u32(f, (uint32_t)o->nclusters, &h);
	for (size_t i = 0; i < o->nclusters; i++) {
		size_t len = strlen(o->clusters[i].word);
		unsigned char l = (unsigned char)(len > 255 ? 255 : len);
		unsigned char c2[2] = { o->clusters[i].cls & 0xff, (o->clusters[i].cls >> 8) & 0xff };
		fwrite(&l, 1, 1, f);
		fwrite(o->clusters[i].word, 1, l, f);
		fwrite(c2, 1, 2, f);
		h = an_hash(h, (const char *)&l, 1);
		h = an_hash(h, o->clusters[i].word, l);
		h = an_hash(h, (const char *)c2, 2);
	}
	unsigned char b[8];
	for (int k = 0; k < 8; k++)
		b[k] = (unsigned char)(h >> (8 * k));
	fwrite(b, 1, 8, f);
	if (fclose(f) != 0) {
		f = NULL;
		snprintf(err, errsz, "%s: %s", path, strerror(errno));
		goto out;
	}
	f = NULL;
	rc = 0;
	goto out;
oom:
	snprintf(err, errsz, "out of memory training the tagger");
out:
	if (f)
		fclose(f);
	for (size_t d = 0; pd && d < ndocs; d++) {
		free(pd[d].f);
		free(pd[d].off);
		free(pd[d].cand);
		free(pd[d].gold);
	}
	free(pd);
	an_ner_classes_free(classes);
	free(w);
	free(wa);
	free(order);
	free(em);
	free(pred);
	return rc;
}
