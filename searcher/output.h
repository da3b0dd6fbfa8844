/*
 * output.h - printing search results, one module per mode:
 *
 *   output_text.c   for people: a terminal or a pager
 *   output_json.c   one JSON object per line (also the objects of
 *                   dateline-serve's HTTP API)
 *   output_trec.c   TREC run lines for relevance evaluation
 *
 * The results come from searcher/search.h; nothing here searches.
 */
#ifndef DATELINE_OUTPUT_H
#define DATELINE_OUTPUT_H

#include <stdio.h>

#include <jansson.h>

#include "search.h"
#include "snippet.h"

/* --- output_text.c ----------------------------------------------------- */

/* The stored fields of a hit (borrowed strings, NULL when unknown). */
typedef struct {
	const char *id;
	const char *author;
	const char *date;
	const char *place;
	const char *source;
	const char *duplicates;  /* ids of byte-identical copies, ", "-joined */
	const char *shares;      /* --related: the people and places in common */
} hit_fields_t;

/* How highlights are shown: bold on a terminal; elsewhere the marks given
 * with --marks, or nothing. */
typedef struct {
	int color;
	const char *open;   /* --marks: before a highlight, or NULL */
	const char *close;  /* after it */
} output_style_t;

/*
 * Print one hit: "rank. title", a line of author · date · place · source ·
 * id, and the snippet. Every string from the document goes through
 * safeprint, so no control character of a document reaches the terminal.
 */
void output_hit(FILE *f, const output_style_t *style, unsigned rank,
		double score, const hit_fields_t *h, const snippet_t *title,
		const snippet_t *snip);

/* A search's results for people: the did-you-mean line, the count line
 * ("24 articles match; showing 1-10."), the hits and the facets. qid
 * (NULL from the command line) names a --batch query. */
void output_text_result(FILE *f, const output_style_t *style, const char *qid,
			const search_result_t *res);

/* --related's results: "3 related articles; showing 1-3." and the hits
 * with what they share. */
void output_text_related(FILE *f, const output_style_t *style,
			 const search_result_t *res);

/* --count: the number of matching articles ("qid<TAB>" before it in a
 * batch). */
void output_text_count(FILE *f, const char *qid, const search_result_t *res);

/* Beside --count, for the person reading it: "PROG: did you mean:
 * Sevastopol? (4 articles match it)" when there is a suggestion (the
 * count printed stays the query's own, 0 then). */
void output_text_count_suggestion(FILE *f, const char *progname, const char *qid,
				  const search_result_t *res);

/* --show: every field of an article, then its body. */
void output_text_article(FILE *f, const dl_record_t *rec);

/* The facets: "Facets of the best 24 matches:" and a line per kind. */
void output_text_facets(FILE *f, const search_result_t *res);

/* --- output_json.c ------------------------------------------------------ */

/* A hit as a JSON object (new reference): qid (when not NULL), rank,
 * score, the stored fields but the body, the snippet and its highlights
 * as [start, end) byte ranges, duplicates, shares. */
json_t *output_json_hit(const char *qid, const search_hit_t *h);

/* {"facets": {"persons": [{"name":, "count":}...], "organisations":,
 * "places":, "authors":, "months":}} (new reference). */
json_t *output_json_facets(const search_result_t *res);

/* --show --json: the record as stored, on one line. Returns 0, or -1 on
 * an error. */
int output_json_article(FILE *f, const dl_record_t *rec);

/* The record as stored, its strings clean of control characters (its
 * body keeps its line breaks): a new reference, NULL when out of memory. */
json_t *output_json_record(const dl_record_t *rec);

/* A copy of o (consumed) with no control character in its strings, as
 * every JSON line printed: a new reference (NULL when o is NULL). */
json_t *output_json_cleaned(json_t *o);

/* {"searched_for": the query as read, "reading": the notes of query.h's
 * query_reading_describe()} (qid when not NULL) when the parser did not
 * read the query as written; NULL otherwise. A new reference. */
json_t *output_json_reading(const char *qid, const search_result_t *res);

/* Print the hits of a search a line each (first, when the query was not
 * read as written, the reading's line), then the facets' line when
 * asked for, then, when there is a suggestion, a line {"did_you_mean":
 * the query corrected, "corrected": whether the hits printed are its
 * (nothing matched the query as written), "total": the matches of the
 * query the hits are of, "exact": whether total is exact} (with "qid" in
 * a batch). */
void output_json_result(FILE *f, const char *qid, const search_result_t *res);

/* Print one object on a line. */
void output_json_line(FILE *f, json_t *o);

/* --- output_trec.c ------------------------------------------------------ */

/* TREC run lines: "qid Q0 id rank score dateline". */
void output_trec_result(FILE *f, const char *qid, const search_result_t *res);

#endif /* DATELINE_OUTPUT_H */
