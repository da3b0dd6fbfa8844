/*
 * clusters.h - word classes from unlabelled text (see clusters.c), for
 * the tagger's cluster features.
 */
#ifndef DATELINE_NER_CLUSTERS_H
#define DATELINE_NER_CLUSTERS_H

#include <stddef.h>

#include "../analysis/tagger.h"

/* Classes of the maxwords most frequent words (folded, without a final
 * 's) of ntexts texts, nclasses classes, at most passes passes. Returns 0
 * with *out (malloc'ed, words malloc'ed; *nout of them, most frequent
 * first), or -1 when out of memory. */
int ner_clusters(const char *const *texts, size_t ntexts, unsigned nclasses, size_t maxwords,
		 int passes, an_ner_cluster_t **out, size_t *nout);

#endif /* DATELINE_NER_CLUSTERS_H */
