/*
 * dateline-search - rank the articles of a Dateline index for a query.
 */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "../analysis/record.h"
#include "../analysis/schema.h"
#include "../analysis/stem.h"
#include "../shim/dx.h"
#include "output.h"
#include "query.h"
#include "../util/access.h"
#include "../util/safeprint.h"
#include "../util/utf8.h"
#include "snippet.h"
#include "suggest.h"

#ifndef DATELINE_VERSION
#define DATELINE_VERSION "0.1.0"
#endif

/* BM25 parameters, chosen by the relevance evaluation (make eval) over
 * k1 in {1.2, 1.6, 2.0} and b in {0.6, 0.75}. */
#define SEARCH_DEFAULT_K1 1.6
#define SEARCH_DEFAULT_B 0.75
/* The weighting scheme (--weight) and the c of PL2, InL2 and IfB2. */
#define SEARCH_DEFAULT_WEIGHTING DX_WEIGHT_BM25
#define SEARCH_DEFAULT_C 1.0
/* Pseudo-relevance feedback is off by default (0,0,0). Chosen on CISI and
 * MED (10 documents, 20 terms at 0.6), it lowered MAP on LISA, NPL and
 * ADI; leave-one-collection-out over six collections (make eval --loco)
 * chose it off on 5 of 6 folds: MAP ratio to the best peer, mean 1.007 ->
 * 1.036, worst 0.867 -> 0.987 (queries lower-cased). --expand 10,20,0.6
 * is the setting measured when on. */
#define SEARCH_DEFAULT_EXPAND_DOCS 0
#define SEARCH_DEFAULT_EXPAND_TERMS 0
#define SEARCH_DEFAULT_EXPAND_WEIGHT 0.0
#define EXPAND_MIN_WORDS 5

/* --related: the words that mark the article most, at this share of the
 * weight of its people and places. */
#define RELATED_WORDS 15
#define RELATED_WORDS_WEIGHT 0.5

/* Most hits one search may ask for (-n). */
#define MAX_HITS 10000

static const char *progname = "dateline-search";

typedef enum { OUT_TEXT, OUT_JSON, OUT_TREC } out_mode_t;

typedef struct {
	const char *dbpath;
	unsigned n;
	unsigned offset;
	query_boosts_t boosts;
	double k1, b;
	int color;  /* -1 auto */
	char *marks;             /* --marks OPEN,CLOSE (owned copy) */
	out_mode_t mode;
	int count_only;          /* --count */
	const char *batch;       /* --batch FILE */
	const char *show;        /* --show ID */
	const char *timings;     /* --timings FILE */
	const char *related;     /* --related ID */
	int facets;              /* --facets */
	const char *person;      /* --person NAME */
	const char *place;       /* --place NAME */
	const char *since;       /* --since DATE */
	const char *until;       /* --until DATE */
	int sort_date;           /* --sort date: newest first */
	unsigned expand_docs;    /* --expand D,T,W: feedback from D documents, */
	unsigned expand_terms;   /* T terms added, */
	double expand_weight;    /* weighing W of the original's */
	dx_weighting_t weighting; /* --weight NAME[=C] */
	double c;
} options_t;

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: %s [OPTION]... QUERY...\n"
		"       %s [OPTION]... --batch FILE\n"
		"       %s [--json] --show ID\n"
		"Rank the articles of a Dateline index for QUERY (BM25) and print each\n"
		"with the lines where the query's words are.\n"
		"\n"
		"  -d, --db PATH          the index (default: $DATELINE_DB, else ./dateline.db)\n"
		"  -n, --count-hits N     print N hits (default 10)\n"
		"      --offset K         skip the first K hits\n"
		"      --boost FIELD=W,.. extra weight of title, author and place matches\n"
		"                         (default title=%g,author=%g,place=%g: title and\n"
		"                         author words already count twice in the index)\n"
		"      --k1 K1            BM25 term-frequency saturation (default %g)\n"
		"      --b B              BM25 length normalisation, 0..1 (default %g)\n"
		"      --weight NAME[=C]  weighting scheme: bm25 (default), bm25+, or the\n"
		"                         divergence-from-randomness dph, dlh, pl2, inl2,\n"
		"                         ifb2 (C: their length normalisation, default 1)\n"
		"      --since DATE       only articles dated DATE or later (YYYY[-MM[-DD]])\n"
		"      --until DATE       only articles dated DATE or earlier\n"
		"      --sort WHAT        relevance (default) or date (newest first)\n"
		"      --match any|all    articles with any of the words, best first\n"
		"                         (default), or only those with all of them\n"
		"      --expand D,T,W     add the T words that best mark the D best hits,\n"
		"                         at W of their weight, for queries of 5 words or\n"
		"                         more (default %u,%u,%g: off; 10,20,0.6 was measured)\n"
		"      --color WHEN       highlight in bold: auto, always, never\n"
		"                         (auto: on a terminal, unless NO_COLOR is set)\n"
		"      --marks OPEN,CLOSE put OPEN and CLOSE around highlights when not in\n"
		"                         colour (such as '[[,]]' or '<b>,</b>')\n"
		"      --person NAME      articles that mention the person (Kerry, \"John Kerry\")\n"
		"      --place NAME       articles that mention the place (Kiev, \"the Crimea\")\n"
		"      --related ID       the reports that share most people, places and\n"
		"                         words with article ID\n"
		"      --facets           the most frequent people, organisations, places,\n"
		"                         authors and months among the matches\n"
		"      --json             one JSON object per hit per line\n"
		"      --batch FILE       answer every 'qid<TAB>query' line of FILE ('-': stdin)\n"
		"      --trec             with --batch: TREC run lines 'qid Q0 id rank score dateline'\n"
		"      --count            print only the number of matching articles\n"
		"      --show ID          print everything the index holds for one article\n"
		"      --timings FILE     write 'qid<TAB>milliseconds' per query to FILE\n"
		"  -h, --help             print this help\n"
		"  -V, --version          print the version\n"
		"\n"
		"Query language:\n"
		"  word             matched by its stem (talks finds talk, talked)\n"
		"  \"a phrase\"       these words in this order, any form (by stem)\n"
		"  prefix*          words starting with prefix\n"
		"  a NEAR b         a and b within 10 words (NEAR/5: 5), any order\n"
		"  a AND b, a OR b, a NOT b, ( )   NOT binds tighter than AND, AND than OR\n"
		"  +word  -word     required, excluded\n"
		"  title: author: place:   a word, phrase or prefix* in one field\n"
		"  source:NAME  id:ID  date:2014-03..2014-04   filters\n"
		"Other words are joined with OR: the most and rarest matches rank first;\n"
		"English stop words on their own are left out.\n"
		"\n"
		"Exit status: 0 results or none, 1 error, 2 usage or a bad query.\n",
		progname, progname, progname, QUERY_DEFAULT_TITLE_BOOST, QUERY_DEFAULT_AUTHOR_BOOST,
		QUERY_DEFAULT_PLACE_BOOST, SEARCH_DEFAULT_K1, SEARCH_DEFAULT_B,
		SEARCH_DEFAULT_EXPAND_DOCS, SEARCH_DEFAULT_EXPAND_TERMS,
		SEARCH_DEFAULT_EXPAND_WEIGHT);
}

