/*
 * query.h - Dateline's query language, in one place.
 *
 *   word             a word, matched by its stem in title, author and body
 *                    (title and author words count twice in the index;
 *                    --boost adds field terms of its own)
 *   "a phrase"       the words in this order, each matched by its stem
 *                    ("peace talk" finds "peace talks")
 *   prefix*          any word starting with prefix (the 100 most frequent
 *                    stems of such words)
 *   a NEAR b         a and b at most 10 words apart (NEAR/5: 5), any order
 *   a AND b, a OR b, a NOT b, ( ... )   boolean operators; NOT binds
 *                    tighter than AND, AND tighter than OR
 *   +word, -word     the word is required / excluded
 *   title: author:   a word, phrase or prefix* in one field
 *   person:NAME      articles that mention the person (person:Kerry,
 *                    person:"Sergey Lavrov")
 *   place:NAME       articles that mention the place, or are datelined
 *                    there (place:Kiev, place:"the Crimea")
 *   org:NAME         articles that mention the organisation (org:NATO,
 *                    org:"European Union", org:"the European Union")
 *   source:NAME      only articles from that source
 *   id:ID            only that article
 *   date:2014-03..2014-04   a date or range (YYYY, YYYY-MM, YYYY-MM-DD;
 *                    either end may be left open)
 *
 * AND, OR, NOT and NEAR are operators only where that reading makes sense:
 * in capitals, with a word to search for on both sides, and in a query all
 * in capitals or ending with '?' only beside or inside parentheses that are
 * plainly syntax; elsewhere they are words (query_parse.c, read_tokens(),
 * has the rule). A stray parenthesis, a query of stop words or of -words
 * only are read, not refused; the root's reading (QR_*) says what was done.
 *
 * Words not marked + or - are joined with OR (with AND under --match all)
 * and ranked by BM25, so the documents with the most (and rarest) of them
 * come first. English stop words standing alone are left out. A word that
 * the tokenizer splits ("Mergers/Acquisitions", "pro-Russian") is its words,
 * OR'ed like the others, its stop words left out; quoted, with + or -, or
 * of stop words only ("and/or"), it is a phrase (query_build.c,
 * split_query()).
 *
 * A query is read in two steps, as SQLite's FTS5 and Xapian's QueryParser
 * do: query_parse.c reads the text into a tree of query_node_t (no index,
 * no Xapian: the tree can be printed with query_tree_dump() and tested
 * alone), and query_build.c turns the tree into a Xapian query, with the
 * words to highlight and the words "did you mean" may correct. The
 * command line's --person, --place, --org, --since and --until are nodes
 * of the same tree (query_tree_add_filter()), so --place X reads as
 * +place:X.
 */
#ifndef DATELINE_QUERY_H
#define DATELINE_QUERY_H

#include <stddef.h>

#include "../analysis/schema.h"
#include "../analysis/stem.h"
#include "../analysis/tokenize.h"
#include "../shim/dx.h"

/* How a query weighs its fields and joins its words. */
typedef struct {
	double title;   /* extra weight of a title match (0: none) */
	double author;  /* extra weight of an author match */
	double place;   /* extra weight of a place match */
	int all_words;  /* plain words joined with AND instead of OR (--match all) */
	double proximity;   /* two plain words side by side in the query that
			       occur within proximity_gap words of each other
			       add this share of their weight (0: off) */
	unsigned proximity_gap;
} query_boosts_t;

/* Default boosts. Title and author words weigh more already in the index
 * (they count twice in the free text: indexer/document.h), so by default
 * they get no boost term at query time. A place (dateline) is not in the
 * free text: a match there adds a fifth of its own BM25 weight (0.2 was
 * the best of 0, 0.2, 0.5 and 2 for the title boost when it was applied at
 * query time; 2.0 cost a quarter of the MAP on CISI and MED). */
#define QUERY_DEFAULT_TITLE_BOOST 0.0
#define QUERY_DEFAULT_AUTHOR_BOOST 0.0
#define QUERY_DEFAULT_PLACE_BOOST 0.2

/* Most pairs of words side by side given a proximity bonus: the first
 * ones of a long query (a pasted abstract has hundreds). */
#define QUERY_MAX_PAIRS 32

/* Most clauses (words, phrases, operators) a query is read with; the
 * words after them are left out (QR_TOO_LONG). */
#define QUERY_MAX_CLAUSES 1024
/* Most tokens read from the text before the stop words are left out. */
#define QUERY_MAX_TOKENS (4 * QUERY_MAX_CLAUSES)
/* Most words in one phrase. */
#define QUERY_MAX_PHRASE_WORDS 64
/* Words a prefix* stands for at most: the most frequent ones. */
#define QUERY_MAX_PREFIX_TERMS 100
/* The window of NEAR without /N: words apart at most. */
#define QUERY_DEFAULT_NEAR 10

/* What a snippet should highlight: the query's positive words and phrases,
 * as the terms their words make (an_rank_term: stems), in order. */
