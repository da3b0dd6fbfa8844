/* query.c - parsing Dateline's query language (see query.h). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../analysis/schema.h"
#include "../analysis/stopwords.h"
#include "../analysis/terms.h"
#include "../analysis/tokenize.h"
#include "query.h"

enum modifier { MOD_NONE, MOD_REQUIRE, MOD_EXCLUDE };

/* One parsed clause: the text of a word or phrase and how it is used. */
typedef struct {
	enum modifier mod;
	const dl_field_t *field;  /* NULL: free text */
	const char *text;         /* not NUL-terminated */
	size_t len;
	int phrase;               /* it was quoted */
	size_t column;            /* 1-based, for messages */
} clause_t;

/* The tokens of one clause, collected by the tokenizer callback. */
typedef struct {
	an_token_t toks[QUERY_MAX_PHRASE_WORDS];
	char words[QUERY_MAX_PHRASE_WORDS][AN_MAX_TOKEN_BYTES + 1];
	size_t n;
	int too_many;
} clause_tokens_t;

static int collect(const an_token_t *tok, void *ctx)
{
	clause_tokens_t *ct = ctx;
	if (ct->n == QUERY_MAX_PHRASE_WORDS) {
		ct->too_many = 1;
		return 1;
	}
	memcpy(ct->words[ct->n], tok->term, tok->len + 1);
	ct->toks[ct->n] = *tok;
	ct->toks[ct->n].term = ct->words[ct->n];
	ct->n++;
	return 0;
}

/* Build the query for one token, as a word: its ranking term in the free
 * text, plus the boosted field terms. */
static dx_query_t *word_query(const an_token_t *tok, an_stemmer_t *st,
			      const dl_field_t *field, const query_boosts_t *b)
{
	char term[AN_TERM_BUF];
	dx_query_t *parts[5] = { NULL, NULL, NULL, NULL, NULL }, *out = NULL, *t;
	size_t n = 0;

	if (field) {
		an_rank_term(st, field->word_prefix, tok, term);
		dx_query_term(term, 1, &out);
		return out;
	}
	an_rank_term(st, "", tok, term);
	dx_query_term(term, 1, &parts[n++]);
	const struct { const char *prefix; double w; } boosted[] = {
		{ DL_PREFIX_TITLE, b->title },
		{ DL_PREFIX_AUTHOR, b->author },
		{ DL_PREFIX_PLACE, b->place },
	};
	for (size_t i = 0; i < 3; i++) {
		if (boosted[i].w <= 0)
			continue;
		an_rank_term(st, boosted[i].prefix, tok, term);
		if (dx_query_term(term, 1, &t) != DX_OK)
			continue;
		dx_query_scale(t, boosted[i].w, &parts[n]);
		dx_query_destroy(t);
		if (parts[n])
			n++;
	}
	/* The word as typed (unstemmed), where it differs from its stem. */
	if (b->exact > 0 && an_token_stems(tok)) {
		an_word_term("", tok, term);
		if (dx_query_term(term, 1, &t) == DX_OK) {
			dx_query_scale(t, b->exact, &parts[n]);
			dx_query_destroy(t);
			if (parts[n])
				n++;
		}
	}
	dx_query_combine(DX_OP_OR, parts, n, 0, &out);
	for (size_t i = 0; i < n; i++)
		dx_query_destroy(parts[i]);
	return out;
}

/* Build the phrase query of the tokens, on the field's word terms. */
static dx_query_t *phrase_query(const clause_tokens_t *ct,
				const dl_field_t *field)
{
	dx_query_t *parts[QUERY_MAX_PHRASE_WORDS], *out = NULL;
	char term[AN_TERM_BUF];
	for (size_t i = 0; i < ct->n; i++) {
		an_word_term(field ? field->word_prefix : "", &ct->toks[i], term);
		parts[i] = NULL;
		dx_query_term(term, 1, &parts[i]);
	}
	dx_query_combine(DX_OP_PHRASE, parts, ct->n, (unsigned)ct->n, &out);
	for (size_t i = 0; i < ct->n; i++)
		dx_query_destroy(parts[i]);
	return out;
}

