/*
 * dateline-ner - train and measure the tagger on CoNLL-2003 files (make
 * model, make eval). Not installed.
 *
 *   dateline-ner train [--bits B] [--epochs E] [--seed S] [--hold N] [--clusters TSV] OUT FILE...
 *       train on the articles of FILEs (with --hold N, leave out every
 *       N-th article: the development split) and write the model to OUT;
 *   dateline-ner clusters [--classes C] [--words N] [--conll FILE] OUT TEXT...
 *       word classes (ner/clusters.c) of the lines of TEXT files (one
 *       article a line, as entities-dump --text writes them: the text after
 *       the first tab) and of the articles of CoNLL FILEs, written to OUT as
 *       word<TAB>class lines; train --clusters OUT puts them in the model;
 *   dateline-ner tag [--held N] MODEL FILE
 *       print every CoNLL token as "word gold predicted" (BIO), articles
 *       after a -DOCSTART- line, sentences separated by blank lines (with
 *       --held N, only the articles --hold N left out);
 *   dateline-ner old [--held N] FILE
 *       the people and places the rule-based extraction (indexer/entities.c)
 *       finds in each article: "persons<TAB>places" keys joined by ';';
 *   dateline-ner new [--held N] FILE
 *       what the indexer keeps of each article (entities_extract: tagger
 *       and normal forms), and the gold names through the same normal
 *       forms: "persons<TAB>orgs<TAB>places<TAB>gold persons<TAB>gold
 *       orgs<TAB>gold places", keys joined by ';'.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../analysis/gazetteer.h"
#include "../analysis/tagger_train.h"
#include "../analysis/tokenize.h"
#include "../indexer/entities.h"
#include "clusters.h"
#include "conll.h"

static int usage(void)
{
	fprintf(stderr, "usage: dateline-ner train [--bits B] [--epochs E] [--seed S] [--hold N] [--clusters TSV] OUT FILE...\n"
			"       dateline-ner clusters [--classes C] [--words N] [--conll FILE] OUT TEXT...\n"
			"       dateline-ner tag [--held N] MODEL FILE\n"
			"       dateline-ner old [--held N] FILE\n"
			"       dateline-ner new [--held N] FILE\n");
	return 2;
}

/* Is article d in the held-out part (every n-th from the 5th)? */
static int held(size_t d, unsigned n)
{
	return n && d % n == n - 1;
}

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

static int clusters(int argc, char **argv)
{
	unsigned classes = 128;
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
			return usage();
	}
	if (argc - i < 1 || classes < 2 || classes > 65535)
		return usage();
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