static int parse_uint(const char *opt, const char *s, unsigned max, unsigned *out)
{
	char *end;
	errno = 0;
	unsigned long v = strtoul(s, &end, 10);
	if (errno || end == s || *end || s[0] == '-' || v > max) {
		fprintf(stderr, "%s: %s: expected a number from 0 to %u, got '%s'\n",
			progname, opt, max, s);
		return -1;
	}
	*out = (unsigned)v;
	return 0;
}

static int parse_double(const char *opt, const char *s, double lo, double hi,
			double *out)
{
	char *end;
	double v = strtod(s, &end);
	if (end == s || *end || !(v >= lo && v <= hi)) {
		fprintf(stderr, "%s: %s: expected a number from %g to %g, got '%s'\n",
			progname, opt, lo, hi, s);
		return -1;
	}
	*out = v;
	return 0;
}

/* Join the query words given as arguments with spaces. */
static char *join_args(int argc, char **argv)
{
	size_t len = 1;
	for (int i = 0; i < argc; i++)
		len += strlen(argv[i]) + 1;
	char *s = malloc(len), *p = s;
	if (!s)
		return NULL;
	for (int i = 0; i < argc; i++) {
		size_t n = strlen(argv[i]);
		memcpy(p, argv[i], n);
		p += n;
		*p++ = ' ';
	}
	*(p > s ? p - 1 : p) = '\0';
	return s;
}

/* Everything one process needs to answer queries. */
typedef struct {
	const options_t *o;
	dx_db_t *db;
	an_stemmer_t *st;
	output_style_t style;
	FILE *timings;       /* --timings: qid<TAB>milliseconds */
	json_t *related_names;  /* --related: the source's people and places */
} searcher_t;

/* The ids of the other copies of the current hit (same digest), as a new
 * JSON array (owned by the caller); NULL when there are none. */
static json_t *other_copies(dx_db_t *db, dx_hits_t *hits, const char *own_id)
{
	char *digest = NULL, term[DL_MAX_TERM_BYTES + 1];
	size_t dlen;
	dx_query_t *q = NULL;
	dx_hits_t *h = NULL;
	dx_search_opts_t so;
	json_t *ids = NULL;

	/* The copies may rank anywhere: the digest term says how many there
	 * are (one lookup), whatever the hits held. */
	uint32_t n = 0;
	if (dx_hits_value(hits, DL_VALUE_DIGEST_ID, &digest, &dlen) != DX_OK ||
	    dl_value_digest_term(digest, dlen, term) < 0)
		goto out;
	if (dx_db_term_freq(db, term, &n) != DX_OK || n < 2)
		goto out;
	dx_search_opts_init(&so);
	so.count = 20;
	if (dx_query_term(term, 1, &q) != DX_OK || dx_db_search(db, q, &so, &h) != DX_OK)
		goto out;
	for (; dx_hits_valid(h); dx_hits_move_to_next(h)) {
		char *data;
		size_t len;
		if (dx_hits_data(h, &data, &len) != DX_OK)
			continue;
		dl_record_t *r = NULL;
		dl_record_decode(data, len, &r, NULL, 0);
		const char *id = r ? dl_record_get(r, DL_F_ID) : NULL;
		if (id && (!own_id || strcmp(id, own_id) != 0)) {
			if (!ids)
				ids = json_array();
			json_array_append_new(ids, json_string(id));
		}
		dl_record_free(r);
		free(data);
	}
out:
	dx_hits_destroy(h);
	dx_query_destroy(q);
	free(digest);
	return ids;
}

/* Join a JSON array of strings with ", " (malloc'ed), or NULL. */
static char *join_ids(json_t *ids)
{
	size_t i, len = 1;
	json_t *v;
	if (!ids)
		return NULL;
	json_array_foreach(ids, i, v)
		len += strlen(json_string_value(v)) + 2;
	char *out = malloc(len);
	if (!out)
		return NULL;
	out[0] = '\0';
	json_array_foreach(ids, i, v) {
		if (i)
			strcat(out, ", ");
		strcat(out, json_string_value(v));
	}
	return out;
}

/* A new reference to v, or to a copy of it whose strings hold no control
 * character (the indexer stores none, an older index may): the JSON we
 * print stays clean, and a highlight's offsets stay right (utf8_clean()
 * keeps the length of valid text). */
static json_t *clean_json(json_t *v, unsigned flags)
{
	if (json_is_string(v)) {
		const char *t = json_string_value(v);
		size_t n = json_string_length(v);
		char *c;
		if (utf8_is_clean(t, n, flags) || utf8_clean(t, n, flags, &c, &n, NULL) < 0)
			return json_incref(v);
		json_t *s = json_stringn(c, n);
		free(c);
		return s ? s : json_incref(v);
	}
	if (json_is_array(v)) {
		json_t *a = json_array(), *e;
		size_t i;
		json_array_foreach(v, i, e)
			json_array_append_new(a, clean_json(e, flags));
		return a;
	}
	if (json_is_object(v)) {
		/* A stored article: its body keeps its lines. */
		json_t *o = json_object(), *e;
		const char *key;
		json_object_foreach(v, key, e)
			json_object_set_new(o, key, clean_json(e, strcmp(key, dl_fields[DL_F_BODY].key) == 0
							     ? flags | UTF8_KEEP_LINES : flags));
		return o;
	}
	return json_incref(v);
}

/* A hit as one JSON line: the stored fields (not the body), rank, score,
 * snippet and its highlights as [start, end) byte ranges. */
