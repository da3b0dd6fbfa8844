/*
 * query_parse.c - Dateline's query language read into a tree (see
 * query.h for the language and the tree). The grammar:
 *
 *   query   := seq
 *   seq     := ([+|-] or)*               words side by side
 *   or      := and ("OR" and)*
 *   and     := near (("AND" | "NOT" | "AND NOT") near)*
 *   near    := primary ("NEAR"[/n] primary)*     single words only
 *   primary := "(" seq ")" | word | "phrase" | prefix* | field:(word|"phrase")
 *
 * Nothing here touches an index or Xapian: query_build.c does.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../analysis/language.h"
#include "../analysis/date.h"
#include "../analysis/gazetteer.h"
#include "../analysis/schema.h"
#include "../analysis/stopwords.h"
#include "../util/buf.h"
#include "query.h"

#define STR_(x) #x
#define STR(x) STR_(x)
#define QUERY_MAX_PHRASE_WORDS_S STR(QUERY_MAX_PHRASE_WORDS)

enum modifier { MOD_NONE = QM_NONE, MOD_REQUIRE = QM_REQUIRED, MOD_EXCLUDE = QM_EXCLUDED };

/* --- the lexer ------------------------------------------------------- */

typedef enum {
	T_WORD, T_PHRASE, T_LPAREN, T_RPAREN, T_AND, T_OR, T_NOT, T_NEAR, T_END,
	T_SKIP        /* left out by the reading (read_tokens()) */
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
	int explicit_near;        /* written NEAR/n, not NEAR */
	size_t words;             /* T_WORD, T_PHRASE: the tokens of text */
	int stop;                 /* one token, and a stop word */
	size_t match;             /* T_LPAREN, T_RPAREN: the other one's index */
	int meant;                /* an operator beside or inside parentheses
				     used as syntax (read_tokens()) */
} qtok_t;

static int is_op(const char *s, size_t len, const char *op)
{
	return len == strlen(op) && memcmp(s, op, len) == 0;
}

/* Can a field's value start with c? An unknown name before a colon is an
 * error only then ("colour:red"); "http://..." or "note:..." are words. */
static int value_start(unsigned char c)
{
	return isalnum(c) || c == '"' || c >= 0x80;
}

/* Split text into tokens, at most max - 1 (*cut: the column where the
 * tokens beyond them start, else 0). Returns the count, or -1 with a
 * message. */