/* Remember what the snippet must highlight for a positive clause. */
static int add_item(query_t *q, const clause_tokens_t *ct, an_stemmer_t *st,
		    int as_phrase)
{
	query_item_t *items = realloc(q->items, (q->nitems + 1) * sizeof(*items));
	if (!items)
		return -1;
	q->items = items;
	query_item_t *it = &items[q->nitems];
	it->nwords = as_phrase ? ct->n : 1;
	it->words = calloc(it->nwords, sizeof(char *));
	if (!it->words)
		return -1;
	q->nitems++;
	for (size_t i = 0; i < it->nwords; i++) {
		char term[AN_TERM_BUF];
		size_t n = as_phrase ? an_word_term("", &ct->toks[i], term)
				     : an_rank_term(st, "", &ct->toks[i], term);
		it->words[i] = strndup(term, n);
		if (!it->words[i])
			return -1;
	}
	return 0;
}

static void fail(char *err, size_t errsz, const char *fmt, size_t column,
		 const char *arg, size_t arglen)
{
	char what[128];
	snprintf(what, sizeof(what), "%.*s", (int)(arglen < 100 ? arglen : 100),
		 arg ? arg : "");
	snprintf(err, errsz, fmt, what, column);
}

/* Split text into clauses. Returns the count, or -1 on a syntax error. */
static long split_clauses(const char *text, clause_t *cl, char *err,
			  size_t errsz)
{
	size_t i = 0, len = strlen(text);
	long n = 0;

	while (i < len) {
		while (i < len && isspace((unsigned char)text[i]))
			i++;
		if (i >= len)
			break;
		if (n == QUERY_MAX_CLAUSES) {
			snprintf(err, errsz, "more than %d words at column %zu",
				 QUERY_MAX_CLAUSES, i + 1);
			return -1;
		}
		clause_t *c = &cl[n];
		memset(c, 0, sizeof(*c));
		c->column = i + 1;
		if (text[i] == '+' || text[i] == '-') {
			c->mod = text[i] == '+' ? MOD_REQUIRE : MOD_EXCLUDE;
			i++;
		}
		/* field: - letters then a colon, not followed by a space */
		size_t j = i;
		while (j < len && isalpha((unsigned char)text[j]))
			j++;
		if (j > i && j < len && text[j] == ':' && j + 1 < len &&
		    !isspace((unsigned char)text[j + 1])) {
			c->field = dl_field_find(text + i, j - i);
			if (!c->field) {
				fail(err, errsz, "unknown field '%s:' at column %zu "
				     "(fields: title, author, place)", i + 1, text + i, j - i);
				return -1;
			}
			i = j + 1;
		}
		if (i < len && text[i] == '"') {
			const char *close = memchr(text + i + 1, '"', len - i - 1);
			if (!close) {
				snprintf(err, errsz, "unbalanced quote at column %zu", i + 1);
				return -1;
			}
			c->phrase = 1;
			c->text = text + i + 1;
			c->len = (size_t)(close - c->text);
			i = (size_t)(close - text) + 1;
		} else {
			c->text = text + i;
			while (i < len && !isspace((unsigned char)text[i]) && text[i] != '"')
				i++;
			c->len = (size_t)(text + i - c->text);
		}
		n++;
	}
	return n;
}

