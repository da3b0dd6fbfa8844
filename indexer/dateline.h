/*
 * dateline.h - the place a news story was filed from, as the first words
 * of its text give it: "ROTTERDAM, Nov 19 (Reuters) - ...", "BUFFALO, N.Y.
 * — ...", "Reykjavik (AP) — ...". Reuters-21578 files carry it in an
 * element of its own (read_reuters.c); every other format (HTML pages,
 * pages saved as text, feeds, mail, web archives) has it at the head of
 * the body, and indexer/ingest.c takes it from there when the reader
 * found no place.
 */
#ifndef DATELINE_DATELINE_H
#define DATELINE_DATELINE_H

#include "article.h"

/* How far into the body a dateline is looked for: its first this many
 * paragraphs (a byline, a photo's caption and credit, an update time, the
 * headline again may come before it; a page's extraction keeps some of
 * them), up to the first that reads as the story's text: one of
 * DATELINE_TEXT_BYTES or more. */
#define DATELINE_PARAGRAPHS 10
#define DATELINE_TEXT_BYTES 400
/* Most bytes of a dateline before its dash. */
#define DATELINE_MAX_BYTES 120

/*
 * Look at the start of the first paragraphs of body (lines, as above)
 * for a dateline: a place of one to four words, perhaps
 * a region and a date after commas, perhaps an agency in parentheses, then
 * a dash. Without an agency the place must be written in capitals (the
 * wire's convention; a capitalised phrase before a dash is too often
 * something else) and must not be a label such as BREAKING or UPDATE.
 * *place gets the place and region as people write them ("Rotterdam",
 * "Buffalo, N.Y.", "San Francisco": a word in capitals is given capital
 * and small letters; the date and the agency are left out), or NULL when
 * there is no dateline. The string is malloc'ed and the caller's. Returns
 * 0, or -1 when out of memory.
 */
int dateline_find(const char *body, char **place);

/* a->place, when the reader found none, from a->body's dateline (the
 * indexer and make eval's entities-dump call it after reading). Returns
 * 0, or -1 when out of memory. */
int article_dateline(article_t *a);

#endif /* DATELINE_DATELINE_H */