static void print_json_hit(const char *qid, const dl_record_t *doc, unsigned rank,
			   double score, const snippet_t *snip, json_t *dups, json_t *shares)
{
	static const enum dl_field_id keys[] = { DL_F_ID, DL_F_TITLE, DL_F_AUTHOR,
		DL_F_DATE, DL_F_PLACE, DL_F_SOURCE, DL_F_URL, DL_F_FORMAT,
		DL_F_PERSONS, DL_F_ORGS, DL_F_PLACES };
	json_t *o = json_object();
	if (qid)
		json_object_set_new(o, "qid", json_string(qid));
	json_object_set_new(o, "rank", json_integer(rank));
	json_object_set_new(o, "score", json_real(score));
	for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
		const dl_field_t *f = &dl_fields[keys[k]];
		if (f->flags & DL_FIELD_LIST) {
			size_t n = dl_record_count(doc, keys[k]);
			json_t *arr = n ? json_array() : NULL;
			for (size_t i = 0; arr && i < n; i++)
				if (dl_record_item(doc, keys[k], i))
					json_array_append_new(arr, json_string(dl_record_item(doc, keys[k], i)));
			if (arr)
				json_object_set_new(o, f->key, arr);
		} else if (dl_record_get(doc, keys[k])) {
			json_object_set_new(o, f->key, json_string(dl_record_get(doc, keys[k])));
		}
	}
	if (snip->text) {
		json_t *hl = json_array();
		json_object_set_new(o, "snippet", json_string(snip->text));
		for (size_t i = 0; i < snip->nranges; i++)
			json_array_append_new(hl, json_pack("[II]", (json_int_t)snip->ranges[i].start,
							    (json_int_t)snip->ranges[i].end));
		json_object_set_new(o, "highlights", hl);
	}
	if (dups)
		json_object_set(o, "duplicates", dups);
	if (shares)
		json_object_set(o, "shares", shares);
	json_t *c = clean_json(o, 0);
	json_dumpf(c, stdout, JSON_COMPACT);
	json_decref(c);
	putchar('\n');
	json_decref(o);
}

/* The names of the related source's people and places that doc has too,
 * as a new array (NULL when none, or not --related). */
static json_t *shared_names(json_t *source, const dl_record_t *doc)
{
	json_t *common = NULL, *v;
	size_t i;
	if (!source)
		return NULL;
	json_array_foreach(source, i, v) {
		const char *name = json_string_value(v);
		static const enum dl_field_id lists[] = { DL_F_PERSONS, DL_F_ORGS, DL_F_PLACES };
		for (int k = 0; k < 3; k++)
			for (size_t j = 0; j < dl_record_count(doc, lists[k]); j++) {
				const char *w = dl_record_item(doc, lists[k], j);
				if (name && w && !strcmp(name, w)) {
					if (!common)
						common = json_array();
					json_array_append(common, v);
				}
			}
	}
	return common;
}

/* A TREC run line: qid Q0 id rank score tag. Whitespace in a qid or an
 * id (a path with spaces) would split the line: it becomes '_'; the id is
 * printed as safe_name() shows it. */
static void print_trec_hit(const char *qid, const char *id, unsigned rank, double score)
{
	char *shown = safe_name(id, strlen(id));
	for (const char *p = qid; *p; p++)
		putchar(isspace((unsigned char)*p) ? '_' : *p);
	printf(" Q0 ");
	for (const char *p = shown ? shown : "?"; *p; p++)
		putchar(isspace((unsigned char)*p) ? '_' : *p);
	printf(" %u %.6f dateline\n", rank, score);
	free(shown);
}

/* Print the hits of one search. Returns 0, or 1 on an error. */
static int print_hits(searcher_t *s, const char *qid, dx_hits_t *hits,
		      const query_t *q)
{
	for (; dx_hits_valid(hits); dx_hits_move_to_next(hits)) {
		char *data;
		size_t len;
		unsigned rank = dx_hits_rank(hits) + 1;
		double score = dx_hits_weight(hits);
		if (s->o->mode == OUT_TREC) {
			/* The id alone: from the value the collapse read, not
			 * the stored data. */
			if (dx_hits_value(hits, DL_VALUE_DIGEST_ID, &data, &len) != DX_OK) {
				fprintf(stderr, "%s: cannot read a hit: %s\n", progname,
					dx_last_error());
				return 1;
			}
			const char *id = dl_value_id(data, len);
			print_trec_hit(qid, id ? id : "?", rank, score);
			free(data);
			continue;
		}
		if (dx_hits_data(hits, &data, &len) != DX_OK) {
			fprintf(stderr, "%s: cannot read a hit: %s\n", progname, dx_last_error());
			return 1;
		}
		dl_record_t *o;
		char why[200];
		int bad = dl_record_decode(data, len, &o, why, sizeof(why));
		free(data);
		if (bad) {
			fprintf(stderr, "%s: document %u: stored data is not valid: %s\n",
				progname, dx_hits_docid(hits), why);
			continue;
		}
		const char *title = dl_record_get(o, DL_F_TITLE);
		const char *body = dl_record_get(o, DL_F_BODY);
		json_t *dups = other_copies(s->db, hits, dl_record_get(o, DL_F_ID));
		snippet_t ts = { 0 }, bs = { 0 };
		int rc = 0;
		if (title && s->o->mode == OUT_TEXT)
			rc = snippet_highlight_all(title, strlen(title), q, s->st, &ts);
		if (rc == 0 && body)
			rc = snippet_make(body, strlen(body), q, s->st, SNIPPET_DEFAULT_FRAGMENTS,
					  SNIPPET_FRAGMENT_BYTES, &bs);
		if (rc == 0 && s->o->mode == OUT_JSON) {
			json_t *common = shared_names(s->related_names, o);
			print_json_hit(qid, o, rank, score, &bs, dups, common);
			json_decref(common);
		} else if (rc == 0) {
			char *joined = join_ids(dups);
			json_t *common = shared_names(s->related_names, o);
			char *shares = join_ids(common);
			hit_fields_t h = { dl_record_get(o, DL_F_ID), dl_record_get(o, DL_F_AUTHOR),
					   dl_record_get(o, DL_F_DATE), dl_record_get(o, DL_F_PLACE),
					   dl_record_get(o, DL_F_SOURCE), joined, shares };
			output_hit(stdout, &s->style, rank, score, &h, &ts, &bs);
			free(shares);
			json_decref(common);
			free(joined);
		}
		snippet_free(&ts);
		snippet_free(&bs);
		json_decref(dups);
		dl_record_free(o);
		if (rc != 0) {
			fprintf(stderr, "%s: out of memory\n", progname);
			return 1;
		}
	}
	return 0;
}

static int run_query_once(searcher_t *s, const char *qid, const char *text, int suggest);
static void print_facets(searcher_t *s, const dx_query_t *q, const dx_search_opts_t *base);

static double now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

/* The number of matching articles and whether it is exact: Xapian's
 * bounds agree, or every document was examined (the index holds no more
 * than the search looked at), and then its lower bound is the count
 * (collapsing duplicates leaves the estimate and upper bound loose). */
static uint32_t match_count(searcher_t *s, dx_hits_t *hits, const dx_search_opts_t *so,
			    int *exact)
{
	uint32_t ndocs = 0;
	*exact = dx_hits_estimate_exact(hits);
	if (*exact)
		return dx_hits_estimated(hits);
	dx_db_doc_count(s->db, &ndocs);
	if (ndocs <= so->check_at_least) {
		*exact = 1;
		return dx_hits_lower_bound(hits);
	}
	return dx_hits_estimated(hits);
}

