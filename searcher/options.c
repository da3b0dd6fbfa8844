/* options.c - dateline-search's command line (see options.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"
#include "query.h"

static const char *progname = "dateline-search";

enum opt_id {
	O_DB, O_LIMIT, O_OFFSET, O_BOOST, O_K1, O_B, O_WEIGHT, O_SINCE, O_UNTIL, O_SORT, O_MATCH,
	O_PROXIMITY, O_EXPAND, O_COLOR, O_MARKS, O_PERSON, O_PLACE, O_ORG, O_RELATED, O_FACETS, O_JSON,
	O_BATCH, O_TREC, O_COUNT, O_SHOW, O_TIMINGS, O_HELP, O_VERSION
};

/* An option: its long name (and other spellings that mean the same),
 * its letter, the name of its value (NULL: it takes none) and its help
 * (lines after the first indented; NULL: not listed, such as --colour). */
typedef struct {
	enum opt_id id;
	const char *name;
	char letter;
	const char *value;
	const char *help;
} opt_t;

static const opt_t opts[] = {
	{ O_DB, "db", 'd', "PATH", "the index (default: $DATELINE_DB, else ./dateline.db)" },
	{ O_LIMIT, "limit", 'n', "N", "print N hits (default 10; also --count-hits)" },
	{ O_LIMIT, "count-hits", 0, "N", NULL },
	{ O_OFFSET, "offset", 0, "K", "skip the first K hits" },
	{ O_BOOST, "boost", 0, "FIELD=W,..", "extra weight of title, author and place matches" },
	{ O_K1, "k1", 0, "K1", "BM25 term-frequency saturation" },
	{ O_B, "b", 0, "B", "BM25 length normalisation, 0..1" },
	{ O_WEIGHT, "weight", 0, "NAME[=C]", "weighting scheme: bm25 (default), bm25+, or the\n"
	  "divergence-from-randomness dph, dlh, pl2, inl2,\n"
	  "ifb2 (C: their length normalisation, default 1)" },
	{ O_SINCE, "since", 0, "DATE", "only articles dated DATE or later (YYYY[-MM[-DD]])" },
	{ O_UNTIL, "until", 0, "DATE", "only articles dated DATE or earlier" },
	{ O_SORT, "sort", 0, "WHAT", "relevance (default) or date (newest first)" },
	{ O_MATCH, "match", 0, "any|all", "articles with any of the words, best first\n"
	  "(default), or only those with all of them" },
	{ O_PROXIMITY, "proximity", 0, "W[,N]", "two words side by side in the query that occur\n"
	  "at most N words apart (any order) add W of their\nweight" },
	{ O_EXPAND, "expand", 0, "D,T,W", "add the T words that best mark the D best hits,\n"
	  "at W of their weight, for queries of 5 words or\nmore" },
	{ O_COLOR, "color", 0, "WHEN", "highlight in bold: auto, always, never\n"
	  "(auto: on a terminal, unless NO_COLOR is set)" },
	{ O_COLOR, "colour", 0, "WHEN", NULL },
	{ O_MARKS, "marks", 0, "OPEN,CLOSE", "put OPEN and CLOSE around highlights when not in\n"
	  "colour (such as '[[,]]' or '<b>,</b>')" },
	{ O_PERSON, "person", 0, "NAME", "articles that mention the person (Kerry, \"John Kerry\")" },
	{ O_PLACE, "place", 0, "NAME", "articles that mention the place (Kiev, \"the Crimea\")" },
	{ O_ORG, "org", 0, "NAME", "articles that mention the organisation (NATO,\n"
	  "\"European Union\"); --person, --place and --org\n"
	  "restrict the query and each other, and each may be\n"
	  "given again (--person Kerry --person Lavrov: both)" },
	{ O_RELATED, "related", 0, "ID", "the reports that share most people, places and\n"
	  "words with article ID" },
	{ O_FACETS, "facets", 0, NULL, "the most frequent people, organisations, places,\n"
	  "authors and months among the matches" },
	{ O_JSON, "json", 0, NULL, "one JSON object per hit per line" },
	{ O_BATCH, "batch", 0, "FILE", "answer every 'qid<TAB>query' line of FILE ('-': stdin)" },
	{ O_TREC, "trec", 0, NULL, "with --batch: TREC run lines 'qid Q0 id rank score dateline'" },
	{ O_COUNT, "count", 0, NULL, "print only the number of matching articles" },
	{ O_SHOW, "show", 0, "ID", "print everything the index holds for one article" },
	{ O_TIMINGS, "timings", 0, "FILE", "write 'qid<TAB>milliseconds' per query to FILE" },
	{ O_HELP, "help", 'h', NULL, "print this help" },
	{ O_VERSION, "version", 'V', NULL, "print the version" },
};
#define NOPTS (sizeof(opts) / sizeof(opts[0]))

