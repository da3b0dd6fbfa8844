/* conll.c - CoNLL-2003 files as articles (see conll.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../analysis/tokenize.h"
#include "conll.h"

typedef struct {
	char *s;
	size_t n, cap;
} sbuf_t;

static int sb_add(sbuf_t *b, const char *s, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 4096;
		while (cap < b->n + n + 1)
			cap *= 2;
		char *p = realloc(b->s, cap);
		if (!p)
			return -1;
		b->s = p;
		b->cap = cap;
	}
	memcpy(b->s + b->n, s, n);
	b->n += n;
	b->s[b->n] = '\0';
	return 0;
}

/* Clitics the project's text writes joined to their word ("Kerry's"). */
static int clitic(const char *w)
{
	static const char *const c[] = { "'s", "'S", "n't", "'re", "'ve", "'ll", "'d", "'m", NULL };
	for (const char *const *p = c; *p; p++)
		if (strcmp(w, *p) == 0)
			return 1;
	return 0;
}

static int ends_sentence(const char *w)
{
	size_t n = strlen(w);
	return n && strchr(".!?\"')", w[n - 1]) != NULL;
}

typedef struct {
	conll_doc_t *d;
	size_t cap;
	size_t next_ct;
	int oom;
} tokctx_t;

static int add_tok(const an_token_t *tok, void *vctx)
{
	tokctx_t *c = vctx;
	conll_doc_t *d = c->d;
	if (d->n == c->cap) {
		size_t cap = c->cap ? 2 * c->cap : 512;
		an_ner_token_t *t = realloc(d->toks, cap * sizeof(*t));
		char **terms = realloc(d->terms, cap * sizeof(*terms));
		size_t *src = realloc(d->src, cap * sizeof(*src));
		if (t)
			d->toks = t;
		if (terms)
			d->terms = terms;
		if (src)
			d->src = src;
		if (!t || !terms || !src) {
			c->oom = 1;
			return 1;
		}
		c->cap = cap;
	}
	while (c->next_ct + 1 < d->nct && d->ct[c->next_ct].end <= tok->start)
		c->next_ct++;
	d->terms[d->n] = strdup(tok->term);
	if (!d->terms[d->n]) {
		c->oom = 1;
		return 1;
	}
	d->toks[d->n] = (an_ner_token_t){ NULL, tok->start, tok->end, NULL };
	d->src[d->n] = c->next_ct;
	d->n++;
	return 0;
}

static int type_of(const char *tag)
{
	if (strlen(tag) < 3)
		return AN_NER_NONE;
	const char *t = tag + 2;
	if (strcmp(t, "PER") == 0)
		return AN_NER_PER;
	if (strcmp(t, "ORG") == 0)
		return AN_NER_ORG;
	if (strcmp(t, "LOC") == 0)
		return AN_NER_LOC;
	if (strcmp(t, "MISC") == 0)
		return AN_NER_MISC;
	return AN_NER_NONE;
}

/* Tokenize the rebuilt text and give each token its gold label. */
static int finish_doc(conll_doc_t *d)
{
	tokctx_t c = { d, 0, 0, 0 };
	if (an_tokenize(d->text, strlen(d->text), add_tok, &c) < 0 || c.oom)
		return -1;
	d->gold = malloc(d->n ? d->n : 1);
	if (!d->gold)
		return -1;
	/* The entity (span id) of each CoNLL token, IOB1. */
	long *span = malloc((d->nct ? d->nct : 1) * sizeof(*span));
	if (!span)
		return -1;
	long id = 0;
	for (size_t i = 0; i < d->nct; i++) {
		int ty = type_of(d->ct[i].tag);
		if (!ty) {
			span[i] = -1;
			continue;
		}
		int cont = i > 0 && span[i - 1] >= 0 && type_of(d->ct[i - 1].tag) == ty &&
			   d->ct[i].tag[0] == 'I' && !d->ct[i - 1].sentence_end;
		span[i] = cont ? span[i - 1] : ++id;
	}
	for (size_t k = 0; k < d->n; k++) {
		d->toks[k].text = d->text;
		d->toks[k].term = d->terms[k];
		size_t s = d->src[k];
		int ty = span[s] >= 0 ? type_of(d->ct[s].tag) : AN_NER_NONE;
		if (!ty) {
			d->gold[k] = AN_NER_O;
			continue;
		}
		int inside = k > 0 && span[d->src[k - 1]] == span[s];
		d->gold[k] = (unsigned char)(2 * ty - (inside ? 0 : 1));
	}
	free(span);
	return 0;
}