static long lex(const char *text, qtok_t *t, size_t max, size_t *cut, char *err,
		size_t errsz)
{
	size_t i = 0, len = strlen(text);
	long n = 0;
	*cut = 0;
	while (i < len) {
		while (i < len && isspace((unsigned char)text[i]))
			i++;
		if (i >= len)
			break;
		if ((size_t)n + 1 >= max) {
			*cut = i + 1;
			break;
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
			/* "--x" is -x: the first sign is the modifier, the others
			 * (no term) go, so that no word begins with one. Else the
			 * printed tree ("-(-x NEAR y)", the NEAR's - and its
			 * first word "-x") reads back otherwise: a fuzzer find. */
			while (i + 1 < len && (text[i] == '+' || text[i] == '-') &&
			       !isspace((unsigned char)text[i + 1]))
				i++;
			if (text[i] == '(') {
				k->kind = T_LPAREN;
				i++;
				n++;
				continue;
			}
		}
		/* field: letters then a colon and a value (not a space nor a
		 * parenthesis: "NOK:)" is the word "NOK:", as at the end) */
		size_t j = i;
		while (j < len && isalpha((unsigned char)text[j]))
			j++;
		if (j > i && j + 1 < len && text[j] == ':' && !isspace((unsigned char)text[j + 1]) &&
		    text[j + 1] != '(' && text[j + 1] != ')' &&
		    (value_start((unsigned char)text[j + 1]) ||
		     dl_field_by_name(text + i, j - i, DL_FIELD_QUERY))) {
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
				k->explicit_near = k->len > 4;
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
	memset(&t[n], 0, sizeof(t[n]));
	t[n].kind = T_END;
	t[n].column = len + 1;
	return n;
}

/* --- nodes -------------------------------------------------------------- */

static query_node_t *node_new(query_kind_t kind)
{
	query_node_t *n = calloc(1, sizeof(*n));
	if (n)
		n->kind = kind;
	return n;
}

void query_tree_free(query_node_t *n)
{
	if (!n)
		return;
	for (size_t i = 0; i < n->nkids; i++)
		query_tree_free(n->kids[i]);
	free(n->kids);
	free(n->toks);
	free(n->text);
	free(n);
}

static int node_add(query_node_t *parent, query_node_t *kid)
{
	query_node_t **v = realloc(parent->kids, (parent->nkids + 1) * sizeof(*v));
	if (!v)
		return -1;
	parent->kids = v;
	v[parent->nkids++] = kid;
	return 0;
}

/* The tokens of text, collected by the tokenizer callback. */
typedef struct {
	query_token_t *v;
	size_t n;
	int too_many, oom;
} collect_t;

static int collect(const an_token_t *tok, void *ctx)
{
	collect_t *c = ctx;
	if (c->n == QUERY_MAX_PHRASE_WORDS) {
		c->too_many = 1;
		return 1;
	}
	query_token_t *t = &c->v[c->n++];
	memcpy(t->term, tok->term, tok->len + 1);
	t->tok = *tok;
	t->tok.term = t->term;
	return 0;
}

/* Set n's text (len bytes at text, offset in the query) and its tokens.
 * Returns 0, -1 for too many words (n->ntoks is then 0), -2 out of memory. */
static int node_set_text(query_node_t *n, const char *text, size_t len, size_t offset)
{
	collect_t c = { 0 };
	n->text = strndup(text, len);
	n->offset = offset;
	c.v = malloc(QUERY_MAX_PHRASE_WORDS * sizeof(*c.v));
	if (!n->text || !c.v) {
		free(c.v);
		return -2;
	}
	if (an_tokenize(text, len, collect, &c) < 0) {
		free(c.v);
		return -2;
	}
	if (c.too_many) {
		free(c.v);
		return -1;
	}
	n->toks = c.v;
	n->ntoks = c.n;
	return 0;
}

/* --- the parser --------------------------------------------------------- */

typedef struct {
	qtok_t *t;
	size_t pos;
	const char *base;         /* the query text */
	const char *language;
	size_t nstop;             /* stop words left out */
	char *err;
	size_t errsz;
	int rc;                   /* -1 syntax, -2 memory */
	size_t n;                 /* tokens in t, T_END not counted */
	int natural;              /* QR_CAPITALS or QR_QUESTION: the query is
				     in capitals, or a question */
	int keep_stop;            /* only stop words: search for them */
	unsigned reading;         /* QR_*: how the text was read */
} parser_t;

static query_node_t *parse_seq(parser_t *p, int nested);

static query_node_t *fail_at(parser_t *p, size_t column, const char *what)
{
	if (p->rc == 0) {
		snprintf(p->err, p->errsz, "%s at column %zu", what, column);
		p->rc = -1;
	}
	return NULL;
}

static query_node_t *oom(parser_t *p)
{
	if (p->rc == 0) {
		snprintf(p->err, p->errsz, "out of memory");
		p->rc = -2;
	}
	return NULL;
}

int query_date_bound(const char *s, size_t len, int high, char out[9])
{
	an_date_t d;
	if (len == 0 || an_date_parse(s, len, &d) != 0)
		return -1;
	snprintf(out, 9, "%04d%02d%02d", d.year, d.month ? d.month : (high ? 99 : 0),
		 d.day ? d.day : (high ? 99 : 0));
	return 0;
}

/* date:A..B, date:A.., date:..B, date:A into n's bounds. Returns 0 or -1. */
static int date_bounds(const char *text, size_t len, query_node_t *n)
{
	const char *dots = NULL;
	for (size_t i = 0; i + 1 < len; i++)
		if (text[i] == '.' && text[i + 1] == '.')
			dots = text + i;
	if (!dots)
		return query_date_bound(text, len, 0, n->lo) < 0 ||
		       query_date_bound(text, len, 1, n->hi) < 0 ? -1 : 0;
	size_t l1 = (size_t)(dots - text), l2 = len - l1 - 2;
	if ((l1 && query_date_bound(text, l1, 0, n->lo) < 0) ||
	    (l2 && query_date_bound(dots + 2, l2, 1, n->hi) < 0) || (!l1 && !l2))
		return -1;
	return 0;
}

/* Does a person's, place's or organisation's name have words? */
static int name_has_words(query_kind_t kind, const char *name, size_t len)
{
	char key[200];
	if (kind == QN_PERSON)
		return an_person_key(name, len, key, sizeof(key)) > 0;
	if (kind == QN_ORG)
		return an_normalise(name, len, key, sizeof(key)) > 0;
	return an_place_find(name, len) || an_normalise(name, len, key, sizeof(key)) > 0;
}

/* "a person", "a place", "an organisation": for messages. */
static const char *entity_noun(query_kind_t kind)
{
	return kind == QN_PERSON ? "a person" : kind == QN_PLACE ? "a place" : "an organisation";
}

/* A leaf of a field that is not a text field: person:, place:, org:,
 * date:, source:, id:. */
static query_node_t *field_leaf(parser_t *p, const qtok_t *k, const dl_field_t *f)
{
	static const struct { enum dl_field_id id; query_kind_t kind; } kinds[] = {
		{ DL_F_PERSONS, QN_PERSON }, { DL_F_PLACE, QN_PLACE }, { DL_F_ORGS, QN_ORG },
		{ DL_F_DATE, QN_DATE },
		{ DL_F_SOURCE, QN_SOURCE }, { DL_F_ID, QN_ID }, { DL_F_LANGUAGE, QN_LANG },
	};
	query_kind_t kind = QN_WORD;
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (dl_field_id(f) == kinds[i].id)
			kind = kinds[i].kind;
	query_node_t *n = node_new(kind);
	if (!n)
		return oom(p);
	n->column = k->column;
	n->mod = (query_mod_t)k->mod;
	n->quoted = k->kind == T_PHRASE;
	/* A field of names, dates or ids takes no prefix: a final '*' is part
	 * of the value as written (it was cut off, and each print and reading
	 * cut one more: a fuzz_query find). */
	qtok_t whole = *k;
	whole.len += (size_t)k->star;
	k = &whole;
	int rc = node_set_text(n, k->text, k->len, (size_t)(k->text - p->base));
	const char *bad = NULL;
	char what[160];
	if (rc == -2) {
		query_tree_free(n);
		return oom(p);
	}
	if (kind == QN_PERSON && !name_has_words(kind, k->text, k->len))
		bad = "a person needs a name";
	else if (kind == QN_PLACE && !name_has_words(kind, k->text, k->len))
		bad = "a place needs a name";
	else if (kind == QN_ORG && !name_has_words(kind, k->text, k->len))
		bad = "an organisation needs a name";
	else if (kind == QN_SOURCE && an_normalise(k->text, k->len, what, sizeof(what)) == 0)
		bad = "source: needs a name";
	else if (kind == QN_LANG && !lang_normalise(k->text, k->len, what)) {
		snprintf(what, sizeof(what), "unknown language '%.*s' (a code or name Snowball "
			 "stems: en, fr, de, es, ru, ...)", (int)(k->len < 40 ? k->len : 40), k->text);
		bad = what;
	}
	else if (kind == QN_DATE && date_bounds(k->text, k->len, n) < 0) {
		snprintf(what, sizeof(what), "bad date '%.*s' (use YYYY, YYYY-MM or "
			 "YYYY-MM-DD, and A..B for a range)", (int)(k->len < 40 ? k->len : 40),
			 k->text);
		bad = what;
	} else if (rc == -1 && kind == QN_PLACE)
		bad = "phrase of more than " QUERY_MAX_PHRASE_WORDS_S " words";
	if (bad) {
		query_tree_free(n);
		return fail_at(p, k->column, bad);
	}
	return n;
}

/* --- reading: what of the text is syntax --------------------------------- */

/*
 * Before the grammar, read_tokens() decides which tokens are syntax, so
 * that a query as people type or paste it is searched as its words:
 *
 *  - AND, OR and NOT are operators only with a word to search for on both
 *    sides (a word that is no lone stop word, a "phrase", or a
 *    parenthesis); AND NOT likewise. NEAR (and NEAR/n) only between two
 *    single words. Otherwise they are words: AND, OR and NOT are stop
 *    words and left out, NEAR is searched, a NEAR/n is left out.
 *  - In a query written in capitals (no lower-case letter: a shouted
 *    question, a pasted headline) or ending with '?', AND, OR, NOT and
 *    NEAR are words, unless parentheses are plainly syntax: a group that
 *    has an operator inside and one beside it. The operators inside such
 *    a group and beside it are operators: "(KERRY OR LAVROV) AND CRIMEA"
 *    keeps both, "NETWORKS (MESH) AND LOCAL" and "(SUCH AS A AND B)" are
 *    words. NEAR/n is always an operator. An unknown field name there is
 *    part of its word.
 *  - An unmatched parenthesis and parentheses with no word inside are
 *    left out; a query of stop words only is searched for them; one that
 *    only excludes finds every article without its words; words after the
 *    QUERY_MAX_CLAUSES-th are left out.
 *
 * What it does is recorded in p->reading (QR_*), so that the user can be
 * told how the query was read.
 */

#define NO_MATCH ((size_t)-1)

typedef struct {
	size_t n;
	int stop;
	const char *language;
} count_t;

static int count_token(const an_token_t *tok, void *ctx)
{
	count_t *c = ctx;
	if (c->n++ == 0)
		c->stop = an_is_stopword(c->language, tok->term, tok->len);
	return 0;
}

/* k->words and k->stop from k's text. */
static void measure(parser_t *p, qtok_t *k)
{
	count_t c = { 0, 0, p->language };
	if (an_tokenize(k->text, k->len, count_token, &c) < 0) {
		/* out of memory: keep the token, the parse reports it */
		c.n = 1;
		c.stop = 0;
	}
	k->words = c.n;
	k->stop = c.n == 1 && c.stop;
}

/* Is k's field one of names or values (person:, org:, date:, ...), not
 * of words? Its value without words is an error the parser names. */
static int value_field(const qtok_t *k)
{
	const dl_field_t *f = k->field ? dl_field_by_name(k->field, k->field_len,
							   DL_FIELD_QUERY) : NULL;
	return f && (!(f->flags & DL_FIELD_TEXT) || (f->flags & DL_FIELD_MENTIONS));
}

/* Does k search for something: a word that is not a lone stop word, a
 * phrase, a word with + or -, a field or a star? */
static int searchable(const qtok_t *k)
{
	if (k->kind != T_WORD && k->kind != T_PHRASE)
		return 0;
	if (k->words == 0)
		return value_field(k);
	return k->kind == T_PHRASE || k->mod || k->field || k->star || !k->stop;
}

/* A word NEAR may join: one token, no field, no star. */
static int near_word(const qtok_t *k)
{
	return k && k->kind == T_WORD && !k->field && !k->star && k->words == 1;
}

static int operand_end(const qtok_t *k)
{
	return k->kind == T_WORD || k->kind == T_PHRASE || k->kind == T_RPAREN;
}

static int operand_start(const qtok_t *k)
{
	return k->kind == T_WORD || k->kind == T_PHRASE || k->kind == T_LPAREN;
}

/* Pair the parentheses (t[i].match); an unmatched one is left out. */
static void match_parens(parser_t *p)
{
	size_t open = NO_MATCH;
	for (size_t i = 0; i < p->n; i++) {
		qtok_t *k = &p->t[i];
		if (k->kind == T_LPAREN) {
			k->match = open;
			open = i;
		} else if (k->kind == T_RPAREN && open == NO_MATCH) {
			k->kind = T_SKIP;
			p->reading |= QR_PARENTHESIS;
		} else if (k->kind == T_RPAREN) {
			size_t j = open;
			open = p->t[j].match;
			p->t[j].match = i;
			k->match = j;
		}
	}
	while (open != NO_MATCH) {
		size_t j = open;
		open = p->t[j].match;
		p->t[j].kind = T_SKIP;
		p->reading |= QR_PARENTHESIS;
	}
}

/* Take the T_SKIP tokens out. */
static void compact(parser_t *p)
{
	size_t o = 0;
	for (size_t i = 0; i < p->n; i++)
		if (p->t[i].kind != T_SKIP)
			p->t[o++] = p->t[i];
	p->t[o] = p->t[p->n];  /* T_END */
	p->n = o;
}

/* An operator that is read as a word: left out when it is a stop word
 * (AND, OR, NOT in English). Returns 1 when it is kept. */
static int operator_as_word(parser_t *p, qtok_t *k, unsigned why)
{
	p->reading |= why;
	k->kind = T_WORD;
	k->near = 0;
	measure(p, k);
	if (k->stop && !p->keep_stop) {
		p->nstop++;
		k->kind = T_SKIP;
		return 0;
	}
	return 1;
}

static int candidate(const qtok_t *k)
{
	return k->kind == T_AND || k->kind == T_OR || k->kind == T_NOT || k->kind == T_NEAR;
}

/* The operators meant as syntax in a query in capitals or a question:
 * those inside or beside a group that has an operator at its top level
 * and one beside it (k->meant). */
static void mark_meant(parser_t *p)
{
	qtok_t *t = p->t;
	size_t open = NO_MATCH;    /* the innermost group, by its '(' */
	/* First each group's flag, kept in its '(' as meant. */
	for (size_t i = 0; i < p->n; i++)
		t[i].meant = 0;
	for (size_t i = 0; i < p->n; i++) {
		if (t[i].kind != T_LPAREN)
			continue;
		size_t j = t[i].match;
		int inside = 0, depth = 0;
		for (size_t m = i + 1; m < j; m++) {
			depth += (t[m].kind == T_LPAREN) - (t[m].kind == T_RPAREN);
			inside |= depth == 0 && candidate(&t[m]);
		}
		int beside = (i > 0 && candidate(&t[i - 1])) || candidate(&t[j + 1]);
		t[i].meant = inside && beside;
	}
	/* Then the operators: beside such a group, or in one. */
	for (size_t i = 0; i < p->n; i++) {
		qtok_t *k = &t[i];
		if (k->kind == T_LPAREN) {
			open = i;
			continue;
		}
		if (k->kind == T_RPAREN) {
			/* back to the group around this one */
			size_t o = NO_MATCH;
			for (size_t m = t[i].match; m-- > 0;)
				if (t[m].kind == T_LPAREN && t[m].match > i) {
					o = m;
					break;
				}
			open = o;
			continue;
		}
		if (!candidate(k))
			continue;
		size_t r = i + 1;
		if (k->kind == T_AND && t[r].kind == T_NOT)
			r++;
		k->meant = (open != NO_MATCH && t[open].meant) ||
			   (i > 0 && t[i - 1].kind == T_RPAREN && t[t[i - 1].match].meant) ||
			   (t[r].kind == T_LPAREN && t[r].meant);
		if (r == i + 2)
			t[i + 1].meant = k->meant;
	}
}

static int is_capitals(const qtok_t *t, size_t n)
{
	int upper = 0;
	/* The operators' capitals say nothing of how the words are written:
	 * "Кремль OR Путин" is no query in capitals (it was read so, and its
	 * OR as a word: a fuzzer find). */
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; t[i].text && !candidate(&t[i]) && j < t[i].len; j++) {
			if (islower((unsigned char)t[i].text[j]) && !(t[i].text[j] & 0x80))
				return 0;
			upper |= isupper((unsigned char)t[i].text[j]) && !(t[i].text[j] & 0x80);
		}
	return upper;
}

static int is_question(const char *text)
{
	size_t len = strlen(text);
	while (len && isspace((unsigned char)text[len - 1]))
		len--;
	return len && text[len - 1] == '?';
}

static void read_tokens(parser_t *p)
{
	qtok_t *t = p->t;

	p->natural = is_capitals(t, p->n) ? QR_CAPITALS : is_question(p->base) ? QR_QUESTION : 0;
	for (size_t i = 0; i < p->n; i++) {
		qtok_t *k = &t[i];
		if (k->field && p->natural &&
		    !dl_field_by_name(k->field, k->field_len, DL_FIELD_QUERY)) {
			/* "NOTE:THIS": a word */
			if (k->kind == T_WORD) {
				k->len += (size_t)(k->text - k->field);
				k->text = k->field;
			}
			k->field = NULL;
			p->reading |= QR_FIELD_AS_WORD;
		}
		if (k->kind == T_WORD || k->kind == T_PHRASE)
			measure(p, k);
	}
	match_parens(p);
	compact(p);
	match_parens(p);
	/* "+(x)" is "+x", as the tree makes it and prints it: read so from
	 * the start (a "+(" counted for nothing when the query was tested
	 * for stop words only, a "+x" for a word to search for, so the
	 * printed query read otherwise: a fuzzer find). An operator there is
	 * a word, as "+OR" is. */
	int single = 0;
	for (size_t i = 0; i + 2 < p->n + 1; i++) {
		qtok_t *k = &t[i], *w = &t[i + 1];
		if (k->kind != T_LPAREN || !k->mod || k->match != i + 2 || w->mod)
			continue;
		if (w->kind == T_AND || w->kind == T_OR || w->kind == T_NOT || w->kind == T_NEAR) {
			w->kind = T_WORD;
			w->near = 0;
			measure(p, w);
		}
		if (w->kind != T_WORD && w->kind != T_PHRASE)
			continue;
		w->mod = k->mod;
		k->kind = T_SKIP;
		t[i + 2].kind = T_SKIP;
		single = 1;
	}
	if (single) {
		compact(p);
		match_parens(p);
	}
	if (p->natural)
		mark_meant(p);

	/* NEAR between two single words. */
	for (size_t i = 0; i < p->n; i++) {
		qtok_t *k = &t[i];
		if (k->kind != T_NEAR)
			continue;
		qtok_t *a = i ? &t[i - 1] : NULL, *b = &t[i + 1];
		int words = near_word(a) && near_word(b) && !b->mod;
		if (words && (k->explicit_near || !p->natural || k->meant))
			continue;
		if (k->explicit_near) {
			k->kind = T_SKIP;
			p->reading |= QR_LONE_OPERATOR;
		} else {
			operator_as_word(p, k, words ? (unsigned)p->natural : QR_LONE_OPERATOR);
		}
	}

	/* Lone stop words are left out (kept beside NEAR), unless the query
	 * has nothing else to search for; words of punctuation only, too. */
	int any = 0, words = 0;
	for (size_t i = 0; i < p->n; i++) {
		any |= searchable(&t[i]);
		words |= (t[i].kind == T_WORD || t[i].kind == T_PHRASE) && t[i].words > 0;
	}
	if (!any) {
		p->keep_stop = 1;
		for (size_t i = 0; i < p->n; i++)
			if (t[i].kind == T_AND || t[i].kind == T_OR || t[i].kind == T_NOT) {
				t[i].kind = T_WORD;
				measure(p, &t[i]);
				words = 1;
			}
		if (words)
			p->reading |= QR_STOP_WORDS;
	}
	for (size_t i = 0; i < p->n; i++) {
		qtok_t *k = &t[i];
		if (k->kind != T_WORD && k->kind != T_PHRASE)
			continue;
		int by_near = (i && t[i - 1].kind == T_NEAR) || t[i + 1].kind == T_NEAR;
		if (k->words == 0 && !value_field(k))
			k->kind = T_SKIP;
		else if (!p->keep_stop && k->kind == T_WORD && !searchable(k) && !by_near) {
			k->kind = T_SKIP;
			p->nstop++;
		}
	}

	/* Parentheses with no word inside. */
	for (size_t i = 0; i < p->n; i++) {
		if (t[i].kind != T_LPAREN)
			continue;
		size_t j = t[i].match, w = 0;
		for (size_t m = i + 1; m < j; m++)
			w += t[m].kind == T_WORD || t[m].kind == T_PHRASE;
		if (!w) {
			for (size_t m = i; m <= j; m++)
				t[m].kind = T_SKIP;
			p->reading |= QR_EMPTY_GROUP;
		}
	}
	compact(p);
	match_parens(p);

	/* AND, OR, NOT with a word to search for on both sides. */
	size_t o = 0;
	for (size_t i = 0; i < p->n; i++) {
		qtok_t k = t[i];
		if (k.kind == T_AND || k.kind == T_OR || k.kind == T_NOT) {
			size_t r = i + 1;
			if (k.kind == T_AND && t[r].kind == T_NOT)
				r++;
			int left = o > 0 && operand_end(&t[o - 1]);
			int right = r < p->n && operand_start(&t[r]);
			if (left && right && (!p->natural || k.meant)) {
				while (i < r)
					t[o++] = t[i++];
				i--;
				continue;
			}
			if (!operator_as_word(p, &k, left && right ? (unsigned)p->natural
								     : QR_LONE_OPERATOR))
				continue;
		}
		t[o++] = k;
	}
	t[o] = t[p->n];
	p->n = o;
	match_parens(p);
}

/* A word, phrase or prefix, maybe in a field; NULL without an error for
 * a lone stop word or punctuation only. */
static query_node_t *primary_term(parser_t *p, const qtok_t *k)
{
	const dl_field_t *field = NULL;
	if (k->field) {
		const dl_field_t *f = dl_field_by_name(k->field, k->field_len, DL_FIELD_QUERY);
		if (!f) {
			char what[160], names[96];
			snprintf(what, sizeof(what), "unknown field '%.*s:' (fields: %s)",
				 (int)(k->field_len < 40 ? k->field_len : 40), k->field,
				 dl_field_names(DL_FIELD_QUERY, names, sizeof(names)));
			return fail_at(p, k->column, what);
		}
		if (!(f->flags & DL_FIELD_TEXT) || (f->flags & DL_FIELD_MENTIONS))
			return field_leaf(p, k, f);
		field = f;
	}
	query_node_t *n = node_new(QN_WORD);
	if (!n)
		return oom(p);
	n->column = k->column;
	n->mod = (query_mod_t)k->mod;
	n->field = field;
	n->quoted = k->kind == T_PHRASE;
	int rc = node_set_text(n, k->text, k->len, (size_t)(k->text - p->base));
	if (rc < 0) {
		query_tree_free(n);
		return rc == -2 ? oom(p) : fail_at(p, k->column, "phrase of more than "
						   QUERY_MAX_PHRASE_WORDS_S " words");
	}
	if (n->ntoks == 0) {
		query_tree_free(n);
		return NULL;
	}
	if (k->star) {
		if (n->ntoks > 1) {
			query_tree_free(n);
			return fail_at(p, k->column, "a prefix* must be one word");
		}
		n->kind = QN_PREFIX;
		return n;
	}
	if (n->ntoks > 1) {
		n->kind = QN_PHRASE;
		return n;
	}
	if (!k->mod && !field && k->kind == T_WORD && !p->keep_stop &&
	    an_is_stopword(p->language, n->toks[0].term, n->toks[0].tok.len)) {
		p->nstop++;
		query_tree_free(n);
		return NULL;
	}
	return n;
}

/* primary := "(" seq ")" | word | phrase | field:... */
static query_node_t *parse_primary(parser_t *p)
{
	qtok_t *k = &p->t[p->pos];
	switch (k->kind) {
	case T_LPAREN: {
		p->pos++;
		query_node_t *q = parse_seq(p, 1);
		if (p->rc)
			return q;
		if (p->t[p->pos].kind != T_RPAREN) {
			query_tree_free(q);
			return fail_at(p, k->column, "unbalanced parenthesis");
		}
		p->pos++;
		if (!q)
			return fail_at(p, k->column, "empty parentheses");
		/* "(x)" is x: a group of one adds nothing, and the dump's
		 * parentheses (around a NOT, say) then parse back into the
		 * tree they came from. */
		if (q->nkids == 1 && (k->mod == MOD_NONE || q->kids[0]->mod == QM_NONE)) {
			query_node_t *only = q->kids[0];
			q->nkids = 0;
			query_tree_free(q);
			if (k->mod != MOD_NONE)
				only->mod = (query_mod_t)k->mod;
			return only;
		}
		q->mod = (query_mod_t)k->mod;
		q->column = k->column;
		return q;
	}
	case T_WORD:
	case T_PHRASE:
		p->pos++;
		return primary_term(p, k);
	default: {
		char what[64];
		if (k->kind == T_RPAREN)
			return fail_at(p, k->column, "unmatched ')'");
		snprintf(what, sizeof(what), "%s needs a word before it",
			 k->kind == T_END ? "the query" : k->kind == T_AND ? "AND" :
			 k->kind == T_OR ? "OR" : k->kind == T_NOT ? "NOT" : "NEAR");
		return fail_at(p, k->column, what);
	}
	}
}

/* near := primary ("NEAR"[/n] primary)* -- words only */
static query_node_t *parse_near(parser_t *p)
{
	if (p->t[p->pos + 1].kind != T_NEAR)
		return parse_primary(p);
	/* w1 NEAR w2 NEAR w3: the words within the window. */
	query_node_t *near = node_new(QN_NEAR);
	if (!near)
		return oom(p);
	near->column = p->t[p->pos].column;
	near->mod = (query_mod_t)p->t[p->pos].mod;
	unsigned gap = 0;
	for (;;) {
		qtok_t *k = &p->t[p->pos];
		query_node_t *w = NULL;
		if (k->kind == T_WORD && !k->field && !k->star) {
			w = node_new(QN_WORD);
			if (w)
				w->window = gap;
			if (!w || node_set_text(w, k->text, k->len, (size_t)(k->text - p->base)) == -2 ||
			    node_add(near, w) < 0) {
				query_tree_free(w);
				query_tree_free(near);
				return oom(p);
			}
			w->column = k->column;
		}
		if (!w || w->ntoks != 1 || near->nkids > QUERY_MAX_PHRASE_WORDS) {
			query_tree_free(near);
			return fail_at(p, k->column, "NEAR joins single words");
		}
		p->pos++;
		if (p->t[p->pos].kind != T_NEAR)
			break;
		near->window += p->t[p->pos].near;
		gap = p->t[p->pos].near;
		p->pos++;
		if (p->t[p->pos].kind != T_WORD) {
			query_tree_free(near);
			return fail_at(p, p->t[p->pos - 1].column, "NEAR needs a word after it");
		}
	}
	return near;
}

/* A lone stop word is searched for only when a + or - keeps it; when its
 * mark goes to the group it begins ("+a AND b" is "+(a AND b)") or is
 * dropped as NOT's operand ("x NOT +a"), it is marked quoted instead, so
 * that the printed query ("x NOT \"a\"") keeps it too when read back. A
 * query of stop words only keeps them all and needs no mark. */
static void keep_stop_word(const parser_t *p, query_node_t *n)
{
	if (!p->keep_stop && n->kind == QN_WORD && !n->field && !n->quoted && n->ntoks == 1 &&
	    n->mod != QM_NONE &&
	    an_is_stopword(p->language, n->toks[0].term, n->toks[0].tok.len))
		n->quoted = 1;
}

static query_node_t *binary(parser_t *p, query_kind_t kind, query_node_t *a, query_node_t *b)
{
	query_node_t *n = node_new(kind);
	query_node_t **kids = malloc(2 * sizeof(*kids));
	if (!n || !kids) {
		free(n);
		free(kids);
		query_tree_free(a);
		query_tree_free(b);
		return oom(p);
	}
	kids[0] = a;
	kids[1] = b;
	n->kids = kids;
	n->nkids = 2;
	n->column = a->column;
	return n;
}

/* and := near (("AND" | "NOT" | "AND NOT") near)* */
static query_node_t *parse_and(parser_t *p)
{
	query_node_t *q = parse_near(p);
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
		const char *after = op == T_AND ? "AND needs a word after it"
						: "NOT needs a word after it";
		tkind_t next = p->t[p->pos].kind;
		if (next != T_WORD && next != T_PHRASE && next != T_LPAREN) {
			query_tree_free(q);
			return fail_at(p, column, after);
		}
		/* a AND -b is a NOT b. */
		int neg = op == T_NOT || p->t[p->pos].mod == MOD_EXCLUDE;
		query_node_t *r = parse_near(p);
		if (!q && !p->rc) {
			query_tree_free(r);
			return fail_at(p, column, op == T_AND ? "AND needs a word before it"
							      : "NOT needs a word before it");
		}
		if (!r) {
			query_tree_free(q);
			return p->rc ? NULL : fail_at(p, column, after);
		}
		if (neg) {
			keep_stop_word(p, r);
			r->mod = QM_NONE;
		}
		q = binary(p, neg ? QN_NOT : QN_AND, q, r);
	}
	return q;
}