/* Answer one query. qid is NULL for a query from the command line. With
 * suggest, a query whose words are absent or rare gets a "did you mean",
 * and when it found nothing, the corrected query's results.
 * Returns 0, 1 on an error, 2 for a bad query. */
static int run_query_once(searcher_t *s, const char *qid, const char *text, int suggest)
{
	const options_t *o = s->o;
	query_t q = { 0 };
	dx_hits_t *hits = NULL;
	char err[512];
	int status = 0;
	double t0 = now_ms();

	/* --person or --place alone need no words. */
	int words = strspn(text, " \t") < strlen(text);
	int qrc = words || !(o->person || o->place)
		  ? query_parse(text, s->st, s->db, &o->boosts, &q, err, sizeof(err)) : 0;
	if (qrc != 0) {
		fprintf(stderr, "%s: query%s%s: %s\n", progname, qid ? " " : "",
			qid ? qid : "", err);
		return qrc == -1 ? 2 : 1;
	}
	dx_search_opts_t so;
	dx_search_opts_init(&so);
	so.k1 = o->k1;
	so.b = o->b;
	so.weighting = o->weighting;
	so.c = o->c;
	so.offset = o->offset;
	/* --count walks every match, as collapsing duplicates makes Xapian's
	 * count of a short result list an estimate. */
	so.count = o->count_only ? UINT32_MAX : o->n;
	/* The count a person reads is exact up to 100; above, Xapian
	 * estimates. Tools get none, and the search stops earlier. */
	so.check_at_least = o->mode == OUT_TEXT ? 100 : 0;
	/* A report filed twice (byte-identical) is shown once. */
	so.collapse = 1;
	so.collapse_slot = DL_VALUE_DIGEST_ID;
	so.collapse_key_len = DL_DIGEST_HEX;
	/* Pseudo-relevance feedback: words that mark the best hits are added
	 * with a lower weight. */
	dx_query_t *final = NULL;
	if (q.query && o->expand_docs && o->expand_terms && o->expand_weight > 0 &&
	    q.nwords >= EXPAND_MIN_WORDS) {
		dx_query_t *more = NULL, *scaled = NULL;
		if (dx_db_expand(s->db, q.query, &so, o->expand_docs, o->expand_terms,
				 DL_PREFIX_STEM, &more) == DX_OK && more &&
		    dx_query_scale(more, o->expand_weight, &scaled) == DX_OK) {
			dx_query_t *both[2] = { q.query, scaled };
			dx_query_combine(DX_OP_AND_MAYBE, both, 2, 0, &final);
		}
		dx_query_destroy(scaled);
		dx_query_destroy(more);
	}
	/* --person and --place: with a query, they restrict it; alone, they
	 * rank by how often the articles mention them. */
	const char *ent[2] = { o->person, o->place };
	for (int e = 0; e < 2; e++) {
		if (!ent[e])
			continue;
		char msg[128];
		dx_query_t *eq = e == 0 ? query_person(ent[e], strlen(ent[e]), msg, sizeof(msg))
					: query_place(ent[e], strlen(ent[e]), msg, sizeof(msg));
		if (!eq) {
			fprintf(stderr, "%s: --%s: %s\n", progname, e == 0 ? "person" : "place", msg);
			status = 2;
			goto out;
		}
		dx_query_t *base = final ? final : q.query, *both = NULL;
		if (!base) {
			final = eq;
			continue;
		}
		dx_query_t *pair[2] = { base, eq };
		dx_query_combine(DX_OP_FILTER, pair, 2, 0, &both);
		dx_query_destroy(eq);
		if (both) {
			dx_query_destroy(final);
			final = both;
		}
	}
	/* --since / --until restrict whatever the query matches. */
	if (o->since || o->until) {
		dx_query_t *f = query_date_filter(o->since, o->until, err, sizeof(err));
		dx_query_t *base = final ? final : q.query, *filtered = NULL;
		if (f) {
			dx_query_t *pair[2] = { base, f };
			dx_query_combine(DX_OP_FILTER, pair, 2, 0, &filtered);
			dx_query_destroy(f);
		}
		if (filtered) {
			dx_query_destroy(final);
			final = filtered;
		}
	}
	if (o->sort_date) {
		so.sort_by_value = 1;
		so.sort_slot = DL_VALUE_DATE;
	}
	const dx_query_t *run = final ? final : q.query;
	dx_status_t rc = dx_db_search(s->db, run, &so, &hits);
	if (rc == DX_ERR_DB_MODIFIED && dx_db_reopen(s->db) == DX_OK)
		rc = dx_db_search(s->db, run, &so, &hits);
	if (rc != DX_OK) {
		fprintf(stderr, "%s: %s: search failed: %s\n", progname, o->dbpath,
			dx_last_error());
		status = 1;
		goto out;
	}
	uint32_t est = dx_hits_estimated(hits);
	if (suggest && q.query && o->mode == OUT_TEXT && !o->count_only) {
		char *better = suggest_query(s->db, s->st, text, &q);
		if (better && est == 0) {
			if (qid)
				printf("Query %s: ", qid);
			printf("No articles match. Showing results for: ");
			safe_puts(stdout, better);
			printf("\n");
			status = run_query_once(s, qid, better, 0);
			free(better);
			goto out;
		}
		if (better) {
			printf("Did you mean: ");
			safe_puts(stdout, better);
			printf("?\n");
		}
		free(better);
	}
	if (o->count_only) {
		if (qid)
			printf("%s\t", qid);
		printf("%u\n", dx_hits_size(hits));
	} else if (o->mode != OUT_TEXT) {
		status = print_hits(s, qid, hits, &q);
	} else if (est == 0) {
		if (qid)
			printf("Query %s: ", qid);
		printf("No articles match.\n");
	} else {
		if (qid)
			printf("Query %s: ", qid);
		int exact;
		uint32_t count = match_count(s, hits, &so, &exact);
		printf("%s%u article%s match; showing %u-%u.\n\n", exact ? "" : "About ",
		       count, count == 1 ? "" : "s", dx_hits_size(hits) ? o->offset + 1 : 0,
		       o->offset + dx_hits_size(hits));
		status = print_hits(s, qid, hits, &q);
	}
	if (o->facets && !o->count_only && o->mode != OUT_TREC && status == 0)
		print_facets(s, run, &so);
	if (s->timings)
		fprintf(s->timings, "%s\t%.3f\n", qid ? qid : "-", now_ms() - t0);
out:
	dx_query_destroy(final);
	dx_hits_destroy(hits);
	query_free(&q);
	return status;
}

static int run_query(searcher_t *s, const char *qid, const char *text)
{
	return run_query_once(s, qid, text, 1);
}

/* --batch FILE: one "qid<TAB>query" per line. A bad query is reported and
 * the others answered. Returns the worst status. */
