/*
 * byline.h - the author and the date an HTML page shows in its text: a
 * byline near the headline ("By Ana Swanson", "Posted by Vortex",
 * "Lisa Kaczke and Trevor J. Mitchell"), an author's profile link, a
 * visible date line ("Published 10:02 AM EST Nov 19, 2019"), for pages
 * whose <meta> tags and JSON-LD name none (indexer/read_html.c reads those
 * first: metadata wins when it is there and plausible).
 */
#ifndef DATELINE_BYLINE_H
#define DATELINE_BYLINE_H

#include <libxml/tree.h>

/* Most bytes of an element's text read as a byline or a date line;
 * longer text is a paragraph, not a byline. */
#define BYLINE_MAX_TEXT 160
/* Most words of a name read from a byline (several authors joined by
 * "and" included). */
#define BYLINE_MAX_WORDS 10

/*
 * Look through the page under root, in document order and outside
 * comments, forms, scripts and navigation, for the first element whose
 * class, id, itemprop or rel says author or byline and whose text reads as
 * a name (*author, when it is NULL), and the first <time> or element whose
 * class or id says date, published or time and whose text holds a date
 * (*date, as ISO 8601, when it is NULL). The strings are malloc'ed and
 * owned by the caller. Returns 0, or -1 when out of memory.
 */
int byline_find(const xmlNode *root, char **author, char **date);

/* A byline's text as a name: "By Sandee LaMotte, CNN 1 day ago" gives
 * "Sandee LaMotte"; NULL when it does not read as one (malloc'ed; *oom set
 * when out of memory). For tests. */
char *byline_name(const char *text, int *oom);

#endif /* DATELINE_BYLINE_H */
