/* output.c - printing hits for people (see output.h). */
#include <string.h>

#include "../util/safeprint.h"
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
