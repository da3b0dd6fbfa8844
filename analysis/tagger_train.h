/*
 * tagger_train.h - training the tagger's model (make model): an averaged
 * structured perceptron over the features of analysis/tagger.h, decoded
 * with the same Viterbi as tagging. Deterministic: the same documents,
 * options and seed give a byte-identical model file.
 */
#ifndef DATELINE_TAGGER_TRAIN_H
#define DATELINE_TAGGER_TRAIN_H

#include <stdint.h>

#include "tagger.h"

/* One annotated article: its tokens and their gold BIO labels. */
typedef struct {
	const an_ner_token_t *toks;
	size_t n;
	const unsigned char *gold;
} an_ner_doc_t;

typedef struct {
	unsigned bits;      /* 2^bits hashed feature rows */
	int epochs;         /* passes over the documents */
	uint64_t seed;      /* the order of the documents in each pass */
	int verbose;        /* print each pass's errors on stderr */
	const an_ner_cluster_t *clusters;   /* word classes (written into the model) */
	size_t nclusters;
} an_ner_train_opts_t;

/* Train on ndocs documents and write the model to path. Returns 0, or -1
 * with a message in err (errsz bytes). */
int an_tagger_train(const an_ner_doc_t *docs, size_t ndocs, const an_ner_train_opts_t *o,
		    const char *path, char *err, size_t errsz);

#endif /* DATELINE_TAGGER_TRAIN_H */