/* or := and ("OR" and)* */
static query_node_t *parse_or(parser_t *p)
{
	query_node_t *q = parse_and(p);
	while (!p->rc && p->t[p->pos].kind == T_OR) {
		size_t column = p->t[p->pos].column;
		p->pos++;
		tkind_t next = p->t[p->pos].kind;
		if (next != T_WORD && next != T_PHRASE && next != T_LPAREN) {
			query_tree_free(q);
			return fail_at(p, column, "OR needs a word after it");
		}
		query_node_t *r = parse_and(p);
		if (!q || !r) {
			query_tree_free(q);
			query_tree_free(r);
			return p->rc ? NULL : fail_at(p, column, "OR needs a word on both sides");
		}
		q = binary(p, QN_OR, q, r);
	}
	return q;
}

/* Does the item search for something (not only exclude)? */
static int positive(const query_node_t *n)
{
	return n->mod != QM_EXCLUDED;
}

/* seq := ([+|-] or)*, until ')' when nested. NULL when it has nothing to
 * search for (and, at the top, an error when it only excludes). */
static query_node_t *parse_seq(parser_t *p, int nested)
{
	query_node_t *seq = node_new(QN_SEQ);
	size_t npositive = 0;
	if (!seq)
		return oom(p);
	seq->column = p->t[p->pos].column;
	while (!p->rc) {
		qtok_t *k = &p->t[p->pos];
		if (k->kind == T_END || (k->kind == T_RPAREN && nested))
			break;
		enum modifier mod = k->mod;
		query_node_t *item = parse_or(p);
		if (!item)
			continue; /* a stop word, punctuation, or an error */
		/* The item's + or - is that of its first word. */
		if (item->kind != QN_SEQ && mod != MOD_NONE && item->mod == QM_NONE)
			item->mod = (query_mod_t)mod;
		if (item->kind == QN_AND || item->kind == QN_OR || item->kind == QN_NOT ||
		    item->kind == QN_NEAR) {
			query_node_t *first = item;
			while (first->nkids && first->kind != QN_SEQ)
				first = first->kids[0];
			if (first != item) {
				keep_stop_word(p, first);
				first->mod = QM_NONE;
			}
			item->mod = (query_mod_t)mod;
		}
		if (node_add(seq, item) < 0) {
			query_tree_free(item);
			oom(p);
			break;
		}
		npositive += positive(item);
	}
	if (!p->rc && !npositive && seq->nkids)
		p->reading |= nested ? 0 : QR_ONLY_EXCLUDED;
	if (p->rc || !seq->nkids) {
		query_tree_free(seq);
		return NULL;
	}
	return seq;
}