/* The default an option's help ends with, into buf ("" when none). */
static void opt_default(enum opt_id id, char *buf, size_t n)
{
	buf[0] = '\0';
	if (id == O_BOOST)
		snprintf(buf, n, "(default title=%g,author=%g,place=%g: title and\n"
			 "author words already count twice in the index)",
			 QUERY_DEFAULT_TITLE_BOOST, QUERY_DEFAULT_AUTHOR_BOOST,
			 QUERY_DEFAULT_PLACE_BOOST);
	else if (id == O_K1)
		snprintf(buf, n, "(default %g)", SEARCH_DEFAULT_K1);
	else if (id == O_B)
		snprintf(buf, n, "(default %g)", SEARCH_DEFAULT_B);
	else if (id == O_PROXIMITY)
		snprintf(buf, n, "(default %g,%u%s)", SEARCH_DEFAULT_PROXIMITY,
			 SEARCH_DEFAULT_PROXIMITY_GAP, SEARCH_DEFAULT_PROXIMITY > 0 ? "" : ": off");
	else if (id == O_EXPAND)
		snprintf(buf, n, "(default %u,%u,%g; 0,0,0: off)", SEARCH_DEFAULT_EXPAND_DOCS,
			 SEARCH_DEFAULT_EXPAND_TERMS, SEARCH_DEFAULT_EXPAND_WEIGHT);
}

/* Column where the options' help starts. */
#define HELP_COLUMN 25

/* Print text with every line but the first indented to HELP_COLUMN. */
static void put_indented(FILE *f, const char *text)
{
	for (const char *p = text; *p; p++) {
		fputc(*p, f);
		if (*p == '\n')
			fprintf(f, "%*s", HELP_COLUMN, "");
	}
}

