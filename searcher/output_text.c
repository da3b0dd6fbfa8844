/* output_text.c - printing results for people (see output.h). */
#include <stdlib.h>
#include <string.h>

#include "../util/safeprint.h"
#include "../analysis/schema.h"
#include "output.h"

#define BOLD "\033[1m"
#define DIM "\033[2m"
#define RESET "\033[0m"

/* Print text with its highlighted ranges in bold (when style->color). */
static void put_highlighted(FILE *f, const output_style_t *style,
			    const snippet_t *s)
{
	size_t p = 0, len = strlen(s->text);
	for (size_t i = 0; i < s->nranges; i++) {
		const snippet_range_t *r = &s->ranges[i];
		safe_write(f, s->text + p, r->start - p);
		if (style->color)
			fputs(BOLD, f);
		else if (style->open)
			fputs(style->open, f);
		safe_write(f, s->text + r->start, r->end - r->start);
		if (style->color)
			fputs(RESET, f);
		else if (style->close)
			fputs(style->close, f);
		p = r->end;
	}
	safe_write(f, s->text + p, len - p);
}

void output_hit(FILE *f, const output_style_t *style, unsigned rank,
		double score, const hit_fields_t *h, const snippet_t *title,
		const snippet_t *snip)
{
	const char *parts[5] = { h->author, h->date, h->place, h->source, h->id };
	const char *sep = "";

	fprintf(f, "%2u. ", rank);
	if (title && title->text && *title->text)
		put_highlighted(f, style, title);
	else
		fputs("(no title)", f);
	fputs("\n    ", f);
	if (style->color)
		fputs(DIM, f);
	for (size_t i = 0; i < 5; i++) {
		if (!parts[i] || !*parts[i])
			continue;
		fputs(sep, f);
		safe_puts(f, parts[i]);
		sep = " \xC2\xB7 ";  /* middle dot */
	}
	fprintf(f, "%sscore %.2f", sep, score);
	if (style->color)
		fputs(RESET, f);
	fputc('\n', f);
	if (h->shares && *h->shares) {
		fputs("    shares: ", f);
		safe_puts(f, h->shares);
		fputc('\n', f);
	}
	if (h->duplicates && *h->duplicates) {
		fputs("    also at: ", f);
		safe_puts(f, h->duplicates);
		fputc('\n', f);
	}
	if (snip && snip->text && *snip->text) {
		fputs("    ", f);
		put_highlighted(f, style, snip);
		fputc('\n', f);
	}
	fputc('\n', f);
}

/* Strings joined with ", " (malloc'ed), or NULL when there are none. */
static char *join(char *const *v, size_t n)
{
	size_t len = 1;
	if (!n)
		return NULL;
	for (size_t i = 0; i < n; i++)
		len += strlen(v[i]) + 2;
	char *out = malloc(len);
	if (!out)
		return NULL;
	out[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		if (i)
			strcat(out, ", ");
		strcat(out, v[i]);
	}
	return out;
}

static void print_hits(FILE *f, const output_style_t *style, const search_result_t *res)
{
	for (size_t i = 0; i < res->nhits; i++) {
		const search_hit_t *h = &res->hits[i];
		if (h->problem)
			continue;
		char *copies = join(h->copies, h->ncopies);
		char *shares = join(h->shares, h->nshares);
		hit_fields_t hf = { h->id, dl_record_get(h->rec, DL_F_AUTHOR),
				    dl_record_get(h->rec, DL_F_DATE), dl_record_get(h->rec, DL_F_PLACE),
				    dl_record_get(h->rec, DL_F_SOURCE), copies, shares };
		output_hit(f, style, h->rank, h->score, &hf, &h->title, &h->snippet);
		free(shares);
		free(copies);
	}
}

/* "showing 1-10." of the hits shown; with none shown (an offset past the
 * last match), what the offset skipped. */
static void print_shown(FILE *f, const search_result_t *res)
{
	if (res->nhits)
		fprintf(f, "showing %u-%u.\n\n", res->offset + 1,
			res->offset + (unsigned)res->nhits);
	else
		fprintf(f, "--offset %u skips them all.\n\n", res->offset);
}