int query_tree_parse(const char *text, const query_read_opts_t *opts, query_node_t **out,
		     char *err, size_t errsz)
{
	/* A token takes a byte of the text at least. */
	size_t max = strlen(text) + 2, cut;
	if (max > QUERY_MAX_TOKENS + 1)
		max = QUERY_MAX_TOKENS + 1;
	qtok_t *toks = malloc(max * sizeof(*toks));
	parser_t p = { toks, 0, text, opts->language, 0, err, errsz, 0, 0, 0, 0, 0 };
	query_node_t *root = NULL;

	*out = NULL;
	if (!toks) {
		snprintf(err, errsz, "out of memory");
		return -2;
	}
	long n = lex(text, toks, max, &cut, err, errsz);
	if (n < 0) {
		free(toks);
		return -1;
	}
	p.n = (size_t)n;
	p.reading = cut ? QR_TOO_LONG : 0;
	read_tokens(&p);
	if (p.n > QUERY_MAX_CLAUSES) {
		/* The words beyond the limit are left out, and the rest read
		 * again (a parenthesis may have lost its pair). */
		p.t[QUERY_MAX_CLAUSES] = p.t[p.n];
		p.n = QUERY_MAX_CLAUSES;
		p.reading |= QR_TOO_LONG;
		read_tokens(&p);
	}
	root = parse_seq(&p, 0);
	if (!p.rc && p.t[p.pos].kind == T_RPAREN)
		fail_at(&p, p.t[p.pos].column, "unmatched ')'");
	if (!p.rc && !root) {
		snprintf(err, errsz, "the query has no words to search for");
		p.rc = -1;
	}
	if (root)
		root->reading = p.reading;
	free(toks);
	if (p.rc) {
		query_tree_free(root);
		return p.rc;
	}
	*out = root;
	return 0;
}