int query_parse(const char *text, an_stemmer_t *st, const query_boosts_t *boosts,
		query_t *out, char *err, size_t errsz)
{
	clause_t *cl = malloc(QUERY_MAX_CLAUSES * sizeof(*cl));
	clause_tokens_t *ct = malloc(sizeof(*ct));
	dx_query_t **req = NULL, **opt = NULL, **exc = NULL;
	size_t nreq = 0, nopt = 0, nexc = 0, nstop = 0;
	int rc = -2;
	long n;

	memset(out, 0, sizeof(*out));
	snprintf(err, errsz, "out of memory");
	if (!cl || !ct)
		goto out;
	n = split_clauses(text, cl, err, errsz);
	if (n < 0) {
		rc = -1;
		goto out;
	}
	req = calloc((size_t)n + 1, sizeof(*req));
	opt = calloc((size_t)n + 1, sizeof(*opt));
	exc = calloc((size_t)n + 1, sizeof(*exc));
	if (!req || !opt || !exc)
		goto out;

	for (long k = 0; k < n; k++) {
		clause_t *c = &cl[k];
		ct->n = 0;
		ct->too_many = 0;
		if (an_tokenize(c->text, c->len, collect, ct) < 0)
			goto out;
		if (ct->too_many) {
			snprintf(err, errsz, "phrase of more than %d words at column %zu",
				 QUERY_MAX_PHRASE_WORDS, c->column);
			rc = -1;
			goto out;
		}
		if (ct->n == 0)
			continue; /* punctuation only */
		int as_phrase = ct->n > 1;
		/* A stop word on its own adds noise, not meaning ("+the" and
		 * phrases keep theirs). */
		if (!as_phrase && c->mod == MOD_NONE && !c->field && !c->phrase &&
		    an_is_stopword(an_stemmer_language(st), ct->toks[0].term, ct->toks[0].len)) {
			nstop++;
			continue;
		}
		dx_query_t *sub = as_phrase ? phrase_query(ct, c->field)
					    : word_query(&ct->toks[0], st, c->field, boosts);
		if (!sub) {
			snprintf(err, errsz, "cannot build the query: %s", dx_last_error());
			goto out;
		}
		if (c->mod == MOD_EXCLUDE) {
			exc[nexc++] = sub;
			continue;
		}
		if (c->mod == MOD_REQUIRE)
			req[nreq++] = sub;
		else
			opt[nopt++] = sub;
		out->nwords += ct->n;
		if (add_item(out, ct, st, as_phrase) < 0)
			goto out;
	}

	if (nreq + nopt == 0) {
		snprintf(err, errsz, nexc ? "the query only excludes words: add a word to "
			 "search for" : nstop ? "the query has only stop words (such as "
			 "'the', 'of'): put it in quotes to search for the phrase"
			 : "the query has no words to search for");
		rc = -1;
		goto out;
	}
	dx_query_t *required = NULL, *optional = NULL, *q = NULL, *excluded = NULL;
	if (nreq)
		dx_query_combine(DX_OP_AND, req, nreq, 0, &required);
	if (nopt)
		dx_query_combine(boosts->all_words ? DX_OP_AND : DX_OP_OR, opt, nopt, 0,
				 &optional);
	if (required && optional) {
		dx_query_t *both[2] = { required, optional };
		dx_query_combine(DX_OP_AND_MAYBE, both, 2, 0, &q);
		dx_query_destroy(required);
		dx_query_destroy(optional);
	} else {
		q = required ? required : optional;
	}
	if (q && nexc) {
		dx_query_combine(DX_OP_OR, exc, nexc, 0, &excluded);
		dx_query_t *pair[2] = { q, excluded };
		dx_query_t *r = NULL;
		dx_query_combine(DX_OP_AND_NOT, pair, 2, 0, &r);
		dx_query_destroy(q);
		dx_query_destroy(excluded);
		q = r;
	}
	if (!q) {
		snprintf(err, errsz, "cannot build the query: %s", dx_last_error());
		goto out;
	}
	out->query = q;
	rc = 0;
out:
	for (size_t i = 0; i < nreq; i++)
		dx_query_destroy(req[i]);
	for (size_t i = 0; i < nopt; i++)
		dx_query_destroy(opt[i]);
	for (size_t i = 0; i < nexc; i++)
		dx_query_destroy(exc[i]);
	free(req);
	free(opt);
	free(exc);
	free(ct);
	free(cl);
	if (rc != 0)
		query_free(out);
	return rc;
}

void query_free(query_t *q)
{
	dx_query_destroy(q->query);
	for (size_t i = 0; i < q->nitems; i++) {
		for (size_t j = 0; j < q->items[i].nwords; j++)
			free(q->items[i].words[j]);
		free(q->items[i].words);
	}
	free(q->items);
	memset(q, 0, sizeof(*q));
}

int query_parse_boosts(const char *spec, query_boosts_t *b, char *err,
		       size_t errsz)
{
	const char *p = spec;
	while (*p) {
		const char *eq = strchr(p, '=');
		const char *end = strchr(p, ',');
		if (!end)
			end = p + strlen(p);
		if (!eq || eq > end) {
			snprintf(err, errsz, "--boost: expected FIELD=WEIGHT, got '%.*s'",
				 (int)(end - p), p);
			return -1;
		}
		char *num_end;
		double w = strtod(eq + 1, &num_end);
		if (num_end != end || !(w >= 0) || w > 1000) {
			snprintf(err, errsz, "--boost: '%.*s' is not a weight from 0 to 1000",
				 (int)(end - eq - 1), eq + 1);
			return -1;
		}
		size_t flen = (size_t)(eq - p);
		if (flen == 5 && strncasecmp(p, "title", 5) == 0)
			b->title = w;
		else if (flen == 6 && strncasecmp(p, "author", 6) == 0)
			b->author = w;
		else if (flen == 5 && strncasecmp(p, "place", 5) == 0)
			b->place = w;
		else if (flen == 5 && strncasecmp(p, "exact", 5) == 0)
			b->exact = w;
		else {
			snprintf(err, errsz, "--boost: unknown field '%.*s' "
				 "(fields: title, author, place, exact)", (int)flen, p);
			return -1;
		}
		p = *end ? end + 1 : end;
	}
	return 0;
}
