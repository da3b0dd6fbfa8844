/* query.c - parsing Dateline's query language (see query.h). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../analysis/date.h"
#include "../analysis/gazetteer.h"
#include "../analysis/schema.h"
#include "../analysis/stopwords.h"
#include "../analysis/terms.h"
#include "../analysis/tokenize.h"
#include "query.h"

enum modifier { MOD_NONE, MOD_REQUIRE, MOD_EXCLUDE };

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
	dx_query_t *parts[4] = { NULL, NULL, NULL, NULL }, *out = NULL, *t;
	size_t n = 0;

	if (field) {
		an_rank_term(st, field->prefix, tok, term);
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
	dx_query_combine(DX_OP_OR, parts, n, 0, &out);
	for (size_t i = 0; i < n; i++)
		dx_query_destroy(parts[i]);
	return out;
}

/* Build the phrase query of the tokens, on the field's positional stems. */
static dx_query_t *phrase_query(const clause_tokens_t *ct, an_stemmer_t *st,
				const dl_field_t *field)
{
	dx_query_t *parts[QUERY_MAX_PHRASE_WORDS], *out = NULL;
	char term[AN_TERM_BUF];
	for (size_t i = 0; i < ct->n; i++) {
		an_rank_term(st, field ? field->prefix : "", &ct->toks[i], term);
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
		    int as_phrase, int prefix)
{
	query_item_t *items = realloc(q->items, (q->nitems + 1) * sizeof(*items));
	if (!items)
		return -1;
	q->items = items;
	query_item_t *it = &items[q->nitems];
	it->nwords = as_phrase ? ct->n : 1;
	it->prefix = prefix;
	it->words = calloc(it->nwords, sizeof(char *));
	if (!it->words)
		return -1;
	q->nitems++;
	for (size_t i = 0; i < it->nwords; i++) {
		char term[AN_TERM_BUF];
		size_t n = prefix ? (size_t)snprintf(term, sizeof(term), "%s", ct->toks[i].term)
				  : an_rank_term(st, "", &ct->toks[i], term);
		it->words[i] = strndup(term, n);
		if (!it->words[i])
			return -1;
	}
	return 0;
}

/* --- the lexer ------------------------------------------------------- */

typedef enum {
	T_WORD, T_PHRASE, T_LPAREN, T_RPAREN, T_AND, T_OR, T_NOT, T_NEAR, T_END
} tkind_t;

/* A token of the query text. */
typedef struct {
	tkind_t kind;
	const char *text;         /* a word or a phrase's inside; not NUL-terminated */
	size_t len;
	size_t column;            /* 1-based, for messages */
	enum modifier mod;        /* a leading + or - */
	const char *field;        /* "name" of "name:" before it, or NULL */
	size_t field_len;
	int star;                 /* a word ending in '*': a prefix */
	unsigned near;            /* NEAR/n: the window */
} qtok_t;

static int is_op(const char *s, size_t len, const char *op)
{
	return len == strlen(op) && memcmp(s, op, len) == 0;
}

/* Split text into tokens. Returns the count, or -1 with a message. */
static long lex(const char *text, qtok_t *t, size_t max, char *err, size_t errsz)
{
	size_t i = 0, len = strlen(text);
	long n = 0;
	while (i < len) {
		while (i < len && isspace((unsigned char)text[i]))
			i++;
		if (i >= len)
			break;
		if ((size_t)n + 1 >= max) {
			snprintf(err, errsz, "more than %d words at column %zu",
				 QUERY_MAX_CLAUSES, i + 1);
			return -1;
		}
		qtok_t *k = &t[n];
		memset(k, 0, sizeof(*k));
		k->column = i + 1;
		if (text[i] == '(' || text[i] == ')') {
			k->kind = text[i] == '(' ? T_LPAREN : T_RPAREN;
			i++;
			n++;
			continue;
		}
		if ((text[i] == '+' || text[i] == '-') && i + 1 < len &&
		    !isspace((unsigned char)text[i + 1])) {
			k->mod = text[i] == '+' ? MOD_REQUIRE : MOD_EXCLUDE;
			i++;
			if (text[i] == '(') {
				k->kind = T_LPAREN;
				i++;
				n++;
				continue;
			}
		}
		/* field: letters then a colon, not followed by a space */
		size_t j = i;
		while (j < len && isalpha((unsigned char)text[j]))
			j++;
		if (j > i && j + 1 < len && text[j] == ':' && !isspace((unsigned char)text[j + 1])) {
			k->field = text + i;
			k->field_len = j - i;
			i = j + 1;
		}
		if (text[i] == '"') {
			const char *close = memchr(text + i + 1, '"', len - i - 1);
			if (!close) {
				snprintf(err, errsz, "unbalanced quote at column %zu", i + 1);
				return -1;
			}
			k->kind = T_PHRASE;
			k->text = text + i + 1;
			k->len = (size_t)(close - k->text);
			i = (size_t)(close - text) + 1;
			n++;
			continue;
		}
		k->kind = T_WORD;
		k->text = text + i;
		while (i < len && !isspace((unsigned char)text[i]) && text[i] != '"' &&
		       text[i] != '(' && text[i] != ')')
			i++;
		k->len = (size_t)(text + i - k->text);
		if (!k->field && !k->mod) {
			if (is_op(k->text, k->len, "AND"))
				k->kind = T_AND;
			else if (is_op(k->text, k->len, "OR"))
				k->kind = T_OR;
			else if (is_op(k->text, k->len, "NOT"))
				k->kind = T_NOT;
			else if (k->len >= 4 && memcmp(k->text, "NEAR", 4) == 0 &&
				 (k->len == 4 || k->text[4] == '/')) {
				k->kind = T_NEAR;
				k->near = QUERY_DEFAULT_NEAR;
				if (k->len > 5) {
					char *end;
					unsigned long w = strtoul(k->text + 5, &end, 10);
					if (end != k->text + k->len || w < 1 || w > 1000) {
						snprintf(err, errsz, "NEAR/N at column %zu: N must be a "
							 "number of words from 1 to 1000", k->column);
						return -1;
					}
					k->near = (unsigned)w;
				} else if (k->len == 5) {
					snprintf(err, errsz, "NEAR/N at column %zu: N must be a "
						 "number of words from 1 to 1000", k->column);
					return -1;
				}
			}
		}
		if (k->kind == T_WORD && k->len > 1 && k->text[k->len - 1] == '*') {
			k->star = 1;
			k->len--;
		}
		n++;
	}
	t[n].kind = T_END;
	t[n].column = len + 1;
	return n;
}

/* --- the parser --------------------------------------------------------- */

typedef struct {
	qtok_t *t;
	size_t pos;
	size_t ntoks;             /* tokens before T_END */
	const char *base;         /* the query text */
	an_stemmer_t *st;
	dx_db_t *db;              /* the words prefix* expands over, or NULL */
	const query_boosts_t *b;
	query_t *out;
	clause_tokens_t *ct;
	int negated;              /* inside an exclusion: nothing to highlight */
	size_t nstop;             /* stop words left out */
	char *err;
	size_t errsz;
	int rc;                   /* -1 syntax, -2 memory or shim */
} parser_t;

static dx_query_t *parse_seq(parser_t *p, int nested);
static dx_query_t *combine2(parser_t *p, dx_op_t op, dx_query_t *a, dx_query_t *b,
			    unsigned window);

static dx_query_t *fail_at(parser_t *p, size_t column, const char *what)
{
	if (p->rc == 0) {
		snprintf(p->err, p->errsz, "%s at column %zu", what, column);
		p->rc = -1;
	}
	return NULL;
}

static dx_query_t *oom(parser_t *p)
{
	if (p->rc == 0) {
		snprintf(p->err, p->errsz, "cannot build the query: %s",
			 *dx_last_error() ? dx_last_error() : "out of memory");
		p->rc = -2;
	}
	return NULL;
}

/* The YYYYMMDD bound of a date, low or high end: "2014-03" -> 20140300 or
 * 20140399 (the stored date has 00 for what is unknown). */
static int date_bound(const char *s, size_t len, int high, char out[9])
{
	an_date_t d;
	if (len == 0 || an_date_parse(s, len, &d) != 0)
		return -1;
	snprintf(out, 9, "%04d%02d%02d", d.year, d.month ? d.month : (high ? 99 : 0),
		 d.day ? d.day : (high ? 99 : 0));
	return 0;
}

/* date:A..B, date:A.., date:..B, date:A */
static dx_query_t *date_query(parser_t *p, const qtok_t *k)
{
	const char *dots = NULL;
	for (size_t i = 0; i + 1 < k->len; i++)
		if (k->text[i] == '.' && k->text[i + 1] == '.')
			dots = k->text + i;
	char lo[9], hi[9];
	int has_lo, has_hi, bad;
	if (dots) {
		size_t l1 = (size_t)(dots - k->text), l2 = k->len - l1 - 2;
		has_lo = l1 > 0;
		has_hi = l2 > 0;
		bad = (has_lo && date_bound(k->text, l1, 0, lo) < 0) ||
		      (has_hi && date_bound(dots + 2, l2, 1, hi) < 0) || (!has_lo && !has_hi);
	} else {
		has_lo = has_hi = 1;
		bad = date_bound(k->text, k->len, 0, lo) < 0 || date_bound(k->text, k->len, 1, hi) < 0;
	}
	if (bad) {
		char what[160];
		snprintf(what, sizeof(what), "bad date '%.*s' (use YYYY, YYYY-MM or "
			 "YYYY-MM-DD, and A..B for a range)", (int)(k->len < 40 ? k->len : 40), k->text);
		return fail_at(p, k->column, what);
	}
	dx_query_t *q = NULL;
	if (dx_query_value_range(DL_VALUE_DATE, has_lo ? lo : NULL, has_hi ? hi : NULL, &q) != DX_OK)
		return oom(p);
	return q;
}

/* A term query for a boolean field (source:, id:). */
static dx_query_t *boolean_query(parser_t *p, const qtok_t *k, const char *name)
{
	char term[DL_MAX_TERM_BYTES + 1];
	dx_query_t *q = NULL;
	if (strcmp(name, "id") == 0) {
		char id[DL_MAX_TERM_BYTES * 4];
		snprintf(id, sizeof(id), "%.*s", (int)k->len, k->text);
		dl_id_term(DL_PREFIX_ID, id, term);
	} else {
		size_t n = strlen(DL_PREFIX_SOURCE);
		memcpy(term, DL_PREFIX_SOURCE, n);
		if (an_normalise(k->text, k->len, term + n, sizeof(term) - n) == 0)
			return fail_at(p, k->column, "source: needs a name");
	}
	if (dx_query_term(term, 1, &q) != DX_OK)
		return oom(p);
	/* A filter weighs nothing. */
	dx_query_t *z = NULL;
	dx_query_scale(q, 0, &z);
	dx_query_destroy(q);
	return z ? z : oom(p);
}

dx_query_t *query_person(const char *name, size_t len, char *err, size_t errsz)
{
	char key[200], term[DL_MAX_TERM_BYTES + 1];
	dx_query_t *q = NULL;
	size_t n = an_person_key(name, len, key, sizeof(key));
	if (n == 0) {
		snprintf(err, errsz, "a person needs a name");
		return NULL;
	}
	/* One word is a surname: every person of that surname. */
	snprintf(term, sizeof(term), "%s%s", strchr(key, ' ') ? DL_PREFIX_PERSON
							       : DL_PREFIX_SURNAME, key);
	if (dx_query_term(term, 1, &q) != DX_OK)
		snprintf(err, errsz, "cannot build the query: %s", dx_last_error());
	return q;
}

dx_query_t *query_place(const char *name, size_t len, char *err, size_t errsz)
{
	char key[200], term[DL_MAX_TERM_BYTES + 1];
	dx_query_t *q = NULL;
	const an_place_t *pl = an_place_find(name, len);
	if (pl)
		snprintf(key, sizeof(key), "%s", pl->key);
	else if (an_normalise(name, len, key, sizeof(key)) == 0) {
		snprintf(err, errsz, "a place needs a name");
		return NULL;
	}
	snprintf(term, sizeof(term), "%s%s", DL_PREFIX_LOCATION, key);
	if (dx_query_term(term, 1, &q) != DX_OK)
		snprintf(err, errsz, "cannot build the query: %s", dx_last_error());
	return q;
}

/* Tokenize a word or phrase's text into p->ct. Returns the token count,
 * or -1 on an error. */
static long tokens_of(parser_t *p, const qtok_t *k)
{
	p->ct->n = 0;
	p->ct->too_many = 0;
	if (an_tokenize(k->text, k->len, collect, p->ct) < 0) {
		oom(p);
		return -1;
	}
	if (p->ct->too_many) {
		char what[64];
		snprintf(what, sizeof(what), "phrase of more than %d words", QUERY_MAX_PHRASE_WORDS);
		fail_at(p, k->column, what);
		return -1;
	}
	return (long)p->ct->n;
}

/* The stems of the words starting with a prefix, with the occurrences of
 * their words. */
typedef struct {
	an_stemmer_t *st;
	const char *field;
	struct prefix_stem { char *term; uint64_t freq; } *v;
	size_t n, cap;
	int oom;
} prefix_scan_t;

static int prefix_word(const char *word, size_t len, uint32_t freq, void *ctx)
{
	prefix_scan_t *s = ctx;
	char term[AN_TERM_BUF];
	an_word_rank_term(s->st, s->field, word, len, term);
	if (s->n == s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 64;
		struct prefix_stem *v = realloc(s->v, cap * sizeof(*v));
		if (!v)
			goto oom;
		s->v = v;
		s->cap = cap;
	}
	if (!(s->v[s->n].term = strdup(term)))
		goto oom;
	s->v[s->n++].freq = freq;
	return 0;
oom:
	s->oom = 1;
	return 1;
}

static int by_term(const void *a, const void *b)
{
	const struct prefix_stem *x = a, *y = b;
	return strcmp(x->term, y->term);
}

static int by_freq(const void *a, const void *b)
{
	const struct prefix_stem *x = a, *y = b;
	return x->freq < y->freq ? 1 : x->freq > y->freq ? -1 : strcmp(x->term, y->term);
}

/* One entry per stem, the most frequent first (words of one stem, such as
 * "talks" and "talked", add up). */
static void merge_stems(prefix_scan_t *s)
{
	size_t k = 0;
	if (s->n == 0)  /* no stem: s->v may be NULL, which qsort may not take */
		return;
	qsort(s->v, s->n, sizeof(*s->v), by_term);
	for (size_t i = 0; i < s->n; i++) {
		if (k && strcmp(s->v[k - 1].term, s->v[i].term) == 0) {
			s->v[k - 1].freq += s->v[i].freq;
			free(s->v[i].term);
		} else {
			s->v[k++] = s->v[i];
		}
	}
	s->n = k;
	qsort(s->v, s->n, sizeof(*s->v), by_freq);
}

/* Keep the first max stems (most frequent first) whose terms the index
 * holds. */
static void keep_held(dx_db_t *db, prefix_scan_t *s, size_t max)
{
	size_t k = 0;
	for (size_t i = 0; i < s->n; i++) {
		uint32_t tf = 0;
		if (k < max && dx_db_term_freq(db, s->v[i].term, &tf) == DX_OK && tf > 0)
			s->v[k++] = s->v[i];
		else
			free(s->v[i].term);
	}
	s->n = k;
}

/* prefix*: the words of the index starting with the prefix (the spelling
 * table holds them), searched by their stems as one term, the
 * QUERY_MAX_PREFIX_TERMS most frequent stems. A number's terms are the
 * numbers themselves: Xapian's wildcard. Without an index, the stems
 * starting with the prefix's stem. */
static dx_query_t *prefix_query(parser_t *p, const an_token_t *tok, const dl_field_t *field)
{
	const char *prefix = field ? field->prefix : "";
	char term[AN_TERM_BUF];
	dx_query_t *q = NULL;
	if (!p->db || !an_token_stems(tok)) {
		an_rank_term(p->st, prefix, tok, term);
		dx_query_wildcard(term, QUERY_MAX_PREFIX_TERMS, &q);
		return q;
	}
	prefix_scan_t s = { p->st, prefix, NULL, 0, 0, 0 };
	if (dx_db_each_spelling(p->db, tok->term, prefix_word, &s) != DX_OK || s.oom) {
		snprintf(p->err, p->errsz, "cannot read the index's words: %s",
			 s.oom ? "out of memory" : dx_last_error());
		p->rc = -2;
		goto out;
	}
	merge_stems(&s);
	/* The words are those of every field: in one field, only the stems
	 * it has count towards the limit. */
	if (field)
		keep_held(p->db, &s, QUERY_MAX_PREFIX_TERMS);
	if (s.n == 0) {
		/* No word starts so: a term no article has. */
		an_rank_term(p->st, prefix, tok, term);
		dx_query_term(term, 1, &q);
		goto out;
	}
	size_t n = s.n < QUERY_MAX_PREFIX_TERMS ? s.n : QUERY_MAX_PREFIX_TERMS;
	dx_query_t **parts = calloc(n, sizeof(*parts));
	size_t k = 0;
	while (parts && k < n && dx_query_term(s.v[k].term, 1, &parts[k]) == DX_OK)
		k++;
	if (parts && k == n)
		dx_query_combine(DX_OP_SYNONYM, parts, n, 0, &q);
	for (size_t i = 0; parts && i < k; i++)
		dx_query_destroy(parts[i]);
	free(parts);
out:
	for (size_t i = 0; i < s.n; i++)
		free(s.v[i].term);
	free(s.v);
	return q;
}

/* A word or phrase, maybe in a field. *filter is set for the fields that
 * filter instead of weighing (date:, source:, id:). *stop is set for a
 * lone stop word, which gives NULL without an error. */
static dx_query_t *primary_term(parser_t *p, const qtok_t *k, int *filter, int *stop)
{
	const dl_field_t *field = NULL;
	*filter = 0;
	*stop = 0;
	if (k->field) {
		char name[16];
		snprintf(name, sizeof(name), "%.*s", (int)(k->field_len < 15 ? k->field_len : 15),
			 k->field);
		for (char *c = name; *c; c++)
			*c = (char)tolower((unsigned char)*c);
		if (strcmp(name, "person") == 0 || strcmp(name, "place") == 0) {
			char msg[128];
			int person = strcmp(name, "person") == 0;
			dx_query_t *q = person ? query_person(k->text, k->len, msg, sizeof(msg))
					       : query_place(k->text, k->len, msg, sizeof(msg));
			if (!q)
				return fail_at(p, k->column, msg);
			if (!person) {
				/* ... or datelined there. */
				dx_query_t *dl = NULL;
				field = dl_field_find("place", 5);
				if (tokens_of(p, k) > 0)
					dl = p->ct->n > 1 ? phrase_query(p->ct, p->st, field)
							  : word_query(&p->ct->toks[0], p->st, field, p->b);
				if (dl)
					q = combine2(p, DX_OP_OR, q, dl, 0);
			}
			p->out->nwords++;
			return q;
		}
		if (strcmp(name, "date") == 0 || strcmp(name, "source") == 0 ||
		    strcmp(name, "id") == 0) {
			*filter = 1;
			return strcmp(name, "date") == 0 ? date_query(p, k) : boolean_query(p, k, name);
		}
		field = dl_field_find(k->field, k->field_len);
		if (!field) {
			char what[160], names[96];
			snprintf(what, sizeof(what), "unknown field '%.*s:' (fields: %s)",
				 (int)(k->field_len < 40 ? k->field_len : 40), k->field,
				 dl_field_names(DL_FIELD_QUERY, names, sizeof(names)));
			return fail_at(p, k->column, what);
		}
	}
	long n = tokens_of(p, k);
	if (n <= 0)
		return NULL; /* an error, or punctuation only */
	clause_tokens_t *ct = p->ct;
	if (k->star) {
		if (n > 1)
			return fail_at(p, k->column, "a prefix* must be one word");
		dx_query_t *q = prefix_query(p, &ct->toks[0], field);
		if (!q)
			return p->rc ? NULL : oom(p);
		if (!p->negated && add_item(p->out, ct, p->st, 0, 1) < 0)
			oom(p);
		p->out->nwords++;
		return q;
	}
	int as_phrase = n > 1;
	if (!as_phrase && !k->mod && !field && k->kind == T_WORD &&
	    an_is_stopword(an_stemmer_language(p->st), ct->toks[0].term, ct->toks[0].len)) {
		*stop = 1;
		return NULL;
	}
	dx_query_t *q = as_phrase ? phrase_query(ct, p->st, field)
				  : word_query(&ct->toks[0], p->st, field, p->b);
	if (!q)
		return oom(p);
	/* A plain word may be corrected ("did you mean"). */
	if (!as_phrase && !field && !p->negated && k->kind == T_WORD && !ct->toks[0].numeric) {
		query_word_t *v = realloc(p->out->plain, (p->out->nplain + 1) * sizeof(*v));
		if (v) {
			p->out->plain = v;
			v[p->out->nplain].start = (size_t)(k->text - p->base) + ct->toks[0].start;
			v[p->out->nplain].len = ct->toks[0].end - ct->toks[0].start;
			v[p->out->nplain].word = strdup(ct->toks[0].term);
			if (v[p->out->nplain].word)
				p->out->nplain++;
		}
	}
	if (!p->negated && add_item(p->out, ct, p->st, as_phrase, 0) < 0)
		oom(p);
	if (!p->negated)
		p->out->nwords += (size_t)n;
	return q;
}

static dx_query_t *combine2(parser_t *p, dx_op_t op, dx_query_t *a, dx_query_t *b,
			    unsigned window)
{
	dx_query_t *pair[2] = { a, b }, *q = NULL;
	if (dx_query_combine(op, pair, 2, window, &q) != DX_OK)
		oom(p);
	dx_query_destroy(a);
	dx_query_destroy(b);
	return q;
}

/* primary := "(" seq ")" | word | phrase | field:... ; *filter as above */
static dx_query_t *parse_primary(parser_t *p, int *filter)
{
	qtok_t *k = &p->t[p->pos];
	int stop = 0;
	*filter = 0;
	switch (k->kind) {
	case T_LPAREN: {
		p->pos++;
		dx_query_t *q = parse_seq(p, 1);
		if (p->rc)
			return q;
		if (p->t[p->pos].kind != T_RPAREN) {
			dx_query_destroy(q);
			return fail_at(p, k->column, "unbalanced parenthesis");
		}
		p->pos++;
		if (!q)
			return fail_at(p, k->column, "empty parentheses");
		return q;
	}
	case T_WORD:
	case T_PHRASE:
		p->pos++;
		{
			dx_query_t *q = primary_term(p, k, filter, &stop);
			if (stop)
				p->nstop++;
			return q;
		}
	default: {
		char what[64];
		snprintf(what, sizeof(what), "%s needs a word before it",
			 k->kind == T_RPAREN ? "')'" : k->kind == T_END ? "the query" :
			 k->kind == T_AND ? "AND" : k->kind == T_OR ? "OR" :
			 k->kind == T_NOT ? "NOT" : "NEAR");
		if (k->kind == T_RPAREN)
			return fail_at(p, k->column, "unmatched ')'");
		return fail_at(p, k->column, what);
	}
	}
}

/* near := primary ("NEAR"[/n] primary)* -- words only */
static dx_query_t *parse_near(parser_t *p, int *filter)
{
	qtok_t *first = &p->t[p->pos];
	if (p->t[p->pos + 1].kind != T_NEAR)
		return parse_primary(p, filter);
	/* w1 NEAR w2 NEAR w3: the words' stems within the window. */
	dx_query_t *words[QUERY_MAX_PHRASE_WORDS];
	size_t n = 0;
	unsigned window = 0;
	*filter = 0;
	for (;;) {
		qtok_t *k = &p->t[p->pos];
		if (k->kind != T_WORD || k->field || k->star || tokens_of(p, k) != 1) {
			for (size_t i = 0; i < n; i++)
				dx_query_destroy(words[i]);
			return p->rc ? NULL : fail_at(p, k->column, "NEAR joins single words");
		}
		char term[AN_TERM_BUF];
		an_rank_term(p->st, "", &p->ct->toks[0], term);
		if (n == QUERY_MAX_PHRASE_WORDS || dx_query_term(term, 1, &words[n]) != DX_OK) {
			for (size_t i = 0; i < n; i++)
				dx_query_destroy(words[i]);
			return oom(p);
		}
		n++;
		if (!p->negated && add_item(p->out, p->ct, p->st, 0, 0) < 0)
			oom(p);
		p->pos++;
		if (p->t[p->pos].kind != T_NEAR)
			break;
		window += p->t[p->pos].near;
		p->pos++;
		if (p->t[p->pos].kind != T_WORD) {
			for (size_t i = 0; i < n; i++)
				dx_query_destroy(words[i]);
			return fail_at(p, p->t[p->pos - 1].column, "NEAR needs a word after it");
		}
	}
	if (!p->negated)
		p->out->nwords += n;
	dx_query_t *q = NULL;
	if (dx_query_combine(DX_OP_NEAR, words, n, window + (unsigned)n, &q) != DX_OK)
		oom(p);
	for (size_t i = 0; i < n; i++)
		dx_query_destroy(words[i]);
	(void)first;
	return q;
}

/* and := near (("AND" | "NOT" | "AND NOT") near)* */
static dx_query_t *parse_and(parser_t *p, int *filter)
{
	dx_query_t *q = parse_near(p, filter);
	while (!p->rc) {
		tkind_t op = p->t[p->pos].kind;
		if (op != T_AND && op != T_NOT)
			break;
		size_t column = p->t[p->pos].column;
		p->pos++;
		if (op == T_AND && p->t[p->pos].kind == T_NOT) {
			op = T_NOT;
			p->pos++;
		}
		tkind_t next = p->t[p->pos].kind;
		if (next != T_WORD && next != T_PHRASE && next != T_LPAREN) {
			dx_query_destroy(q);
			return fail_at(p, column, op == T_AND ? "AND needs a word after it"
							      : "NOT needs a word after it");
		}
		int neg = op == T_NOT || p->t[p->pos].mod == MOD_EXCLUDE;
		int f2 = 0;
		p->negated += neg;
		dx_query_t *r = parse_near(p, &f2);
		p->negated -= neg;
		if (!q && !p->rc) {
			dx_query_destroy(r);
			return fail_at(p, column, op == T_AND ? "AND needs a word before it"
							      : "NOT needs a word before it");
		}
		if (!r) {
			dx_query_destroy(q);
			return p->rc ? NULL : fail_at(p, column, op == T_AND ? "AND needs a word after it"
								       : "NOT needs a word after it");
		}
		q = combine2(p, neg ? DX_OP_AND_NOT : (f2 ? DX_OP_FILTER : DX_OP_AND), q, r, 0);
		*filter = *filter && !neg && f2;
	}
	return q;
}

/* or := and ("OR" and)* */
static dx_query_t *parse_or(parser_t *p, int *filter)
{
	dx_query_t *q = parse_and(p, filter);
	while (!p->rc && p->t[p->pos].kind == T_OR) {
		size_t column = p->t[p->pos].column;
		p->pos++;
		tkind_t next = p->t[p->pos].kind;
		if (next != T_WORD && next != T_PHRASE && next != T_LPAREN) {
			dx_query_destroy(q);
			return fail_at(p, column, "OR needs a word after it");
		}
		int f2 = 0;
		dx_query_t *r = parse_and(p, &f2);
		if (!q || !r) {
			dx_query_destroy(q);
			dx_query_destroy(r);
			return p->rc ? NULL : fail_at(p, column, "OR needs a word on both sides");
		}
		q = combine2(p, DX_OP_OR, q, r, 0);
		*filter = 0;
	}
	return q;
}

/* seq := ([+|-] or)*, joined by the default operator; filters (date:,
 * source:, id:) restrict the others. Until ')' when nested. */
static dx_query_t *parse_seq(parser_t *p, int nested)
{
	/* No more items than tokens are left. */
	size_t cap = p->ntoks - p->pos + 1;
	dx_query_t **req = calloc(cap, sizeof(*req));
	dx_query_t **opt = calloc(cap, sizeof(*opt));
	dx_query_t **exc = calloc(cap, sizeof(*exc));
	dx_query_t **fil = calloc(cap, sizeof(*fil));
	size_t nreq = 0, nopt = 0, nexc = 0, nfil = 0;
	dx_query_t *q = NULL;

	if (!req || !opt || !exc || !fil) {
		oom(p);
		goto out;
	}
	while (!p->rc) {
		qtok_t *k = &p->t[p->pos];
		if (k->kind == T_END || (k->kind == T_RPAREN && nested))
			break;
		enum modifier mod = k->mod;
		int filter = 0;
		p->negated += mod == MOD_EXCLUDE;
		dx_query_t *item = parse_or(p, &filter);
		p->negated -= mod == MOD_EXCLUDE;
		if (!item)
			continue; /* a stop word, punctuation, or an error */
		if (mod == MOD_EXCLUDE)
			exc[nexc++] = item;
		else if (filter)
			fil[nfil++] = item;
		else if (mod == MOD_REQUIRE || p->b->all_words)
			req[nreq++] = item;
		else
			opt[nopt++] = item;
	}
	if (p->rc)
		goto out;
	dx_query_t *required = NULL, *optional = NULL;
	if (nreq)
		dx_query_combine(DX_OP_AND, req, nreq, 0, &required);
	if (nopt)
		dx_query_combine(DX_OP_OR, opt, nopt, 0, &optional);
	if (required && optional) {
		q = combine2(p, DX_OP_AND_MAYBE, required, optional, 0);
	} else {
		q = required ? required : optional;
	}
	if (nfil) {
		dx_query_t *filters = NULL;
		dx_query_combine(DX_OP_AND, fil, nfil, 0, &filters);
		if (!q)
			dx_query_match_all(&q);
		q = combine2(p, DX_OP_FILTER, q, filters, 0);
	}
	if (q && nexc) {
		dx_query_t *excluded = NULL;
		dx_query_combine(DX_OP_OR, exc, nexc, 0, &excluded);
		q = combine2(p, DX_OP_AND_NOT, q, excluded, 0);
	} else if (!q && nexc && !nested) {
		fail_at(p, 1, "the query only excludes words: add a word to search for;");
		snprintf(p->err, p->errsz, "the query only excludes words: add a word to search for");
	}
out:
	for (size_t i = 0; req && i < nreq; i++)
		dx_query_destroy(req[i]);
	for (size_t i = 0; opt && i < nopt; i++)
		dx_query_destroy(opt[i]);
	for (size_t i = 0; exc && i < nexc; i++)
		dx_query_destroy(exc[i]);
	for (size_t i = 0; fil && i < nfil; i++)
		dx_query_destroy(fil[i]);
	free(req);
	free(opt);
	free(exc);
	free(fil);
	if (p->rc) {
		dx_query_destroy(q);
		return NULL;
	}
	return q;
}

int query_parse(const char *text, an_stemmer_t *st, dx_db_t *db,
		const query_boosts_t *boosts, query_t *out, char *err, size_t errsz)
{
	/* A token takes a byte of the text at least. */
	size_t max = strlen(text) + 2;
	if (max > QUERY_MAX_CLAUSES + 1)
		max = QUERY_MAX_CLAUSES + 1;
	qtok_t *toks = malloc(max * sizeof(*toks));
	clause_tokens_t *ct = malloc(sizeof(*ct));
	parser_t p = { toks, 0, 0, text, st, db, boosts, out, ct, 0, 0, err, errsz, 0 };

	memset(out, 0, sizeof(*out));
	if (!toks || !ct) {
		snprintf(err, errsz, "out of memory");
		p.rc = -2;
		goto out;
	}
	long ntoks = lex(text, toks, max, err, errsz);
	if (ntoks < 0) {
		p.rc = -1;
		goto out;
	}
	p.ntoks = (size_t)ntoks;
	out->query = parse_seq(&p, 0);
	if (!p.rc && p.t[p.pos].kind == T_RPAREN)
		fail_at(&p, p.t[p.pos].column, "unmatched ')'");
	if (!p.rc && !out->query) {
		snprintf(err, errsz, p.nstop ? "the query has only stop words (such as "
			 "'the', 'of'): put it in quotes to search for the phrase"
			 : "the query has no words to search for");
		p.rc = -1;
	}
out:
	free(ct);
	free(toks);
	if (p.rc != 0)
		query_free(out);
	return p.rc;
}

dx_query_t *query_date_filter(const char *since, const char *until, char *err,
			      size_t errsz)
{
	char lo[9], hi[9];
	dx_query_t *q = NULL;
	if (since && date_bound(since, strlen(since), 0, lo) < 0) {
		snprintf(err, errsz, "--since: bad date '%s' (use YYYY, YYYY-MM or YYYY-MM-DD)",
			 since);
		return NULL;
	}
	if (until && date_bound(until, strlen(until), 1, hi) < 0) {
		snprintf(err, errsz, "--until: bad date '%s' (use YYYY, YYYY-MM or YYYY-MM-DD)",
			 until);
		return NULL;
	}
	if (dx_query_value_range(DL_VALUE_DATE, since ? lo : NULL, until ? hi : NULL, &q) != DX_OK)
		snprintf(err, errsz, "cannot build the date filter: %s", dx_last_error());
	return q;
}

void query_free(query_t *q)
{
	dx_query_destroy(q->query);
	for (size_t i = 0; i < q->nplain; i++)
		free(q->plain[i].word);
	free(q->plain);
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
		const dl_field_t *f = dl_field_by_name(p, flen, DL_FIELD_BOOSTABLE);
		if (f && dl_field_id(f) == DL_F_TITLE)
			b->title = w;
		else if (f && dl_field_id(f) == DL_F_AUTHOR)
			b->author = w;
		else if (f && dl_field_id(f) == DL_F_PLACE)
			b->place = w;
		else {
			char names[128];
			snprintf(err, errsz, "--boost: unknown field '%.*s' (fields: %s)", (int)flen,
				 p, dl_field_names(DL_FIELD_BOOSTABLE, names, sizeof(names)));
			return -1;
		}
		p = *end ? end + 1 : end;
	}
	return 0;
}