/* --- filters of the command line ---------------------------------------- */

int query_tree_add_filter(query_node_t *root, query_kind_t kind, const char *option,
			  const char *value, const char *until, char *err, size_t errsz)
{
	query_node_t *n = node_new(kind);
	char text[256];
	if (!n)
		goto nomem;
	n->option = option;
	if (kind == QN_DATE) {
		const char *ends[2] = { value, until };
		char *bounds[2] = { n->lo, n->hi };
		for (int i = 0; i < 2; i++)
			if (ends[i] && query_date_bound(ends[i], strlen(ends[i]), i, bounds[i]) < 0) {
				snprintf(err, errsz, "--%s: bad date '%s' (use YYYY, YYYY-MM or "
					 "YYYY-MM-DD)", i ? "until" : "since", ends[i]);
				query_tree_free(n);
				return -1;
			}
		snprintf(text, sizeof(text), "%s..%s", value ? value : "", until ? until : "");
		value = text;
	} else {
		n->mod = QM_REQUIRED;
		n->quoted = strpbrk(value, " \t") != NULL;
		if (!name_has_words(kind, value, strlen(value))) {
			snprintf(err, errsz, "%s: %s needs a name", option, entity_noun(kind));
			query_tree_free(n);
			return -1;
		}
	}
	int rc = node_set_text(n, value, strlen(value), 0);
	if (rc == -1) {
		snprintf(err, errsz, "%s: more than %d words", option, QUERY_MAX_PHRASE_WORDS);
		query_tree_free(n);
		return -1;
	}
	if (rc == 0 && node_add(root, n) == 0)
		return 0;
	query_tree_free(n);
nomem:
	snprintf(err, errsz, "out of memory");
	return -1;
}