int conll_read(const char *path, conll_doc_t **docs, size_t *ndocs)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		perror(path);
		return -1;
	}
	char line[4096];
	conll_doc_t cur = { 0 };
	sbuf_t text = { 0 };
	size_t cap = 0;
	int sentence_open = 0, rc = 0;
	for (;;) {
		char *l = fgets(line, sizeof(line), f);
		int docstart = l && strncmp(l, "-DOCSTART-", 10) == 0;
		if (!l || docstart) {
			if (cur.nct) {
				cur.text = text.s ? text.s : strdup("");
				text = (sbuf_t){ 0 };
				if (finish_doc(&cur) < 0) {
					rc = -1;
					break;
				}
				conll_doc_t *v = *docs;
				if (*ndocs == cap || !v) {
					cap = cap ? 2 * cap : 256;
					v = realloc(*docs, cap * sizeof(*v));
					if (!v) {
						rc = -1;
						break;
					}
					*docs = v;
				}
				v[(*ndocs)++] = cur;
			}
			memset(&cur, 0, sizeof(cur));
			free(text.s);
			text = (sbuf_t){ 0 };
			sentence_open = 0;
			if (!l)
				break;
			continue;
		}
		l[strcspn(l, "\r\n")] = '\0';
		if (!*l) {
			if (sentence_open && cur.nct)
				cur.ct[cur.nct - 1].sentence_end = 1;
			sentence_open = 0;
			continue;
		}
		char *word = strtok(l, " ");
		char *last = word, *tok;
		while ((tok = strtok(NULL, " ")))
			last = tok;
		if (!word)
			continue;
		conll_tok_t *ct = realloc(cur.ct, (cur.nct + 1) * sizeof(*ct));
		if (!ct) {
			rc = -1;
			break;
		}
		cur.ct = ct;
		conll_tok_t *t = &cur.ct[cur.nct];
		memset(t, 0, sizeof(*t));
		/* Sentences: on in one paragraph after a full stop, a new
		 * paragraph after a line that does not end one (headline,
		 * byline, dateline). */
		if (cur.nct && !sentence_open)
			sb_add(&text, ends_sentence(cur.ct[cur.nct - 1].word) ? " " : "\n\n",
			       ends_sentence(cur.ct[cur.nct - 1].word) ? 1 : 2);
		else if (cur.nct && !clitic(word))
			sb_add(&text, " ", 1);
		sentence_open = 1;
		t->start = text.n;
		if (sb_add(&text, word, strlen(word)) < 0) {
			rc = -1;
			break;
		}
		t->end = text.n;
		t->word = strdup(word);
		snprintf(t->tag, sizeof(t->tag), "%s", last);
		cur.nct++;
	}
	if (rc < 0)
		fprintf(stderr, "%s: out of memory\n", path);
	free(text.s);
	fclose(f);
	return rc;
}

void conll_free(conll_doc_t *docs, size_t ndocs)
{
	for (size_t d = 0; d < ndocs; d++) {
		for (size_t i = 0; i < docs[d].nct; i++)
			free(docs[d].ct[i].word);
		for (size_t i = 0; i < docs[d].n; i++)
			free(docs[d].terms[i]);
		free(docs[d].ct);
		free(docs[d].terms);
		free(docs[d].toks);
		free(docs[d].gold);
		free(docs[d].src);
		free(docs[d].text);
	}
	free(docs);
}