void options_help(FILE *f)
{
	fprintf(f,
		"Usage: %s [OPTION]... QUERY...\n"
		"       %s [OPTION]... --batch FILE\n"
		"       %s [--json] --show ID\n"
		"Rank the articles of a Dateline index for QUERY (BM25) and print each\n"
		"with the lines where the query's words are.\n\n", progname, progname, progname);
	for (size_t i = 0; i < NOPTS; i++) {
		const opt_t *o = &opts[i];
		char left[64], dflt[160];
		if (!o->help)
			continue;
		int n = o->letter ? snprintf(left, sizeof(left), "  -%c, --%s", o->letter, o->name)
				  : snprintf(left, sizeof(left), "      --%s", o->name);
		if (o->value)
			snprintf(left + n, sizeof(left) - (size_t)n, " %s", o->value);
		fprintf(f, "%-*s", HELP_COLUMN - 1, left);
		fputc(' ', f);
		put_indented(f, o->help);
		opt_default(o->id, dflt, sizeof(dflt));
		if (*dflt) {
			fprintf(f, "\n%*s", HELP_COLUMN, "");
			put_indented(f, dflt);
		}
		fputc('\n', f);
	}
	fprintf(f,
		"  --                     every argument after it is a word of the query\n"
		"\n"
		"Options may come before or after the query. After its first word, an\n"
		"argument that starts with '-' and is no option is a word of the query:\n"
		"  %s Crimea -referendum\n"
		"\n"
		"Query language:\n"
		"  word             matched by its stem (talks finds talk, talked)\n"
		"  \"a phrase\"       these words in this order, any form (by stem)\n"
		"  prefix*          words starting with prefix\n"
		"  a NEAR b         a and b within 10 words (NEAR/5: 5), any order\n"
		"  a AND b, a OR b, a NOT b, ( )   NOT binds tighter than AND, AND than OR\n"
		"  +word  -word     required, excluded\n"
		"  title: author: place:   a word, phrase or prefix* in one field\n"
		"  person:NAME  place:NAME  org:NAME   articles that mention the person,\n"
		"                   place or organisation (they widen the query as words do;\n"
		"                   AND or + narrows it)\n"
		"  source:NAME  lang:fr  id:ID  date:2014-03..2014-04   filters\n"
		"Other words are joined with OR: the most and rarest matches rank first;\n"
		"English stop words on their own are left out.\n"
		"AND, OR, NOT and NEAR are operators only in capitals and with a word to\n"
		"search for on both sides; otherwise they are words. In a query all in\n"
		"capitals or ending with '?' they are words unless parentheses beside\n"
		"them are syntax ('(KERRY OR LAVROV) AND CRIMEA'); NEAR/n always counts.\n"
		"Where the query is not read as written (a stray operator or parenthesis,\n"
		"only stop words, only -words), 'Searched for:' shows how it was read.\n"
		"\n"
		"Exit status: 0 results or none, 1 error, 2 usage or a bad query.\n", progname);
}

/* --- reading the command line ---------------------------------------- */

static int parse_uint(const char *opt, const char *s, unsigned max, unsigned *out,
		      char *err, size_t errsz)
{
	char *end;
	errno = 0;
	unsigned long v = strtoul(s, &end, 10);
	if (errno || end == s || *end || s[0] == '-' || v > max) {
		snprintf(err, errsz, "%s: expected a number from 0 to %u, got '%s'", opt, max, s);
		return -1;
	}
	*out = (unsigned)v;
	return 0;
}

static int parse_double(const char *opt, const char *s, double lo, double hi, double *out,
			char *err, size_t errsz)
{
	char *end;
	double v = strtod(s, &end);
	if (end == s || *end || !(v >= lo && v <= hi)) {
		snprintf(err, errsz, "%s: expected a number from %g to %g, got '%s'", opt, lo,
			 hi, s);
		return -1;
	}
	*out = v;
	return 0;
}

/* One of the words (NULL-terminated) or -1 with a message. */
static int parse_choice(const char *opt, const char *s, const char *const *words,
			const char *expected, char *err, size_t errsz)
{
	for (int i = 0; words[i]; i++)
		if (strcmp(s, words[i]) == 0)
			return i;
	snprintf(err, errsz, "%s: expected %s, got '%s'", opt, expected, s);
	return -1;
}

