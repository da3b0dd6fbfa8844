/*
 * dateline-search - rank the articles of a Dateline index for a query.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "../analysis/schema.h"
#include "../analysis/stem.h"
#include "../shim/dx.h"
#include "output.h"
#include "query.h"
#include "snippet.h"

#ifndef DATELINE_VERSION
#define DATELINE_VERSION "0.1.0"
#endif

/* Most hits one search may ask for (-n). */
#define MAX_HITS 10000

static const char *progname = "dateline-search";

typedef struct {
	const char *dbpath;
	unsigned n;
	unsigned offset;
	query_boosts_t boosts;
	double k1, b;
	int color;  /* -1 auto */
} options_t;

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: %s [OPTION]... QUERY...\n"
		"Rank the articles of a Dateline index for QUERY (BM25) and print each\n"
		"with the lines where the query's words are.\n"
		"\n"
		"  -d, --db PATH          the index (default: $DATELINE_DB, else ./dateline.db)\n"
		"  -n, --count-hits N     print N hits (default 10)\n"
		"      --offset K         skip the first K hits\n"
		"      --boost FIELD=W,.. weight of title, author and place matches\n"
		"                         (default title=%g,author=%g,place=%g)\n"
		"      --k1 K1            BM25 term-frequency saturation (default 1.2)\n"
		"      --b B              BM25 length normalisation, 0..1 (default 0.75)\n"
		"      --color WHEN       highlight in bold: auto, always, never\n"
		"                         (auto: on a terminal, unless NO_COLOR is set)\n"
		"  -h, --help             print this help\n"
		"  -V, --version          print the version\n"
		"\n"
		"Query language:\n"
		"  word          matched by its stem (talks finds talk, talked)\n"
		"  \"a phrase\"    these words in this order\n"
		"  title:word    in one field: title:, author:, place: (also with a phrase)\n"
		"  +word         required        -word   excluded\n"
		"Other words are joined with OR: the most and rarest matches rank first.\n"
		"\n"
		"Exit status: 0 results or none, 1 error, 2 usage or a bad query.\n",
		progname, QUERY_DEFAULT_TITLE_BOOST, QUERY_DEFAULT_AUTHOR_BOOST,
		QUERY_DEFAULT_PLACE_BOOST);
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

