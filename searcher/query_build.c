/*
 * query_build.c - a query tree (query_parse.c) made a Xapian query, with
 * the words to highlight and the words "did you mean" may correct (see
 * query.h). Errors are sticky: the first failure of the shim stops the
 * build and is reported; no clause is ever left out silently.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../analysis/gazetteer.h"
#include "../analysis/language.h"
#include "../analysis/schema.h"
#include "../analysis/stopwords.h"
#include "../analysis/terms.h"
#include "../analysis/tokenize.h"
#include "query.h"

/* Languages a query is stemmed in besides the index's own: more in one
 * index are rare, and each costs a term per word. */
#define MAX_QUERY_LANGS 8

typedef struct {
	an_stemmer_t *st;
	/* The other languages' stemmers (the index's languages, or those
	 * lang: names), owned; st is left out when lang: does not name it. */
	an_stemmer_t *alt[MAX_QUERY_LANGS];
	size_t nalt;
	int alt_owned;            /* alt made for this query (else langs's) */
	int no_own;               /* lang: names languages, st's not among them */
	dx_db_t *db;              /* the words prefix* expands over, or NULL */
	const query_boosts_t *b;
	query_t *out;
	int negated;              /* inside an exclusion: nothing to highlight */
	char *err;
	size_t errsz;
	int rc;                   /* 0, or -2: the shim failed or out of memory */
	/* The first of two builds over a stub of remote shards: the terms
	 * whose frequency the query depends on are noted here (each taken
	 * as held), to be asked of the shards together before the second. */
	int collect;
	char **want;
	size_t nwant, capwant;
} builder_t;

/* The number of articles with term into *tf, as dx_db_term_freq(); in the
 * collecting build, term noted and taken as held. */
static dx_status_t term_freq(builder_t *p, const char *term, uint32_t *tf)
{
	if (!p->collect)
		return dx_db_term_freq(p->db, term, tf);
	*tf = 1;
	if (p->nwant == p->capwant) {
		size_t cap = p->capwant ? p->capwant * 2 : 16;
		char **v = realloc(p->want, cap * sizeof(*v));
		if (!v)
			return DX_OK;  /* not asked in advance: the second build asks */
		p->want = v;
		p->capwant = cap;
	}
	if ((p->want[p->nwant] = strdup(term)))
		p->nwant++;
	return DX_OK;
}

/* Sticky: the first failure is the one reported. */
static dx_query_t *oom(builder_t *p)
{
	if (p->rc == 0) {
		snprintf(p->err, p->errsz, "cannot build the query: %s",
			 *dx_last_error() ? dx_last_error() : "out of memory");
		p->rc = -2;
	}
	return NULL;
}

/* A term query, or NULL with the error set. */
static dx_query_t *term_query(builder_t *p, const char *term)
{
	dx_query_t *q = NULL;
	if (dx_query_term(term, 1, &q) != DX_OK)
		return oom(p);
	return q;
}

/* Combine n queries with op (they are destroyed). NULL with the error set
 * when one of them is NULL or the combination fails. */
static dx_query_t *combine(builder_t *p, dx_op_t op, dx_query_t **v, size_t n, unsigned window)
{
	dx_query_t *q = NULL;
	int ok = !p->rc;
	for (size_t i = 0; i < n; i++)
		ok = ok && v[i];
	if (ok && dx_query_combine(op, v, n, window, &q) != DX_OK)
		oom(p);
	else if (!ok)
		oom(p);
	for (size_t i = 0; i < n; i++)
		dx_query_destroy(v[i]);
	return q;
}

static dx_query_t *combine2(builder_t *p, dx_op_t op, dx_query_t *a, dx_query_t *b)
{
	dx_query_t *pair[2] = { a, b };
	return combine(p, op, pair, 2, 0);
}

/* The stemmers a query word is stemmed with: st (unless lang: leaves it
 * out), then the others. Returns how many, into v. */
static size_t stemmers(const builder_t *p, an_stemmer_t **v)
{
	size_t n = 0;
	if (!p->no_own)
		v[n++] = p->st;
	for (size_t i = 0; i < p->nalt; i++)
		v[n++] = p->alt[i];
	return n;
}

/* A token's term under prefix in each of the query's languages: one term,
 * or the distinct stems as synonyms (Xapian weighs a synonym group as one
 * term, its frequency the union's: a stem common in one language does not
 * count twice, nor swamp the rarer stem of another). */