/* --weight NAME[=C]. */
static int parse_weighting(const char *opt, const char *arg, search_request_t *r, char *err,
			   size_t errsz)
{
	static const struct { const char *name; dx_weighting_t w; int has_c; } schemes[] = {
		{ "bm25", DX_WEIGHT_BM25, 0 }, { "bm25+", DX_WEIGHT_BM25PLUS, 0 },
		{ "dph", DX_WEIGHT_DPH, 0 }, { "dlh", DX_WEIGHT_DLH, 0 },
		{ "pl2", DX_WEIGHT_PL2, 1 }, { "inl2", DX_WEIGHT_INL2, 1 },
		{ "ifb2", DX_WEIGHT_IFB2, 1 },
	};
	size_t len = strcspn(arg, "=");
	for (size_t i = 0; i < sizeof(schemes) / sizeof(schemes[0]); i++) {
		if (strlen(schemes[i].name) != len || strncmp(arg, schemes[i].name, len) != 0)
			continue;
		if (arg[len] && !schemes[i].has_c) {
			snprintf(err, errsz, "%s: %s takes no parameter", opt, schemes[i].name);
			return -1;
		}
		r->weighting = schemes[i].w;
		r->c = SEARCH_DEFAULT_C;
		return arg[len] ? parse_double(opt, arg + len + 1, 0.001, 1000, &r->c, err, errsz) : 0;
	}
	snprintf(err, errsz, "%s: expected bm25, bm25+, dph, dlh, pl2, inl2 or ifb2, got '%s'",
		 opt, arg);
	return -1;
}

static int parse_proximity(const char *opt, const char *s, search_request_t *r, char *err,
			   size_t errsz)
{
	unsigned gap = SEARCH_DEFAULT_PROXIMITY_GAP;
	double w;
	char extra;
	int n = sscanf(s, "%lf,%u%c", &w, &gap, &extra);
	if ((n != 1 && n != 2) || (n == 1 && strchr(s, ',')) || !(w >= 0 && w <= 10) ||
	    gap < 1 || gap > 1000) {
		snprintf(err, errsz, "%s: expected WEIGHT[,WORDS] (such as 0.2,8; 0 turns it "
			 "off; WORDS from 1 to 1000), got '%s'", opt, s);
		return -1;
	}
	r->boosts.proximity = w;
	r->boosts.proximity_gap = gap;
	return 0;
}

static int parse_expand(const char *opt, const char *s, search_request_t *r, char *err,
			size_t errsz)
{
	unsigned d, t;
	double w;
	char extra;
	if (sscanf(s, "%u,%u,%lf%c", &d, &t, &w, &extra) != 3 || d > 1000 || t > 1000 ||
	    !(w >= 0 && w <= 10)) {
		snprintf(err, errsz, "%s: expected DOCS,TERMS,WEIGHT (such as 10,20,0.5; "
			 "0,0,0 turns it off), got '%s'", opt, s);
		return -1;
	}
	r->expand_docs = d;
	r->expand_terms = t;
	r->expand_weight = w;
	return 0;
}