static int run_batch(searcher_t *s, const char *path)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	unsigned long lineno = 0;
	int status = 0;

	if (!f) {
		fprintf(stderr, "%s: --batch: %s: %s\n", progname, path, strerror(errno));
		return 1;
	}
	while ((n = getline(&line, &cap, f)) >= 0) {
		lineno++;
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (n == 0)
			continue;
		char *tab = strchr(line, '\t');
		if (!tab) {
			fprintf(stderr, "%s: --batch: %s:%lu: expected qid<TAB>query\n",
				progname, path, lineno);
			status = status ? status : 2;
			continue;
		}
		*tab = '\0';
		/* The qid is printed back (TREC, JSON, --count): no control
		 * character or invalid byte of the file reaches the output. */
		char *qid = safe_strdup(line, strlen(line));
		if (!qid) {
			fprintf(stderr, "%s: out of memory\n", progname);
			status = 1;
			break;
		}
		int rc = run_query(s, qid, tab + 1);
		free(qid);
		if (rc == 1)
			status = 1;
		else if (rc == 2 && status == 0)
			status = 2;
		if (rc == 1)
			break;
	}
	if (ferror(f)) {
		fprintf(stderr, "%s: --batch: %s: %s\n", progname, path, strerror(errno));
		status = 1;
	}
	free(line);
	if (f != stdin)
		fclose(f);
	return status;
}

/* Facets: how many of the best FACET_DOCS matches name each person,
 * organisation, place, author and month (NFACETS kinds); the FACET_TOP
 * most frequent of each. */
#define FACET_DOCS 1000
#define FACET_TOP 5
#define NFACETS 5

typedef struct {
	char *name;
	unsigned count;
} facet_t;

static void facet_add(facet_t **v, size_t *n, const char *name)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*v)[i].name, name) == 0) {
			(*v)[i].count++;
			return;
		}
	facet_t *nv = realloc(*v, (*n + 1) * sizeof(*nv));
	if (!nv)
		return;
	*v = nv;
	nv[*n].name = strdup(name);
	nv[*n].count = 1;
	if (nv[*n].name)
		(*n)++;
}

static int facet_cmp(const void *a, const void *b)
{
	const facet_t *x = a, *y = b;
	if (x->count != y->count)
		return x->count < y->count ? 1 : -1;
	return strcmp(x->name, y->name);
}

/* Facets: persons, organisations, places, authors, months. */
#define NFACETS 5

static void print_facets(searcher_t *s, const dx_query_t *q, const dx_search_opts_t *base)
{
	/* JSON keys, and the words of the text form. */
	static const char *const titles[NFACETS] = { "persons", "organisations", "places",
						     "authors", "months" };
	static const char *const words[NFACETS] = { "persons", "orgs", "places", "authors",
						    "months" };
	static const enum dl_field_id lists[3] = { DL_F_PERSONS, DL_F_ORGS, DL_F_PLACES };
	facet_t *f[NFACETS] = { NULL };
	size_t n[NFACETS] = { 0 }, seen = 0;
	dx_search_opts_t so = *base;
	dx_hits_t *hits = NULL;
	so.offset = 0;
	so.count = FACET_DOCS;
	if (dx_db_search(s->db, q, &so, &hits) != DX_OK)
		return;
	for (; dx_hits_valid(hits); dx_hits_move_to_next(hits)) {
		char *data;
		size_t len;
		dl_record_t *o;
		if (dx_hits_data(hits, &data, &len) != DX_OK)
			continue;
		int bad = dl_record_decode(data, len, &o, NULL, 0);
		free(data);
		if (bad) {
			seen++;
			continue;
		}
		for (int k = 0; k < 3; k++)
			for (size_t i = 0; i < dl_record_count(o, lists[k]); i++)
				if (dl_record_item(o, lists[k], i))
					facet_add(&f[k], &n[k], dl_record_item(o, lists[k], i));
		if (dl_record_get(o, DL_F_AUTHOR))
			facet_add(&f[3], &n[3], dl_record_get(o, DL_F_AUTHOR));
		const char *date = dl_record_get(o, DL_F_DATE);
		if (date && strlen(date) >= 7) {
			char month[8];
			snprintf(month, sizeof(month), "%.7s", date);
			facet_add(&f[4], &n[4], month);
		}
		dl_record_free(o);
		seen++;
	}
	dx_hits_destroy(hits);
	json_t *all = s->o->mode == OUT_JSON ? json_object() : NULL;
	if (!all)
		printf("Facets of the best %zu matches:\n", seen);
	for (int k = 0; k < NFACETS; k++) {
		qsort(f[k], n[k], sizeof(*f[k]), facet_cmp);
		json_t *arr = all ? json_array() : NULL;
		if (!all && n[k])
			printf("  %-8s", words[k]);
		for (size_t i = 0; i < n[k] && i < FACET_TOP; i++) {
			if (arr) {
				json_array_append_new(arr, json_pack("{s:s,s:i}", "name", f[k][i].name,
								     "count", f[k][i].count));
			} else {
				printf("%s", i ? ", " : " ");
				safe_puts(stdout, f[k][i].name);
				printf(" (%u)", f[k][i].count);
			}
		}
		if (!all && n[k])
			putchar('\n');
		if (arr)
			json_object_set_new(all, titles[k], arr);
		for (size_t i = 0; i < n[k]; i++)
			free(f[k][i].name);
		free(f[k]);
	}
	if (all) {
		json_t *line = json_pack("{s:o}", "facets", all);
		json_t *c = clean_json(line, 0);
		json_dumpf(c, stdout, JSON_COMPACT);
		json_decref(c);
		putchar('\n');
		json_decref(line);
	}
}

/* Run an already built query (--related) and print its hits. */
static int run_prepared(searcher_t *s, const char *qid, const dx_query_t *q)
{
	const options_t *o = s->o;
	query_t none = { 0 };
	dx_hits_t *hits = NULL;
	dx_search_opts_t so;
	int status;
	dx_search_opts_init(&so);
	so.k1 = o->k1;
	so.b = o->b;
	so.weighting = o->weighting;
	so.c = o->c;
	so.offset = o->offset;
	so.count = o->n;
	so.check_at_least = 100;
	so.collapse = 1;
	so.collapse_slot = DL_VALUE_DIGEST_ID;
	so.collapse_key_len = DL_DIGEST_HEX;
	if (dx_db_search(s->db, q, &so, &hits) != DX_OK) {
		fprintf(stderr, "%s: %s: search failed: %s\n", progname, o->dbpath,
			dx_last_error());
		return 1;
	}
	uint32_t est = dx_hits_estimated(hits);
	if (o->mode == OUT_TEXT && est == 0)
		printf("No related articles.\n");
	else if (o->mode == OUT_TEXT) {
		int exact;
		uint32_t count = match_count(s, hits, &so, &exact);
		printf("%s%u related article%s; showing %u-%u.\n\n", exact ? "" : "About ",
		       count, count == 1 ? "" : "s",
		       dx_hits_size(hits) ? o->offset + 1 : 0, o->offset + dx_hits_size(hits));
	}
	status = print_hits(s, qid, hits, &none);
	if (o->facets && status == 0)
		print_facets(s, q, &so);
	dx_hits_destroy(hits);
	return status;
}