static dx_query_t *stem_query(builder_t *p, const char *prefix, const an_token_t *tok)
{
	an_stemmer_t *v[MAX_QUERY_LANGS + 1];
	char terms[MAX_QUERY_LANGS + 1][AN_TERM_BUF];
	dx_query_t *q[MAX_QUERY_LANGS + 1];
	size_t ns = stemmers(p, v), n = 0;
	for (size_t i = 0; i < ns; i++) {
		an_rank_term(v[i], prefix, tok, terms[n]);
		int seen = 0;
		for (size_t j = 0; j < n; j++)
			seen = seen || strcmp(terms[j], terms[n]) == 0;
		/* Another language's stem that no article has adds nothing to
		 * the synonym but its cost (a Reuters word in four languages
		 * made a synonym of two terms or more in 38 of its 100 most
		 * frequent words, most of the others' terms absent). The own
		 * language's term is kept whatever its frequency. */
		uint32_t tf = 1;
		if (!seen && i > 0 && !p->no_own && p->db &&
		    term_freq(p, terms[n], &tf) == DX_OK && tf == 0)
			seen = 1;
		if (!seen)
			n++;
	}
	if (n == 1)
		return term_query(p, terms[0]);
	for (size_t i = 0; i < n; i++)
		q[i] = term_query(p, terms[i]);
	return combine(p, DX_OP_SYNONYM, q, n, 0);
}

/* The query for one token, as a word: its ranking term in the free text,
 * plus the boosted field terms; in a field, its term there. */
static dx_query_t *word_query(builder_t *p, const an_token_t *tok, const dl_field_t *field)
{
	dx_query_t *parts[4];
	size_t n = 0;
	if (field)
		return stem_query(p, field->prefix, tok);
	parts[n++] = stem_query(p, "", tok);
	const struct { const char *prefix; double w; } boosted[] = {
		{ DL_PREFIX_TITLE, p->b->title },
		{ DL_PREFIX_AUTHOR, p->b->author },
		{ DL_PREFIX_PLACE, p->b->place },
	};
	for (size_t i = 0; i < 3; i++) {
		if (boosted[i].w <= 0)
			continue;
		dx_query_t *t = stem_query(p, boosted[i].prefix, tok);
		parts[n] = NULL;
		if (t && dx_query_scale(t, boosted[i].w, &parts[n]) != DX_OK)
			oom(p);
		dx_query_destroy(t);
		n++;
	}
	return combine(p, DX_OP_OR, parts, n, 0);
}

/* Each language's terms of a phrase or NEAR (per thread: the server
 * builds queries in several). */
static _Thread_local char lang_terms[MAX_QUERY_LANGS + 1][QUERY_MAX_PHRASE_WORDS][AN_TERM_BUF];

/* Do languages l and an earlier one stem the k tokens alike? (terms:
 * each language's k terms, AN_TERM_BUF apart.) Their phrase or NEAR is
 * the same query, which OR'ed again would count a match once per
 * language: "x-ray" weighed five times in an index of five languages. */
static int stemmed_before(const char *terms, size_t k, size_t l)
{
	for (size_t e = 0; e < l; e++) {
		size_t i = 0;
		while (i < k && strcmp(terms + (e * QUERY_MAX_PHRASE_WORDS + i) * AN_TERM_BUF,
				       terms + (l * QUERY_MAX_PHRASE_WORDS + i) * AN_TERM_BUF) == 0)
			i++;
		if (i == k)
			return 1;
	}
	return 0;
}

/* The phrase of a node's tokens, on the field's positional stems: in
 * several languages, the phrase of each language's stems (each distinct
 * one once), OR'ed. */
static dx_query_t *phrase_query(builder_t *p, const query_node_t *n, const dl_field_t *field)
{
	an_stemmer_t *v[MAX_QUERY_LANGS + 1];
	dx_query_t *phrases[MAX_QUERY_LANGS + 1];
	size_t ns = stemmers(p, v), np = 0;
	for (size_t l = 0; l < ns; l++) {
		dx_query_t *parts[QUERY_MAX_PHRASE_WORDS];
		for (size_t i = 0; i < n->ntoks; i++)
			an_rank_term(v[l], field ? field->prefix : "", &n->toks[i].tok, lang_terms[l][i]);
		if (stemmed_before(&lang_terms[0][0][0], n->ntoks, l))
			continue;
		for (size_t i = 0; i < n->ntoks; i++)
			parts[i] = term_query(p, lang_terms[l][i]);
		phrases[np++] = combine(p, DX_OP_PHRASE, parts, n->ntoks, (unsigned)n->ntoks);
	}
	return np == 1 ? phrases[0] : combine(p, DX_OP_OR, phrases, np, 0);
}

/* Remember what the snippet must highlight for a positive clause: the
 * tokens of n from the first, as a phrase or one word, or a prefix. */