typedef struct {
	size_t nwords;      /* words in this item: 1 for a word, more for a phrase */
	char **words;       /* the words' terms; for a prefix*, the folded prefix */
	int prefix;         /* words[0] is a prefix (prefix*): match its start */
} query_item_t;

/* A plain word of the query, where it stands in the query text. */
typedef struct {
	size_t start, len;      /* bytes of the query text */
	char *word;             /* folded (owned) */
} query_word_t;

/* --- the tree (query_parse.c) ------------------------------------------ */

typedef enum {
	QN_SEQ,       /* words side by side, joined by the default operator
			 (OR; AND under --match all); "( ... )" makes one too */
	QN_WORD,      /* a word, maybe in a field (title:Crimea) */
	QN_PHRASE,    /* "a phrase", or a word the tokenizer splits (pro-Russian) */
	QN_PREFIX,    /* prefix* */
	QN_NEAR,      /* a NEAR b NEAR c: kids are QN_WORD */
	QN_AND,       /* a AND b */
	QN_OR,        /* a OR b */
	QN_NOT,       /* a NOT b, a AND NOT b: kids[0] without kids[1] */
	QN_PERSON,    /* person:NAME, --person NAME */
	QN_PLACE,     /* place:NAME, --place NAME: mentioned or datelined there */
	QN_ORG,       /* org:NAME, --org NAME */
	QN_DATE,      /* date:A..B, --since, --until: a filter */
	QN_SOURCE,    /* source:NAME: a filter */
	QN_ID,        /* id:ID: a filter */
	QN_LANG       /* lang:CODE: a filter; the query's words are stemmed in
			 the languages it names */
} query_kind_t;

typedef enum { QM_NONE, QM_REQUIRED, QM_EXCLUDED } query_mod_t;

/* A token of a word or phrase: the tokenizer's, with its term owned. */
typedef struct {
	an_token_t tok;                      /* tok.term points at term */
	char term[AN_MAX_TOKEN_BYTES + 1];
} query_token_t;

typedef struct query_node query_node_t;
struct query_node {
	query_kind_t kind;
	query_mod_t mod;          /* a leading + or - */
	const dl_field_t *field;  /* QN_WORD, QN_PHRASE, QN_PREFIX: title:, author:,
				     place: (NULL: the free text) */
	char *text;               /* as written: a word, a phrase's inside, a
				     name, an id, a date (owned; NUL-terminated) */
	size_t offset;            /* where text starts in the query, bytes */
	size_t column;            /* 1-based, for messages; 0: from an option */
	const char *option;       /* "--place" for a node from the command line */
	int quoted;               /* written in quotes */
	query_token_t *toks;      /* the tokens of text (owned) */
	size_t ntoks;
	unsigned window;          /* QN_NEAR: the window, in words */
	char lo[9], hi[9];        /* QN_DATE: YYYYMMDD bounds, "" when open */
	query_node_t **kids;      /* QN_SEQ, QN_NEAR, QN_AND, QN_OR, QN_NOT */
	size_t nkids;
	unsigned reading;         /* the root: QR_* flags, how the text was
				     read where it was not as written */
};

/*
 * How the parser read a query where it did not take the text as the
 * query language has it (query_parse.c says the rule): the root's
 * reading. The user is told ("Searched for: ..."); none is an error.
 */
enum {
	QR_CAPITALS = 1 << 0,      /* in capitals: AND, OR, NOT, NEAR read as words */
	QR_QUESTION = 1 << 1,      /* a question: AND, OR, NOT, NEAR read as words */
	QR_LONE_OPERATOR = 1 << 2, /* an operator without a word on both sides
				      read as a word */
	QR_PARENTHESIS = 1 << 3,   /* an unmatched parenthesis left out */
	QR_EMPTY_GROUP = 1 << 4,   /* parentheses with no word inside left out */
	QR_STOP_WORDS = 1 << 5,    /* only stop words: searched for */
	QR_ONLY_EXCLUDED = 1 << 6, /* only excluded words: every article
				      without them */
	QR_TOO_LONG = 1 << 7,      /* the words beyond QUERY_MAX_CLAUSES left out */
	QR_FIELD_AS_WORD = 1 << 8  /* in capitals or a question, an unknown
				      name: read as a word */
};

/* The notes of a reading, "; "-joined, into buf (size bytes): "AND, OR
 * and NOT read as words (the query is in capitals)". "" for 0. */
void query_reading_describe(unsigned reading, char *buf, size_t size);

/* How the parser reads a query. */
typedef struct {
	const char *language;     /* for its stop words (an_is_stopword) */
} query_read_opts_t;

/*
 * Read text into a tree, *out (a QN_SEQ owned by the caller:
 * query_tree_free()). Lone stop words and words of punctuation only are
 * left out of it. On a syntax error returns -1 and writes a message into
 * err (errsz bytes) that names the place in the query ("unbalanced quote
 * at column 12"); -2 when out of memory. *out is NULL on failure.
 */