query_node_t *query_tree_new(void)
{
	return node_new(QN_SEQ);
}

int query_tree_empty(const query_node_t *root)
{
	return root->nkids == 0;
}

/* --- printing ------------------------------------------------------------ */


static void puts_(dl_buf_t *b, const char *s)
{
	dl_buf_put(b, s, strlen(s));
}

static const char *field_name(const query_node_t *n)
{
	switch (n->kind) {
	case QN_PERSON: return "person";
	case QN_PLACE: return "place";
	case QN_ORG: return "org";
	case QN_DATE: return "date";
	case QN_SOURCE: return "source";
	case QN_ID: return "id";
	case QN_LANG: return "lang";
	default: return n->field ? n->field->name : NULL;
	}
}

static int is_operator(const query_node_t *n)
{
	return n->kind == QN_AND || n->kind == QN_OR || n->kind == QN_NOT || n->kind == QN_NEAR;
}

/* Is n a word the reader takes for an operator where it stands between
 * words ("AND", "OR", "NOT", "NEAR", "NEAR/3" as written)? As an operand
 * of an operator it is printed in lower case, which is never an operator
 * and searches for the same stems: quoting it would keep it a word, but a
 * quoted word is no NEAR operand ("x (\"OR\" NEAR c)" reads NEAR as a
 * word). A fuzzer find: "x +OR NEAR c" printed "x +(OR NEAR c)", read
 * back as "x +(NEAR c)". */