/* The stored data of the article with id: as given, or, when that finds
 * none, as the printable form of an id the index keeps byte for byte
 * (safe_name(): a file name that is not UTF-8). term is set to its Q term. */
static dx_status_t data_by_id(dx_db_t *db, const char *id,
			      char term[DL_MAX_TERM_BYTES + 1], char **data, size_t *len)
{
	size_t n;
	dl_id_term(DL_PREFIX_ID, id, term);
	dx_status_t rc = dx_db_get_data(db, term, data, len);
	char *raw = rc == DX_ERR_NOT_FOUND ? safe_name_decode(id, &n) : NULL;
	if (raw) {
		dl_id_term(DL_PREFIX_ID, raw, term);
		rc = dx_db_get_data(db, term, data, len);
		free(raw);
	}
	return rc;
}

/* --related ID: the reports that share the most (and the rarest) people
 * and places with ID, and its most distinctive words; ID itself and its
 * duplicates left out. */
static int run_related(searcher_t *s, const char *id)
{
	char term[DL_MAX_TERM_BYTES + 1], *data = NULL;
	size_t len;
	int status = 1;
	dl_record_t *o = NULL;
	dx_query_t *self = NULL, *entities = NULL, *words = NULL, *q = NULL;
	dx_query_t **parts = NULL;
	size_t nparts = 0;

	dx_status_t rc = data_by_id(s->db, id, term, &data, &len);
	if (rc != DX_OK) {
		fprintf(stderr, "%s: --related: %s\n", progname, rc == DX_ERR_NOT_FOUND ?
			"no article with that id" : dx_last_error());
		return 1;
	}
	char why[200];
	if (dl_record_decode(data, len, &o, why, sizeof(why)) < 0) {
		fprintf(stderr, "%s: --related: %s: stored data is not valid: %s\n", progname,
			id, why);
		free(data);
		return 1;
	}
	free(data);
	size_t np = dl_record_count(o, DL_F_PERSONS), nl = dl_record_count(o, DL_F_PLACES);
	parts = calloc(np + nl + 1, sizeof(*parts));
	s->related_names = json_array();
	if (!parts || !s->related_names)
		goto out;
	char err[128];
	for (size_t i = 0; i < np + nl; i++) {
		const char *name = i < np ? dl_record_item(o, DL_F_PERSONS, i)
					  : dl_record_item(o, DL_F_PLACES, i - np);
		if (!name)
			continue;
		parts[nparts] = i < np ? query_person(name, strlen(name), err, sizeof(err))
				       : query_place(name, strlen(name), err, sizeof(err));
		if (parts[nparts]) {
			nparts++;
			json_array_append_new(s->related_names, json_string(name));
		}
	}
	if (nparts)
		dx_query_combine(DX_OP_OR, parts, nparts, 0, &entities);
	/* Its distinctive words: the expand set of the article alone. */
	dx_search_opts_t so;
	dx_search_opts_init(&so);
	so.k1 = s->o->k1;
	so.b = s->o->b;
	so.weighting = s->o->weighting;
	so.c = s->o->c;
	if (dx_query_term(term, 1, &self) == DX_OK &&
	    dx_db_expand(s->db, self, &so, 1, RELATED_WORDS, DL_PREFIX_STEM, &words) == DX_OK &&
	    words) {
		dx_query_t *scaled = NULL;
		dx_query_scale(words, RELATED_WORDS_WEIGHT, &scaled);
		dx_query_destroy(words);
		words = scaled;
	}
	dx_query_t *both[2] = { entities, words };
	dx_query_t *related = NULL;
	if (dx_query_combine(DX_OP_OR, both, 2, 0, &related) != DX_OK) {
		fprintf(stderr, "%s: --related: %s has no people, places or words to go by\n",
			progname, id);
		goto out;
	}
	/* Not itself, nor its copies. */
	const char *digest_term = NULL;
	char dterm[DL_MAX_TERM_BYTES + 1];
	dx_query_t *not[2] = { self, NULL };
	char *digest = NULL;
	dx_hits_t *h = NULL;
	dx_search_opts_t one;
	dx_search_opts_init(&one);
	one.count = 1;
	if (dx_db_search(s->db, self, &one, &h) == DX_OK && dx_hits_valid(h) &&
	    dx_hits_value(h, DL_VALUE_DIGEST_ID, &digest, &len) == DX_OK &&
	    dl_value_digest_term(digest, len, dterm) == 0) {
		digest_term = dterm;
		dx_query_term(digest_term, 1, &not[1]);
	}
	free(digest);
	dx_hits_destroy(h);
	dx_query_t *excluded = NULL;
	dx_query_combine(DX_OP_OR, not, 2, 0, &excluded);
	dx_query_t *pair[2] = { related, excluded };
	dx_query_combine(DX_OP_AND_NOT, pair, 2, 0, &q);
	dx_query_destroy(not[1]);
	dx_query_destroy(excluded);
	dx_query_destroy(related);
	status = run_prepared(s, NULL, q);
out:
	for (size_t i = 0; i < nparts; i++)
		dx_query_destroy(parts[i]);
	free(parts);
	dx_query_destroy(entities);
	dx_query_destroy(words);
	dx_query_destroy(self);
	dx_query_destroy(q);
	dl_record_free(o);
	return status;
}

