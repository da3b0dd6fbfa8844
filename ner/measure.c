/* measure.c - dateline-ner's commands that measure the tagger: its
 * labels token by token (tag), and the names the indexer keeps beside the
 * gold ones (old, new). */
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

int ner_cmd_tag(int argc, char **argv)
{
	unsigned n;
	held_opt(&argc, &argv, &n);
	if (argc != 2)
		return ner_usage();
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
		if (n && !ner_held(d, n))
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

int ner_cmd_old(int argc, char **argv)
{
	unsigned n;
	held_opt(&argc, &argv, &n);
	if (argc != 1)
		return ner_usage();
	conll_doc_t *docs = NULL;
	size_t ndocs = 0;
	if (conll_read(argv[0], &docs, &ndocs) < 0)
		return 1;
	for (size_t d = 0; d < ndocs; d++) {
		if (n && !ner_held(d, n))
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

int ner_cmd_new(int argc, char **argv)
{
	unsigned n;
	held_opt(&argc, &argv, &n);
	if (argc != 1)
		return ner_usage();
	if (!an_tagger_shared()) {
		fprintf(stderr, "dateline-ner: %s\n", an_tagger_shared_error());
		return 1;
	}
	conll_doc_t *docs = NULL;
	size_t ndocs = 0;
	if (conll_read(argv[0], &docs, &ndocs) < 0)
		return 1;
	for (size_t d = 0; d < ndocs; d++) {
		if (n && !ner_held(d, n))
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
