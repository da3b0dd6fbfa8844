/*
 * conll.h - CoNLL-2003 files read as articles for the tagger: the text of
 * each article rebuilt from its tokens, cut by the project's tokenizer,
 * each token with the gold label of the CoNLL token it came from.
 */
#ifndef DATELINE_NER_CONLL_H
#define DATELINE_NER_CONLL_H

#include <stddef.h>

#include "../analysis/tagger.h"

typedef struct {
	char *word;          /* the CoNLL token */
	char tag[8];         /* its gold tag as the file has it (IOB1) */
	size_t start, end;   /* its bytes in the article's text */
	int sentence_end;    /* the last token of its sentence */
} conll_tok_t;

typedef struct {
	char *text;
	conll_tok_t *ct;          /* CoNLL tokens */
	size_t nct;
	an_ner_token_t *toks;     /* the project's tokens */
	char **terms;
	unsigned char *gold;      /* their BIO labels */
	size_t *src;              /* the CoNLL token each comes from */
	size_t n;
} conll_doc_t;

/* Read the articles of path (appended to *docs, *ndocs). Returns 0, or -1
 * with a message on stderr. */
int conll_read(const char *path, conll_doc_t **docs, size_t *ndocs);

void conll_free(conll_doc_t *docs, size_t ndocs);

#endif /* DATELINE_NER_CONLL_H */