int query_tree_parse(const char *text, const query_read_opts_t *opts,
		     query_node_t **out, char *err, size_t errsz);

/*
 * Add a filter of the command line to the tree's top: kind QN_PERSON,
 * QN_PLACE or QN_ORG (as +person:value, +place:value, +org:value) or
 * QN_DATE (since and until,
 * either NULL: articles dated within them). option names it in messages
 * ("--person"). Returns 0, or -1 with a message naming option.
 */
int query_tree_add_filter(query_node_t *root, query_kind_t kind, const char *option,
			  const char *value, const char *until, char *err, size_t errsz);

/* An empty tree (a QN_SEQ) for filters alone (query_tree_add_filter());
 * NULL when out of memory. */
query_node_t *query_tree_new(void);

/* Does the tree search for nothing at all? */
int query_tree_empty(const query_node_t *root);

/*
 * The tree in the query language, every operator in capitals and every
 * operation in parentheses: "(Kerry OR (Lavrov NOT Crimea)) +person:Putin"
 * (malloc'ed, the caller frees it; NULL when out of memory). Words are as
 * written. Parsing what it prints gives the same query.
 */
char *query_tree_dump(const query_node_t *root);

void query_tree_free(query_node_t *n);  /* NULL is fine */

/* The YYYYMMDD bound of a date, low or high end: "2014-03" -> 20140300 or
 * 20140399 (the stored date has 00 for what is unknown). Returns 0, or -1
 * when s is not a date. */
int query_date_bound(const char *s, size_t len, int high, char out[9]);

/* --- the Xapian query (query_build.c) ----------------------------------- */

typedef struct {
	dx_query_t *query;      /* the Xapian query; owned */
	query_word_t *plain;    /* the plain words searched for (did you mean); owned */
	size_t nplain;
	query_item_t *items;    /* what to highlight; owned */
	size_t nitems;
	size_t nwords;          /* words searched for, stop words left out */
} query_t;

/*
 * Build the Xapian query of a tree into *out, stemming with st; db (may
 * be NULL) gives the words a prefix* stands for. A sticky error: no
 * clause is left out silently. Returns 0, -1 when the tree searches for
 * nothing, or -2 with a message in err when out of memory or the shim
 * fails. The caller owns *out and frees it
 * with query_free().
 */
int query_build(const query_node_t *root, an_stemmer_t *st, dx_db_t *db,
		const query_boosts_t *boosts, query_t *out, char *err, size_t errsz);

/*
 * The languages a query is stemmed in besides st's when it names none
 * (lang:): the index's others with at least 1% of its articles, with a
 * stemmer each. query_build() works them out for each query (a walk of
 * the index's XLANG terms and a stemmer made per language); a long-lived
 * reader keeps them (searcher_t does, made again when the index moves):
 * query_langs_new() reads them from db (NULL when out of memory or db
 * cannot be read), query_build_in() uses them. A
 * query_langs_t holds stemmers: one per thread, as an_stemmer_t.
 */
typedef struct query_langs query_langs_t;
query_langs_t *query_langs_new(dx_db_t *db, const an_stemmer_t *st);
void query_langs_free(query_langs_t *langs);

/* query_build() with the index's languages from langs (NULL: read them
 * from db, as query_build()). */
int query_build_in(const query_node_t *root, an_stemmer_t *st, dx_db_t *db,
		   query_langs_t *langs, const query_boosts_t *boosts, query_t *out,
		   char *err, size_t errsz);

/*
 * Parse then build text: query_tree_parse() and query_build(). Returns 0,
 * -1 for a syntax error, -2 when out of memory or the shim fails; err
 * says what.
 */
int query_parse(const char *text, an_stemmer_t *st, dx_db_t *db,
		const query_boosts_t *boosts, query_t *out, char *err, size_t errsz);
int query_parse_in(const char *text, an_stemmer_t *st, dx_db_t *db, query_langs_t *langs,
		   const query_boosts_t *boosts, query_t *out, char *err, size_t errsz);

void query_free(query_t *q);

/*
 * The query for the articles that mention a person ("Kerry", "John Kerry",
 * "Sergey Lavrov") or a place ("Kiev", "the Crimea"), through the same
 * normal forms as the indexer; weighted by the mentions. NULL with a
 * message in err when the name has no words. Owned by the caller.
 */
dx_query_t *query_person(const char *name, size_t len, char *err, size_t errsz);
dx_query_t *query_place(const char *name, size_t len, char *err, size_t errsz);
/* The same for an organisation ("NATO", "European Union"): its written
 * form normalised, as the indexer keeps it; a leading "the" may be there
 * or not ("the European Union" = "European Union"). */
dx_query_t *query_org(const char *name, size_t len, char *err, size_t errsz);

/* Parse "title=W,author=W,place=W" into boosts. Returns 0, or -1 with a
 * message in err. */
int query_parse_boosts(const char *spec, query_boosts_t *boosts, char *err,
		       size_t errsz);

#endif /* DATELINE_QUERY_H */