static void add_item(builder_t *p, const query_token_t *toks, size_t ntoks, int prefix)
{
	query_t *q = p->out;
	query_item_t *items = realloc(q->items, (q->nitems + 1) * sizeof(*items));
	if (!items) {
		oom(p);
		return;
	}
	q->items = items;
	query_item_t *it = &items[q->nitems];
	it->nwords = ntoks;
	it->prefix = prefix;
	it->words = calloc(it->nwords, sizeof(char *));
	if (!it->words) {
		oom(p);
		return;
	}
	q->nitems++;
	for (size_t i = 0; i < it->nwords; i++) {
		char term[AN_TERM_BUF];
		size_t n = prefix ? (size_t)snprintf(term, sizeof(term), "%s", toks[i].term)
				  : an_rank_term(p->st, "", &toks[i].tok, term);
		if (!(it->words[i] = strndup(term, n)))
			oom(p);
	}
}

/* A plain word may be corrected ("did you mean"). */
static void add_plain(builder_t *p, const query_node_t *n)
{
	query_t *q = p->out;
	query_word_t *v = realloc(q->plain, (q->nplain + 1) * sizeof(*v));
	if (!v) {
		oom(p);
		return;
	}
	q->plain = v;
	v[q->nplain].start = n->offset + n->toks[0].tok.start;
	v[q->nplain].len = n->toks[0].tok.end - n->toks[0].tok.start;
	if (!(v[q->nplain].word = strdup(n->toks[0].term)))
		oom(p);
	else
		q->nplain++;
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
static void keep_held(builder_t *p, prefix_scan_t *s, size_t max)
{
	size_t k = 0;
	for (size_t i = 0; i < s->n; i++) {
		uint32_t tf = 0;
		/* Collecting, every candidate is noted: which are held is
		 * known only after. */
		if (p->collect)
			(void)term_freq(p, s->v[i].term, &tf);
		else if (k < max && term_freq(p, s->v[i].term, &tf) == DX_OK && tf > 0)
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
static dx_query_t *prefix_query(builder_t *p, const an_token_t *tok, const dl_field_t *field)
{
	const char *prefix = field ? field->prefix : "";
	char term[AN_TERM_BUF];
	dx_query_t *q = NULL;
	if (!p->db || !an_token_stems(tok)) {
		an_rank_term(p->st, prefix, tok, term);
		if (dx_query_wildcard(term, QUERY_MAX_PREFIX_TERMS, &q) != DX_OK)
			return oom(p);
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
		keep_held(p, &s, QUERY_MAX_PREFIX_TERMS);
	if (s.n == 0) {
		/* No word starts so: a term no article has. */
		an_rank_term(p->st, prefix, tok, term);
		q = term_query(p, term);
		goto out;
	}
	size_t n = s.n < QUERY_MAX_PREFIX_TERMS ? s.n : QUERY_MAX_PREFIX_TERMS;
	dx_query_t **parts = calloc(n, sizeof(*parts));
	size_t k = 0;
	while (parts && k < n && dx_query_term(s.v[k].term, 1, &parts[k]) == DX_OK)
		k++;
	if (!parts || k < n || dx_query_combine(DX_OP_SYNONYM, parts, n, 0, &q) != DX_OK)
		oom(p);
	for (size_t i = 0; parts && i < k; i++)
		dx_query_destroy(parts[i]);
	free(parts);
out:
	for (size_t i = 0; i < s.n; i++)
		free(s.v[i].term);
	free(s.v);
	return q;
}


/* A filter weighs nothing: source:, id:. */
static dx_query_t *boolean_query(builder_t *p, const query_node_t *n)
{
	char term[DL_MAX_TERM_BYTES + 1];
	if (n->kind == QN_ID) {
		dl_id_term(DL_PREFIX_ID, n->text, term);
	} else if (n->kind == QN_LANG) {
		char code[LANG_CODE_BYTES];
		const char *c = lang_normalise(n->text, strlen(n->text), code);
		snprintf(term, sizeof(term), "%s%s", DL_PREFIX_LANGUAGE, c ? c : n->text);
	} else {
		size_t k = strlen(DL_PREFIX_SOURCE);
		memcpy(term, DL_PREFIX_SOURCE, k);
		an_normalise(n->text, strlen(n->text), term + k, sizeof(term) - k);
	}
	dx_query_t *q = term_query(p, term), *z = NULL;
	if (q && dx_query_scale(q, 0, &z) != DX_OK)
		oom(p);
	dx_query_destroy(q);
	return z;
}

static dx_query_t *date_query(builder_t *p, const query_node_t *n)
{
	dx_query_t *q = NULL;
	if (dx_query_value_range(DL_VALUE_DATE, *n->lo ? n->lo : NULL, *n->hi ? n->hi : NULL,
				 &q) != DX_OK)
		return oom(p);
	return q;
}

/* person:, place: and org:, weighted by the mentions; place: also finds
 * the articles datelined there. */
static dx_query_t *entity_query(builder_t *p, const query_node_t *n)
{
	char msg[128];
	size_t len = strlen(n->text);
	dx_query_t *q = n->kind == QN_PERSON ? query_person(n->text, len, msg, sizeof(msg))
			: n->kind == QN_ORG  ? query_org(n->text, len, msg, sizeof(msg))
					     : query_place(n->text, len, msg, sizeof(msg));
	if (!q)
		return oom(p);
	if (!n->option)
		p->out->nwords++;
	if (n->kind != QN_PLACE || n->ntoks == 0)
		return q;
	const dl_field_t *field = dl_field_find("place", 5);
	dx_query_t *dl = n->ntoks > 1 ? phrase_query(p, n, field)
				      : word_query(p, &n->toks[0].tok, field);
	return combine2(p, DX_OP_OR, q, dl);
}

/* word, "phrase", prefix*: the query, and what to highlight and correct. */
/* Is n, a word the tokenizer splits, a compound of words: its tokens
 * apart by one hyphen or slash each, none of them a single character or
 * a number (those are names, models and codes: "e-mail", "AT&T", "G-7",
 * "F-16", "747-400"), not all of them stop words ("and/or")? */
static int compound_of_words(const builder_t *p, const query_node_t *n)
{
	const char *lang = an_stemmer_language(p->st);
	int stops = 1;
	for (size_t i = 0; i < n->ntoks; i++) {
		const an_token_t *t = &n->toks[i].tok;
		size_t chars = 0;
		for (size_t b = 0; b < t->len; b++)
			chars += ((unsigned char)t->term[b] & 0xC0) != 0x80;
		if (chars < 2 || t->numeric)
			return 0;
		if (i > 0) {
			size_t gap = t->start - n->toks[i - 1].tok.end;
			char c = n->text[n->toks[i - 1].tok.end];
			if (gap != 1 || (c != '-' && c != '/'))
				return 0;
		}
		stops = stops && an_is_stopword(lang, t->term, t->len);
	}
	return !stops;
}

/* A word the tokenizer splits, written without quotes or a + or -
 * ("Mergers/Acquisitions", "Petro-Chemicals", "non-users"): its words,
 * OR'ed as the plain words of a query are, its stop words left out
 * ("state-of-the-art": state, art). Lucene's query parser reads such a
 * word so too. As a phrase (as it was before) Reuters' category names
 * "Mergers/Acquisitions" and "Petro-Chemicals" found 3 stories and 1:
 * writers spell the same thing "mergers and acquisitions",
 * "petrochemical", "non users", and a slash means "or". The news check's
 * MAP went from 0.365 to 0.398 (names) and 0.130 to 0.138 (headlines);
 * the six collections did not move significantly (README, Relevance). */
static dx_query_t *split_query(builder_t *p, const query_node_t *n)
{
	dx_query_t *parts[QUERY_MAX_PHRASE_WORDS];
	size_t k = 0;
	const char *lang = an_stemmer_language(p->st);
	for (size_t i = 0; i < n->ntoks && !p->rc; i++) {
		if (an_is_stopword(lang, n->toks[i].tok.term, n->toks[i].tok.len))
			continue;
		parts[k++] = word_query(p, &n->toks[i].tok, n->field);
		add_item(p, &n->toks[i], 1, 0);
		p->out->nwords++;
	}
	return k == 1 ? parts[0] : combine(p, DX_OP_OR, parts, k, 0);
}

static dx_query_t *text_query(builder_t *p, const query_node_t *n)
{
	dx_query_t *q;
	if (n->kind == QN_PREFIX) {
		q = prefix_query(p, &n->toks[0].tok, n->field);
		if (!q)
			return p->rc ? NULL : oom(p);
		if (!p->negated)
			add_item(p, n->toks, 1, 1);
		p->out->nwords++;
		return q;
	}
	int as_phrase = n->ntoks > 1;
	/* A quoted word, a +word, a -word and one that is not a compound of
	 * words stay phrases. */
	if (as_phrase && !n->quoted && n->mod == QM_NONE && !p->negated &&
	    compound_of_words(p, n))
		return split_query(p, n);
	q = as_phrase ? phrase_query(p, n, n->field) : word_query(p, &n->toks[0].tok, n->field);
	if (!q)
		return NULL;
	if (!as_phrase && !n->field && !p->negated && !n->quoted && !n->toks[0].tok.numeric)
		add_plain(p, n);
	if (!p->negated) {
		add_item(p, n->toks, as_phrase ? n->ntoks : 1, 0);
		p->out->nwords += n->ntoks;
	}
	return q;
}

/* w1 NEAR w2 NEAR w3: the words' stems within the window, in any order;
 * in several languages, each language's NEAR, OR'ed (Xapian's NEAR takes
 * terms only, not synonyms). */
static dx_query_t *near_query(builder_t *p, const query_node_t *n)
{
	an_stemmer_t *v[MAX_QUERY_LANGS + 1];
	dx_query_t *nears[MAX_QUERY_LANGS + 1];
	size_t ns = stemmers(p, v), nn = 0;
	size_t k = n->nkids < QUERY_MAX_PHRASE_WORDS ? n->nkids : QUERY_MAX_PHRASE_WORDS;
	for (size_t l = 0; l < ns; l++) {
		dx_query_t *words[QUERY_MAX_PHRASE_WORDS + 1];
		for (size_t i = 0; i < k; i++)
			an_rank_term(v[l], "", &n->kids[i]->toks[0].tok, lang_terms[l][i]);
		if (stemmed_before(&lang_terms[0][0][0], k, l))
			continue;
		for (size_t i = 0; i < k; i++)
			words[i] = term_query(p, lang_terms[l][i]);
		nears[nn++] = combine(p, DX_OP_NEAR, words, k, n->window + (unsigned)k);
	}
	for (size_t i = 0; i < k && !p->negated; i++)
		add_item(p, n->kids[i]->toks, 1, 0);
	if (!p->negated)
		p->out->nwords += k;
	return nn == 1 ? nears[0] : combine(p, DX_OP_OR, nears, nn, 0);
}

static dx_query_t *build(builder_t *p, const query_node_t *n, int *filter);

/* A plain word of a sequence: no field, no + or -, one token. */
static int plain_word(const query_node_t *n)
{
	return n->kind == QN_WORD && n->mod == QM_NONE && !n->field && n->ntoks == 1 &&
	       !n->option;
}

/* The proximity bonus of a sequence: each two plain words side by side in
 * it (the stop words between them left out) that occur within
 * proximity_gap words of each other, in any order, add b->proximity of
 * their weight. NULL when there is no such pair or it is off. */
static dx_query_t *proximity_query(builder_t *p, const query_node_t *n)
{
	dx_query_t *pairs[QUERY_MAX_PAIRS], *any, *scaled = NULL;
	size_t np = 0;
	const query_node_t *prev = NULL;
	if (!(p->b->proximity > 0) || p->negated)
		return NULL;
	for (size_t i = 0; i < n->nkids && np < QUERY_MAX_PAIRS && !p->rc; i++) {
		const query_node_t *kid = n->kids[i];
		if (!plain_word(kid)) {
			prev = NULL;
			continue;
		}
		char t1[AN_TERM_BUF], t2[AN_TERM_BUF];
		if (prev) {
			an_rank_term(p->st, "", &prev->toks[0].tok, t1);
			an_rank_term(p->st, "", &kid->toks[0].tok, t2);
			if (strcmp(t1, t2) != 0) {
				dx_query_t *two[2] = { term_query(p, t1), term_query(p, t2) };
				pairs[np++] = combine(p, DX_OP_NEAR, two, 2,
						      p->b->proximity_gap + 2);
			}
		}
		prev = kid;
	}
	if (!np || p->rc) {
		for (size_t i = 0; i < np; i++)
			dx_query_destroy(pairs[i]);
		return NULL;
	}
	any = combine(p, DX_OP_OR, pairs, np, 0);
	if (any && dx_query_scale(any, p->b->proximity, &scaled) != DX_OK)
		oom(p);
	dx_query_destroy(any);
	return scaled;
}

/* The items of a sequence, by their modifiers: required, optional,
 * excluded, filters. */
typedef struct {
	dx_query_t **v[5];
	size_t n[5];
} groups_t;
/* G_ENT: --person, --place and --org, which restrict the words' matches
 * (unweighted) and, alone, rank by the mentions. */
enum { G_REQ, G_OPT, G_EXC, G_FIL, G_ENT };

/* seq: the required words (or, under --match all, every word) AND-ed,
 * the optional ones adding weight, filters restricting them, exclusions
 * taken out. */
static dx_query_t *seq_query(builder_t *p, const query_node_t *n)
{
	groups_t g = { { NULL }, { 0 } };
	dx_query_t *q = NULL;
	for (int k = 0; k < 5; k++)
		if (!(g.v[k] = calloc(n->nkids + 1, sizeof(dx_query_t *))))
			oom(p);
	for (size_t i = 0; !p->rc && i < n->nkids; i++) {
		const query_node_t *kid = n->kids[i];
		int filter = 0, exc = kid->mod == QM_EXCLUDED;
		p->negated += exc;
		dx_query_t *item = build(p, kid, &filter);
		p->negated -= exc;
		int ent = kid->option && (kid->kind == QN_PERSON || kid->kind == QN_PLACE ||
					  kid->kind == QN_ORG);
		int k = exc ? G_EXC : ent ? G_ENT : filter ? G_FIL
			: kid->mod == QM_REQUIRED || p->b->all_words ? G_REQ : G_OPT;
		if (item)
			g.v[k][g.n[k]++] = item;
	}
	if (p->rc)
		goto out;
	dx_query_t *required = g.n[G_REQ] ? combine(p, DX_OP_AND, g.v[G_REQ], g.n[G_REQ], 0) : NULL;
	dx_query_t *optional = g.n[G_OPT] ? combine(p, DX_OP_OR, g.v[G_OPT], g.n[G_OPT], 0) : NULL;
	g.n[G_REQ] = g.n[G_OPT] = 0;
	if (required && optional)
		q = combine2(p, DX_OP_AND_MAYBE, required, optional);
	else
		q = required ? required : optional;
	dx_query_t *near = q ? proximity_query(p, n) : NULL;
	if (near)
		q = combine2(p, DX_OP_AND_MAYBE, q, near);
	if (g.n[G_ENT] && !q) {
		q = combine(p, DX_OP_AND, g.v[G_ENT], g.n[G_ENT], 0);
		g.n[G_ENT] = 0;
	}
	for (size_t i = 0; i < g.n[G_ENT]; i++)
		g.v[G_FIL][g.n[G_FIL]++] = g.v[G_ENT][i];
	g.n[G_ENT] = 0;
	if (g.n[G_FIL]) {
		dx_query_t *filters = combine(p, DX_OP_AND, g.v[G_FIL], g.n[G_FIL], 0);
		g.n[G_FIL] = 0;
		if (!q && dx_query_match_all(&q) != DX_OK)
			oom(p);
		q = combine2(p, DX_OP_FILTER, q, filters);
	}
	if (!q && g.n[G_EXC] && dx_query_match_all(&q) != DX_OK)
		oom(p);  /* only exclusions: every article without them */
	if (q && g.n[G_EXC]) {
		dx_query_t *excluded = combine(p, DX_OP_OR, g.v[G_EXC], g.n[G_EXC], 0);
		g.n[G_EXC] = 0;
		q = combine2(p, DX_OP_AND_NOT, q, excluded);
	}
out:
	for (int k = 0; k < 5; k++) {
		for (size_t i = 0; g.v[k] && i < g.n[k]; i++)
			dx_query_destroy(g.v[k][i]);
		free(g.v[k]);
	}
	return p->rc ? (dx_query_destroy(q), NULL) : q;
}

/* The query of node n; *filter is set when it only filters (date:,
 * source:, id:, and AND of filters). */
static dx_query_t *build(builder_t *p, const query_node_t *n, int *filter)
{
	int f1 = 0, f2 = 0;
	dx_query_t *a, *b;
	*filter = 0;
	if (p->rc)
		return NULL;
	switch (n->kind) {
	case QN_SEQ:
		return seq_query(p, n);
	case QN_WORD:
	case QN_PHRASE:
	case QN_PREFIX:
		return text_query(p, n);
	case QN_NEAR:
		return near_query(p, n);
	case QN_PERSON:
	case QN_PLACE:
	case QN_ORG:
		return entity_query(p, n);
	case QN_DATE:
		*filter = 1;
		return date_query(p, n);
	case QN_SOURCE:
	case QN_ID:
	case QN_LANG:
		*filter = 1;
		return boolean_query(p, n);
	case QN_AND:
		a = build(p, n->kids[0], &f1);
		b = build(p, n->kids[1], &f2);
		*filter = f1 && f2;
		return combine2(p, f2 ? DX_OP_FILTER : DX_OP_AND, a, b);
	case QN_NOT:
		a = build(p, n->kids[0], &f1);
		p->negated++;
		b = build(p, n->kids[1], &f2);
		p->negated--;
		return combine2(p, DX_OP_AND_NOT, a, b);
	case QN_OR:
		a = build(p, n->kids[0], &f1);
		b = build(p, n->kids[1], &f2);
		return combine2(p, DX_OP_OR, a, b);
	}
	return NULL;
}

/* The codes lang: names in the tree, outside exclusions (into v, at most
 * max; returns how many). */
static size_t named_langs(const query_node_t *n, char v[][LANG_CODE_BYTES], size_t nv,
			  size_t max)
{
	if (!n || n->mod == QM_EXCLUDED || n->kind == QN_NOT) {
		if (n && n->kind == QN_NOT)
			nv = named_langs(n->kids[0], v, nv, max);
		return nv;
	}
	if (n->kind == QN_LANG && nv < max) {
		if (lang_normalise(n->text, strlen(n->text), v[nv]))
			nv++;
		return nv;
	}
	for (size_t i = 0; i < n->nkids; i++)
		nv = named_langs(n->kids[i], v, nv, max);
	return nv;
}

/* A language stems the query when at least this share of the index's
 * articles is in it: an English collection in which a few articles are
 * taken for another language is not stemmed in those. Reuters-21578, all
 * English, has 0.58% of its articles taken for Catalan, 0.47% German,
 * 0.36% French and 0.25% Danish (short tables); at 0.2% its queries were
 * stemmed in all four, and ranking p50 was 1.60 times the reference
 * Xapian program's, 1.15 times at 1% (7 interleaved rounds of make
 * bench's 200 queries; 23% fewer instructions). MAP does not move on the
 * six test collections (none has another language above 0.2%; NPL with
 * all its eleven stemmed: 0.2910 -> 0.2948,
 * p 0.14, 31 queries better and 37 worse). */
#define MIN_LANG_SHARE 0.01

typedef struct {
	char v[MAX_QUERY_LANGS + 1][LANG_CODE_BYTES];
	size_t n;
	uint32_t min_docs;
} codes_t;

static int add_code(const char *term, size_t len, uint32_t freq, void *ctx)
{
	codes_t *c = ctx;
	size_t k = strlen(DL_PREFIX_LANGUAGE);
	if (freq < c->min_docs)
		return 0;
	if (len > k && len - k < LANG_CODE_BYTES && c->n <= MAX_QUERY_LANGS) {
		memcpy(c->v[c->n], term + k, len - k);
		c->v[c->n][len - k] = '\0';
		c->n++;
	}
	return 0;
}

/* The index's languages with at least MIN_LANG_SHARE of its articles
 * (its XLANG terms), into c. Returns 0, or -1 (none in c) when db is
 * NULL or cannot be read. */
static int index_langs(dx_db_t *db, codes_t *c)
{
	uint32_t ndocs = 0;
	c->n = 0;
	if (!db || dx_db_doc_count(db, &ndocs) != DX_OK)
		return -1;
	c->min_docs = (uint32_t)(ndocs * MIN_LANG_SHARE);
	if (c->min_docs < 1)
		c->min_docs = 1;
	if (dx_db_each_vocab(db, DL_PREFIX_LANGUAGE, add_code, c) != DX_OK) {
		c->n = 0;
		return -1;
	}
	return 0;
}

/* The stemmers of c's codes but own (into v, at most MAX_QUERY_LANGS;
 * returns how many); *own_found says whether c has own. */
static size_t make_stemmers(const codes_t *c, const char *own, an_stemmer_t **v,
			    int *own_found)
{
	size_t n = 0;
	*own_found = 0;
	for (size_t i = 0; i < c->n; i++) {
		if (own && strcmp(c->v[i], own) == 0) {
			*own_found = 1;
			continue;
		}
		const char *name = lang_stemmer_name(c->v[i]);
		an_stemmer_t *s = name && n < MAX_QUERY_LANGS ? an_stemmer_new(name) : NULL;
		if (s)
			v[n++] = s;
	}
	return n;
}

struct query_langs {
	an_stemmer_t *alt[MAX_QUERY_LANGS];
	size_t nalt;
};

query_langs_t *query_langs_new(dx_db_t *db, const an_stemmer_t *st)
{
	query_langs_t *l = calloc(1, sizeof(*l));
	codes_t c = { .n = 0 };
	int own_found;
	if (!l)
		return NULL;
	if (index_langs(db, &c) < 0) {
		free(l);
		return NULL;
	}
	l->nalt = make_stemmers(&c, lang_code_of_stemmer(an_stemmer_language(st)), l->alt,
				&own_found);
	return l;
}

void query_langs_free(query_langs_t *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->nalt; i++)
		an_stemmer_destroy(l->alt[i]);
	free(l);
}

/* The stemmers of the languages the query is stemmed in besides st's:
 * those lang: names, else those the index holds (langs, or the index's
 * XLANG terms when langs is NULL). An index of one language, or of none
 * recorded, is stemmed in st's alone. */
static void query_langs(builder_t *p, const query_node_t *root, query_langs_t *langs)
{
	codes_t c = { .n = 0 };
	c.n = named_langs(root, c.v, 0, MAX_QUERY_LANGS);
	int named = c.n > 0, own_found = 0;
	if (!named && langs) {
		memcpy(p->alt, langs->alt, langs->nalt * sizeof(*p->alt));
		p->nalt = langs->nalt;
		return;
	}
	if (!named)
		(void)index_langs(p->db, &c);
	p->nalt = make_stemmers(&c, lang_code_of_stemmer(an_stemmer_language(p->st)), p->alt,
				&own_found);
	p->alt_owned = 1;
	p->no_own = named && !own_found && p->nalt > 0;
}

/* Over a stub of remote shards, where each term frequency asked alone
 * is a message to every shard and a wait for each answer: a first build
 * notes the terms whose frequencies the query depends on (other
 * languages' stems, the stems prefix* expands to in a field), and they
 * are asked of the shards together, the second build finding them known.
 * A failure here is the second build's to meet and report. */
static void ask_ahead(builder_t *p, const query_node_t *root)
{
	builder_t pre = *p;
	query_t scratch;
	int filter;
	memset(&scratch, 0, sizeof(scratch));
	char err[256];
	pre.out = &scratch;
	pre.err = err;
	pre.errsz = sizeof(err);
	pre.collect = 1;
	pre.want = NULL;
	pre.nwant = pre.capwant = 0;
	dx_query_destroy(build(&pre, root, &filter));
	query_free(&scratch);
	uint32_t *freqs = pre.nwant ? calloc(pre.nwant, sizeof(*freqs)) : NULL;
	if (freqs) {
		dx_status_t asked = dx_db_term_freqs(p->db, (const char *const *)pre.want,
						     pre.nwant, freqs);
		(void)asked;
	}
	free(freqs);
	for (size_t i = 0; i < pre.nwant; i++)
		free(pre.want[i]);
	free(pre.want);
}

int query_build_in(const query_node_t *root, an_stemmer_t *st, dx_db_t *db,
		   query_langs_t *langs, const query_boosts_t *boosts, query_t *out,
		   char *err, size_t errsz)
{
	builder_t p = { .st = st, .db = db, .b = boosts, .out = out, .err = err, .errsz = errsz };
	int filter;
	memset(out, 0, sizeof(*out));
	query_langs(&p, root, langs);
	if (db && dx_db_has_remote(db))
		ask_ahead(&p, root);
	out->query = build(&p, root, &filter);
	for (size_t i = 0; p.alt_owned && i < p.nalt; i++)
		an_stemmer_destroy(p.alt[i]);
	if (!p.rc && !out->query) {
		snprintf(err, errsz, "the query has no words to search for");
		p.rc = -1;
	}
	if (p.rc)
		query_free(out);
	return p.rc;
}

int query_build(const query_node_t *root, an_stemmer_t *st, dx_db_t *db,
		const query_boosts_t *boosts, query_t *out, char *err, size_t errsz)
{
	return query_build_in(root, st, db, NULL, boosts, out, err, errsz);
}

int query_parse(const char *text, an_stemmer_t *st, dx_db_t *db,
		const query_boosts_t *boosts, query_t *out, char *err, size_t errsz)
{
	return query_parse_in(text, st, db, NULL, boosts, out, err, errsz);
}

int query_parse_in(const char *text, an_stemmer_t *st, dx_db_t *db, query_langs_t *langs,
		   const query_boosts_t *boosts, query_t *out, char *err, size_t errsz)
{
	query_read_opts_t ro = { an_stemmer_language(st) };
	query_node_t *root = NULL;
	memset(out, 0, sizeof(*out));
	int rc = query_tree_parse(text, &ro, &root, err, errsz);
	if (rc == 0)
		rc = query_build_in(root, st, db, langs, boosts, out, err, errsz);
	query_tree_free(root);
	return rc;
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

dx_query_t *query_org(const char *name, size_t len, char *err, size_t errsz)
{
	char key[200], term[DL_MAX_TERM_BYTES + 1];
	dx_query_t *q = NULL, *bare = NULL, *both = NULL, *two[2];
	if (an_normalise(name, len, key, sizeof(key)) == 0) {
		snprintf(err, errsz, "an organisation needs a name");
		return NULL;
	}
	snprintf(term, sizeof(term), "%s%s", DL_PREFIX_ORG, key);
	if (dx_query_term(term, 1, &q) != DX_OK)
		goto fail;
	/* The tagger's name leaves "the" out ("the European Union"): the
	 * name without it too. */
	if (strncmp(key, "the ", 4) != 0 || !key[4])
		return q;
	snprintf(term, sizeof(term), "%s%s", DL_PREFIX_ORG, key + 4);
	if (dx_query_term(term, 1, &bare) != DX_OK)
		goto fail;
	two[0] = q;
	two[1] = bare;
	if (dx_query_combine(DX_OP_OR, two, 2, 0, &both) != DX_OK)
		goto fail;
	dx_query_destroy(q);
	dx_query_destroy(bare);
	return both;
fail:
	snprintf(err, errsz, "cannot build the query: %s", dx_last_error());
	dx_query_destroy(q);
	dx_query_destroy(bare);
	return NULL;
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