static const char *field(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/* The ids of the other copies of the current hit (same digest), joined
 * with ", ": malloc'ed, owned by the caller; NULL when there are none. */
static char *other_copies(dx_db_t *db, dx_hits_t *hits, const char *own_id)
{
	char *digest = NULL, *out = NULL, term[64];
	size_t dlen, olen = 0;
	dx_query_t *q = NULL;
	dx_hits_t *h = NULL;
	dx_search_opts_t so;

	if (dx_hits_collapse_count(hits) == 0 ||
	    dx_hits_value(hits, DL_VALUE_DIGEST, &digest, &dlen) != DX_OK || dlen == 0)
		goto out;
	snprintf(term, sizeof(term), "%s%s", DL_PREFIX_DIGEST, digest);
	dx_search_opts_init(&so);
	so.count = 20;
	if (dx_query_term(term, 1, &q) != DX_OK || dx_db_search(db, q, &so, &h) != DX_OK)
		goto out;
	for (; dx_hits_valid(h); dx_hits_move_to_next(h)) {
		char *data;
		size_t len;
		if (dx_hits_data(h, &data, &len) != DX_OK)
			continue;
		json_t *o = json_loadb(data, len, 0, NULL);
		const char *id = json_string_value(json_object_get(o, DL_KEY_ID));
		if (id && (!own_id || strcmp(id, own_id) != 0)) {
			size_t n = strlen(id);
			char *p = realloc(out, olen + n + 3);
			if (p) {
				out = p;
				if (olen) {
					memcpy(out + olen, ", ", 2);
					olen += 2;
				}
				memcpy(out + olen, id, n + 1);
				olen += n;
			}
		}
		json_decref(o);
		free(data);
	}
out:
	dx_hits_destroy(h);
	dx_query_destroy(q);
	free(digest);
	return out;
}

/* Print the hits of one search. Returns 0, or 1 on an error. */
static int print_hits(dx_db_t *db, dx_hits_t *hits, const query_t *q,
		      an_stemmer_t *st, const output_style_t *style)
{
	for (; dx_hits_valid(hits); dx_hits_move_to_next(hits)) {
		char *data;
		size_t len;
		json_error_t jerr;
		if (dx_hits_data(hits, &data, &len) != DX_OK) {
			fprintf(stderr, "%s: cannot read a hit: %s\n", progname, dx_last_error());
			return 1;
		}
		json_t *o = json_loadb(data, len, 0, &jerr);
		free(data);
		if (!o || !json_is_object(o)) {
			fprintf(stderr, "%s: document %u: stored data is not valid: %s\n",
				progname, dx_hits_docid(hits), jerr.text);
			json_decref(o);
			continue;
		}
		const char *title = field(o, DL_KEY_TITLE);
		const char *body = field(o, DL_KEY_BODY);
		char *dups = other_copies(db, hits, field(o, DL_KEY_ID));
		hit_fields_t h = { field(o, DL_KEY_ID), field(o, DL_KEY_AUTHOR),
				   field(o, DL_KEY_DATE), field(o, DL_KEY_PLACE),
				   field(o, DL_KEY_SOURCE), dups };
		snippet_t ts = { 0 }, bs = { 0 };
		int rc = 0;
		if (title)
			rc = snippet_highlight_all(title, strlen(title), q, st, &ts);
		if (rc == 0 && body)
			rc = snippet_make(body, strlen(body), q, st, SNIPPET_DEFAULT_FRAGMENTS,
					  SNIPPET_FRAGMENT_BYTES, &bs);
		if (rc == 0)
			output_hit(stdout, style, dx_hits_rank(hits) + 1, dx_hits_weight(hits),
				   &h, &ts, &bs);
		snippet_free(&ts);
		snippet_free(&bs);
		free(dups);
		json_decref(o);
		if (rc != 0) {
			fprintf(stderr, "%s: out of memory\n", progname);
			return 1;
		}
	}
	return 0;
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
		{ "color", required_argument, NULL, 'C' },
		{ "colour", required_argument, NULL, 'C' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	options_t o = { getenv("DATELINE_DB"), 10, 0,
			{ QUERY_DEFAULT_TITLE_BOOST, QUERY_DEFAULT_AUTHOR_BOOST,
			  QUERY_DEFAULT_PLACE_BOOST },
			1.2, 0.75, -1 };
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
		case 'h': usage(stdout); return 0;
		case 'V': printf("%s %s\n", progname, DATELINE_VERSION); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (optind >= argc) {
		fprintf(stderr, "%s: no QUERY given\n", progname);
		usage(stderr);
		return 2;
	}
	output_style_t style = { o.color };
	if (o.color < 0) {
		const char *nc = getenv("NO_COLOR");
		style.color = isatty(STDOUT_FILENO) && !(nc && *nc);
	}

	dx_db_t *db = NULL;
	an_stemmer_t *st = NULL;
	char *lang = NULL, *text = NULL;
	query_t q = { 0 };
	dx_hits_t *hits = NULL;

	dx_status_t rc = dx_db_open_read(o.dbpath, &db);
	if (rc != DX_OK) {
		fprintf(stderr, "%s: %s: %s%s\n", progname, o.dbpath, dx_status_to_string(rc),
			rc == DX_ERR_DB_NOT_FOUND ? " (run dateline-index first)" : "");
		return 1;
	}
	if (dx_db_get_metadata(db, DL_META_LANGUAGE, &lang) != DX_OK) {
		fprintf(stderr, "%s: %s: %s\n", progname, o.dbpath, dx_last_error());
		status = 1;
		goto out;
	}
	st = an_stemmer_new(*lang ? lang : AN_DEFAULT_LANGUAGE);
	if (!st) {
		fprintf(stderr, "%s: %s: the index's language '%s' cannot be stemmed\n",
			progname, o.dbpath, lang);
		status = 1;
		goto out;
	}
	text = join_args(argc - optind, argv + optind);
	if (!text) {
		fprintf(stderr, "%s: out of memory\n", progname);
		status = 1;
		goto out;
	}
	int qrc = query_parse(text, st, &o.boosts, &q, err, sizeof(err));
	if (qrc != 0) {
		fprintf(stderr, "%s: query: %s\n", progname, err);
		status = qrc == -1 ? 2 : 1;
		goto out;
	}

	dx_search_opts_t so;
	dx_search_opts_init(&so);
	so.k1 = o.k1;
	so.b = o.b;
	so.offset = o.offset;
	so.count = o.n;
	/* Counts up to this are exact; above it Xapian estimates. */
	so.check_at_least = 100;
	/* A report filed twice (byte-identical) is shown once. */
	so.collapse = 1;
	so.collapse_slot = DL_VALUE_DIGEST;
	rc = dx_db_search(db, q.query, &so, &hits);
	if (rc == DX_ERR_DB_MODIFIED && dx_db_reopen(db) == DX_OK)
		rc = dx_db_search(db, q.query, &so, &hits);
	if (rc != DX_OK) {
		fprintf(stderr, "%s: %s: search failed: %s\n", progname, o.dbpath,
			dx_last_error());
		status = 1;
		goto out;
	}
	uint32_t est = dx_hits_estimated(hits);
	if (est == 0) {
		printf("No articles match.\n");
	} else {
		printf("%s%u article%s match; showing %u-%u.\n\n",
		       dx_hits_estimate_exact(hits) ? "" : "About ", est,
		       est == 1 ? "" : "s", dx_hits_size(hits) ? o.offset + 1 : 0,
		       o.offset + dx_hits_size(hits));
		status = print_hits(db, hits, &q, st, &style);
	}
out:
	dx_hits_destroy(hits);
	query_free(&q);
	free(text);
	free(lang);
	an_stemmer_destroy(st);
	dx_db_close(db);
	return status;
}
