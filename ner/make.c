/* make.c - dateline-ner's commands that make the tagger's model: word
 * classes from unlabelled news (clusters) and the model itself (train). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../analysis/gazetteer.h"
#include "../analysis/tagger_train.h"
#include "../analysis/tokenize.h"
#include "../indexer/entities.h"
#include "clusters.h"
#include "commands.h"
#include "conll.h"

/* Read word<TAB>class lines. Returns 0, or -1 with a message. */
static int read_clusters(const char *path, an_ner_cluster_t **out, size_t *n)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		perror(path);
		return -1;
	}
	char line[512];
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	while (fgets(line, sizeof(line), f)) {
		char *tab = strchr(line, '\t');
		if (!tab)
			continue;
		*tab = '\0';
		if (*n == cap) {
			cap = cap ? 2 * cap : 1024;
			an_ner_cluster_t *v = realloc(*out, cap * sizeof(*v));
			if (!v) {
				fclose(f);
				return -1;
			}
			*out = v;
		}
		(*out)[*n].word = strdup(line);
		(*out)[*n].cls = (unsigned)strtoul(tab + 1, NULL, 10);
		if ((*out)[*n].word)
			(*n)++;
	}
	fclose(f);
	return 0;
}

int ner_cmd_clusters(int argc, char **argv)
{
	unsigned classes = 256;
	size_t words = 40000;
	const char *conll[8];
	size_t nconll = 0;
	int i = 0;
	for (; i + 1 < argc && strncmp(argv[i], "--", 2) == 0; i += 2) {
		if (strcmp(argv[i], "--classes") == 0)
			classes = (unsigned)strtoul(argv[i + 1], NULL, 10);
		else if (strcmp(argv[i], "--words") == 0)
			words = strtoul(argv[i + 1], NULL, 10);
		else if (strcmp(argv[i], "--conll") == 0 && nconll < 8)
			conll[nconll++] = argv[i + 1];
		else
			return ner_usage();
	}
	if (argc - i < 1 || classes <= AN_NER_GROUPS_FINE || classes > AN_NER_MAX_CLASSES)
		return ner_usage();
	const char *out = argv[i++];
	char **texts = NULL;
	size_t nt = 0, cap = 0;
	conll_doc_t *docs = NULL;
	size_t ndocs = 0;
	for (size_t k = 0; k < nconll; k++)
		if (conll_read(conll[k], &docs, &ndocs) < 0)
			return 1;
	for (; i < argc; i++) {
		FILE *f = fopen(argv[i], "r");
		if (!f) {
			perror(argv[i]);
			return 1;
		}
		char *line = NULL;
		size_t lcap = 0;
		ssize_t len;
		while ((len = getline(&line, &lcap, f)) > 0) {
			char *tab = strchr(line, '\t');
			if (nt == cap) {
				cap = cap ? 2 * cap : 4096;
				char **v = realloc(texts, cap * sizeof(*v));
				if (!v)
					return 1;
				texts = v;
			}
			texts[nt] = strdup(tab ? tab + 1 : line);
			if (!texts[nt])
				return 1;
			nt++;
		}
		free(line);
		fclose(f);
	}
	const char **all = malloc((nt + ndocs + 1) * sizeof(*all));
	if (!all)
		return 1;
	for (size_t k = 0; k < nt; k++)
		all[k] = texts[k];
	for (size_t k = 0; k < ndocs; k++)
		all[nt + k] = docs[k].text;
	an_ner_cluster_t *cl;
	size_t ncl;
	if (ner_clusters(all, nt + ndocs, classes, words, 15, &cl, &ncl) < 0) {
		fprintf(stderr, "dateline-ner: out of memory making word classes\n");
		return 1;
	}
	FILE *f = fopen(out, "w");
	if (!f) {
		perror(out);
		return 1;
	}
	for (size_t k = 0; k < ncl; k++)
		fprintf(f, "%s\t%u\n", cl[k].word, cl[k].cls);
	if (fclose(f) != 0) {
		perror(out);
		return 1;
	}
	fprintf(stderr, "%zu words in %u classes from %zu texts\n", ncl, classes, nt + ndocs);
	for (size_t k = 0; k < ncl; k++)
		free(cl[k].word);
	free(cl);
	for (size_t k = 0; k < nt; k++)
		free(texts[k]);
	free(texts);
	free(all);
	conll_free(docs, ndocs);
	return 0;
}

int ner_cmd_train(int argc, char **argv)
{
	an_ner_train_opts_t o = { 18, 15, 1, 1, NULL, 0 };
	an_ner_cluster_t *cl = NULL;
	size_t ncl = 0;
	unsigned hold = 0;
	int i = 0;
	for (; i < argc && strncmp(argv[i], "--", 2) == 0; i += 2) {
		if (i + 1 >= argc)
			return ner_usage();
		unsigned long v = strtoul(argv[i + 1], NULL, 10);
		if (strcmp(argv[i], "--clusters") == 0) {
			if (read_clusters(argv[i + 1], &cl, &ncl) < 0)
				return 1;
			o.clusters = cl;
			o.nclusters = ncl;
		} else if (strcmp(argv[i], "--bits") == 0)
			o.bits = (unsigned)v;
		else if (strcmp(argv[i], "--epochs") == 0)
			o.epochs = (int)v;
		else if (strcmp(argv[i], "--seed") == 0)
			o.seed = v;
		else if (strcmp(argv[i], "--hold") == 0)
			hold = (unsigned)v;
		else
			return ner_usage();
	}
	if (argc - i < 2 || o.bits < 8 || o.bits > 24)
		return ner_usage();
	const char *out = argv[i++];
	conll_doc_t *docs = NULL;
	size_t ndocs = 0;
	for (; i < argc; i++)
		if (conll_read(argv[i], &docs, &ndocs) < 0)
			return 1;
	an_ner_doc_t *td = malloc((ndocs ? ndocs : 1) * sizeof(*td));
	size_t nt = 0;
	if (!td)
		return 1;
	for (size_t d = 0; d < ndocs; d++)
		if (!ner_held(d, hold))
			td[nt++] = (an_ner_doc_t){ docs[d].toks, docs[d].n, docs[d].gold };
	fprintf(stderr, "training on %zu of %zu articles\n", nt, ndocs);
	char err[512];
	int rc = an_tagger_train(td, nt, &o, out, err, sizeof(err));
	if (rc < 0)
		fprintf(stderr, "dateline-ner: %s\n", err);
	for (size_t k = 0; k < ncl; k++)
		free(cl[k].word);
	free(cl);
	free(td);
	conll_free(docs, ndocs);
	return rc < 0;
}