static int operator_like(const query_node_t *n)
{
	if ((n->kind != QN_WORD && n->kind != QN_PHRASE) || n->field || n->quoted ||
	    n->mod != QM_NONE || !n->text)
		return 0;
	size_t len = strlen(n->text);
	return is_op(n->text, len, "AND") || is_op(n->text, len, "OR") ||
	       is_op(n->text, len, "NOT") ||
	       (len >= 4 && memcmp(n->text, "NEAR", 4) == 0 && (len == 4 || n->text[4] == '/'));
}

/* The group a SEQ prints as its own parentheses: its lone operator. */
static const query_node_t *lone_operator(const query_node_t *n, int top)
{
	if (!top && n->kind == QN_SEQ && n->nkids == 1 && n->kids[0]->mod == QM_NONE &&
	    is_operator(n->kids[0]))
		return n->kids[0];
	return NULL;
}

/* Does the printed tree need a word in lower case to be read back the same?
 * A query all in capitals takes an operator as syntax only beside or in a
 * group with an operator inside and one beside it (mark_meant()): printed,
 * "(A OR B)" is such a group when an operator stands beside it or it has
 * one such group inside; "K (D OR N4)" is not, so the capitals reading
 * would take OR as a word. case_seen: 1 a lower-case letter, 2 a capital. */
static int needs_lower(const query_node_t *n, int top, int beside, int *case_seen)
{
	const query_node_t *op = lone_operator(n, top);
	if (op)
		return needs_lower(op, 0, beside, case_seen);
	int need = 0;
	if (is_operator(n)) {
		int group_inside = 0;
		for (size_t i = 0; i < n->nkids; i++)
			group_inside |= is_operator(n->kids[i]) || lone_operator(n->kids[i], 0);
		need = !beside && !group_inside;
		if (n->kind == QN_NEAR) {  /* NEAR/n is syntax anywhere */
			int plain = 0;
			for (size_t i = 1; i < n->nkids; i++)
				plain |= n->kids[i]->window == QUERY_DEFAULT_NEAR;
			need &= plain;
		}
	}
	if (n->kind != QN_SEQ && !is_operator(n) && n->kind != QN_ID && n->text)
		for (const char *c = n->text; *c; c++)
			*case_seen |= islower((unsigned char)*c) ? 1 : isupper((unsigned char)*c) ? 2 : 0;
	for (size_t i = 0; i < n->nkids; i++) {
		if (is_operator(n) && operator_like(n->kids[i])) {
			*case_seen |= 1;  /* printed in lower case: dump_operand() */
			continue;
		}
		need |= needs_lower(n->kids[i], 0, is_operator(n) && n->kind != QN_NEAR, case_seen);
	}
	return need;
}

static void dump(dl_buf_t *b, const query_node_t *n, int top, int lower);

/* An operator's operand: a word that reads as an operator in lower case
 * (operator_like()), anything else as it is. */
static void dump_operand(dl_buf_t *b, const query_node_t *n, int lower)
{
	if (!operator_like(n)) {
		dump(b, n, 0, lower);
		return;
	}
	for (const char *c = n->text; *c; c++) {
		char l = (char)tolower((unsigned char)*c);
		dl_buf_put(b, &l, 1);
	}
}

