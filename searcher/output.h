/*
 * output.h - printing hits for people (a terminal or a pager).
 */
#ifndef DATELINE_OUTPUT_H
#define DATELINE_OUTPUT_H

#include <stdio.h>

#include "snippet.h"

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

#endif /* DATELINE_OUTPUT_H */