/* Apply option o, written as opt, with value v (NULL if it takes none). */
static int apply(options_t *o, const opt_t *def, const char *opt, const char *v, char *err,
		 size_t errsz)
{
	static const char *const colors[] = { "never", "always", "auto", NULL };
	static const char *const sorts[] = { "relevance", "date", NULL };
	static const char *const matches[] = { "any", "all", NULL };
	search_request_t *r = &o->req;
	int c;
	switch (def->id) {
	case O_DB: o->dbpath = v; return 0;
	case O_LIMIT: return parse_uint(opt, v, SEARCH_MAX_HITS, &r->n, err, errsz);
	case O_OFFSET: return parse_uint(opt, v, 1000000000u, &r->offset, err, errsz);
	case O_BOOST: return query_parse_boosts(v, &r->boosts, err, errsz);
	case O_K1: return parse_double(opt, v, 0, 100, &r->k1, err, errsz);
	case O_B: return parse_double(opt, v, 0, 1, &r->b, err, errsz);
	case O_WEIGHT: return parse_weighting(opt, v, r, err, errsz);
	case O_SINCE: r->since = v; return 0;
	case O_UNTIL: r->until = v; return 0;
	case O_SORT:
		if ((c = parse_choice(opt, v, sorts, "relevance or date", err, errsz)) < 0)
			return -1;
		r->sort_date = c == 1;
		return 0;
	case O_MATCH:
		if ((c = parse_choice(opt, v, matches, "any or all", err, errsz)) < 0)
			return -1;
		r->boosts.all_words = c == 1;
		return 0;
	case O_PROXIMITY: return parse_proximity(opt, v, r, err, errsz);
	case O_EXPAND: return parse_expand(opt, v, r, err, errsz);
	case O_COLOR:
		if ((c = parse_choice(opt, v, colors, "auto, always or never", err, errsz)) < 0)
			return -1;
		o->color = c == 2 ? -1 : c;
		return 0;
	case O_MARKS: {
		const char *comma = strchr(v, ',');
		if (!comma) {
			snprintf(err, errsz, "%s: expected OPEN,CLOSE (such as '[[,]]'), got '%s'",
				 opt, v);
			return -1;
		}
		free(o->marks);
		if (!(o->marks = strdup(v))) {
			snprintf(err, errsz, "out of memory");
			return -1;
		}
		o->marks[comma - v] = '\0';
		o->close_mark = o->marks + (comma - v) + 1;
		return 0;
	}
	case O_PERSON: return search_names_add(&r->persons, opt, v, err, errsz);
	case O_PLACE: return search_names_add(&r->places, opt, v, err, errsz);
	case O_ORG: return search_names_add(&r->orgs, opt, v, err, errsz);
	case O_RELATED: o->related = v; return 0;
	case O_FACETS: r->facets = 1; return 0;
	case O_JSON: o->mode = OUT_JSON; return 0;
	case O_BATCH: o->batch = v; return 0;
	case O_TREC: o->mode = OUT_TREC; return 0;
	case O_COUNT: o->count_only = 1; return 0;
	case O_SHOW: o->show = v; return 0;
	case O_TIMINGS: o->timings = v; return 0;
	case O_HELP: o->help = 1; return 0;
	case O_VERSION: o->version = 1; return 0;
	}
	return 0;
}

/* The option called name (len bytes): exact, or the one it abbreviates.
 * NULL with a message when none or several. */
static const opt_t *find_long(const char *name, size_t len, char *err, size_t errsz)
{
	const opt_t *found = NULL;
	int several = 0;
	for (size_t i = 0; i < NOPTS; i++) {
		if (strncmp(opts[i].name, name, len) != 0)
			continue;
		if (strlen(opts[i].name) == len)
			return &opts[i];
		if (found && found->id != opts[i].id)
			several = 1;
		found = &opts[i];
	}
	if (found && !several)
		return found;
	snprintf(err, errsz, several ? "option '--%.*s' is ambiguous" : "unknown option '--%.*s'",
		 (int)(len < 64 ? len : 64), name);
	return NULL;
}

static const opt_t *find_letter(char c)
{
	for (size_t i = 0; i < NOPTS; i++)
		if (c && opts[i].letter == c)
			return &opts[i];
	return NULL;
}

/* A --long[=value] option at argv[*i]. */
static int long_option(options_t *o, int argc, char **argv, int *i, char *err, size_t errsz)
{
	const char *a = argv[*i] + 2, *eq = strchr(a, '=');
	size_t len = eq ? (size_t)(eq - a) : strlen(a);
	const opt_t *def = find_long(a, len, err, errsz);
	char opt[80];
	if (!def)
		return -1;
	snprintf(opt, sizeof(opt), "--%s", def->name);
	if (!def->value) {
		if (eq) {
			snprintf(err, errsz, "%s takes no value", opt);
			return -1;
		}
		return apply(o, def, opt, NULL, err, errsz);
	}
	const char *v = eq ? eq + 1 : *i + 1 < argc ? argv[++*i] : NULL;
	if (!v) {
		snprintf(err, errsz, "%s needs a value (%s)", opt, def->value);
		return -1;
	}
	return apply(o, def, opt, v, err, errsz);
}