/* --show ID: everything the index holds for one article. */
static int show_article(searcher_t *s, const char *id)
{
	char term[DL_MAX_TERM_BYTES + 1], *data = NULL;
	size_t len;
	dx_status_t rc = data_by_id(s->db, id, term, &data, &len);
	if (rc == DX_ERR_NOT_FOUND) {
		fprintf(stderr, "%s: --show: no article with id '", progname);
		safe_puts(stderr, id);
		fputs("'\n", stderr);
		return 1;
	}
	if (rc != DX_OK) {
		fprintf(stderr, "%s: --show: %s\n", progname, dx_last_error());
		return 1;
	}
	dl_record_t *o;
	int bad = dl_record_decode(data, len, &o, NULL, 0);
	free(data);
	if (bad) {
		fprintf(stderr, "%s: --show: %s: stored data is not valid\n", progname, id);
		return 1;
	}
	if (s->o->mode == OUT_JSON) {
		/* As stored, but clean of control characters (an older index
		 * may hold some). */
		char *buf = NULL;
		size_t blen = 0;
		FILE *mf = open_memstream(&buf, &blen);
		int prc = mf ? dl_record_print(o, mf) : -1;
		if (mf)
			fclose(mf);
		json_t *j = prc == 0 ? json_loadb(buf, blen, 0, NULL) : NULL;
		json_t *c = j ? clean_json(j, 0) : NULL;
		if (c)
			json_dumpf(c, stdout, JSON_COMPACT | JSON_PRESERVE_ORDER);
		else
			fputs(buf ? buf : "", stdout);
		json_decref(c);
		json_decref(j);
		free(buf);
		putchar('\n');
	} else {
		/* The stored strings, then the lists, in table order. */
		for (size_t k = 0; k < DL_NFIELDS; k++) {
			const char *v = dl_fields[k].flags & DL_FIELD_LIST || k == DL_F_BODY
					? NULL : dl_record_get(o, (enum dl_field_id)k);
			if (!v)
				continue;
			printf("%-9s", dl_fields[k].key);
			safe_puts(stdout, v);
			putchar('\n');
		}
		for (size_t k = 0; k < DL_NFIELDS; k++) {
			size_t n = dl_fields[k].flags & DL_FIELD_LIST
				   ? dl_record_count(o, (enum dl_field_id)k) : 0;
			if (!n)
				continue;
			printf("%-8s ", dl_fields[k].key);
			for (size_t i = 0; i < n; i++) {
				const char *v = dl_record_item(o, (enum dl_field_id)k, i);
				printf("%s", i ? ", " : "");
				safe_puts(stdout, v ? v : "");
			}
			putchar('\n');
		}
		const char *body = dl_record_get(o, DL_F_BODY);
		if (body) {
			/* The body keeps its lines; other controls go. */
			putchar('\n');
			for (const char *p = body, *nl; *p; p = nl + 1) {
				nl = strchr(p, '\n');
				if (!nl)
					nl = p + strlen(p) - 1;
				safe_write(stdout, p, (size_t)(nl - p + (*nl != '\n')));
				putchar('\n');
			}
		}
	}
	dl_record_free(o);
	return 0;
}

static int stop_at_first(const char *term, size_t len, uint32_t freq, void *ctx)
{
	(void)term; (void)len; (void)freq;
	*(int *)ctx = 1;
	return 1;
}

/* Does any article have a term of the field's prefix? An error says yes. */
static int has_field(dx_db_t *db, const char *prefix)
{
	int any = 0;
	return dx_db_each_vocab(db, prefix, stop_at_first, &any) != DX_OK || any;
}