void output_text_facets(FILE *f, const search_result_t *res)
{
	fprintf(f, "Facets of the best %zu matches:\n", res->facet_docs);
	for (int k = 0; k < SEARCH_NFACETS; k++) {
		if (!res->nfacets[k])
			continue;
		fprintf(f, "  %-8s", search_facet_words[k]);
		for (size_t i = 0; i < res->nfacets[k]; i++) {
			fputs(i ? ", " : " ", f);
			safe_puts(f, res->facets[k][i].name);
			fprintf(f, " (%u)", res->facets[k][i].count);
		}
		fputc('\n', f);
	}
}

void output_text_result(FILE *f, const output_style_t *style, const char *qid,
			const search_result_t *res)
{
	if (res->suggestion && res->corrected) {
		if (qid)
			fprintf(f, "Query %s: ", qid);
		fputs("No articles match. Showing results for: ", f);
		safe_puts(f, res->suggestion);
		fputc('\n', f);
	} else if (res->suggestion) {
		fputs("Did you mean: ", f);
		safe_puts(f, res->suggestion);
		fputs("?\n", f);
	}
	if (res->reading && res->read) {
		char notes[512];
		query_reading_describe(res->reading, notes, sizeof(notes));
		if (qid)
			fprintf(f, "Query %s: ", qid);
		fputs("Searched for: ", f);
		safe_puts(f, res->read);
		fprintf(f, " (%s)\n", notes);
	}
	if (qid)
		fprintf(f, "Query %s: ", qid);
	if (res->total == 0) {
		fputs("No articles match.\n", f);
	} else {
		fprintf(f, "%s%u %s; ", res->exact ? "" : "About ", res->total,
			res->total == 1 ? "article matches" : "articles match");
		print_shown(f, res);
		print_hits(f, style, res);
	}
	if (res->has_facets)
		output_text_facets(f, res);
}

void output_text_related(FILE *f, const output_style_t *style, const search_result_t *res)
{
	if (res->total == 0) {
		fputs("No related articles.\n", f);
	} else {
		fprintf(f, "%s%u related article%s; ", res->exact ? "" : "About ", res->total,
			res->total == 1 ? "" : "s");
		print_shown(f, res);
	}
	print_hits(f, style, res);
	if (res->has_facets)
		output_text_facets(f, res);
}

void output_text_count(FILE *f, const char *qid, const search_result_t *res)
{
	if (qid)
		fprintf(f, "%s\t", qid);
	fprintf(f, "%u\n", res->corrected ? 0 : res->total);
}

void output_text_count_suggestion(FILE *f, const char *progname, const char *qid,
				  const search_result_t *res)
{
	if (!res->suggestion)
		return;
	fprintf(f, "%s: %s%s%sdid you mean: ", progname, qid ? "query " : "", qid ? qid : "",
		qid ? ": " : "");
	safe_puts(f, res->suggestion);
	if (res->corrected)
		fprintf(f, "? (%u %s it)\n", res->total,
			res->total == 1 ? "article matches" : "articles match");
	else
		fputs("?\n", f);
}

void output_text_article(FILE *f, const dl_record_t *r)
{
	/* The stored strings, then the lists, in table order. */
	for (size_t k = 0; k < DL_NFIELDS; k++) {
		const char *v = dl_fields[k].flags & DL_FIELD_LIST || k == DL_F_BODY
				? NULL : dl_record_get(r, (enum dl_field_id)k);
		if (!v)
			continue;
		fprintf(f, "%-9s", dl_fields[k].key);
		safe_puts(f, v);
		fputc('\n', f);
	}
	for (size_t k = 0; k < DL_NFIELDS; k++) {
		size_t n = dl_fields[k].flags & DL_FIELD_LIST ? dl_record_count(r, (enum dl_field_id)k)
							      : 0;
		if (!n)
			continue;
		fprintf(f, "%-8s ", dl_fields[k].key);
		for (size_t i = 0; i < n; i++) {
			const char *v = dl_record_item(r, (enum dl_field_id)k, i);
			fputs(i ? ", " : "", f);
			safe_puts(f, v ? v : "");
		}
		fputc('\n', f);
	}
	const char *body = dl_record_get(r, DL_F_BODY);
	if (body) {
		/* The body keeps its lines; other controls go. */
		fputc('\n', f);
		for (const char *p = body, *nl; *p; p = nl + 1) {
			nl = strchr(p, '\n');
			if (!nl)
				nl = p + strlen(p) - 1;
			safe_write(f, p, (size_t)(nl - p + (*nl != '\n')));
			fputc('\n', f);
		}
	}
}