/* Short options at argv[*i] ("-d DB", "-dDB", "-hV"). */
static int short_options(options_t *o, int argc, char **argv, int *i, char *err, size_t errsz)
{
	const char *a = argv[*i];
	for (size_t j = 1; a[j]; j++) {
		const opt_t *def = find_letter(a[j]);
		char opt[3] = { '-', a[j], '\0' };
		if (!def) {
			snprintf(err, errsz, "unknown option '-%c'", a[j]);
			return -1;
		}
		if (!def->value) {
			if (apply(o, def, opt, NULL, err, errsz) < 0)
				return -1;
			continue;
		}
		const char *v = a[j + 1] ? a + j + 1 : *i + 1 < argc ? argv[++*i] : NULL;
		if (!v) {
			snprintf(err, errsz, "%s needs a value (%s)", opt, def->value);
			return -1;
		}
		return apply(o, def, opt, v, err, errsz);
	}
	return 0;
}

/* Is argument a, met after the query's first word, an option? Only a
 * long option or a lone known letter ("-n"): "-referendum" is a word. */
static int is_option_after_words(const char *a)
{
	if (a[1] == '-')
		return 1;
	return a[2] == '\0' && find_letter(a[1]) != NULL;
}

static int add_word(options_t *o, const char *w, char *err, size_t errsz)
{
	size_t have = o->query ? strlen(o->query) : 0, n = strlen(w);
	char *q = realloc(o->query, have + n + 2);
	if (!q) {
		snprintf(err, errsz, "out of memory");
		return -1;
	}
	o->query = q;
	if (have)
		q[have++] = ' ';
	memcpy(q + have, w, n + 1);
	return 0;
}

/* The rules between options. */
static int check(const options_t *o, char *err, size_t errsz)
{
	int has_query = o->query && *o->query;
	const search_request_t *r = &o->req;
	const char *ends[2] = { r->since, r->until };
	for (int i = 0; i < 2; i++) {
		char bound[9];
		if (ends[i] && query_date_bound(ends[i], strlen(ends[i]), i, bound) < 0) {
			snprintf(err, errsz, "--%s: bad date '%s' (use YYYY, YYYY-MM or YYYY-MM-DD)",
				 i ? "until" : "since", ends[i]);
			return -1;
		}
	}
	if (o->mode == OUT_TREC && !o->batch)
		snprintf(err, errsz, "--trec needs --batch FILE (TREC lines carry query ids)");
	else if ((o->batch || o->show) && has_query)
		snprintf(err, errsz, "a QUERY cannot be given with --%s", o->batch ? "batch" : "show");
	else if (o->related && (has_query || o->batch || o->show))
		snprintf(err, errsz, "--related takes no QUERY, --batch or --show");
	else if (!has_query && !o->batch && !o->show && !r->persons.n && !r->places.n &&
		 !r->orgs.n && !o->related)
		snprintf(err, errsz, "no QUERY given");
	else
		return 0;
	return -1;
}

int options_parse(int argc, char **argv, options_t *o, char *err, size_t errsz)
{
	int words_only = 0;
	memset(o, 0, sizeof(*o));
	search_request_init(&o->req);
	o->color = -1;
	o->dbpath = getenv("DATELINE_DB");
	if (!o->dbpath || !*o->dbpath)
		o->dbpath = "dateline.db";
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		int rc;
		if (words_only || a[0] != '-' || a[1] == '\0' ||
		    (o->query && !is_option_after_words(a))) {
			rc = add_word(o, a, err, errsz);
		} else if (strcmp(a, "--") == 0) {
			words_only = 1;
			continue;
		} else if (a[1] == '-') {
			rc = long_option(o, argc, argv, &i, err, errsz);
		} else {
			rc = short_options(o, argc, argv, &i, err, errsz);
		}
		if (rc < 0)
			return -1;
		if (o->help || o->version)
			return 0;
	}
	if (!o->query && add_word(o, "", err, errsz) < 0)
		return -1;
	return check(o, err, errsz);
}

void options_free(options_t *o)
{
	free(o->marks);
	free(o->query);
	memset(o, 0, sizeof(*o));
}