/* --weight NAME[=C]. Returns 0, or -1 after a message. */
static int parse_weighting(const char *arg, dx_weighting_t *w, double *c)
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
			fprintf(stderr, "%s: --weight: %s takes no parameter\n", progname,
				schemes[i].name);
			return -1;
		}
		*w = schemes[i].w;
		*c = SEARCH_DEFAULT_C;
		return arg[len] ? parse_double("--weight", arg + len + 1, 0.001, 1000, c) : 0;
	}
	fprintf(stderr, "%s: --weight: expected bm25, bm25+, dph, dlh, pl2, inl2 or ifb2, "
		"got '%s'\n", progname, arg);
	return -1;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "count-hits", required_argument, NULL, 'n' },
		{ "offset", required_argument, NULL, 'o' },
		{ "boost", required_argument, NULL, 'B' },
		{ "k1", required_argument, NULL, 'K' },
		{ "b", required_argument, NULL, 'N' },
		{ "weight", required_argument, NULL, 'W' },
		{ "color", required_argument, NULL, 'C' },
		{ "colour", required_argument, NULL, 'C' },
		{ "json", no_argument, NULL, 'J' },
		{ "trec", no_argument, NULL, 'T' },
		{ "batch", required_argument, NULL, 'b' },
		{ "count", no_argument, NULL, 'c' },
		{ "show", required_argument, NULL, 's' },
		{ "timings", required_argument, NULL, 't' },
		{ "expand", required_argument, NULL, 'e' },
		{ "match", required_argument, NULL, 'M' },
		{ "since", required_argument, NULL, 'S' },
		{ "person", required_argument, NULL, 'P' },
		{ "related", required_argument, NULL, 'R' },
		{ "facets", no_argument, NULL, 'f' },
		{ "place", required_argument, NULL, 'L' },
		{ "marks", required_argument, NULL, 'k' },
		{ "until", required_argument, NULL, 'U' },
		{ "sort", required_argument, NULL, 'O' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	options_t o = { getenv("DATELINE_DB"), 10, 0,
			{ QUERY_DEFAULT_TITLE_BOOST, QUERY_DEFAULT_AUTHOR_BOOST,
			  QUERY_DEFAULT_PLACE_BOOST, 0 },
			SEARCH_DEFAULT_K1, SEARCH_DEFAULT_B, -1, NULL, OUT_TEXT, 0, NULL, NULL, NULL,
			NULL, 0, NULL, NULL, NULL, NULL, 0, SEARCH_DEFAULT_EXPAND_DOCS, SEARCH_DEFAULT_EXPAND_TERMS,
			SEARCH_DEFAULT_EXPAND_WEIGHT, SEARCH_DEFAULT_WEIGHTING, SEARCH_DEFAULT_C };
	char err[512];
	int c, status = 0;

	if (!o.dbpath || !*o.dbpath)
		o.dbpath = "dateline.db";
	while ((c = getopt_long(argc, argv, "d:n:hV", longopts, NULL)) != -1) {
		switch (c) {
		case 'd': o.dbpath = optarg; break;
		case 'n':
			if (parse_uint("-n", optarg, MAX_HITS, &o.n) < 0)
				return 2;
			break;
		case 'o':
			if (parse_uint("--offset", optarg, 1000000000u, &o.offset) < 0)
				return 2;
			break;
		case 'B':
			if (query_parse_boosts(optarg, &o.boosts, err, sizeof(err)) < 0) {
				fprintf(stderr, "%s: %s\n", progname, err);
				return 2;
			}
			break;
		case 'K':
			if (parse_double("--k1", optarg, 0, 100, &o.k1) < 0)
				return 2;
			break;
		case 'N':
			if (parse_double("--b", optarg, 0, 1, &o.b) < 0)
				return 2;
			break;
		case 'W':
			if (parse_weighting(optarg, &o.weighting, &o.c) < 0)
				return 2;
			break;
		case 'C':
			if (strcmp(optarg, "auto") == 0)
				o.color = -1;
			else if (strcmp(optarg, "always") == 0)
				o.color = 1;
			else if (strcmp(optarg, "never") == 0)
				o.color = 0;
			else {
				fprintf(stderr, "%s: --color: expected auto, always or never, "
					"got '%s'\n", progname, optarg);
				return 2;
			}
			break;
		case 'J': o.mode = OUT_JSON; break;
		case 'T': o.mode = OUT_TREC; break;
		case 'b': o.batch = optarg; break;
		case 'c': o.count_only = 1; break;
		case 's': o.show = optarg; break;
		case 't': o.timings = optarg; break;
		case 'S': o.since = optarg; break;
		case 'P': o.person = optarg; break;
		case 'R': o.related = optarg; break;
		case 'f': o.facets = 1; break;
		case 'L': o.place = optarg; break;
		case 'k':
			free(o.marks);
			o.marks = strdup(optarg);
			if (!o.marks || !strchr(o.marks, ',')) {
				fprintf(stderr, "%s: --marks: expected OPEN,CLOSE (such as '[[,]]'), "
					"got '%s'\n", progname, optarg);
				free(o.marks);
				return 2;
			}
			break;
		case 'U': o.until = optarg; break;
		case 'O':
			if (strcmp(optarg, "relevance") == 0 || strcmp(optarg, "date") == 0) {
				o.sort_date = strcmp(optarg, "date") == 0;
				break;
			}
			fprintf(stderr, "%s: --sort: expected relevance or date, got '%s'\n",
				progname, optarg);
			return 2;
		case 'M':
			if (strcmp(optarg, "any") == 0 || strcmp(optarg, "all") == 0) {
				o.boosts.all_words = strcmp(optarg, "all") == 0;
				break;
			}
			fprintf(stderr, "%s: --match: expected any or all, got '%s'\n",
				progname, optarg);
			return 2;
		case 'e': {
			unsigned d, t;
			double w;
			char extra;
			if (sscanf(optarg, "%u,%u,%lf%c", &d, &t, &w, &extra) != 3 || d > 1000 ||
			    t > 1000 || !(w >= 0 && w <= 10)) {
				fprintf(stderr, "%s: --expand: expected DOCS,TERMS,WEIGHT (such as "
					"10,20,0.5; 0,0,0 turns it off), got '%s'\n", progname, optarg);
				return 2;
			}
			o.expand_docs = d;
			o.expand_terms = t;
			o.expand_weight = w;
			break;
		}
		case 'h': usage(stdout); return 0;
		case 'V': printf("%s %s\n", progname, DATELINE_VERSION); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (o.since || o.until) {
		dx_query_t *f = query_date_filter(o.since, o.until, err, sizeof(err));
		if (!f) {
			fprintf(stderr, "%s: %s\n", progname, err);
			return 2;
		}
		dx_query_destroy(f);
	}
	int has_query = optind < argc;
	if (o.mode == OUT_TREC && !o.batch) {
		fprintf(stderr, "%s: --trec needs --batch FILE (TREC lines carry query ids)\n",
			progname);
		return 2;
	}
	if ((o.batch || o.show) && has_query) {
		fprintf(stderr, "%s: a QUERY cannot be given with --%s\n", progname,
			o.batch ? "batch" : "show");
		return 2;
	}
	if (o.related && (has_query || o.batch || o.show)) {
		fprintf(stderr, "%s: --related takes no QUERY, --batch or --show\n", progname);
		return 2;
	}
	if (!has_query && !o.batch && !o.show && !o.person && !o.place && !o.related) {
		fprintf(stderr, "%s: no QUERY given\n", progname);
		usage(stderr);
		return 2;
	}
	searcher_t s = { &o, NULL, NULL, { o.color, NULL, NULL }, NULL, NULL };
	if (o.marks) {
		char *comma = strchr(o.marks, ',');
		*comma = '\0';
		s.style.open = o.marks;
		s.style.close = comma + 1;
	}
	if (o.color < 0) {
		const char *nc = getenv("NO_COLOR");
		s.style.color = isatty(STDOUT_FILENO) && !(nc && *nc);
	}
	char *lang = NULL, *text = NULL;

	dx_status_t rc = dx_db_open_read(o.dbpath, &s.db);
	if (rc != DX_OK && access_denied(o.dbpath, 0)) {
		fprintf(stderr, "%s: %s: permission denied (this user may not read the "
			"index)\n", progname, o.dbpath);
		return 1;
	}
	if (rc != DX_OK) {
		fprintf(stderr, "%s: %s: %s%s\n", progname, o.dbpath, dx_status_to_string(rc),
			rc == DX_ERR_DB_NOT_FOUND ? " (run dateline-index first)" : "");
		return 1;
	}
	if (dx_db_get_metadata(s.db, DL_META_LANGUAGE, &lang) != DX_OK) {
		fprintf(stderr, "%s: %s: %s\n", progname, o.dbpath, dx_last_error());
		status = 1;
		goto out;
	}
	char *schema = NULL;
	int same = dl_schema_check(s.db, lang, &schema);
	if (same < 0)
		fprintf(stderr, "%s: %s: %s\n", progname, o.dbpath, dx_last_error());
	else if (!same)
		fprintf(stderr, "%s: %s: the index was built by another version of Dateline "
			"(index schema %s, this one reads %s); remove it and run dateline-index "
			"again\n", progname, o.dbpath, schema ? schema : "?", DL_SCHEMA_VERSION);
	free(schema);
	if (same != 1) {
		status = 1;
		goto out;
	}
	s.st = an_stemmer_new(*lang ? lang : AN_DEFAULT_LANGUAGE);
	if (!s.st) {
		fprintf(stderr, "%s: %s: the index's language '%s' cannot be stemmed\n",
			progname, o.dbpath, lang);
		status = 1;
		goto out;
	}
	/* A field no article has (no authors, no datelines) is not boosted:
	 * its term for each word would only cost a lookup. */
	if (!has_field(s.db, DL_PREFIX_STEM DL_PREFIX_TITLE))
		o.boosts.title = 0;
	if (!has_field(s.db, DL_PREFIX_STEM DL_PREFIX_AUTHOR))
		o.boosts.author = 0;
	if (!has_field(s.db, DL_PREFIX_STEM DL_PREFIX_PLACE))
		o.boosts.place = 0;
	if (o.timings && !(s.timings = fopen(o.timings, "w"))) {
		fprintf(stderr, "%s: --timings: %s: %s\n", progname, o.timings, strerror(errno));
		status = 1;
		goto out;
	}
	if (o.show) {
		status = show_article(&s, o.show);
	} else if (o.related) {
		status = run_related(&s, o.related);
	} else if (o.batch) {
		status = run_batch(&s, o.batch);
	} else {
		text = join_args(argc - optind, argv + optind);
		if (!text) {
			fprintf(stderr, "%s: out of memory\n", progname);
			status = 1;
			goto out;
		}
		status = run_query(&s, NULL, text);
	}
out:
	if (s.timings && fclose(s.timings) != 0) {
		fprintf(stderr, "%s: --timings: %s: %s\n", progname, o.timings, strerror(errno));
		status = 1;
	}
	free(text);
	free(lang);
	json_decref(s.related_names);
	an_stemmer_destroy(s.st);
	dx_db_close(s.db);
	free(o.marks);
	return status;
}