static void dump(dl_buf_t *b, const query_node_t *n, int top, int lower)
{
	static const char *const ops[] = { [QN_AND] = " AND ", [QN_OR] = " OR ",
					   [QN_NOT] = " NOT " };
	if (n->mod != QM_NONE)
		puts_(b, n->mod == QM_REQUIRED ? "+" : "-");
	switch (n->kind) {
	case QN_SEQ:
		if (!top && n->nkids == 1 && n->kids[0]->mod == QM_NONE &&
		    (n->kids[0]->kind == QN_AND || n->kids[0]->kind == QN_OR ||
		     n->kids[0]->kind == QN_NOT || n->kids[0]->kind == QN_NEAR)) {
			dump(b, n->kids[0], 0, lower);  /* its own parentheses */
			return;
		}
		puts_(b, top ? "" : "(");
		for (size_t i = 0; i < n->nkids; i++) {
			puts_(b, i ? " " : "");
			/* The word NEAR between two words (read so beside something
			 * that is no word, "b NEAR }}}} c"): in lower case, which is
			 * never an operator, so that it is read back as a word. */
			const query_node_t *k = n->kids[i];
			const query_node_t *l = i ? n->kids[i - 1] : NULL;
			const query_node_t *r = i + 1 < n->nkids ? n->kids[i + 1] : NULL;
			if (k->kind == QN_WORD && !k->field && k->mod == QM_NONE &&
			    strcmp(k->text, "NEAR") == 0 && l && r && l->kind == QN_WORD &&
			    !l->field && r->kind == QN_WORD && !r->field && r->mod == QM_NONE) {
				puts_(b, "near");
				continue;
			}
			dump(b, k, 0, lower);
		}
		puts_(b, top ? "" : ")");
		return;
	case QN_AND:
	case QN_OR:
	case QN_NOT:
		puts_(b, "(");
		/* A first operand's own + or - (a group's: "(+(a NEAR b)) AND
		 * c") in parentheses of its own: written first, it is the
		 * whole operation's ("+(a NEAR b) AND c" is "+((a NEAR b) AND
		 * c)"; a fuzzer find). */
		int own = n->kids[0]->mod != QM_NONE && is_operator(n->kids[0]);
		puts_(b, own ? "(" : "");
		dump_operand(b, n->kids[0], lower);
		puts_(b, own ? ")" : "");
		puts_(b, ops[n->kind]);
		dump_operand(b, n->kids[1], lower);
		puts_(b, ")");
		return;
	case QN_NEAR:
		puts_(b, "(");
		for (size_t i = 0; i < n->nkids; i++) {
			if (i) {
				char w[24];
				snprintf(w, sizeof(w), n->kids[i]->window == QUERY_DEFAULT_NEAR
					 ? " NEAR " : " NEAR/%u ", n->kids[i]->window);
				puts_(b, w);
			}
			dump_operand(b, n->kids[i], lower);
		}
		puts_(b, ")");
		return;
	default: {
		const char *f = field_name(n);
		if (f) {
			puts_(b, f);
			puts_(b, ":");
		}
		/* A word that reads as a field ("NOTE:SANCTIONS", taken as a word
		 * in a query in capitals or a question) is quoted, so that it is
		 * read back as a word, not an unknown field. */
		size_t letters = 0;
		while (isalpha((unsigned char)n->text[letters]))
			letters++;
		int field_like = !f && letters && n->text[letters] == ':' &&
				 value_start((unsigned char)n->text[letters + 1]) &&
				 !strchr(n->text, '"');
		int quote = n->quoted || field_like ||
			    (n->kind != QN_PHRASE && strpbrk(n->text, " \t"));
		puts_(b, quote ? "\"" : "");
		/* (Names, sources and languages are matched folded too; an
		 * id is not.) */
		if (lower && n->kind != QN_ID && n->kind != QN_DATE)
			for (const char *c = n->text; *c; c++) {
				char l = (char)tolower((unsigned char)*c);
				dl_buf_put(b, &l, 1);
			}
		else
			puts_(b, n->text);
		puts_(b, quote ? "\"" : "");
		puts_(b, n->kind == QN_PREFIX ? "*" : "");
	}
	}
}

char *query_tree_dump(const query_node_t *root)
{
	dl_buf_t b = { 0 };
	dl_buf_put(&b, "", 0);
	/* Words are matched by their stems, in lower case: writing them so
	 * changes nothing searched for. */
	int case_seen = 0;
	int need = needs_lower(root, 1, 0, &case_seen);
	int lower = need && case_seen == 2;
	dump(&b, root, 1, lower);
	if (b.oom) {
		free(b.s);
		return NULL;
	}
	/* The same for a question: a printed tree that ends in '?' is read as
	 * one, which takes such an operator as a word. The last word's '?' is
	 * punctuation (no term): it is left out, so that the print is no
	 * question ("(a OR b) c?" prints as "(a OR b) c"; a fuzzer find).
	 * So is a '*' before it ("c*?" is the word c, which "c*" is not),
	 * and the same goes for a word the tokenizer splits ("a@b?", a
	 * phrase: a later fuzzer find). */
	const query_node_t *last = root->nkids ? root->kids[root->nkids - 1] : NULL;
	if (need && last && (last->kind == QN_WORD || last->kind == QN_PHRASE) && !last->quoted &&
	    b.len && b.s[b.len - 1] == '?')
		while (b.len && (b.s[b.len - 1] == '?' || b.s[b.len - 1] == '*'))
			b.s[--b.len] = '\0';
	return b.s;
}

void query_reading_describe(unsigned reading, char *buf, size_t size)
{
	static const struct { unsigned flag; const char *note; } notes[] = {
		{ QR_CAPITALS, "the query is in capitals: AND, OR, NOT and NEAR read as "
			       "words, as they are without a parenthesis beside them" },
		{ QR_QUESTION, "the query is a question: AND, OR, NOT and NEAR read as "
			       "words, as they are without a parenthesis beside them" },
		{ QR_LONE_OPERATOR, "an operator without a word on both sides read as "
				    "a word" },
		{ QR_FIELD_AS_WORD, "an unknown field name read as a word" },
		{ QR_PARENTHESIS, "an unmatched parenthesis left out" },
		{ QR_EMPTY_GROUP, "parentheses with no word inside left out" },
		{ QR_STOP_WORDS, "only stop words: searched for them" },
		{ QR_ONLY_EXCLUDED, "only words to exclude: every article without them" },
		/* (What the limit counts, parentheses too: "x" in 600 of them
		 * is no query of over 1024 words.) */
		{ QR_TOO_LONG, "the query past its first " STR(QUERY_MAX_CLAUSES)
			       " words, operators and parentheses left out" },
	};
	size_t len = 0;
	if (size)
		buf[0] = '\0';
	for (size_t i = 0; i < sizeof(notes) / sizeof(notes[0]); i++) {
		if (!(reading & notes[i].flag) || len >= size)
			continue;
		int w = snprintf(buf + len, size - len, "%s%s", len ? "; " : "", notes[i].note);
		if (w < 0)
			break;
		len += (size_t)w;
	}
}