static int train(int argc, char **argv)
{
	an_ner_train_opts_t o = { 18, 15, 1, 1, NULL, 0 };
	an_ner_cluster_t *cl = NULL;
	size_t ncl = 0;
	unsigned hold = 0;
	int i = 0;
	for (; i < argc && strncmp(argv[i], "--", 2) == 0; i += 2) {
		if (i + 1 >= argc)
			return usage();
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
			return usage();
	}
	if (argc - i < 2 || o.bits < 8 || o.bits > 24)
		return usage();
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
		if (!held(d, hold))
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

static int held_opt(int *argc, char ***argv, unsigned *n)
{
	*n = 0;
	if (*argc >= 2 && strcmp((*argv)[0], "--held") == 0) {
		*n = (unsigned)strtoul((*argv)[1], NULL, 10);
		*argc -= 2;
		*argv += 2;
	}
	return 0;
}

static const char *label_tag(int l, char *buf)
{
	if (l == AN_NER_O)
		return "O";
	sprintf(buf, "%s-%s", AN_NER_IS_B(l) ? "B" : "I", an_ner_type_name(AN_NER_TYPE(l)));
	return buf;
}

static int tag(int argc, char **argv)
{
	unsigned n;
	held_opt(&argc, &argv, &n);
	if (argc != 2)
		return usage();
	an_tagger_t *m;
	char err[512];
	if (an_tagger_load(argv[0], &m, err, sizeof(err)) < 0) {
		fprintf(stderr, "dateline-ner: %s\n", err);
		return 1;
	}
	conll_doc_t *docs = NULL;
	size_t ndocs = 0;
	if (conll_read(argv[1], &docs, &ndocs) < 0)
		return 1;
	for (size_t d = 0; d < ndocs; d++) {
		if (n && !held(d, n))
			continue;
		conll_doc_t *doc = &docs[d];
		unsigned char *lab = malloc(doc->n ? doc->n : 1);
		int *pred = calloc(doc->nct ? doc->nct : 1, sizeof(*pred));
		if (!lab || !pred || an_tagger_tag(m, doc->toks, doc->n, lab) < 0)
			return 1;
		/* Each predicted entity covers the CoNLL tokens its tokens come
		 * from: B- on the first, I- on the others. */
		for (size_t k = 0; k < doc->n; k++) {
			if (lab[k] == AN_NER_O)
				continue;
			size_t e = k;
			while (e + 1 < doc->n && lab[e + 1] != AN_NER_O && !AN_NER_IS_B(lab[e + 1]))
				e++;
			int ty = AN_NER_TYPE(lab[k]);
			for (size_t c = doc->src[k]; c <= doc->src[e]; c++)
				pred[c] = c == doc->src[k] ? 2 * ty - 1 : 2 * ty;
			k = e;
		}
		printf("-DOCSTART- O O\n\n");
		char b1[16];
		for (size_t c = 0; c < doc->nct; c++) {
			printf("%s %s %s\n", doc->ct[c].word, doc->ct[c].tag, label_tag(pred[c], b1));
			if (doc->ct[c].sentence_end || c + 1 == doc->nct)
				putchar('\n');
		}
		free(lab);
		free(pred);
	}
	conll_free(docs, ndocs);
	an_tagger_free(m);
	return 0;
}

static int old(int argc, char **argv)
{
	unsigned n;
	held_opt(&argc, &argv, &n);
	if (argc != 1)
		return usage();
	conll_doc_t *docs = NULL;
	size_t ndocs = 0;
	if (conll_read(argv[0], &docs, &ndocs) < 0)
		return 1;
	for (size_t d = 0; d < ndocs; d++) {
		if (n && !held(d, n))
			continue;
		article_t a = { 0 };
		a.body = docs[d].text;
		entities_t e;
		if (entities_extract_rules(&a, &e) < 0)
			return 1;
		for (size_t i = 0; i < e.npersons; i++)
			printf("%s%s", i ? ";" : "", e.persons[i].key);
		putchar('\t');
		for (size_t i = 0; i < e.nplaces; i++)
			printf("%s%s", i ? ";" : "", e.places[i].key);
		putchar('\n');
		entities_free(&e);
	}
	conll_free(docs, ndocs);
	return 0;
}

static void keys(const entity_t *e, size_t n)
{
	for (size_t i = 0; i < n; i++)
		printf("%s%s", i ? ";" : "", e[i].key);
	putchar('\t');
}

/* The gold entities of type ty in doc, keyed as the indexer keys them. */
static void gold_keys(const conll_doc_t *doc, int ty)
{
	int first = 1;
	for (size_t i = 0; i < doc->nct; i++) {
		const char *tag = doc->ct[i].tag;
		if (strlen(tag) < 3 || strcmp(tag + 2, an_ner_type_name(ty)) != 0)
			continue;
		size_t e = i;
		while (e + 1 < doc->nct && !doc->ct[e].sentence_end && doc->ct[e + 1].tag[0] == 'I' &&
		       strcmp(doc->ct[e + 1].tag, tag + 0) == 0)
			e++;
		const char *s = doc->text + doc->ct[i].start;
		size_t len = doc->ct[e].end - doc->ct[i].start;
		char key[256] = "";
		if (ty == AN_NER_PER) {
			an_person_key(s, len, key, sizeof(key));
		} else if (ty == AN_NER_LOC) {
			const an_place_t *pl = an_place_find(s, len);
			if (pl)
				snprintf(key, sizeof(key), "%s", pl->key);
			else
				an_normalise(s, len, key, sizeof(key));
		} else {
			an_normalise(s, len, key, sizeof(key));
		}
		if (*key)
			printf("%s%s", first ? "" : ";", key);
		first = 0;
		i = e;
	}
}

static int new_(int argc, char **argv)
{
	unsigned n;
	held_opt(&argc, &argv, &n);
	if (argc != 1)
		return usage();
	if (!an_tagger_shared()) {
		fprintf(stderr, "dateline-ner: %s\n", an_tagger_shared_error());
		return 1;
	}
	conll_doc_t *docs = NULL;
	size_t ndocs = 0;
	if (conll_read(argv[0], &docs, &ndocs) < 0)
		return 1;
	for (size_t d = 0; d < ndocs; d++) {
		if (n && !held(d, n))
			continue;
		article_t a = { 0 };
		a.body = docs[d].text;
		entities_t e;
		if (entities_extract(&a, &e) < 0)
			return 1;
		keys(e.persons, e.npersons);
		keys(e.orgs, e.norgs);
		keys(e.places, e.nplaces);
		gold_keys(&docs[d], AN_NER_PER);
		putchar('\t');
		gold_keys(&docs[d], AN_NER_ORG);
		putchar('\t');
		gold_keys(&docs[d], AN_NER_LOC);
		putchar('\n');
		entities_free(&e);
	}
	conll_free(docs, ndocs);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return usage();
	if (strcmp(argv[1], "train") == 0)
		return train(argc - 2, argv + 2);
	if (strcmp(argv[1], "tag") == 0)
		return tag(argc - 2, argv + 2);
	if (strcmp(argv[1], "clusters") == 0)
		return clusters(argc - 2, argv + 2);
	if (strcmp(argv[1], "old") == 0)
		return old(argc - 2, argv + 2);
	if (strcmp(argv[1], "new") == 0)
		return new_(argc - 2, argv + 2);
	return usage();
}
